"""The bound handbook: every procedure and work instruction in one controlled (or uncontrolled) copy."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from generator.model import Handbook, Instruction, Procedure, Status, kinds
from generator.model.lifecycle import printable, status_mark
from generator.render.flowchart import graphviz, svg
from generator.render.flowchart.dot import document_chart
from generator.render.print.fonts import FAMILIES
from generator.render.print.trace import Traced, Tracer, cn_date
from generator.render.print.views.common import company_name, department_name, role_name
from generator.render.print.views.steps import StepNumbers, StepView, link_titles, step_views
from generator.render.site.views.steps import step_tree

_NUMERALS = "〇一二三四五六七八九十"

TITLE = "物业服务标准作业规程汇编"
STATUS_TEXT = {Status.approved: "已批准", Status.draft: "草稿（未批准，仅供参考）", Status.obsolete: "作废（仅供查阅，不得执行）"}
SIGN_OFF = (("编制", "compiled_by"), ("审核", "reviewed_by"), ("批准", "approved_by"))
CATEGORY = {"sop": "标准作业规程", "policy": "管理制度", "workflow": "工作流程", "guide": "指引"}


@dataclass(frozen=True, slots=True)
class Pair:
    label: str
    text: str


@dataclass(frozen=True)
class Record:
    form: str
    retention: str
    keeper: str
    filing: str


@dataclass(frozen=True)
class Appendix:
    title: str
    text: str
    items: tuple[str, ...]
    refs: tuple[str, ...]


@dataclass(frozen=True)
class History:
    version: str
    date: str
    author: str
    summary: str
    approver: str


@dataclass(frozen=True)
class DocView:
    anchor: str
    kind: str  # 标准作业规程 / 管理制度 / … / 作业指导书
    code: str
    title: str
    version: str
    mark: str  # 草稿 / 作废
    meta: tuple[Pair, ...]
    purpose: str
    scope: str
    definitions: tuple[Pair, ...]
    responsibilities: tuple[tuple[str, tuple[str, ...]], ...]
    principles: tuple[Pair, ...]
    roles: tuple[str, ...]
    tools: tuple[str, ...]
    materials: tuple[str, ...]
    steps: tuple[StepView, ...]
    flowchart: Markup | None  # the site's chart of the steps, as SVG (generator.render.flowchart)
    acceptance: tuple[Pair, ...]
    records: tuple[Record, ...]
    related: tuple[str, ...]
    appendices: tuple[Appendix, ...]
    history: tuple[History, ...]  # the editorial ``notes`` are never printed


@dataclass(frozen=True)
class Part:
    title: str
    docs: tuple[DocView, ...]


@dataclass(frozen=True)
class SignOff:
    duty: str  # 编制 / 审核 / 批准
    role: str  # the post's name; the signature and date are written by hand


@dataclass(frozen=True)
class HandbookView:
    """The bound handbook. Rendered in pieces (pdf.py): ``only`` = "front" (cover and contents) or a
    document's anchor, so each document numbers its own pages 第X页 共Y页; ``pages`` are the page
    counts of the documents, for the contents. ``only`` empty: everything (hashing, glyph check)."""

    company: str
    title: str
    code: str  # 汇编编号, from company.yaml handbook (empty: not set)
    edition: str  # 版次
    effective: str  # 实施日期: the latest effective date of the documents bound, never the print date
    signoffs: tuple[SignOff, ...]
    controlled: bool
    copy_label: str  # 受控文件 No. 03 / 非受控副本
    parts: tuple[Part, ...]
    only: str = ""
    pages: dict[str, int] = field(default_factory=dict)

    def docs(self) -> list[DocView]:
        return [d for part in self.parts for d in part.docs]


def handbook_view(book: Handbook, *, copy_number: int | None,
                  include_obsolete: bool = False) -> tuple[HandbookView, list[Traced]]:
    """The bound handbook. A controlled copy (``copy_number``) holds approved documents only; an
    uncontrolled one also drafts (marked 草稿), and obsolete ones only with ``include_obsolete``
    (stamped 作废). Rule: ISO 9001 §7.5.3.2, see generator.model.lifecycle."""
    t = Tracer()
    numbers = StepNumbers(book)
    controlled = copy_number is not None
    bound = [(k.part, sorted((d for d in book.table(k.name).values()
                              if printable(d, controlled=controlled, include_obsolete=include_obsolete)), key=_order))
             for k in kinds.kinds() if k.part]
    charts = flowcharts(book, [d for _, docs in bound for d in docs], numbers)
    parts = tuple(Part(f"第{_NUMERALS[n]}部分　{title}", tuple(_doc(book, d, numbers, t, charts.get(id(d))) for d in docs))
                  for n, (title, docs) in enumerate((b for b in bound if b[1]), start=1))
    label = f"受控文件 No. {copy_number:02d}" if copy_number is not None else "非受控副本"
    compilation = book.company.handbook if book.company else None
    newest = max((d.effective for _, docs in bound for d in docs), default=None)
    signoffs = tuple(SignOff(duty, role_name(book, getattr(compilation, name), t) if compilation else "")
                     for duty, name in SIGN_OFF)
    return HandbookView(company=company_name(book, t), title=TITLE,
                        code=t.take(compilation, "code") if compilation else "",
                        edition=t.take(compilation, "edition") if compilation else "",
                        effective=cn_date(newest) if newest else "", signoffs=signoffs,
                        controlled=controlled, copy_label=label, parts=parts), t.items


def _order(doc: Procedure | Instruction) -> tuple[str, str]:
    return (doc.code, doc.id)


def flowcharts(book: Handbook, docs: list[Procedure | Instruction], numbers: StepNumbers) -> dict[int, Markup]:
    """{id(doc): its flowchart as printed SVG}: the same charts as the site's pages (dot.document_chart),
    drawn all at once (two Graphviz processes, cached), black on white in the print face.
    Raises SourceError (CFG007) when Graphviz is missing."""
    sources = {}
    for doc in docs:
        dot = document_chart("procedure" if isinstance(doc, Procedure) else "instruction",
                             step_tree(doc.steps, numbers.numbers))
        if dot is not None:
            sources[id(doc)] = dot
    drawn = graphviz.render_all(list(sources.values()), graphviz.cache_dir(book.root))
    face = f"{FAMILIES[1]} Subset"  # the sans face the print stage embeds (fonts.py)
    return {key: Markup(svg.printed(drawn[dot], face)) for key, dot in sources.items()}  # noqa: S704 (Graphviz escaped it)


def _doc(book: Handbook, doc: Procedure | Instruction, numbers: StepNumbers, t: Tracer,
         chart: Markup | None = None) -> DocView:
    is_procedure = isinstance(doc, Procedure)
    _, related = link_titles(book, doc.related, t)
    meta = (Pair("文件编号", t.take(doc, "code")), Pair("版本", t.take(doc, "version")),
            Pair("生效日期", cn_date(doc.effective)), Pair("归口部门", department_name(book, doc.owner, t)),
            Pair("批准", role_name(book, doc.approver, t) if doc.approver else "—"),
            Pair("状态", STATUS_TEXT[doc.status]))
    return DocView(
        anchor=f"doc-{'p' if is_procedure else 'i'}-{doc.id}",
        kind=CATEGORY[doc.category.value] if isinstance(doc, Procedure) else "作业指导书",
        code=doc.code, title=t.take(doc, "title"), version=doc.version, mark=status_mark(doc), meta=meta,
        purpose=t.take(doc, "purpose"), scope=t.take(doc, "scope"),
        definitions=tuple(Pair(t.take(d, "term"), t.take(d, "text")) for d in getattr(doc, "definitions", [])),
        responsibilities=tuple((role_name(book, r.role, t), tuple(t.take_all(r, "duties")))
                               for r in getattr(doc, "responsibilities", [])),
        principles=tuple(Pair(t.take(p, "title"), t.take(p, "text")) for p in getattr(doc, "principles", [])),
        roles=tuple(role_name(book, r, t) for r in getattr(doc, "roles", [])) if not is_procedure else (),
        tools=tuple(t.take_all(doc, "tools")) if not is_procedure else (),
        materials=tuple(t.take_all(doc, "materials")) if not is_procedure else (),
        steps=step_views(book, doc, doc.steps, numbers, t), flowchart=chart,
        acceptance=tuple(Pair(t.take(c, "text"), "；".join(filter(None, (t.take(c, "measure"), "示例" if c.sample else ""))))
                         for c in getattr(doc, "acceptance", [])),
        records=tuple(_record(book, r, t) for r in getattr(doc, "records", [])),
        related=related, appendices=tuple(_appendix(book, a, t) for a in getattr(doc, "appendices", [])),
        history=tuple(History(t.take(h, "version"), cn_date(h.date), t.take(h, "author"), t.take(h, "summary"),
                              role_name(book, h.approved_by, t) if h.approved_by else "") for h in doc.history))


def _record(book: Handbook, record, t: Tracer) -> Record:  # noqa: ANN001 - procedure.Record
    form = book.forms.get(record.form)
    title = f"《{t.take(form, 'title')}》（{t.take(form, 'code')}）" if form else record.form
    retention = t.take(record, "retention") or (t.take(form, "retention") if form else "")
    return Record(title, retention, department_name(book, record.keeper, t) if record.keeper else "",
                  t.take(record, "filing"))


def _appendix(book: Handbook, appendix, t: Tracer) -> Appendix:  # noqa: ANN001 - procedure.Appendix
    forms, others = link_titles(book, appendix, t)
    return Appendix(t.take(appendix, "title"), t.take(appendix, "text"), tuple(t.take_all(appendix, "items")),
                    forms + others)
