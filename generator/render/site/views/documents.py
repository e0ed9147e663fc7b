"""Views of the controlled documents: procedures, work instructions, forms, price lists.

A price reads as on the notice board (generator.model.charge.charge); the sites a list applies to
are those generator.model.prices decides, as for the notices and the rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.model import Form, Instruction, PriceItem, PriceList, Procedure
from generator.model.charge import charge
from generator.model.prices import price_list_sites
from generator.model.procedure import Record
from generator.render.site.index import SiteIndex
from generator.render.site.labels import PRICING
from generator.render.site.mermaid import flowchart
from generator.render.site.views.links import backlinks
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
        "history": sorted(doc.history, key=lambda h: h.date, reverse=True),
        "backlinks": backlinks(ix, kind, doc.id),
        "review": ix.review_tables.status(ix.book, doc) if ix.review_tables else None,
    }


def procedure(ix: SiteIndex, proc: Procedure) -> dict[str, Any]:
    tree = step_tree(proc.steps, ix.numbers)
    records = [RecordRow(r, ix.book.forms.get(r.form), r.retention or _retention(ix, r.form)) for r in proc.records]
    return common(ix, proc, "procedure") | {"steps": tree, "flowchart": flowchart(tree), "records": records}


def instruction(ix: SiteIndex, ins: Instruction) -> dict[str, Any]:
    tree = step_tree(ins.steps, ix.numbers)
    return common(ix, ins, "instruction") | {"steps": tree, "flowchart": flowchart(tree)}


def form(ix: SiteIndex, doc: Form) -> dict[str, Any]:
    return common(ix, doc, "form")


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
    return PRICING[item.pricing.value]
