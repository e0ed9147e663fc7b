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

An unchanged page keeps its written file. A page body is rendered again only when it can depend on
the files saved since the last build (generator.preview.affected: the saved documents and their
neighbours, and every page that is not a document's); the others keep the body they had. The
search index is made again from every page, in page order, after the pages are written (the
plugin's index reads each page's body, which every build has, not the themed page; an unchanged
body's entries are reused, search/index.py), so it is the index a full build writes. If the search plugin has no index
we can feed (a different engine or version), every page is rendered: slower, never wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Collection

from generator.context import BuildContext
from generator.model.handbook import Key
from generator.preview.affected import Sources, affected, is_document_page


@dataclass
class BuildStats:
    """What one build did: pages rendered through the theme, pages kept as they were."""

    rendered: int = 0
    kept: int = 0
    bodies: int = 0  # page bodies rendered from the sources (the others kept: generator.preview.affected)
    removed: list[str] = field(default_factory=list)


class Interrupted(Exception):
    """A build given up for a newer save (PreviewBuilder.build's ``stop``)."""


class PreviewBuilder:
    """Build ``project``'s site into ``site_dir`` again and again, from checked build contexts.

    Raises generator.findings.SourceError (CFG00x) when mkdocs.yml cannot be used; anything MkDocs
    raises during a build propagates (the caller keeps the last good site).
    """

    def __init__(self, project: Path, site_dir: Path):
        from generator.render.site import site_config

        self.site_dir = site_dir
        self.config, self.plugin = site_config(project, site_dir)
        self.config.plugins.on_startup(command="serve", dirty=False)
        self.env = self.config.theme.get_env()  # compiled templates are kept between builds
        self._pages: dict[str, Any] = {}  # url -> what the page showed when last written
        self._nav: object = None
        self._written: set[str] = set()
        self._theme_files: list[Any] | None = None
        self._sources: Sources | None = None  # the sources of the last build (and backlinks), its pages' URLs
        self._urls: tuple[object, ...] = ()  # the pages' URLs and the date they were made for
        self._keep: set[Key] | None = None  # documents whose page bodies this build renders again (None: all)
        self._bodies: dict[str, tuple[str, Any]] = {}  # url -> (body, table of contents) last rendered
        self._rendered_bodies = 0
        self._generated: dict[str, bytes] = {}  # output path -> bytes written of each file made in memory
        self._journal: dict[str, tuple[str, Any]] = {}  # url -> body replaced by the build under way

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
              written: Callable[[list[str]], None] = lambda uris: None,
              changed: Collection[str] | None = None, stop: Callable[[], bool] = lambda: False) -> BuildStats:
        """Build from ``context``; the pages ``first`` (output paths, e.g. those open in a browser)
        are rendered and reported to ``written`` before the others, which are reported after.

        ``changed``: the source files (relative paths) saved since the previous complete build; page
        bodies that cannot depend on them are kept (generator.preview.affected). None: every body again.
        ``stop`` is asked between the other pages and between the search index's entries: when it
        says yes (a newer save), the build ends there with Interrupted; the next build, given every file saved since the last complete one,
        finishes what this one left (the search index and the pages not yet written)."""
        from mkdocs.commands.build import _build_theme_template
        from mkdocs.structure.files import get_files, set_exclusions
        from mkdocs.structure.nav import get_navigation
        from mkdocs.structure.pages import Page

        from generator.render.site import configure
        from generator.render.site.themecheck import check_templates

        config = self.config
        check_templates(config, self.env)  # CFG008 in the overlay: the user's site_overrides templates
        self.plugin.context = context
        config = configure(config)  # the context's findings are the caller's to show (as build_site does)
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
        urls = (frozenset(file.page.url for file in pages), context.today)  # a new day: review status on every page
        sources = (context.book, self.plugin.prepared.index.backlinks)
        self._keep = None if changed is None or self._sources is None or urls != self._urls else \
            affected(self._sources, sources, changed)
        nav_key = _nav_key(nav)
        if self._nav is None or nav_key != self._nav:  # new pages or titles: every page, the 404 page and sitemap
            self._pages.clear()
            files.copy_static_files(dirty=self._nav is not None)
            for template in config.theme.static_templates:
                _build_theme_template(template, env, files, config, nav)
        self._nav = nav_key
        self._write_generated(files)
        stats = BuildStats()
        self._rendered_bodies = 0
        search = _search(config)
        index = search.search_index if search is not None else None
        bodies: dict[str, str] = {}  # url -> body as the index reads it (the search plugin edits it before theming)
        wanted = set(first)
        try:
            if search is not None:
                search.search_index = _Unindexed()  # indexed below, in page order
            self._journal = {}
            for later, batch in enumerate(([f for f in pages if f.dest_uri in wanted],
                                           [f for f in pages if f.dest_uri not in wanted])):
                done: list[str] = []
                for file in batch:
                    if later and stop():
                        written(done)
                        self._stop_here(lambda: True)
                    if self._page(file.page, files, pages, nav, env, index, bodies):
                        done.append(file.dest_uri)
                stats.rendered += len(done)
                written(done)
        finally:
            if search is not None:
                search.search_index = index
        stats.kept, stats.bodies = len(pages) - stats.rendered, self._rendered_bodies
        if index is not None:
            for file in pages:
                self._stop_here(stop)
                page, shown = file.page, file.page.content
                page.content = bodies[page.url]
                index.add_entry_from_context(page)
                page.content = shown
        self._stop_here(stop)  # before the search index is written (a second at 1000 procedures)
        self._sources, self._urls = sources, urls
        stats.removed = self._remove_gone({file.dest_uri for file in files})
        config.plugins.on_post_build(config=config)
        return stats

    def _page(self, page: Any, files: Any, pages: list[Any], nav: Any, env: Any, index: Any,
              bodies: dict[str, str]) -> bool:
        """Render ``page``'s body; write it through the theme if its output can differ. True if written."""
        from mkdocs.commands.build import _build_page, _populate_page

        kept = self._bodies.get(page.url)
        obj = getattr(getattr(page, "spec", None), "obj", None)
        if kept is not None and self._keep is not None and self._sources is not None and obj is not None and \
                is_document_page(obj) and self._sources[0].key(obj) not in self._keep:
            page.content, page.toc = kept  # what rendering it again would give (affected.py says why)
            page.present_anchor_ids = set()
        else:
            _populate_page(page, self.config, files)
            if page.url in self._bodies:
                self._journal.setdefault(page.url, self._bodies[page.url])
            self._bodies[page.url] = (page.content, page.toc)
            self._rendered_bodies += 1
        bodies[page.url] = page.content
        inputs = (page.title, repr(page.meta), page.content, _toc_key(page.toc))
        if index is not None and self._pages.get(page.url) == inputs and Path(page.file.abs_dest_path).is_file():
            return False
        _build_page(page, self.config, pages, nav, env)
        self._pages[page.url] = inputs
        return True

    def _stop_here(self, stop: Callable[[], bool]) -> None:
        """Give the build up (Interrupted) if ``stop`` says so: the bodies go back to those of the last
        complete build, which the next build starts from with every file saved since."""
        if stop():
            self._bodies.update(self._journal)
            raise Interrupted

    def _write_generated(self, files: Any) -> None:
        """The files the plugin makes in memory (each flowchart's SVG): written when their bytes change."""
        for file in files:
            if file.page is None and file.abs_src_path is None and file.generated_by:
                data = file.content_bytes
                if self._generated.get(file.dest_uri) != data:
                    path = Path(file.abs_dest_path)
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(data)
                    self._generated[file.dest_uri] = data

    def _remove_gone(self, dests: set[str]) -> list[str]:
        """Delete the written files that the new build no longer has (a removed source's page and chart)."""
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


def _search(config: Any) -> Any:
    """The search plugin, when its index takes pages one by one (``add_entry_from_context``)."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(search, "search_index", None)
    return search if callable(getattr(index, "add_entry_from_context", None)) else None


class _Unindexed:
    """Stands in for the search index while pages are themed (they are indexed afterwards, in order)."""

    def add_entry_from_context(self, page: Any) -> None:
        pass
