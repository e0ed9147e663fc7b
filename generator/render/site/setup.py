"""What a build does once before any page exists: plan every page of a checked build context, as
records for any engine (generator.render.site.records). Imports no MkDocs."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from markupsafe import escape

from generator.context import BuildContext
from generator.render.flowchart import graphviz
from generator.render.site.index import SiteIndex
from generator.render.site.nav import navigation
from generator.render.site.pages import plan
from generator.render.site.records import EngineSettings, PageRecord, SiteRecords, SiteText, front_matter

HELP_PAGE = "help/index.md"
# The theme's own messages (search results, copy buttons, …) in a Traditional edition: mkdocs-material's
# Traditional translations, whose few stray Simplified characters the built site's conversion catches.
THEME_LANGUAGES = {"zh-HK": "zh-Hant", "zh-TW": "zh-TW"}
STAFF_ONLY = frozenset({"rules", "revisions"})  # page kinds the public site leaves out (checks, review records)
VENDOR = {  # file fetched by scripts/fetch-vendor.sh -> where the site serves it
    "iframe-worker-shim.js": "assets/vendor/iframe-worker-shim.js",
}
log = logging.getLogger("mkdocs.plugins.handbook")


def prepare(context: BuildContext, settings: EngineSettings) -> SiteRecords:
    """Plan the pages of a checked build context: SiteRecords with every page's record, the nav,
    the site's own text and the local scripts; only findings when Graphviz is missing (CFG007).

    The public site is planned from the context's public view: internal documents and fields are
    not in it. Values from the sources that the theme prints (title, footer) are escaped here, as
    the theme's templates print config values as they are.
    """
    book, root, public = context.book, context.project, context.public
    result = SiteRecords(list(context.findings), directory_urls=settings.directory_urls)
    no_graphviz = graphviz.missing()  # flowcharts are drawn at build time: stop before the engine starts
    if no_graphviz is not None:
        result.findings.append(no_graphviz)
        return result
    result.text = _text(context)
    result.index = SiteIndex.build(book, public=public, today=context.today)
    specs = plan(result.index)
    left_out = ((STAFF_ONLY if public else set()) | (set() if book.limits else {"limits"})
                | (set() if book.glossary else {"glossary"}))
    site_name = result.text.site_name or settings.site_name
    result.pages = [PageRecord(s, front_matter(s, site_name)) for s in specs if s.kind not in left_out]
    if not public and (settings.docs_dir / HELP_PAGE).is_file():  # how staff use the handbook
        result.help_page = HELP_PAGE
    result.nav = _only(navigation(result.index, result.help_page),
                       {s.uri for s in specs} - {p.uri for p in result.pages})
    vendor = vendor_dir(root, settings.vendor_dir)
    result.assets = {uri: vendor / name for name, uri in VENDOR.items()} if vendor else {}
    # The offline plugin adds a CDN copy of iframe-worker unless one is listed: list ours.
    result.polyfills = [VENDOR["iframe-worker-shim.js"]]
    return result


def _text(context: BuildContext) -> SiteText:
    """The header, title and footer of a public or an edition's site (whose site it is, for whom)."""
    book = context.book
    language = THEME_LANGUAGES.get(context.lang)
    if context.public and book.company:
        return SiteText(str(escape(context.site_title or f"{book.company.short_name}服务信息公开")),
                        str(escape(f"{book.company.name}向业主和住户公开的服务信息：办事流程、收费标准、服务项目和表格")),
                        str(escape(f"{book.company.name} · 公开信息")),  # not the staff site's 内部资料 line
                        language)
    if context.site_title and book.company:  # an edition's site is that edition's company's
        return SiteText(str(escape(context.site_title)), str(escape(f"{book.company.name}员工服务手册")),
                        str(escape(f"{book.company.name} · 内部资料，请勿外传")), language)
    return SiteText(language=language)


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
