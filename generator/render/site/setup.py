"""What the plugin does once per build before any page exists: load, check, plan, configure."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import jieba
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig

from generator.context import BuildContext
from generator.findings import Finding, Severity
from generator.render.flowchart import graphviz
from generator.render.site.index import SiteIndex
from generator.render.site.nav import navigation
from generator.render.site.pages import PageSpec, plan

HELP_PAGE = "help/index.md"
# The theme's own messages (search results, copy buttons, …) in a Traditional edition: mkdocs-material's
# Traditional translations, whose few stray Simplified characters the built site's conversion catches.
THEME_LANGUAGES = {"zh-HK": "zh-Hant", "zh-TW": "zh-TW"}
STAFF_ONLY = frozenset({"rules", "revisions"})  # page kinds the public site leaves out (checks, review records)
VENDOR = {  # file fetched by scripts/fetch-vendor.sh -> where the site serves it
    "iframe-worker-shim.js": "assets/vendor/iframe-worker-shim.js",
}
log = logging.getLogger("mkdocs.plugins.handbook")


@dataclass
class Prepared:
    """The outcome of a build's preparation: findings, and (when there are no errors) the plan."""

    findings: list[Finding]
    index: SiteIndex | None = None
    specs: list[PageSpec] = field(default_factory=list)
    vendor: Path | None = None
    help_page: str | None = None  # the hand-written 使用说明, when this site has it (staff only)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.error]


def prepare(config: MkDocsConfig, context: BuildContext, cache_dir: str, vendor: str | None) -> Prepared:
    """Plan the pages of a checked build context and configure MkDocs.

    The public site is planned from the context's public view: internal documents and fields are
    not in it. Values from the sources that the theme prints (title, footer) are escaped here, as
    the theme's templates print config values as they are.
    """
    book, root, public = context.book, context.project, context.public
    result = Prepared(list(context.findings))
    no_graphviz = graphviz.missing()  # flowcharts are drawn at build time: stop before MkDocs starts
    if no_graphviz is not None:
        result.findings.append(no_graphviz)
        return result
    if public and book.company:  # the header, title and footer say whose site this is, and for whom
        config.site_name = str(escape(context.site_title or f"{book.company.short_name}服务信息公开"))
        config.site_description = str(escape(
            f"{book.company.name}向业主和住户公开的服务信息：办事流程、收费标准、服务项目和表格"))
        config.copyright = str(escape(f"{book.company.name} · 公开信息"))  # not the staff site's 内部资料 line
    elif context.site_title and book.company:  # an edition's site is that edition's company's
        config.site_name = str(escape(context.site_title))
        config.site_description = str(escape(f"{book.company.name}员工服务手册"))
        config.copyright = str(escape(f"{book.company.name} · 内部资料，请勿外传"))
    if context.lang in THEME_LANGUAGES:
        config.theme["language"] = THEME_LANGUAGES[context.lang]
    result.index = SiteIndex.build(book, public=public, today=context.today)
    specs = plan(result.index)
    left_out = ((STAFF_ONLY if public else set()) | (set() if book.limits else {"limits"})
                | (set() if book.glossary else {"glossary"}))
    result.specs = [s for s in specs if s.kind not in left_out]
    if not public and (Path(config.docs_dir) / HELP_PAGE).is_file():  # how staff use the handbook
        result.help_page = HELP_PAGE
    config.nav = _only(navigation(result.index, result.help_page),
                       {s.uri for s in specs} - {s.uri for s in result.specs})
    jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" chatter is not a build message
    result.vendor = vendor_dir(root, vendor)
    # The offline plugin adds a CDN copy of iframe-worker unless one is listed: list ours.
    config.extra["polyfills"] = [VENDOR["iframe-worker-shim.js"]]
    return result


def _only(nav: list, dropped: set[str]) -> list:
    """The navigation without the entries of dropped pages (sections left empty go too)."""
    kept = []
    for entry in nav:
        if isinstance(entry, dict):
            entry = {t: _only(v, dropped) if isinstance(v, list) else v for t, v in entry.items()}
            entry = {t: v for t, v in entry.items() if v and (isinstance(v, list) or v not in dropped)}
        if entry and (isinstance(entry, dict) or entry not in dropped):
            kept.append(entry)
    return kept


def vendor_dir(root: Path, configured: str | None) -> Path | None:
    """Where scripts/fetch-vendor.sh put iframe-worker, or None (search from disk unavailable)."""
    candidates = [Path(configured)] if configured else []
    candidates += [root / ".cache" / "vendor", Path(__file__).resolve().parents[3] / ".cache" / "vendor"]
    if os.environ.get("HANDBOOK_VENDOR_DIR"):
        candidates.insert(0, Path(os.environ["HANDBOOK_VENDOR_DIR"]))
    for folder in candidates:
        folder = folder if folder.is_absolute() else root / folder
        if all((folder / name).is_file() for name in VENDOR):
            return folder
    log.warning("未找到本地 iframe-worker（运行 scripts/fetch-vendor.sh）：从磁盘打开网站时不能搜索")
    return None
