"""Other site engines on this project (docs/site.md, "Site engines and Material's end of life").

ProperDocs (a drop-in fork of MkDocs 1.6) must build the same site as MkDocs, byte for byte apart
from the generator tag. The page tree (``handbook pages``) built by plain MkDocs without the plugin
gives the same pages with the same bodies; only changed files are rewritten. Zensical ignores the
handbook plugin (it builds only the hand-written pages from mkdocs.yml), but builds the page tree."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run_cli

sys.path.insert(0, str(ROOT))
from benchmarks.preview_bench import copy_project  # noqa: E402

GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')
ARTICLE = re.compile(r'<article class="hb-doc.*?</article>', re.S)
TITLE = re.compile(r"<title>.*?</title>", re.S)
TOC = re.compile(r'<nav class="md-nav md-nav--secondary"[^>]*>(.*?)</nav>', re.S)
TOC_ENTRY = re.compile(r'<a href="(#[^"]*)" class="md-nav__link">(.*?)</a>', re.S)
ZENSICAL = Path(sys.executable).with_name("zensical")


def _run(command: list[str], project: Path) -> None:
    proc = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=900,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): GENERATOR_TAG.sub(b"", p.read_bytes())
            for p in sorted(site.rglob("*")) if p.is_file() and p.suffix != ".gz"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(a copy of this project, its site built by MkDocs with the handbook plugin)."""
    tmp = tmp_path_factory.mktemp("engines")
    project = copy_project(tmp / "project")
    _run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp / "mkdocs")], project)
    return project, tmp / "mkdocs"


@pytest.mark.skipif(importlib.util.find_spec("properdocs") is None,
                    reason="ProperDocs is not installed (make setup-test installs the pinned version from pyproject.toml)")
def test_properdocs_builds_the_same_site_as_mkdocs(built: tuple[Path, Path], tmp_path: Path) -> None:
    project, mkdocs_site = built
    _run([sys.executable, "-m", "properdocs", "build", "-d", str(tmp_path / "properdocs")], project)
    ours, theirs = _files(mkdocs_site), _files(tmp_path / "properdocs")
    pages = [name for name in ours if name.endswith("index.html")]
    assert len(pages) > 140  # every procedure, form, role … page
    assert ours.keys() == theirs.keys()
    differ = [name for name in ours if ours[name] != theirs[name]]
    assert not differ, differ[:5]
    tag = GENERATOR_TAG.search((tmp_path / "properdocs" / "index.html").read_bytes())
    assert tag and b"ProperDocs" in tag.group(0)  # it really was ProperDocs that built it
    procedure = (tmp_path / "properdocs" / "procedures" / "community-culture" / "index.html").read_text(encoding="utf-8")
    assert "社区文化工作制度及活动组织程序" in procedure and 'id="annual-plan"' in procedure
    assert b'"location"' in theirs["search/search_index.json"]


