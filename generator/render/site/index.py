"""Everything the pages need to know about each other, computed once per build.

Backlinks, who performs which step, which department owns what, step numbers by id: the
templates read these tables instead of walking the handbook again for every page.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from generator.dates import add_months
from generator.model import Handbook, Instruction, NumberedStep, Procedure, Ref, kinds
from generator.model.handbook import AnyDocument
from generator.model.procedure import Responsibility, Share
from generator.model.review import DocumentReview, Review
from generator.model.document import Status
from generator.check.reviews import reviewed
from generator.model.handbook import Key
from generator.render.site.views.reviews import ReviewTables

QUARTERLY_LIMIT = "procedure-review-quarterly"  # limits.yaml: the 复审规定 period


@dataclass(frozen=True, slots=True)
class StepUse:
    """A step performed by a role: the document, the numbered step, the other roles on it."""

    doc: Procedure | Instruction
    numbered: NumberedStep
    others: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Revision:
    date: dt.date
    doc: AnyDocument
    version: str
    summary: str
    author: str = ""
    approved_by: str | None = None


@dataclass
class SiteIndex:
    book: Handbook
    numbers: dict[int, str] = field(default_factory=dict)  # id(step) -> "2.1"
    step_numbers: dict[tuple[Key, str], str] = field(default_factory=dict)  # ((kind, doc), step id) -> number
    backlinks: dict[Key, list[Ref]] = field(default_factory=dict)
    role_steps: dict[str, list[StepUse]] = field(default_factory=lambda: defaultdict(list))
    role_shares: dict[str, list[tuple[Procedure | Instruction, str, Share]]] = field(
        default_factory=lambda: defaultdict(list))
    role_duties: dict[str, list[tuple[Procedure, Responsibility]]] = field(default_factory=lambda: defaultdict(list))
    role_approves: dict[str, list[AnyDocument]] = field(default_factory=lambda: defaultdict(list))
    role_instructions: dict[str, list[Instruction]] = field(default_factory=lambda: defaultdict(list))
    dept_docs: dict[str, list[AnyDocument]] = field(default_factory=lambda: defaultdict(list))
    dept_roles: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    dept_children: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    reports: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    reviews: dict[Key, list[tuple[Review, DocumentReview]]] = field(default_factory=lambda: defaultdict(list))
    revisions: list[Revision] = field(default_factory=list)
    today: dt.date = field(default_factory=dt.date.today)
    review_tables: ReviewTables | None = None
    review_pages: dict[str, str] = field(default_factory=dict)  # review id -> revisions page part holding it
    public: bool = False  # the residents' site (built from public_view), not the staff handbook

    @classmethod
    def build(cls, book: Handbook, public: bool = False, today: dt.date | None = None) -> SiteIndex:
        index = cls(book, public=public, today=today or dt.date.today())
        index.backlinks = dict(book.backlinks())
        for kind, doc in book.entries():
            if kind.has_steps:
                index._add_steps(doc)
        for doc in book.documents():
            index.dept_docs[doc.owner].append(doc)
            if doc.approver:
                index.role_approves[doc.approver].append(doc)
            index.revisions += [Revision(h.date, doc, h.version, h.summary, h.author, h.approved_by) for h in doc.history]
        for proc in book.procedures.values():
            for resp in proc.responsibilities:
                index.role_duties[resp.role].append((proc, resp))
        for ins in book.instructions.values():
            for role in ins.roles:
                index.role_instructions[role].append(ins)
        for post in book.roles.values():
            index.dept_roles[post.department].append(post.id)
            if post.reports_to:
                index.reports[post.reports_to].append(post.id)
        for dept in book.departments.values():
            if dept.parent:
                index.dept_children[dept.parent].append(dept.id)
        for review in sorted(book.reviews.values(), key=lambda r: r.date):
            for entry in review.documents:
                key = reviewed(book, entry)
                if key is not None:
                    index.reviews[key].append((review, entry))
        index.revisions.sort(key=lambda r: (r.date, r.doc.code), reverse=True)
        index.review_tables = ReviewTables.build(book)
        return index

    def _add_steps(self, doc: Procedure | Instruction) -> None:
        for numbered in self.book.steps(doc):
            step = numbered.step
            self.numbers[id(step)] = numbered.number
            if step.id:
                self.step_numbers[(self.book.key(doc), step.id)] = numbered.number
            for role in dict.fromkeys(step.roles):
                others = tuple(r for r in dict.fromkeys(step.roles) if r != role)
                self.role_steps[role].append(StepUse(doc, numbered, others))
            for share in step.split.shares if step.split else []:
                if share.role:
                    self.role_shares[share.role].append((doc, numbered.number, share))

    # -- questions the pages ask ---------------------------------------------------------------

    def paged_kinds(self) -> list[kinds.Kind]:
        """Kinds with pages on this site: a URL folder, and on the public site exposed as pages."""
        return [k for k in kinds.kinds() if k.url and (not self.public or k.exposure is kinds.Exposure.pages)]

    def referrers(self, kind: str, ident: str) -> list[Ref]:
        """References to (kind, ident) from other documents and sites, in source order."""
        target = self.book.table(kind).get(ident)
        return [ref for ref in self.backlinks.get((kind, ident), []) if ref.source is not target]

    def role_documents(self, role_id: str) -> int:
        """How many documents give the role duties or steps."""
        docs = {p.id for p, _ in self.role_duties.get(role_id, [])}
        docs |= {u.doc.id for u in self.role_steps.get(role_id, [])}
        return len(docs | {i.id for i in self.role_instructions.get(role_id, [])})

    def last_revision(self, doc: AnyDocument) -> dt.date:
        return max((h.date for h in doc.history), default=doc.effective)

    def last_review(self, doc: AnyDocument) -> tuple[Review, DocumentReview] | None:
        entries = self.reviews.get(self.book.key(doc))
        return entries[-1] if entries else None

    def next_review(self, doc: AnyDocument) -> dt.date:
        """Quarterly review (复审规定): the period after the last review, else after the last revision."""
        limit = self.book.limits.get(QUARTERLY_LIMIT)
        months = int(limit.value) if limit is not None and limit.unit == "个月" else 3
        last = self.last_review(doc)
        return add_months(last[0].date if last else self.last_revision(doc), months)

    def overdue(self, doc: AnyDocument) -> bool:
        """Its quarterly review (复审规定) is past due: ``next_review`` before the build's today.
        Only a document in force (approved) is reviewed, as in the REV rules (generator.check.reviews):
        a draft or an obsolete document is never overdue. Review dates are internal: never overdue on
        the public site."""
        return not self.public and doc.status is Status.approved and self.next_review(doc) < self.today

    def overdue_documents(self) -> list[AnyDocument]:
        """Every controlled document whose review is past due, the longest overdue first."""
        book = self.book
        docs: list[AnyDocument] = [*book.procedures.values(), *book.instructions.values(),
                                   *book.forms.values(), *book.price_lists.values()]
        return sorted((d for d in docs if self.overdue(d)), key=lambda d: (self.next_review(d), d.code))
