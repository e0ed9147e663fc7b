"""The home page and the catalogues: what exists, grouped the way the staff look for it."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Any

from generator.model import Department, kinds
from generator.render.site.index import SiteIndex
from generator.render.site.labels import CATEGORY
from generator.render.site.views.organisation import natural
from generator.render.site.views.reviews import this_quarter

HOME_CAP = 8  # documents listed per category / department on the home page
OVERDUE_CAP = 12  # overdue reviews listed on the home page (the longest overdue; the total is given)


@dataclass(frozen=True, slots=True)
class Row:
    group: str
    obj: Any
    depth: int = 0

    def cost(self) -> int:
        title = str(getattr(self.obj, "title", None) or getattr(self.obj, "name", ""))
        return 420 + 3 * len(title)


def grouped(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    """Consecutive rows of the same group, as (group label, rows)."""
    return [(label, list(members)) for label, members in groupby(rows, key=lambda r: r.group)]


def department_order(ix: SiteIndex) -> list[tuple[Department, int]]:
    """Departments depth first from the top of the organisation, with their depth."""
    depts = ix.book.departments
    roots = [d for d in depts.values() if not d.parent or d.parent not in depts]
    order: list[tuple[Department, int]] = []

    def visit(dept: Department, depth: int) -> None:
        if any(dept is seen for seen, _ in order):
            return
        order.append((dept, depth))
        for child in ix.dept_children.get(dept.id, []):
            visit(depts[child], depth + 1)

    for root in roots:
        visit(root, 0)
    return order


def catalogue(ix: SiteIndex, kind: str) -> list[Row]:
    """Rows of a kind's catalogue, grouped (by category, department or region) and sorted by code."""
    book = ix.book
    dept_rank = {d.id: n for n, (d, _) in enumerate(department_order(ix))}

    def dept_name(dept_id: str) -> str:
        dept = book.departments.get(dept_id)
        return dept.name if dept else dept_id

    if kind == "procedure":
        ranks = list(CATEGORY)
        docs = sorted(book.procedures.values(), key=lambda d: (ranks.index(d.category.value), natural(d.code)))
        return [Row(CATEGORY[d.category.value], d) for d in docs]
    if kind in ("instruction", "form"):
        table: dict[str, Any] = book.table(kind)
        docs = sorted(table.values(), key=lambda d: (dept_rank.get(d.owner, 1 << 20), natural(d.code)))
        return [Row(dept_name(d.owner), d) for d in docs]
    if kind == "price_list":
        return [Row("", d) for d in sorted(book.price_lists.values(), key=lambda d: natural(d.code))]
    if kind == "site":
        return [Row(s.region, s) for s in sorted(book.sites.values(), key=lambda s: (s.region, s.name))]
    if kind == "department":
        return [Row("", d, depth) for d, depth in department_order(ix)]
    if kind == "role":
        roles = sorted(book.roles.values(), key=lambda r: (dept_rank.get(r.department, 1 << 20), r.name))
        return [Row(dept_name(r.department), r) for r in roles]
    if kind == "planned":  # in the order of the source's index, grouped by department
        planned = sorted(book.table(kind).values(), key=lambda e: dept_rank.get(e.owner, 1 << 20))
        return [Row(dept_name(e.owner), e) for e in planned]
    # any other kind: by owning department when it has one, then by code (or name)
    entries = list(book.table(kind).values())
    entries.sort(key=lambda e: (dept_rank.get(getattr(e, "owner", ""), 1 << 20),
                                natural(getattr(e, "code", None) or getattr(e, "name", None) or e.id)))
    return [Row(dept_name(e.owner) if getattr(e, "owner", None) else "", e) for e in entries]


def home(ix: SiteIndex) -> dict[str, Any]:
    book = ix.book
    by_category = []
    procedures = [row.obj for row in catalogue(ix, "procedure")]
    for key, label in CATEGORY.items():
        docs = [d for d in procedures if d.category.value == key]
        if docs:
            by_category.append((key, label, docs[:HOME_CAP], len(docs)))
    by_department = []
    for dept, _ in department_order(ix):
        docs = [d for d in ix.dept_docs.get(dept.id, []) if (k := kinds.kind_of(d)) is not None and k.has_steps]
        if docs:
            docs.sort(key=lambda d: natural(d.code))
            by_department.append((dept, docs[:HOME_CAP], len(docs)))
    # One tile per kind with pages on this site (the public site: only what residents look for). No empty tiles.
    counts = [(k.name, k.nav or k.label, len(book.table(k.name))) for k in ix.paged_kinds()
              if k.name != "department" and book.table(k.name)]
    quarter, revisions = this_quarter(ix, ix.today)
    overdue = ix.overdue_documents()
    return {"by_category": by_category, "by_department": by_department, "counts": counts,
            "quarter": quarter, "revisions": revisions, "public": ix.public,
            "overdue": overdue[:OVERDUE_CAP], "overdue_total": len(overdue)}
