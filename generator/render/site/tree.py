"""The page tree: every page of the site as a Markdown file with front matter, for any engine.

``handbook pages --out DIR`` writes, from a checked build context:

- ``DIR/docs/<page>.md`` for every page: YAML front matter (``title``, ``template``, the page
  meta the theme reads) and the page body as HTML (Markdown passes it through unchanged); the
  hand-written pages of ``docs_dir``, the local browser library and each chart's full-size
  ``flowchart.svg`` beside them (the pages carry their charts inline);
- ``DIR/nav.yml``: the navigation, titles to page paths;
- ``DIR/mkdocs.yml``: the project's configuration without the handbook plugin, pointing at
  ``docs/``, the nav and the project's ``site_overrides``: plain MkDocs, ProperDocs and Zensical
  build it as it is.

Only files whose bytes change are written (an engine watching the tree rebuilds only those); a
repeated run with no change writes nothing. Files a previous run wrote that are no longer wanted
(pages that no longer exist) are deleted; a file the tree holds that no run wrote (the user's own)
is never deleted: it is listed in ``TreeResult.foreign`` and left as it is. The project's
``site_overrides`` (``theme.custom_dir``) is copied into ``DIR/overrides`` and named by a relative
path, so the tree builds wherever it is moved. ``DIR/.handbook-pages.json`` records the files a run
wrote and what it wrote them from (date, mkdocs.yml, each source file's digest and entries, each document's neighbours),
so the next run renders again only the page bodies that can depend on the files changed since
(generator.preview.affected, as the preview does) and keeps the others' files as they are. Links between pages are those of the built
site (``…/index.html``, the offline layout). The pages are the site's records
(generator.render.site.records), the same the MkDocs plugin hands MkDocs: this stage imports no
MkDocs, so the tree can be written where only another engine is installed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.context import BuildContext
from generator.findings import Finding, SourceError
from generator.model import kinds
from generator.model.base import Position
from generator.model.handbook import Key
from generator.preview.affected import affected_by, by_file, is_document_page, neighbours
from generator.render.site.records import EngineSettings, SiteRecords
from generator.render.site.mdform import markdown_body
from generator.render.site.render import compact
from generator.render.site.treesearch import FOLDER as SEARCH_FOLDER
from generator.render.site.treesearch import search_files

MARKER = ".handbook-pages"  # written into the tree; marks a folder ``handbook pages`` may rewrite
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's: the same text, five times faster
OVERRIDES = "overrides"  # the copy of the project's site_overrides inside the tree
TOC = {"permalink": "¶", "permalink_title": "本节链接"}  # headings' permalinks as the plugin writes them (render.py)
STATE = ".handbook-pages.json"  # what the last run wrote from: the next one keeps unaffected page bodies


@dataclass
class TreeResult:
    written: list[str] = field(default_factory=list)
    kept: int = 0
    removed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)  # files in docs/ or overrides/ no run wrote: left alone
    rendered: int = 0  # page bodies rendered (the others were kept: nothing they show changed)
    pages_dir: Path | None = None  # the project's folder of hand-written pages (mkdocs.yml docs_dir)


def write_tree(context: BuildContext, out: Path, search: bool = False) -> TreeResult:
    """Write the page tree of ``context`` into ``out``; SourceError when mkdocs.yml is not YAML (CFG002),
    a site_overrides template does not compile or is gone (CFG008) or Graphviz is missing (CFG007).
    ``search``: also the handbook's own search for plain MkDocs and ProperDocs (treesearch.py), for
    which every page body is rendered (the index reads them all)."""
    from generator.render.site.setup import HELP_PAGE, prepare
    from generator.render.site.themecheck import check_folder

    data = engine_yaml(context.project)
    settings = _settings(context.project, data)
    custom_dir = _custom_dir(context.project, data)
    if custom_dir is not None:  # the tree's engine renders pages in them: CFG008 now, not a failed engine build
        check_folder(custom_dir, context.project, settings.docs_dir)
    records = prepare(context, settings)
    if records.errors:
        raise SourceError(records.errors)
    assert records.index is not None
    state = _state(context, [page.uri for page in records.pages], records.index.backlinks)
    keep = None if search else _unchanged(out, state)
    wanted: dict[str, bytes] = {}
    bodies: dict[str, str] = {}
    for page in records.pages:
        written = out / "docs" / page.uri
        if keep is not None and is_document_page(page.spec.obj) and \
                context.book.key(page.spec.obj) not in keep and written.is_file():
            wanted[f"docs/{page.uri}"] = written.read_bytes()  # its body cannot have changed
            continue
        bodies[page.uri] = records.render(page).html
        wanted[f"docs/{page.uri}"] = page_file(page.meta, bodies[page.uri]).encode()
    hand_written = _hand_written(settings.docs_dir, None if records.help_page else HELP_PAGE)
    for rel, path in hand_written.items():
        wanted[f"docs/{rel}"] = path.read_bytes()
    if search:
        wanted.update(search_files(context.book, records, bodies, hand_written, data))
    wanted.update({f"docs/{uri}": svg.encode() for uri, svg in records.charts().items()})
    wanted.update({f"docs/{uri}": path.read_bytes() for uri, path in records.assets.items()})
    wanted["nav.yml"] = yaml.dump(records.nav, Dumper=DUMPER, allow_unicode=True, sort_keys=False).encode()
    overrides = _overrides(custom_dir, settings.docs_dir)
    wanted.update({f"{OVERRIDES}/{rel}": body for rel, body in overrides.items()})
    folders = sorted({rel.split("/")[1] for rel in wanted if rel.startswith("docs/") and rel.count("/") > 1}
                     | {"assets"})  # the theme's files are under assets/ too
    wanted["mkdocs.yml"] = _engine_config(data, records, bool(overrides), folders, search).encode()
    wanted[MARKER] = b"handbook pages\n"
    result = _sync(out, wanted, _previously_written(out))
    result.rendered = len(bodies)
    result.pages_dir = settings.docs_dir
    state["wrote"] = sorted(wanted)
    body = json.dumps(state, ensure_ascii=False).encode()
    if not (out / STATE).is_file() or (out / STATE).read_bytes() != body:
        (out / STATE).write_bytes(body)
    return result


def page_file(meta: dict[str, Any], body: str) -> str:
    """A page of the tree: YAML front matter, then the body: HTML, which Markdown passes through, with
    its table-of-contents headings as Markdown headings (generator.render.site.mdform)."""
    front = yaml.dump(meta, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n{markdown_body(compact(body)).strip()}\n"


def engine_yaml(project: Path) -> dict[str, Any]:
    """The project's mkdocs.yml as plain data (MkDocs' own tags read as nothing); SourceError CFG002
    at the line and column when it is missing or not YAML."""
    from generator.publish.build import _LenientLoader
    from generator.render.site import config_error

    path = project / "mkdocs.yml"
    if not path.is_file():
        raise SourceError([Finding("CFG002", "mkdocs.yml 不存在:页面树要从它取网站的设置", Position("mkdocs.yml", 1, 1),
                                   hint="从仓库恢复 mkdocs.yml(git checkout mkdocs.yml)")])
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LenientLoader)
    except (yaml.YAMLError, OSError, UnicodeDecodeError) as exc:
        raise SourceError([config_error("mkdocs.yml 无法读取(不是 UTF-8 文本)", exc, path)]) from None
    return data if isinstance(data, dict) else {}


def _plugins(data: dict[str, Any]) -> dict[str, Any]:
    """The plugins of mkdocs.yml by name, with their options ({} when none)."""
    found: dict[str, Any] = {}
    for entry in data.get("plugins") or []:
        if isinstance(entry, dict):
            found.update({str(name): options or {} for name, options in entry.items()})
        else:
            found[str(entry)] = {}
    return found


def _settings(project: Path, data: dict[str, Any]) -> EngineSettings:
    """What the records read of mkdocs.yml: the title, the pages folder, the URL layout, the vendor folder."""
    plugins = _plugins(data)
    options = plugins.get("handbook") if isinstance(plugins.get("handbook"), dict) else {}
    offline = "offline" in plugins or "material/offline" in plugins
    return EngineSettings(str(data.get("site_name") or ""), project / str(data.get("docs_dir") or "docs"),
                          bool(data.get("use_directory_urls", True)) and not offline,
                          (options or {}).get("vendor_dir"))


def _custom_dir(project: Path, data: dict[str, Any]) -> Path | None:
    theme = data.get("theme")
    folder = theme.get("custom_dir") if isinstance(theme, dict) else None
    return project / str(folder) if folder else None


def _hand_written(docs_dir: Path, left_out: str | None) -> dict[str, Path]:
    """The files of the pages folder the engine builds (not hidden ones, nor the page this site leaves out)."""
    if not docs_dir.is_dir():
        return {}
    found = {path.relative_to(docs_dir).as_posix(): path for path in sorted(docs_dir.rglob("*")) if path.is_file()}
    return {rel: path for rel, path in found.items()
            if rel != left_out and not any(part.startswith(".") for part in rel.split("/"))}


def _previously_written(out: Path) -> set[str]:
    """The files the last run recorded as written by it (none when it recorded nothing)."""
    try:
        wrote = json.loads((out / STATE).read_text(encoding="utf-8"))["wrote"]
        return {str(rel) for rel in wrote}
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def _overrides(folder: Path | None, pages: Path) -> dict[str, bytes]:
    """The files of the project's ``theme.custom_dir`` (site_overrides), by path inside it."""
    if folder is None or not folder.is_dir():
        return {}
    root = folder  # docs_dir (``pages``) may lie inside it: its pages are in docs/
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file() and not path.is_relative_to(pages)}


