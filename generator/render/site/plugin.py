"""The MkDocs plugin: the site's records (generator.render.site.records) as MkDocs pages, plus search.

Registered as ``handbook`` (pyproject entry point); mkdocs.yml lists it before search and offline.
It is an adapter: the pages, their front matter and bodies, the navigation and the files beside the
pages are the records ``handbook pages`` writes too; each event hands MkDocs its part of them.
``handbook build`` hands it a checked build context (generator.context); under plain ``mkdocs
build``/``serve`` it loads and checks the sources itself, in on_config, before MkDocs touches the
site folder: bad sources stop the build there, so a failed build never leaves a half-written site.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path
from typing import Any, Callable

import jieba
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.context import BuildContext, SourcesFailed, make_context
from generator.findings import Finding, Severity, what_stopped
from generator.model.audience import Audience
from generator.publish.safety import STAMP, unsafe_out
from generator.render.site.notfound import relative_error_page, top_folders
from generator.render.site.page import HandbookPage
from generator.render.site.records import EngineSettings, SiteRecords, SiteText
from generator.render.site.render import compact
from generator.render.site.search.index import HandbookSearchIndex
from generator.render.site.setup import HELP_PAGE, prepare

log = logging.getLogger("mkdocs.plugins.handbook")
FINDINGS = logging.getLogger("mkdocs.plugins.handbook.findings")  # one line per finding
WORKER = Path(__file__).resolve().parent / "search" / "worker.js"  # answers in place of the theme worker
THEME_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js(\.map)?")

SOURCES = ("company.yaml", "glossary.yaml", "limits.yaml", "organisation", "sites", "procedures",
           "instructions", "forms", "price-lists", "reviews")


class FindingsStop(PluginError):
    """The build stopped on ``findings`` (loader, rule or environment errors, printed one per line before)."""

    def __init__(self, findings: list[Finding]):
        super().__init__(f"{what_stopped(findings)}，未生成网站（见上面各条；改正后重新构建）")
        self.findings = findings


class HandbookConfig(Config):
    vendor_dir = c.Optional(c.Type(str))  # default: .cache/vendor beside mkdocs.yml, else in this repository
    cache_dir = c.Type(str, default=".cache/handbook")  # kept for existing mkdocs.yml files; nothing is written there now
    audience = c.Choice([a.value for a in Audience], default="staff")  # plain mkdocs builds only


class HandbookPlugin(BasePlugin[HandbookConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.prepared = SiteRecords([])  # the records of the last build
        self.context: BuildContext | None = None  # handed in by handbook build (generator.render.site)
        self.folders: list[str] = []

    @property
    def errors(self) -> list[Finding]:
        """The loader and rule errors that stopped the last build (build_site turns them into SourceError)."""
        return self.prepared.errors

    # Take (or make) the checked context; set up navigation, search words and local scripts (before search and offline).
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).resolve().parent
        if self.context is None:  # plain mkdocs build: it empties site_dir, so that must be ours to empty
            site_dir = Path(config.site_dir)
            refusal = unsafe_out(root, site_dir, default=site_dir.resolve() == (root / "site").resolve(),
                                 protected=(Path(config.docs_dir), Path(config.theme.custom_dir or root / ".git")))
            if refusal is not None:
                raise PluginError(refusal.message + ";" + (refusal.hint or ""))
        try:
            context = self.context or make_context(root, Audience(self.config.audience), dt.date.today(),
                                                   config.site_url or "")
        except SourcesFailed as failed:
            self.prepared = SiteRecords(failed.findings)
        else:
            self.prepared = prepare(context, EngineSettings(config.site_name, Path(config.docs_dir),
                                                            config.use_directory_urls, self.config.vendor_dir))
            _apply(self.prepared, config)
        for finding in self.prepared.findings:
            (FINDINGS.error if finding.severity is Severity.error else FINDINGS.warning)(finding.format())
        if self.errors:
            raise FindingsStop(self.errors)
        return config

    # One virtual page per record, each flowchart's full-size view (Graphviz), the local copy of iframe-worker.
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        records = self.prepared
        assert records.index is not None  # on_config stopped the build otherwise
        records.directory_urls = config.use_directory_urls  # the offline plugin's on_config came after ours
        left_out = files.get_file_from_path(HELP_PAGE) if records.help_page is None else None
        if left_out is not None:
            files.remove(left_out)  # the public site has no help page (prepare decides)
        for record in records.pages:
            level = InclusionLevel.INCLUDED if record.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, record.uri, content="", inclusion=level)
            files.append(file)
            HandbookPage(record, records, file, config)
        for uri, chart in records.charts().items():  # full-size views, beside the pages
            files.append(File.generated(config, uri, content=chart))
        for uri, path in records.assets.items():
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        _use_our_search(files, config, records.index.book)
        self.folders = top_folders(files)
        return files

    # The 404 page links relative to the site root; its <base> is set in the browser (notfound.py).
    def on_template_context(self, context: Any, *, template_name: str, config: MkDocsConfig) -> Any:
        return relative_error_page(context, template_name, config, self.folders)

    # Mark the output as a build, so that the next build may replace it (generator.publish.safety).
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        Path(config.site_dir, STAMP).write_text(f"{self.config.audience}\n", encoding="utf-8")

    # Drop the theme's deep indentation from every page (outside <pre>): a third less to download.
    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        return compact(output)

    # Rebuild when a source changes; on bad sources keep serving the last good build.
    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig,
                 builder: Callable[..., None]) -> LiveReloadServer:
        root = Path(config.config_file_path).resolve().parent
        for name in SOURCES:
            if (root / name).exists():
                server.watch(str(root / name))
        server.builder = _keep_last_good(server.builder)
        return server


def _apply(records: SiteRecords, config: MkDocsConfig) -> None:
    """The records' navigation, site text and scripts into MkDocs' configuration."""
    if records.index is None:
        return
    text: SiteText = records.text
    for name in ("site_name", "site_description", "copyright"):
        if getattr(text, name) is not None:
            setattr(config, name, getattr(text, name))
    if text.language is not None:
        config.theme["language"] = text.language
    config.nav = records.nav
    config.extra["polyfills"] = list(records.polyfills)
    jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" chatter is not a build message


def _use_our_search(files: Files, config: MkDocsConfig, book: Any) -> None:
    """The search plugin writes our index (search/index.py); our worker answers under the theme worker's name."""
    search = config.plugins.get("material/search")
    if search is None or not hasattr(search, "search_index"):
        return
    search.search_index = HandbookSearchIndex(book, search.config.lang)
    for file in [f for f in files if THEME_WORKER.fullmatch(f.src_uri)]:
        files.remove(file)
        if not file.src_uri.endswith(".map"):
            files.append(File.generated(config, file.src_uri, abs_src_path=str(WORKER)))


def _keep_last_good(builder: Callable[..., None]) -> Callable[..., None]:
    def rebuild(*args: Any, **kwargs: Any) -> None:
        try:
            builder(*args, **kwargs)
        except Abort:
            log.error("网站未更新：继续提供上一次成功构建的版本。改正源文件并保存后会自动重新构建。")
    return rebuild
