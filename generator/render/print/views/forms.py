"""A form (forms/*.yaml) -> the print view of its sheets: one sheet per copy (联) and serial number."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.model import Form, Handbook, Status
from generator.model.form import Field_
from generator.model.lifecycle import OBSOLETE_MARK, status_mark
from generator.render.print import formlayout as fl
from generator.render.print import formtext as ft
from generator.render.print.geometry import FormMetrics, Page, form_metrics, form_page
from generator.render.print.trace import Traced, Tracer
from generator.render.print.views.common import company_name, department_name, ordinal_copy

STRETCH_MARGIN = 3.0  # mm kept free when free-text boxes are stretched to the page bottom
MIN_FILL_ROWS = 3  # a form that fills its page keeps at least this many blank rows before boxes shrink
_NUMBERED_COPY = re.compile(r"^第[一二三四五六七八九十\d]+联")


@dataclass(frozen=True, slots=True)
class Sheet:
    """One printed page set: a copy of the form, with its label and serial number."""

    label: str  # 第一联 存根联; empty for a single-copy form
    note: str
    serial: str  # pre-printed NO.; empty leaves the box blank
    omit: frozenset[str] = frozenset()  # labels left blank on this copy (the boxes keep their place)
    no_instructions: bool = False  # the copy leaves out the 填表说明 (Copy.omits_instructions)


@dataclass(frozen=True)
class FormView:
    id: str
    code: str
    title: str
    version: str
    company: str
    owner: str
    retention: str
    marks: tuple[str, ...]  # 示例版式, 草稿, 作废
    paper: str
    landscape: bool
    page: Page
    metrics: FormMetrics
    fields: tuple[fl.BoxLine, ...]
    columns: tuple[fl.Column, ...]
    header_height: float
    rows: int
    fill: bool  # rows were not given: fill the page
    sections: tuple[fl.BoxLine, ...]
    signatures: tuple[fl.SignatureLine, ...]
    instructions: tuple[str, ...]
    serial_box: bool
    sheets: tuple[Sheet, ...]
    sheet_pages: int  # pages one sheet takes (1 unless rows: N overflows)
    blocks: fl.Blocks
    signature_blank: float
    date_text: str = fl.DATE_TEXT
    stamp: str = ""  # 作废 across every page of an obsolete form printed on request


def form_view(book: Handbook, form: Form, serials: list[str] | None = None) -> tuple[FormView, list[Traced]]:
    """The view of ``form``; ``serials`` pre-numbers a batch (one set of copies per number)."""
    t = Tracer()
    landscape = form.orientation.value == "landscape"
    m = form_metrics(form.paper.value)
    page = form_page(form.paper.value, landscape, bool(form.copies))
    width = page.content_width
    fields = fl.grid_lines([_item(f, m, t) for f in form.fields], width - fl.FRAME, m, m.field)
    section_items = [(label, hint, units, ft.SECTION_MIN) for label, hint, units, _ in (_item(s, m, t) for s in form.sections)]
    cols = fl.columns([_item(c, m, t) for c in form.columns], width, m)
    signatures = fl.signature_lines([(t.take(s, "label"), s.date) for s in form.signatures], width, m)
    instructions = tuple(t.take_all(form, "instructions"))
    title = t.take(form, "title")
    # Free-text boxes get room for two handwritten lines, or one when the page is full.
    for min_height, writing in ((m.section, 2), (0.0, 1)):
        sections = fl.grid_lines(section_items, width - fl.FRAME, m, min_height, writing)
        blocks = _blocks(title, fields, cols, sections, signatures, instructions, width, m)
        if blocks.total + m.row * (form.rows or MIN_FILL_ROWS) * bool(cols) <= page.content_height - STRETCH_MARGIN:
            break
    if not cols and sections:  # no table to fill the page: the free-text boxes share what is left
        sections = fl.stretch(sections, page.content_height - blocks.total - STRETCH_MARGIN)
        blocks = _blocks(title, fields, cols, sections, signatures, instructions, width, m)
    rows = form.rows or (fl.blank_rows(page, blocks, m) if cols else 0)
    view = FormView(
        id=form.id, code=t.take(form, "code"), title=title, version=t.take(form, "version"),
        company=company_name(book, t), owner=department_name(book, form.owner, t),
        retention=t.take(form, "retention"), marks=_marks(form), paper=form.paper.value, landscape=landscape,
        page=page, metrics=m, fields=fields, columns=cols, header_height=fl.header_height(cols, m) if cols else 0.0,
        rows=rows, fill=bool(cols) and not form.rows, sections=sections, signatures=signatures,
        instructions=instructions, serial_box=form.serial or bool(form.copies),
        sheets=_sheets(form, t, serials), sheet_pages=1, blocks=blocks, signature_blank=fl.signature_blank(m),
        stamp=OBSOLETE_MARK if form.status is Status.obsolete else "")
    return view, t.items


def _blocks(title: str, fields: tuple[fl.BoxLine, ...], cols: tuple[fl.Column, ...],
            sections: tuple[fl.BoxLine, ...], signatures: tuple[fl.SignatureLine, ...],
            instructions: tuple[str, ...], width: float, m: FormMetrics) -> fl.Blocks:
    parts = dict(
        head=fl.head_height(title, width, m),
        fields=sum(line.height for line in fields) + fl.EDGE * bool(fields),
        table_head=fl.header_height(cols, m) + fl.TABLE_EDGE if cols else 0.0,
        sections=sum(line.height for line in sections) + fl.EDGE * bool(sections),
        signatures=sum(line.height for line in signatures),
        instructions=fl.instructions_height(list(instructions), width, m),
    )
    present = sum(1 for key in ("fields", "table_head", "sections", "signatures") if parts[key])
    gaps = present if parts["instructions"] else max(present - 1, 0)  # the last margin falls off the page
    return fl.Blocks(**parts, gap=m.gap, count=gaps)


def _marks(form: Form) -> tuple[str, ...]:
    marks = ["示例版式"] if form.sample else []
    status = status_mark(form)
    return tuple(marks + [status] if status else marks)


def _sheets(form: Form, t: Tracer, serials: list[str] | None) -> tuple[Sheet, ...]:
    copies = [(_copy_label(i, t.take(c, "label")), t.take(c, "note"), frozenset(c.omit), c.omits_instructions)
              for i, c in enumerate(form.copies)]
    return tuple(Sheet(label, note, serial, omit, bare) for serial in (serials or [""])
                 for label, note, omit, bare in (copies or [("", "", frozenset[str](), False)]))


def _item(f: Field_, m: FormMetrics, t: Tracer) -> fl.Item:
    """(label, hint, units, least blank width) of a field, box or column; date templates get writing room."""
    label, hint = t.take(f, "label"), t.take(f, "hint")
    return label, ft.date_room(hint, m.font), f.width, ft.BLANK_MIN[ft.field_kind(label, f.type and f.type.value)]


def _copy_label(index: int, label: str) -> str:
    """Copy labels read 第一联 存根联 whether or not the source wrote the ordinal."""
    if _NUMBERED_COPY.match(label):
        return re.sub(r"^(第[^联]+联)[:：、\s]*", r"\1 ", label)
    return f"{ordinal_copy(index)} {label}"
