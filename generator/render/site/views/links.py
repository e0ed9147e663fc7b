"""Where a document is referenced from: backlinks grouped by the referring source."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.model import Site, Step, kinds
from generator.model.price_list import Scope
from generator.model.procedure import Appendix, Record
from generator.render.site.index import SiteIndex
from generator.render.site.urls import step_anchor

def kind_of(obj: object) -> str:
    """The registry kind of a source entry: procedure, form, role … ("" for parts of entries)."""
    kind = kinds.kind_of(obj)
    return kind.name if kind else ""


@dataclass(frozen=True, slots=True)
class Place:
    label: str  # 步骤 2.1 / 记录 / 附录 / 相关文件 / 执行的收费标准
    anchor: str | None


@dataclass
class Backlink:
    kind: str
    ident: str
    places: list[Place] = field(default_factory=list)


def backlinks(ix: SiteIndex, kind: str, ident: str) -> list[Backlink]:
    """Sources referring to (kind, ident), one entry per source with every place it does so."""
    found: dict[tuple[str, str], Backlink] = {}
    for ref in ix.referrers(kind, ident):
        source_kind = ref.source_kind
        if not source_kind or kinds.get(source_kind).url is None or ref.field in ("owner", "approver", "approved_by", "department", "parent"):
            continue
        source_id = ix.book.key(ref.source)[1]
        entry = found.setdefault((source_kind, source_id), Backlink(source_kind, source_id))
        place = _place(ix, ref.holder, ref.field)
        if place not in entry.places:
            entry.places.append(place)
    return sorted(found.values(), key=lambda b: (kinds.get(b.kind).order, _code(ix, b)))


def _place(ix: SiteIndex, holder: object, field_name: str) -> Place:
    if isinstance(holder, Step):
        number = ix.numbers.get(id(holder))
        if number:
            return Place(f"步骤 {number}", step_anchor(number))
    if isinstance(holder, Record):
        return Place("记录", "sec-records")
    if isinstance(holder, Appendix):
        return Place("附录", "sec-appendices")
    if isinstance(holder, Site):
        return Place("执行的收费标准", "sec-price-lists")
    if isinstance(holder, Scope):
        return Place("适用范围", "sec-card")
    holder_kind = kinds.kind_of(holder)
    if holder_kind is not None and holder_kind.template == "entity":  # the generic page: one card of fields
        return Place("相关文件", "sec-card")
    return Place("相关文件", "sec-related")


def _code(ix: SiteIndex, link: Backlink) -> str:
    obj = ix.book.table(link.kind).get(link.ident)
    return str(getattr(obj, "code", None) or getattr(obj, "name", "") or link.ident)
