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
site (``…/index.html``, the offline layout). The bodies are made by the same renderer as the
plugin's, through MkDocs' file objects, so this stage still needs MkDocs installed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.context import BuildContext
from generator.model import kinds
from generator.model.handbook import Key
from generator.preview.affected import affected_by, by_file, is_document_page, neighbours

MARKER = ".handbook-pages"  # written into the tree; marks a folder ``handbook pages`` may rewrite
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's: the same text, five times faster
OVERRIDES = "overrides"  # the copy of the project's site_overrides inside the tree
STATE = ".handbook-pages.json"  # what the last run wrote from: the next one keeps unaffected page bodies


@dataclass
class TreeResult:
    written: list[str] = field(default_factory=list)
    kept: int = 0
    removed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)  # files in docs/ or overrides/ no run wrote: left alone
    rendered: int = 0  # page bodies rendered (the others were kept: nothing they show changed)


def write_tree(context: BuildContext, out: Path) -> TreeResult:
    """Write the page tree of ``context`` into ``out``; SourceError (CFG00x) when mkdocs.yml is unusable."""
    from mkdocs.structure.files import get_files

    from generator.render.site import configure, site_config
    from generator.render.site.page import HandbookPage
    from generator.render.site.render import compact
    from generator.render.site.themecheck import check_templates

    config, plugin = site_config(context.project, out / "site")
    plugin.context = context
    config = configure(config)
    check_templates(config)  # the tree's engine renders pages in them: CFG008 now, not a failed engine build
    files = plugin.on_files(get_files(config), config=config)
    index = plugin.prepared.index
    state = _state(context, [f.src_uri for f in files if isinstance(f.page, HandbookPage)], index.backlinks)
    keep = _unchanged(out, state)
    wanted: dict[str, bytes] = {}
    rendered = 0
    for file in files:
        page = file.page
        if isinstance(page, HandbookPage):
            written = out / "docs" / file.src_uri
            if keep is not None and is_document_page(page.spec.obj) and \
                    context.book.key(page.spec.obj) not in keep and written.is_file():
                wanted[f"docs/{file.src_uri}"] = written.read_bytes()  # its body cannot have changed
                continue
            page.read_source(config)
            page.render(config, files)
            rendered += 1
            front = yaml.dump(page.meta, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
            wanted[f"docs/{file.src_uri}"] = f"---\n{front}---\n\n{compact(page.content or '')}\n".encode()
        elif file.abs_src_path or file.generated_by:  # files of docs_dir, vendor copies, flowchart.svg
            wanted[f"docs/{file.src_uri}"] = file.content_bytes
    nav = yaml.dump(config.nav, Dumper=DUMPER, allow_unicode=True, sort_keys=False).encode()
    wanted["nav.yml"] = nav
    overrides = _overrides(context.project, config)
    wanted.update({f"{OVERRIDES}/{rel}": body for rel, body in overrides.items()})
    wanted["mkdocs.yml"] = _engine_config(context.project, config, bool(overrides)).encode()
    wanted[MARKER] = b"handbook pages\n"
    result = _sync(out, wanted, _previously_written(out))
    result.rendered = rendered
    state["wrote"] = sorted(wanted)
    body = json.dumps(state, ensure_ascii=False).encode()
    if not (out / STATE).is_file() or (out / STATE).read_bytes() != body:
        (out / STATE).write_bytes(body)
    return result


def _previously_written(out: Path) -> set[str]:
    """The files the last run recorded as written by it (none when it recorded nothing)."""
    try:
        wrote = json.loads((out / STATE).read_text(encoding="utf-8"))["wrote"]
        return {str(rel) for rel in wrote}
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def _overrides(project: Path, config: Any) -> dict[str, bytes]:
    """The files of the project's ``theme.custom_dir`` (site_overrides), by path inside it."""
    folder = config.theme.custom_dir
    if not folder or not Path(folder).is_dir():
        return {}
    root, pages = Path(folder), Path(config.docs_dir)  # docs_dir may lie inside it: its pages are in docs/
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


def _engine_config(project: Path, config: Any, overrides: bool) -> str:
    """mkdocs.yml for the tree: the project's, without the handbook plugin, over docs/ and nav.yml."""
    from generator.publish.build import _LenientLoader

    data = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_LenientLoader)
    data["docs_dir"] = "docs"
    data["site_dir"] = "site"
    data["nav"] = config.nav
    data["plugins"] = [p for p in data.get("plugins", []) if p != "handbook" and not (isinstance(p, dict) and "handbook" in p)]
    theme = data.setdefault("theme", {})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        if overrides:
            theme["custom_dir"] = OVERRIDES  # copied into the tree: relative to its mkdocs.yml
        else:
            theme.pop("custom_dir")
    data["extra"] = {**(data.get("extra") or {}), "polyfills": list(config.extra.get("polyfills", []))}
    data["markdown_extensions"] = ["admonition", "attr_list", "pymdownx.details", {"toc": {"permalink": True}},
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
    for top in (out / "docs", out / OVERRIDES):
        if not top.is_dir():
            continue
        result.foreign += [path.relative_to(out).as_posix() for path in sorted(top.rglob("*"))
                           if not path.is_dir() and path.relative_to(out).as_posix() not in wanted]
        for folder in sorted((p for p in top.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()
    return result
