"""The handbook's own search in the page tree (``handbook pages --search``), for plain MkDocs and ProperDocs.

Without the handbook plugin those engines write the theme's own search index, which knows none of
the handbook's words, synonyms or units. With ``--search`` the tree gets, in ``handbook-search/``
beside its ``mkdocs.yml``:

- ``search_index.json``: the handbook's index (generator.render.site.search.index), made from the
  same page records and bodies as the plugin build's, in the same page order (the hand-written pages
  first, as MkDocs lists them), so it is the index the plugin build writes;
- ``worker.js``: the handbook's search worker, which reads that index;
- ``hook.py``: an MkDocs hook (listed under ``hooks:`` in the tree's ``mkdocs.yml``; standard library
  only) that after the build puts the index where the search plugin wrote its own
  (``search/search_index.json``; the offline plugin, which runs after every other, inlines it into
  ``search_index.js``) and the worker over the theme's ``assets/javascripts/workers/search.*.min.js``.

Zensical runs no hooks: it keeps its own index and worker (docs/site.md, "Site engines", says how
that search behaves on Chinese). Imports no MkDocs.
"""

from __future__ import annotations

import html
import importlib.util
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml

from generator.model import Handbook
from generator.render.site.records import SiteRecords
from generator.render.site.search.index import HandbookSearchIndex
from generator.render.site.urls import page_url

FOLDER = "handbook-search"
WORKER = Path(__file__).resolve().parent / "search" / "worker.js"
BUILTIN_EXTENSIONS = ["toc", "tables", "fenced_code"]  # what MkDocs puts before mkdocs.yml's markdown_extensions
HOOK = '''"""Written by handbook pages --search: the handbook's own search for this page tree's site.

MkDocs and ProperDocs run it after the build (hooks: in mkdocs.yml): the search plugin's index is
replaced by the handbook's (its Chinese words, synonyms, units) and the theme's search worker by the
handbook's, which reads that index. Standard library only.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent


def on_post_build(config, **kwargs):
    site = Path(config["site_dir"])
    index = site / "search" / "search_index.json"
    if index.is_file():  # the search plugin wrote its own; the offline plugin inlines this file after us
        index.write_bytes((HERE / "search_index.json").read_bytes())
    workers = site / "assets" / "javascripts" / "workers"
    if workers.is_dir():
        for worker in sorted(workers.glob("search.*.min.js")):
            worker.write_bytes((HERE / "worker.js").read_bytes())
        for stale in sorted(workers.glob("search.*.min.js.map")):
            stale.unlink()
'''


def search_files(book: Handbook, records: SiteRecords, bodies: dict[str, str], hand_written: dict[str, Path],
                 config: dict[str, Any]) -> dict[str, bytes]:
    """The files of ``handbook-search/`` (by path in the tree): index, worker and hook.

    ``bodies``: every record's body HTML by URI; ``hand_written``: the pages folder's files by URI
    (its Markdown pages are rendered here as MkDocs would, with ``config``'s Markdown extensions);
    ``config``: the project's mkdocs.yml as data."""
    index = HandbookSearchIndex(book, _lang(config))
    titles = _nav_titles(records.nav)
    for uri, path in hand_written.items():
        if uri.endswith(".md"):
            content, title, meta = _markdown(path.read_text(encoding="utf-8"), config)
            index.add_entry_from_context(SimpleNamespace(meta=meta, content=content, spec=None,
                                                         url=page_url(uri, records.directory_urls),
                                                         title=titles.get(uri) or title or ""))
    for page in records.pages:
        index.add_entry_from_context(SimpleNamespace(meta=page.meta, content=bodies[page.uri], spec=page.spec,
                                                     url=page_url(page.uri, records.directory_urls),
                                                     title=page.title))
    return {f"{FOLDER}/search_index.json": index.generate_search_index().encode(),
            f"{FOLDER}/worker.js": WORKER.read_bytes(),
            f"{FOLDER}/hook.py": HOOK.encode()}


def _nav_titles(nav: list[Any]) -> dict[str, str]:
    """URI -> the title the navigation gives it (MkDocs takes a page's title from there first)."""
    found: dict[str, str] = {}
    for entry in nav:
        if isinstance(entry, dict):
            for title, value in entry.items():
                if isinstance(value, list):
                    found.update(_nav_titles(value))
                else:
                    found.setdefault(str(value), html.unescape(str(title)))
    return found


def _markdown(text: str, config: dict[str, Any]) -> tuple[str, str | None, dict[str, Any]]:
    """A hand-written page's body HTML, its first heading's text and its front matter (``search:
    boost`` …), as MkDocs reads them."""
    import markdown

    meta: dict[str, Any] = {}
    if text.startswith("---\n"):  # front matter: not part of the body
        front, _, text = text[4:].partition("\n---\n")
        try:
            found = yaml.safe_load(front)
        except yaml.YAMLError:  # the site engine reports it when it reads the page
            found = None
        meta = found if isinstance(found, dict) else {}
    names: list[str] = list(BUILTIN_EXTENSIONS)
    options: dict[str, Any] = {}
    for entry in config.get("markdown_extensions") or []:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (str(entry), None)
        if name not in names:
            names.append(name)
        if settings:
            options[name] = settings
    md = markdown.Markdown(extensions=names, extension_configs=options)
    content = md.convert(text)
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", content, re.S)
    return content, heading and html.unescape(re.sub(r"<[^>]*>", "", heading.group(1))).replace("¶", "").strip(), meta


def _lang(config: dict[str, Any]) -> list[str]:
    """The search plugin's ``lang``: its option in mkdocs.yml, else the theme's translation of
    ``search.config.lang`` for the theme's language (mkdocs-material's language files), else en."""
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and isinstance(entry.get("search"), dict) and entry["search"].get("lang"):
            lang = entry["search"]["lang"]
            return [lang] if isinstance(lang, str) else list(lang)
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    spec = importlib.util.find_spec("material")
    folders = [Path(p) / "templates" / "partials" / "languages" for p in (spec.submodule_search_locations or [])] \
        if spec is not None else []
    for name in (str((theme or {}).get("language") or "en"), "en"):
        for folder in folders:
            path = folder / f"{name}.html"
            found = re.search(r'"search\.config\.lang":\s*"([^"]+)"', path.read_text(encoding="utf-8")) \
                if path.is_file() else None
            if found:
                return [found.group(1)]
    return ["en"]