def _state(context: BuildContext, pages: list[str], backlinks: Any) -> dict[str, Any]:
    """What the next run needs to tell which page bodies it can keep: the date, mkdocs.yml, every
    source file's digest and entries, the pages, and each document's neighbours."""
    book = context.book
    files = by_file(book)
    documents = {key for keys in files.values() for key in keys if kinds.get(key[0]).is_document}
    return {
        "today": context.today.isoformat(),
        "config": _digest((context.project / "mkdocs.yml").read_bytes()),
        "sources": {rel: _digest(text.encode()) for rel, text in sorted(book.texts.items())},
        "files": {rel: sorted("/".join(key) for key in keys) for rel, keys in sorted(files.items())},
        "pages": sorted(pages),
        "near": {"/".join(key): sorted("/".join(k) for k in neighbours(book, backlinks, key))
                 for key in sorted(documents)},
    }


def _unchanged(out: Path, now: dict[str, Any]) -> set[Key] | None:
    """The documents whose page bodies the last run's files still hold, as ``affected_by`` finds
    them (generator.preview.affected); None when every page must be rendered."""
    try:
        before = json.loads((out / STATE).read_text(encoding="utf-8"))
        if any(before[name] != now[name] for name in ("today", "config", "pages")):
            return None
        changed = [rel for rel in before["sources"].keys() | now["sources"].keys()
                   if before["sources"].get(rel) != now["sources"].get(rel)]

        def keys(table: dict[str, list[str]]) -> dict[str, set[Key]]:
            return {rel: {_key(k) for k in found} for rel, found in table.items()}

        return affected_by(changed, keys(before["files"]), keys(now["files"]),
                           lambda key: map(_key, before["near"].get("/".join(key), [])),
                           lambda key: map(_key, now["near"].get("/".join(key), [])))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # no state, or not one this version wrote: every page