@pytest.fixture(scope="module")
def tree(built: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``handbook pages --out`` of the project copy."""
    project, _ = built
    out = tmp_path_factory.mktemp("tree") / "pages"
    result = run_cli("--project", str(project), "pages", "--out", str(out))
    assert result.code == 0, result.err
    return out


def _pages(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("index.html")}


def _toc(html: str) -> list[tuple[str, str]]:
    """The table of contents the theme shows beside the page: (anchor, text) of each entry."""
    navs = TOC.findall(html)
    return [(anchor, " ".join(re.sub(r"<[^>]*>", "", text).split())) for anchor, text in
            TOC_ENTRY.findall(navs[-1])] if navs else []


def _article(html: str) -> str | None:
    """The page body as the browser reads it: the tree opens the elements holding headings with a
    self-closing tag (``<div class="hb-sections" />``, the slash ignored) and adds blank lines."""
    found = ARTICLE.search(html)
    return found and re.sub(r">\s+<", "><", re.sub(r"<(\w+)([^<>]*?) />", r"<\1\2>", found.group(0)))


def _same_tocs(ours: dict[str, str], theirs: dict[str, str]) -> None:
    """Every page's table of contents is the plugin build's; most pages have one (procedures,
    forms, roles, departments, sites …: every kind of page with sections)."""
    differ = [name for name in ours if _toc(ours[name]) != _toc(theirs[name])]
    assert not differ, [(name, _toc(ours[name])[:3], _toc(theirs[name])[:3]) for name in differ[:3]]
    kinds = {name.split("/")[0] for name in ours if _toc(ours[name])}
    assert {"procedures", "instructions", "forms", "price-lists", "roles", "departments", "sites", "rules",
            "revisions"} <= kinds, kinds
    assert sum(bool(_toc(html)) for html in ours.values()) > 130


def test_page_tree_built_by_plain_mkdocs_gives_the_same_pages(built: tuple[Path, Path], tree: Path,
                                                               tmp_path: Path) -> None:
    _, mkdocs_site = built
    page = (tree / "docs" / "procedures" / "community-culture" / "index.md").read_text(encoding="utf-8")
    assert page.startswith("---\ntitle: 社区文化工作制度及活动组织程序\ntemplate: procedure.html\n")
    config = yaml.load((tree / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    assert config["plugins"] == ["search", "offline"] and config["docs_dir"] == "docs"
    _run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "plain")], tree)
    ours, plain = _pages(mkdocs_site), _pages(tmp_path / "plain")
    assert len(ours) > 140 and plain.keys() == ours.keys(), sorted(plain.keys() ^ ours.keys())[:5]
    for name, html in ours.items():
        assert _article(html) == _article(plain[name]), name
        assert TITLE.findall(html) == TITLE.findall(plain[name]), name
    _same_tocs(ours, plain)
    # assets and vendor copies too; not the search (without the plugin: the theme's own index and worker)
    # nor the build stamp the plugin writes
    def others(site: Path) -> set[str]:
        return {n for n in _files(site) if not n.startswith(("search/", "assets/javascripts/workers/", ".handbook"))}
    assert others(mkdocs_site) == others(tmp_path / "plain")


@pytest.mark.skipif(importlib.util.find_spec("properdocs") is None,
                    reason="ProperDocs is not installed (make setup-test installs the pinned version from pyproject.toml)")
def test_page_tree_built_by_properdocs_has_the_same_tables_of_contents(built: tuple[Path, Path], tree: Path,
                                                                       tmp_path: Path) -> None:
    _, mkdocs_site = built
    _run([sys.executable, "-m", "properdocs", "build", "-d", str(tmp_path / "properdocs")], tree)
    ours, theirs = _pages(mkdocs_site), _pages(tmp_path / "properdocs")
    assert theirs.keys() == ours.keys(), sorted(ours.keys() ^ theirs.keys())[:5]
    assert all(_article(html) == _article(theirs[name]) for name, html in ours.items())
    _same_tocs(ours, theirs)


def test_page_tree_headings_keep_their_text_and_ids_through_markdown() -> None:
    """Heading text that Markdown would read as markup (emphasis, links, a closing #, attr_list
    braces, entities) comes out as it went in, in the table of contents too; the page keeps its DOM."""
    import markdown

    from generator.render.site.mdform import markdown_body
    from generator.render.site.tree import TOC

    def heading(level: int, ident: str, text: str) -> str:
        return f'<h{level} id="{ident}">{text}<a class="headerlink" href="#{ident}" title="本节链接">¶</a></h{level}>'

    texts = ["A*B*_c_ [x](y) `z` #1", "价格 &amp; 收费 &lt;说明&gt; {#not-id} !", "1. 编号 - 列表 + 项 | 表 \\ 斜"]
    body = ('<article class="hb-doc">\n' + heading(1, "top", "标题") + '\n<p class="k">说明</p>\n'
            '<div class="hb-sections">\n' + "\n<p>段落</p>\n".join(heading(2, f"s{n}", t) for n, t in enumerate(texts))
            + '\n<table><tr><td>1</td></tr></table>\n</div>\n</article>')
    md = markdown.Markdown(extensions=["attr_list", "toc", "tables"], extension_configs={"toc": TOC})
    html = md.convert(markdown_body(body))
    assert _article(html) == _article(body)
    tokens = md.toc_tokens  # type: ignore[attr-defined]
    assert [t["id"] for t in tokens[0]["children"]] == ["s0", "s1", "s2"] and tokens[0]["id"] == "top"
    assert markdown_body("<p>没有标题</p>") == "<p>没有标题</p>"


def test_page_tree_with_search_gives_plain_mkdocs_and_properdocs_the_handbooks_search(
        built: tuple[Path, Path], tmp_path: Path) -> None:
    """``handbook pages --search``: the site built by plain MkDocs (and ProperDocs) over the tree has the
    plugin build's search index, its offline copy and the handbook's worker, byte for byte."""
    project, mkdocs_site = built
    tree = tmp_path / "tree"
    result = run_cli("--project", str(project), "pages", "--search", "--out", str(tree))
    assert result.code == 0, result.err
    engines = {"mkdocs": [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "mkdocs")]}
    if importlib.util.find_spec("properdocs") is not None:
        engines["properdocs"] = [sys.executable, "-m", "properdocs", "build", "-q", "-d", str(tmp_path / "properdocs")]
    ours = _files(mkdocs_site)
    searched = {n: body for n, body in ours.items() if n.startswith(("search/", "assets/javascripts/workers/"))}
    assert set(searched) >= {"search/search_index.json", "search/search_index.js"} and len(searched) == 3, searched.keys()
    for name, command in engines.items():
        _run(command, tree)
        theirs = _files(tmp_path / name)
        assert {n: theirs.get(n) for n in searched} == searched, name
        assert not [n for n in theirs if n.startswith("assets/javascripts/workers/") and n not in searched], name
    again = run_cli("--project", str(project), "pages", "--out", str(tree))  # without --search: its files go
    assert again.code == 0 and not (tree / "handbook-search").exists()
    assert "hooks" not in yaml.safe_load((tree / "mkdocs.yml").read_text(encoding="utf-8"))


def test_page_tree_rewrites_only_changed_files(built: tuple[Path, Path], tree: Path) -> None:
    project, _ = built
    again = run_cli("--project", str(project), "pages", "--out", str(tree))
    assert again.code == 0 and "写入 0 个文件" in again.out, again.out
    source = project / "procedures" / "community-culture.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("每次活动填写", "每次活动都填写"), encoding="utf-8")
    try:
        edited = run_cli("--project", str(project), "pages", "--out", str(tree))
    finally:
        source.write_text(text, encoding="utf-8")
    written = re.search(r"写入 (\d+) 个文件", edited.out)
    assert written and 1 <= int(written.group(1)) <= 5, edited.out
    assert "每次活动都填写" in (tree / "docs" / "procedures" / "community-culture" / "index.md").read_text(encoding="utf-8")
    assert run_cli("--project", str(project), "pages", "--out", str(tree)).code == 0  # back as it was


def test_page_tree_renders_again_only_what_an_edit_can_change(tmp_path: Path) -> None:
    """A tree written over the last one equals a tree written from scratch, after a step edit (a few
    bodies rendered), a title edit and a glossary edit (every body)."""
    from generator.context import make_context
    from generator.render.site.tree import write_tree

    project = copy_project(tmp_path / "project")
    tree = tmp_path / "tree"
    pages = write_tree(make_context(project), tree).rendered
    source = project / "procedures" / "community-culture.yaml"
    edits = [(source, "每次活动填写", "每次活动都填写", True),
             (source, "title: 社区文化工作制度及活动组织程序", "title: 社区文化活动组织程序", True),
             (project / "glossary.yaml", "分为有偿便民服务和无偿便民服务", "分为有偿和无偿两类便民服务", False)]
    for n, (path, old, new, few) in enumerate(edits):
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        rendered = write_tree(make_context(project), tree).rendered
        assert (rendered < pages - 40) is few and (few or rendered == pages), (old, rendered, pages)
        fresh = tmp_path / f"fresh{n}"
        write_tree(make_context(project), fresh)
        ours, expected = _files(tree), _files(fresh)
        ours.pop(".handbook-pages.json")
        expected.pop(".handbook-pages.json")
        assert ours.keys() == expected.keys()
        assert not [name for name in ours if ours[name] != expected[name]], old


def test_page_records_and_handbook_pages_import_no_mkdocs(tmp_path: Path) -> None:
    """The page records (and ``handbook pages``, which writes them) need no MkDocs: the plugin is only
    an adapter over them (docs/site.md, "How the plugin works")."""
    code = ("import sys; import generator.render.site.records, generator.render.site.setup\n"
            "from generator.cli import main\n"
            "try:\n    code = main(['--project', sys.argv[1], 'pages', '--out', sys.argv[2]])\nexcept SystemExit as e:\n"
            "    code = e.code\nprint('EXIT', code)\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'properdocs'))\n"
            "print('LOADED', ','.join(bad))")
    out = tmp_path / "tree"
    project = copy_project(tmp_path / "project")
    proc = subprocess.run([sys.executable, "-c", code, str(project), str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    lines = proc.stdout.strip().splitlines()
    assert "EXIT 0" in lines and lines[-1] == "LOADED", (proc.stdout[-1500:], proc.stderr[-1500:])
    assert (out / "docs" / "procedures" / "community-culture" / "index.md").is_file() and (out / "nav.yml").is_file()


def test_page_tree_refuses_a_folder_that_is_not_one(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = run_cli("--project", str(ROOT / "tests" / "fixtures" / "mini"), "pages", "--out", str(tmp_path))
    assert result.code == 2 and "已拒绝" in result.err and (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.skipif(not ZENSICAL.exists(), reason="Zensical is not installed (make setup-test installs the pinned version)")
def test_zensical_drops_the_plugin_but_builds_the_page_tree(built: tuple[Path, Path], tree: Path) -> None:
    project, mkdocs_site = built
    # With the project's mkdocs.yml: the handbook plugin is ignored, without a word, only hand-written pages come out.
    _run([str(ZENSICAL), "build", "-f", "mkdocs.yml"], project)
    alone = sorted(str(p.relative_to(project / "site")) for p in (project / "site").rglob("*.html"))
    assert alone == ["404.html", "help/index.html"], alone  # when this fails, Zensical reads the plugin now: re-plan
    # The page tree: every page, the same bodies.
    _run([str(ZENSICAL), "build", "-f", "mkdocs.yml"], tree)
    ours, theirs = _pages(mkdocs_site), _pages(tree / "site")
    assert len(theirs) > 140 and theirs.keys() == ours.keys(), sorted(ours.keys() ^ theirs.keys())[:5]
    name = "procedures/community-culture/index.html"
    page = theirs[name]
    assert all(f'id="{i}"' in page for i in ("annual-plan", "activity-record"))
    assert '<svg class="hb-flow__svg"' in page and "<table" in page and "handbook.css" in page
    assert (tree / "site" / "procedures/community-culture/flowchart.svg").is_file()  # the full-size view
    assert "unpkg.com" not in page  # the local iframe-worker from the tree's config
    _same_tocs(ours, theirs)  # its own markup around each entry, the same entries
    assert "客户需求处理单" in (tree / "site" / "search.json").read_text(encoding="utf-8")  # its own index, not segmented


def test_page_tree_deletes_only_files_it_wrote_and_is_self_contained(tmp_path: Path) -> None:
    """A rerun never deletes a file no run wrote (the user's own), deletes a page file a run wrote
    that is no longer wanted, writes nothing when nothing changed, and the tree builds when moved."""
    from generator.context import make_context
    from generator.render.site.tree import STATE, write_tree

    project = copy_project(tmp_path / "project")
    own = project / "site_overrides" / "pages" / "extra-help.md"
    own.write_text("# 补充说明\n\n临时页面。\n", encoding="utf-8")
    tree = tmp_path / "tree"
    write_tree(make_context(project), tree)
    assert (tree / "docs" / "extra-help.md").is_file()
    mine = [tree / "docs" / "extra.md", tree / "docs" / "procedures" / "mine" / "index.md"]
    for path in mine:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# 我的笔记\n", encoding="utf-8")
    own.unlink()
    again = run_cli("--project", str(project), "pages", "--out", str(tree))
    assert again.code == 0 and "删除 1 个" in again.out, again.out
    assert all(path.read_text(encoding="utf-8") == "# 我的笔记\n" for path in mine)
    assert "docs/extra.md" in again.out and "docs/procedures/mine/index.md" in again.out
    assert not (tree / "docs" / "extra-help.md").exists()  # a run wrote it, its page is gone: deleted
    state = (tree / STATE).stat().st_mtime_ns
    repeat = write_tree(make_context(project), tree)
    assert repeat.written == [] and repeat.removed == [] and (tree / STATE).stat().st_mtime_ns == state
    config = yaml.safe_load((tree / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["custom_dir"] == "overrides" and (tree / "overrides" / "main.html").is_file()
    for path in mine:
        path.unlink()
    moved = tmp_path / "elsewhere" / "tree"
    moved.parent.mkdir()
    tree.rename(moved)
    (project / "site_overrides").rename(tmp_path / "gone")  # the tree must not need the project's copy
    _run([sys.executable, "-m", "mkdocs", "build", "-q"], moved)
    page = (moved / "site" / "procedures" / "community-culture" / "index.html").read_text(encoding="utf-8")
    assert "社区文化工作制度及活动组织程序" in page
