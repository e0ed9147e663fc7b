"""One job -> PDF bytes: per-document font subsets, the safe fetcher, and (for forms) the fitted layout."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator

from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError

from generator.findings import Finding, Severity
from generator.render.print.fetch import TEMPLATES, SafeFetcher, fetcher_for
from generator.render.print.fit import fit
from generator.render.print.fontpack import SubsetError, font_faces_css
from generator.render.print.fonts import FontSet
from generator.render.print.bound import render_bound
from generator.render.print.job import Job, archival_options
from generator.render.print.linebreak import NOWRAP_CSS, glue
from generator.render.print.views.forms import FormView
from generator.render.print.views.handbook import HandbookView


@dataclass
class Rendered:
    out: str
    pdf: bytes | None
    findings: list[Finding] = field(default_factory=list)
    pages: int = 0


BATCH_PROBE = 4  # sheets above which a form is fitted on one sheet before the whole batch is rendered


class RenderRefused(Exception):
    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


def render_job(job: Job, fonts: FontSet, project: Path | None) -> Rendered:
    """Render one job; every problem becomes a finding, never an exception."""
    with _weasyprint_log() as log:
        try:
            html = job.html()
            faces = font_faces_css(fonts, html)
            if isinstance(job.view, FormView):
                view, doc = _fitted(job, faces, project)
                findings = _overflow(job, view)
            elif isinstance(job.view, HandbookView):
                layout = layout_with(faces, project, job)
                doc, findings = render_bound(job.view, lambda v: layout(job.html(v))), []
            else:
                doc, findings = render_document(html, faces, project, job), []
            pdf = doc.write_pdf(**archival_options(job.archival))
        except RenderRefused as refused:
            return Rendered(job.out, None, [refused.finding])
        except SubsetError as exc:
            return Rendered(job.out, None, [Finding("PRT002", str(exc), job.source)])
        except Exception as exc:  # noqa: BLE001 - a renderer failure is reported, never a traceback
            return Rendered(job.out, None, [Finding("PRT009", f"{job.label}: 生成 PDF 失败 ({type(exc).__name__}: {exc})",
                                                    job.source, hint="请把这条消息报告给手册维护人员")])
    notes = [Finding("PRT008", f"{job.label}: WeasyPrint 提示 {m}", job.source, Severity.warning) for m in dict.fromkeys(log)]
    return Rendered(job.out, pdf, findings + notes, len(doc.pages))


def _fitted(job: Job, faces: str, project: Path | None) -> tuple[FormView, Document]:
    """The form laid out with its rows settled; a numbered batch is fitted on one sheet first."""
    def render(view: FormView) -> Document:
        return render_document(job.html(view), faces, project, job)

    view: FormView = job.view
    if len(view.sheets) <= BATCH_PROBE:
        return fit(view, render)
    probe, _ = fit(replace(view, sheets=view.sheets[:1]), render)
    view = replace(probe, sheets=view.sheets)
    return view, render(view)


def render_document(html: str, faces_css: str, project: Path | None, job: Job | None = None) -> Document:
    """Lay out ``html`` with the subset faces and Chinese line breaking; a refused resource raises RenderRefused."""
    return layout_with(faces_css, project, job)(html)


def layout_with(faces_css: str, project: Path | None, job: Job | None = None) -> Callable[[str], Document]:
    """A function laying out HTML with the subset faces and Chinese line breaking (linebreak.glue);
    the faces are parsed once for all its calls (they are data: URLs of whole font files: parsing
    them costs more than a short layout)."""
    fetcher = fetcher_for(project)
    config = FontConfiguration()
    try:
        faces = CSS(string=faces_css + NOWRAP_CSS, font_config=config, url_fetcher=fetcher)
    except FatalURLFetchingError:
        raise RenderRefused(_refusal(fetcher, job)) from None

    def layout(html: str) -> Document:
        try:
            page = HTML(string=glue(html), base_url=str(TEMPLATES) + "/", url_fetcher=fetcher)
            return page.render(stylesheets=[faces], font_config=config)
        except FatalURLFetchingError:
            raise RenderRefused(_refusal(fetcher, job)) from None

    return layout


def _refusal(fetcher: SafeFetcher, job: Job | None) -> Finding:
    what = "; ".join(fetcher.refused) or "未知资源"
    label = job.label if job else "文档"
    return Finding("PRT005", f"{label}: 拒绝读取外部资源 {what}", job.source if job else None,
                   hint="打印模板只能引用项目内的文件和 data: URI;不要在源文件或模板中写网址或系统路径")


def _overflow(job: Job, view: FormView) -> list[Finding]:
    if view.sheet_pages <= 1:
        return []
    return [Finding("PRT006", f"{job.label} 每联需要 {view.sheet_pages} 页(内容超过一页)", job.source,
                    Severity.warning, hint="减少 rows、栏目或说明文字,或改用更大的纸张 paper: A4 / A3")]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _weasyprint_log() -> Iterator[list[str]]:
    """WeasyPrint's warnings during one render, as text (instead of lines on stderr)."""
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    saved = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = saved