def _key(text: str) -> Key:
    kind, _, ident = text.partition("/")
    return kind, ident


def _digest(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def _engine_config(project_config: dict[str, Any], records: SiteRecords, overrides: bool, folders: list[str],
                   search: bool) -> str:
    """mkdocs.yml for the tree: the project's, without the handbook plugin, over docs/ and nav.yml,
    with this site's own title, description, footer and theme language (SiteText), and the site's
    top-level ``folders`` for the 404 page's script (``extra.hb_top_folders``, site_overrides/404.html);
    with ``search``, the hook that puts the handbook's search into the built site (treesearch.py)."""
    data = dict(project_config)
    data["docs_dir"] = "docs"
    data["site_dir"] = "site"
    data["nav"] = records.nav
    data["plugins"] = [p for p in data.get("plugins", []) if p != "handbook" and not (isinstance(p, dict) and "handbook" in p)]
    theme = data.setdefault("theme", {})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        if overrides:
            theme["custom_dir"] = OVERRIDES  # copied into the tree: relative to its mkdocs.yml
        else:
            theme.pop("custom_dir")
    text = records.text
    data.update({name: getattr(text, name) for name in ("site_name", "site_description", "copyright")
                 if getattr(text, name) is not None})
    if text.language is not None and isinstance(theme, dict):
        theme["language"] = text.language
    data["extra"] = {**(data.get("extra") or {}), "polyfills": list(records.polyfills), "hb_top_folders": folders}
    if search:
        data["hooks"] = [*(data.get("hooks") or []), f"{SEARCH_FOLDER}/hook.py"]
    data["markdown_extensions"] = ["admonition", "attr_list", "pymdownx.details", {"toc": TOC},
                                   "pymdownx.superfences"]  # the tree's bodies are HTML: no custom fences needed
    return "# Written by handbook pages: the page tree's own configuration (no handbook plugin).\n" + \
        yaml.safe_dump(json.loads(json.dumps(data, default=str)), allow_unicode=True, sort_keys=False)


def _sync(out: Path, wanted: dict[str, bytes], before: set[str]) -> TreeResult:
    """Write the files of ``wanted`` whose bytes differ; delete only files of ``before`` (what the
    last run wrote) no longer wanted; list the other files of docs/ and overrides/ as foreign."""
    result = TreeResult()
    for rel, body in wanted.items():
        path = out / rel
        if path.is_file() and path.read_bytes() == body:
            result.kept += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        result.written.append(rel)
    for rel in sorted(before - wanted.keys()):
        path = out / rel
        if path.is_file() and not path.is_symlink() and ".." not in Path(rel).parts:
            path.unlink()
            result.removed.append(rel)
            folder = path.parent
            while folder != out and folder.is_dir() and not any(folder.iterdir()):  # left empty by it
                folder.rmdir()
                folder = folder.parent
    for top in (out / "docs", out / OVERRIDES):
        if not top.is_dir():
            continue
        result.foreign += [path.relative_to(out).as_posix() for path in sorted(top.rglob("*"))
                           if not path.is_dir() and path.relative_to(out).as_posix() not in wanted]
        for folder in sorted((p for p in top.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()
    return result
