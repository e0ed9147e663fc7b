"""The preview's site builder: MkDocs kept loaded, and only the pages whose output can differ written.

``handbook build`` runs MkDocs from scratch; the preview cannot afford that on every save (several
seconds at the repository's size: theme templates compiled again, every page rendered through the
theme and parsed again for search). This builder keeps one MkDocs configuration, its plugins and
the theme's Jinja environment for the whole session, and runs MkDocs' own steps in MkDocs' order
(config, files, nav, populate, env, pages, post_build). A page goes through the theme again only
when something it shows may have changed:

- its own title, meta, table of contents or body (our renderer's HTML, from the new context), or
- the navigation (every page shows it: titles, URLs, order, previous/next links), or
- anything not from the sources (a template under site_overrides/, mkdocs.yml): a fresh builder.

An unchanged page keeps its written file and its search entries from the previous build, so the
search index is complete after every build. If the search plugin is not the one whose entries we
can keep (a different engine or version), every page is rendered: slower, never wrong.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Collection

from generator.context import BuildContext

FINDINGS = logging.getLogger("mkdocs.plugins.handbook.findings")


@dataclass
class BuildStats:
    """What one build did: pages rendered through the theme, pages kept as they were."""

    rendered: int = 0
    kept: int = 0
    removed: list[str] = field(default_factory=list)


class PreviewBuilder:
    """Build ``project``'s site into ``site_dir`` again and again, from checked build contexts.

    Raises generator.findings.SourceError (CFG00x) when mkdocs.yml cannot be used; anything MkDocs
    raises during a build propagates (the caller keeps the last good site).
    """

    def __init__(self, project: Path, site_dir: Path):
        from generator.render.site import _config, require_plugin

        self.site_dir = site_dir
        self.config = _config(project, site_dir)
        self.plugin = require_plugin(self.config)
        self.config.plugins.on_startup(command="serve", dirty=False)
        self.env = self.config.theme.get_env()  # compiled templates are kept between builds
        self._pages: dict[str, tuple[Any, list[Any]]] = {}  # url -> (inputs, search entries)
        self._nav: object = None
        self._written: set[str] = set()
        self._theme_files: list[Any] | None = None

    def _add_theme_files(self, files: Any) -> None:
        """The theme's static files: listed once (walking the theme folders is slow), added every build."""
        if self._theme_files is None:
            before = set(files.src_uris)
            files.add_files_from_theme(self.env, self.config)
            self._theme_files = [f for uri, f in files.src_uris.items() if uri not in before]
            return
        for file in self._theme_files:
            if file.src_uri not in files.src_uris:
                files.append(file)

    def build(self, context: BuildContext, first: Collection[str] = (),
              written: Callable[[list[str]], None] = lambda uris: None) -> BuildStats:
        """Build from ``context``; the pages ``first`` (output paths, e.g. those open in a browser)
        are rendered and reported to ``written`` before the others, which are reported after."""
        from mkdocs.commands.build import _build_theme_template
        from mkdocs.structure.files import get_files, set_exclusions
        from mkdocs.structure.nav import get_navigation
        from mkdocs.structure.pages import Page

        config = self.config
        self.plugin.context = context
        FINDINGS.disabled = True  # the context's findings are the caller's to show (as build_site does)
        try:
            config = config.plugins.on_config(config)
        finally:
            FINDINGS.disabled = False
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        self._add_theme_files(files)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        pages = files.documentation_pages()
        for file in pages:
            if file.page is None:
                Page(None, file, config)
            file.page.read_source(config)  # meta of every page before any is shown (the nav reads it)
        env = config.plugins.on_env(self.env, config=config, files=files)
        nav_key = _nav_key(nav)
        if self._nav is None or nav_key != self._nav:  # new pages or titles: every page, the 404 page and sitemap
            self._pages.clear()
            files.copy_static_files(dirty=self._nav is not None)
            for template in config.theme.static_templates:
                _build_theme_template(template, env, files, config, nav)
        self._nav = nav_key
        stats = BuildStats()
        entries = _search_entries(config)
        found: dict[str, list[Any]] = {}
        wanted = set(first)
        for batch in ([f for f in pages if f.dest_uri in wanted], [f for f in pages if f.dest_uri not in wanted]):
            done = [f.dest_uri for f in batch if self._page(f.page, files, pages, nav, env, entries, found)]
            stats.rendered += len(done)
            written(done)
        stats.kept = len(pages) - stats.rendered
        if entries is not None:  # the index in page order, as a full build writes it
            entries[:] = [entry for file in pages for entry in found.get(file.page.url, [])]
        stats.removed = self._remove_gone({file.dest_uri for file in files if file.page is not None})
        config.plugins.on_post_build(config=config)
        return stats

    def _page(self, page: Any, files: Any, pages: list[Any], nav: Any, env: Any, entries: list[Any] | None,
              found: dict[str, list[Any]]) -> bool:
        """Render ``page``'s body; write it through the theme if its output can differ. True if written."""
        from mkdocs.commands.build import _build_page, _populate_page

        _populate_page(page, self.config, files)
        inputs = (page.title, repr(page.meta), page.content, _toc_key(page.toc))
        kept = self._pages.get(page.url)
        if entries is not None and kept is not None and kept[0] == inputs and Path(page.file.abs_dest_path).is_file():
            found[page.url] = kept[1]
            return False
        before = len(entries) if entries is not None else 0
        _build_page(page, self.config, pages, nav, env)
        if entries is not None:
            found[page.url] = entries[before:]
            self._pages[page.url] = (inputs, found[page.url])
        return True

    def _remove_gone(self, dests: set[str]) -> list[str]:
        """Delete the written pages that the new build no longer has (a removed source)."""
        gone = sorted(self._written - dests)
        for uri in gone:
            (self.site_dir / uri).unlink(missing_ok=True)
        self._written = dests
        return gone


def _nav_key(nav: Any) -> tuple[Any, ...]:
    """Everything of the navigation a page shows: titles, URLs and structure, in order."""
    def walk(items: list[Any]) -> tuple[Any, ...]:
        return tuple((type(item).__name__, str(item.title), getattr(item, "url", None),
                      walk(item.children) if getattr(item, "children", None) else ()) for item in items)
    return walk(nav.items)


def _toc_key(toc: Any) -> tuple[Any, ...]:
    """A page's table of contents as plain values (titles, anchors, levels, nesting)."""
    return tuple((item.title, item.id, item.level, _toc_key(item.children)) for item in toc)


def _search_entries(config: Any) -> list[Any] | None:
    """The search plugin's list of index entries for this build, or None when it has none we know."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    entries = getattr(getattr(search, "search_index", None), "entries", None)
    return entries if isinstance(entries, list) else None
