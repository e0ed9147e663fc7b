"""Views of the organisation: what each role does where, what each department owns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.model import Department, Role, Site
from generator.model.prices import site_price_lists
from generator.model.handbook import AnyDocument
from generator.render.site.index import SiteIndex, StepUse
from generator.model import kinds
from generator.render.site.views import page
from generator.render.site.views.links import backlinks, kind_of


@dataclass
class RoleGroup:
    """One document seen from a role: its duties there and the steps it performs (RACI row)."""

    doc: Any
    kind: str
    duties: list[str] = field(default_factory=list)
    steps: list[StepUse] = field(default_factory=list)
    performs: bool = False  # named as a performer of a work instruction
    approves: bool = False  # the role approves the document (RACI: accountable)

    def cost(self) -> int:
        """Rough size of the rendered group in bytes, for splitting long role pages."""
        text = sum(len(d) for d in self.duties) + sum(len(u.numbered.step.text or "") + 40 for u in self.steps)
        return 500 + 3 * (text + len(self.doc.title)) + 420 * len(self.steps)


def role_groups(ix: SiteIndex, role_id: str) -> list[RoleGroup]:
    """Every document in which the role has duties or performs steps, in document order."""
    groups: dict[tuple[str, str], RoleGroup] = {}

    def group(doc: Any) -> RoleGroup:
        kind = kind_of(doc)
        return groups.setdefault((kind, doc.id), RoleGroup(doc, kind))

    for proc, resp in ix.role_duties.get(role_id, []):
        group(proc).duties += resp.duties
    for ins in ix.role_instructions.get(role_id, []):
        group(ins).performs = True
    for use in ix.role_steps.get(role_id, []):
        group(use.doc).steps.append(use)
    for doc in ix.role_approves.get(role_id, []):
        group(doc).approves = True
    return sorted(groups.values(), key=lambda g: (kinds.get(g.kind).order, natural(g.doc.code)))


@page("role")
def role(ix: SiteIndex, obj: Role) -> dict[str, Any]:
    return {
        "role": obj,
        "reports": [ix.book.roles[r] for r in ix.reports.get(obj.id, [])],
        "approves": len(ix.role_approves.get(obj.id, [])),
        "shares": ix.role_shares.get(obj.id, []),
    }


@page("department")
def department(ix: SiteIndex, obj: Department) -> dict[str, Any]:
    parent = ix.book.departments.get(obj.parent) if obj.parent else None
    return {
        "dept": obj,
        "parent": parent,
        "children": [ix.book.departments[c] for c in ix.dept_children.get(obj.id, [])],
        "roles": [ix.book.roles[r] for r in ix.dept_roles.get(obj.id, [])],
    }


def department_docs(ix: SiteIndex, dept_id: str) -> list[AnyDocument]:
    return sorted(ix.dept_docs.get(dept_id, []), key=lambda d: (kinds.get(kind_of(d)).order, natural(d.code)))


@page("site")
def site(ix: SiteIndex, obj: Site) -> dict[str, Any]:
    lists = site_price_lists(ix.book, obj)
    return {"site": obj, "price_lists": lists, "backlinks": backlinks(ix, "site", obj.id)}


def natural(text: str) -> tuple:
    """Sort key that orders QP-2 before QP-10."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))
