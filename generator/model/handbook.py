"""The handbook tree: every source object, indexed, with the links between them.

Everything downstream (checker, site, print, review) reads this one structure.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Union

from generator.model.base import SourceModel
from generator.model.document import Document
from generator.model.form import Form
from generator.model.glossary import Glossary, Limit
from generator.model.organisation import Company, Department, Role, Site
from generator.model.price_list import PriceList
from generator.model.procedure import Branch, Instruction, Links, Procedure, Step
from generator.model.review import Review

AnyDocument = Union[Procedure, Instruction, Form, PriceList]


@dataclass(frozen=True, slots=True)
class Ref:
    """One reference from a source object to another source."""

    kind: str  # procedure | instruction | form | price_list | role | department | site | step | limit
    target: str
    source: Document | Department | Role | Site  # the document making the reference
    holder: SourceModel  # the object whose field holds the reference
    field: str


@dataclass(frozen=True, slots=True)
class NumberedStep:
    number: str  # "2.1.3"; branch steps read "2.1-①.1"
    step: Step
    depth: int
    branch: Branch | None
    parent: Step | None


@dataclass
class Handbook:
    root: Path
    company: Company | None = None
    departments: dict[str, Department] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    sites: dict[str, Site] = field(default_factory=dict)
    procedures: dict[str, Procedure] = field(default_factory=dict)
    instructions: dict[str, Instruction] = field(default_factory=dict)
    forms: dict[str, Form] = field(default_factory=dict)
    price_lists: dict[str, PriceList] = field(default_factory=dict)
    glossary: Glossary | None = None
    limits: dict[str, Limit] = field(default_factory=dict)
    reviews: dict[str, Review] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict, repr=False)  # source file -> its text
    _references: list[Ref] | None = field(default=None, repr=False, compare=False)
    _steps: dict[str, list[NumberedStep]] = field(default_factory=dict, repr=False, compare=False)

    # -- lookups -----------------------------------------------------------------------------

    def documents(self) -> Iterator[AnyDocument]:
        """Every controlled document, in a stable order."""
        for table in (self.procedures, self.instructions, self.forms, self.price_lists):
            yield from table.values()

    def document(self, doc_id: str) -> AnyDocument | None:
        for table in (self.procedures, self.instructions, self.forms, self.price_lists):
            if doc_id in table:
                return table[doc_id]
        return None

    def table(self, kind: str) -> dict[str, object]:
        return {
            "procedure": self.procedures,
            "instruction": self.instructions,
            "form": self.forms,
            "price_list": self.price_lists,
            "role": self.roles,
            "department": self.departments,
            "site": self.sites,
            "limit": self.limits,
            "review": self.reviews,
        }[kind]

    def steps(self, doc: Procedure | Instruction) -> list[NumberedStep]:
        """The document's steps with generated numbers, depth first (computed once per document)."""
        key = f"{type(doc).__name__}:{doc.id}"
        if key not in self._steps:
            self._steps[key] = list(numbered_steps(doc.steps))
        return self._steps[key]

    def step_ids(self, doc: Procedure | Instruction) -> set[str]:
        return {n.step.id for n in self.steps(doc) if n.step.id}

    # -- links -------------------------------------------------------------------------------

    def references(self) -> list[Ref]:
        """Every reference in the handbook, from any source to any other (computed once)."""
        if self._references is None:
            self._references = list(self._collect_references())
        return self._references

    def _collect_references(self) -> Iterator[Ref]:
        for role in self.roles.values():
            yield Ref("department", role.department, role, role, "department")
            if role.reports_to:
                yield Ref("role", role.reports_to, role, role, "reports_to")
        for dept in self.departments.values():
            if dept.parent:
                yield Ref("department", dept.parent, dept, dept, "parent")
        for site in self.sites.values():
            for pl in site.price_lists:
                yield Ref("price_list", pl, site, site, "price_lists")
        for doc in self.documents():
            yield from _document_refs(self, doc)

    def backlinks(self) -> dict[tuple[str, str], list[Ref]]:
        """(kind, id) -> the references pointing at it, for "referenced by" lists."""
        index: dict[tuple[str, str], list[Ref]] = defaultdict(list)
        for ref in self.references():
            target = ref.target
            if ref.kind == "step":
                doc_id, _, _ = target.partition("#")
                index[("procedure", doc_id or ref.source.id)].append(ref)
            index[(ref.kind, target)].append(ref)
        return index


def numbered_steps(steps: list[Step], prefix: str = "", depth: int = 0,
                   branch: Branch | None = None, parent: Step | None = None) -> Iterator[NumberedStep]:
    """Generated step numbers: 1, 1.1, 1.1.1; branch n of a step numbers its steps "1.2-n.1"."""
    for index, step in enumerate(steps, start=1):
        number = f"{prefix}{index}"
        yield NumberedStep(number, step, depth, branch, parent)
        yield from numbered_steps(step.steps, number + ".", depth + 1, branch, step)
        for b_index, br in enumerate(step.branches, start=1):
            yield from numbered_steps(br.steps, f"{number}-{_CIRCLED[b_index - 1]}.", depth + 1, br, step)


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _links_refs(doc: Document, holder: Links) -> Iterator[Ref]:
    for name, kind in (("forms", "form"), ("procedures", "procedure"), ("instructions", "instruction"),
                       ("price_lists", "price_list"), ("see", "step")):
        for target in getattr(holder, name):
            if kind == "step" and target.startswith("#"):
                target = f"{doc.id}{target}"
            yield Ref(kind, target, doc, holder, name)


def _document_refs(book: Handbook, doc: AnyDocument) -> Iterator[Ref]:
    yield Ref("department", doc.owner, doc, doc, "owner")
    if doc.approver:
        yield Ref("role", doc.approver, doc, doc, "approver")
    for entry in doc.history:
        if entry.approved_by:
            yield Ref("role", entry.approved_by, doc, entry, "approved_by")
    if isinstance(doc, PriceList):
        for site in doc.scope.sites:
            yield Ref("site", site, doc, doc.scope, "sites")
    if isinstance(doc, (Procedure, Instruction)):
        yield from _links_refs(doc, doc.related)
        for numbered in book.steps(doc):
            step = numbered.step
            yield from _links_refs(doc, step)
            for role in step.roles:
                yield Ref("role", role, doc, step, "roles")
            for limit in step.limits:
                yield Ref("limit", limit, doc, step, "limits")
            if step.split:
                for share in step.split.shares:
                    if share.role:
                        yield Ref("role", share.role, doc, share, "role")
    if isinstance(doc, Instruction):
        for role in doc.roles:
            yield Ref("role", role, doc, doc, "roles")
    if isinstance(doc, Procedure):
        for resp in doc.responsibilities:
            yield Ref("role", resp.role, doc, resp, "role")
        for record in doc.records:
            yield Ref("form", record.form, doc, record, "form")
            if record.keeper:
                yield Ref("department", record.keeper, doc, record, "keeper")
        for appendix in doc.appendices:
            yield from _links_refs(doc, appendix)
