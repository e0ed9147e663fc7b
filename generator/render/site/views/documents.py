"""Views of the controlled documents: procedures, work instructions, forms, price lists."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from generator.model import Form, Instruction, PriceItem, PriceList, Procedure, kinds
from generator.load.names import FIELD_NAMES
from generator.model.base import SourceModel, shape
from generator.model.charge import charge
from generator.model.prices import money, price_list_sites
from generator.model.procedure import Record
from generator.model.words import word
from generator.render.site.index import SiteIndex
from generator.render.site.charts import chart
from generator.render.site.views import page
from generator.render.site.views.links import backlinks, kind_of
from generator.render.site.views.steps import step_tree


@dataclass(frozen=True, slots=True)
class RecordRow:
    record: Record
    form: Form | None
    retention: str | None


def common(ix: SiteIndex, doc: Any, kind: str) -> dict[str, Any]:
    """What every controlled document page shows: dates, review, backlinks."""
    return {
        "doc": doc,
        "last_revision": ix.last_revision(doc),
        "last_review": ix.last_review(doc),
        "next_review": ix.next_review(doc),
        "overdue": ix.overdue(doc),
        "history": sorted(doc.history, key=lambda h: h.date, reverse=True),
        "backlinks": backlinks(ix, kind, doc.id),
        "review": ix.review_tables.status(ix.book, doc) if ix.review_tables else None,
    }


@page("procedure")
def procedure(ix: SiteIndex, proc: Procedure) -> dict[str, Any]:
    tree = step_tree(proc.steps, ix.numbers)
    records = [RecordRow(r, ix.book.forms.get(r.form), r.retention or _retention(ix, r.form)) for r in proc.records]
    return common(ix, proc, "procedure") | {"steps": tree, "flowchart": chart(ix, "procedure", tree), "records": records}


@page("instruction")
def instruction(ix: SiteIndex, ins: Instruction) -> dict[str, Any]:
    tree = step_tree(ins.steps, ix.numbers)
    return common(ix, ins, "instruction") | {"steps": tree, "flowchart": chart(ix, "instruction", tree)}


@page("form")
def form(ix: SiteIndex, doc: Form) -> dict[str, Any]:
    return common(ix, doc, "form")


@page("price_list")
def price_list(ix: SiteIndex, doc: PriceList) -> dict[str, Any]:
    groups: dict[str, list[PriceItem]] = {}
    for item in doc.items:
        groups.setdefault(item.category or "", []).append(item)
    sites = price_list_sites(ix.book, doc)
    return common(ix, doc, "price_list") | {"groups": groups, "sites": sites, "charge": charge, "pricing": pricing}


def _retention(ix: SiteIndex, form_id: str) -> str | None:
    found = ix.book.forms.get(form_id)
    return found.retention if found else None


def pricing(item: PriceItem) -> str:
    """The pricing form: 市场调节价 or 政府指导价 (its base, range and document are in the price column)."""
    return word(item.pricing)


@dataclass(frozen=True, slots=True)
class FieldRow:
    """One field of an entry on the generic page: its label, its text, and where it points."""

    label: str
    text: str
    ref: str | None = None  # the kind its ids refer to (links), None for plain text
    ids: tuple[str, ...] = ()


@page("entity")
def entity(ix: SiteIndex, obj: Any) -> dict[str, Any]:
    """The generic page of an entry of any kind: every filled field, references as links."""
    model: type[SourceModel] = type(obj)
    refs = dict(shape(model).refs)
    rows = []
    for name, info in type(obj).model_fields.items():
        value = getattr(obj, name)
        if name in ("id", "history") or value in (None, "", []) or info.exclude:
            continue
        label = info.title or FIELD_NAMES.get(name) or name
        if name in refs:
            ids = tuple(value) if isinstance(value, list) else (value,)
            rows.append(FieldRow(label, "", refs[name].kind, ids))
        else:
            rows.append(FieldRow(label, _plain(value)))
    kind = kind_of(obj)
    extra = common(ix, obj, kind) if kinds.get(kind).is_document else {"doc": obj, "backlinks": backlinks(ix, kind, obj.id)}
    heading = getattr(obj, "title", None) or getattr(obj, "name", None) or obj.id
    return extra | {"rows": rows, "kind": kind, "heading": heading, "code": getattr(obj, "code", None)}


def _plain(value: Any) -> str:
    if isinstance(value, Enum):
        return word(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, SourceModel):
        return "；".join(f"{FIELD_NAMES.get(k, k)}：{_plain(getattr(value, k))}"
                        for k in value.model_dump(exclude_defaults=True))
    if isinstance(value, list):
        return "；".join(_plain(v) for v in value)
    if isinstance(value, Decimal):
        return money(value)
    return str(value)
