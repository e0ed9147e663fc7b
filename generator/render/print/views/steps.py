"""Steps of a procedure or work instruction -> nested print views with their generated numbers.

Numbers come from ``Handbook.steps`` (the model's numbering), so the printed handbook, the site
and every cross-reference agree: 2.1, 2.1.3, and branch steps 2.1-①.1.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Handbook, Instruction, Procedure, Step, kinds
from generator.model.base import shape
from generator.model.handbook import Key
from generator.model.procedure import Links
from generator.render.print.trace import Tracer
from generator.render.print.views.common import role_name


@dataclass(frozen=True, slots=True)
class Share:
    party: str
    role: str
    percent: str


@dataclass(frozen=True)
class StepView:
    number: str  # 2.1, 2.1-①.3: the model's number, as the site and every 参见 write it
    title: str
    text: str
    condition: str
    items: tuple[str, ...]
    roles: tuple[str, ...]
    forms: tuple[str, ...]  # 《来访登记表》（TEST/QR-001）
    refs: tuple[str, ...]  # other documents and steps referred to (参见)
    split_basis: str
    shares: tuple[Share, ...]
    steps: tuple[StepView, ...]
    branches: tuple[BranchView, ...]

    @property
    def label(self) -> str:
        """What the page shows: 第 2 步 for a top-level step, so it never reads as a section number
        (GB/T 1.1-2020 §7.2: numbering without clashes); 2.1, 2.1-①.3 below it."""
        return f"第 {self.number} 步" if self.number.isdigit() else self.number


@dataclass(frozen=True)
class BranchView:
    label: str  # 情形①
    condition: str
    steps: tuple[StepView, ...]


class StepNumbers:
    """Step numbers of every document, for 参见 references to steps of this or another document."""

    def __init__(self, book: Handbook):
        self.book = book
        self.numbers: dict[int, str] = {}
        self.by_ref: dict[tuple[Key, str], str] = {}  # ((kind, doc id), step id) -> number
        for kind, doc in book.entries():
            if kind.has_steps:
                for numbered in book.steps(doc):
                    self.numbers[id(numbered.step)] = numbered.number
                    if numbered.step.id:
                        self.by_ref[(book.key(doc), numbered.step.id)] = numbered.number

    def describe(self, doc: Procedure | Instruction, ref: str) -> str:
        """``参见`` text of a step reference made in ``doc``: 本文件第 2.1 步, 《…》第 3 步."""
        step = ref.partition("#")[2]
        key = self.book.step_document(doc, ref)
        number = self.by_ref.get((key, step), step)
        if key == self.book.key(doc):
            return f"本文件第 {number} 步"
        other = self.book.get(*key)
        return f"《{other.title}》第 {number} 步" if other else f"{key[1]} 第 {number} 步"  # title traced where printed


def step_views(book: Handbook, doc: Procedure | Instruction, steps: list[Step], numbers: StepNumbers,
               t: Tracer) -> tuple[StepView, ...]:
    return tuple(_step(book, doc, step, numbers, t) for step in steps)


def _step(book: Handbook, doc: Procedure | Instruction, step: Step, numbers: StepNumbers, t: Tracer) -> StepView:
    split = step.split
    forms, others = link_titles(book, step, t)
    return StepView(
        number=numbers.numbers.get(id(step), ""), title=t.take(step, "title"), text=t.take(step, "text"),
        condition=t.take(step, "condition"), items=tuple(t.take_all(step, "items")),
        roles=tuple(role_name(book, r, t) for r in step.roles), forms=forms,
        refs=others + tuple(numbers.describe(doc, ref) for ref in step.see),
        split_basis=t.take(split, "basis") if split else "",
        shares=tuple(Share(t.take(s, "party"), role_name(book, s.role, t) if s.role else "", t.take(s, "percent"))
                     for s in split.shares) if split else (),
        steps=step_views(book, doc, step.steps, numbers, t),
        branches=tuple(BranchView(f"情形{_circled(i)}", t.take(br, "condition"),
                                  step_views(book, doc, br.steps, numbers, t))
                       for i, br in enumerate(step.branches)))


def link_titles(book: Handbook, links: Links, t: Tracer) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(forms, other documents) a step or document refers to, as 《title》（code）."""
    refs = [(mark.kind, getattr(links, name)) for name, mark in shape(type(links)).refs
            if mark.kind in kinds.KINDS and kinds.get(mark.kind).is_document]
    forms = tuple(_titled(book.get(kind, i), i, t) for kind, ids in refs if kind == "form" for i in ids)
    others = tuple(_titled(book.get(kind, i), i, t) for kind, ids in refs if kind != "form" for i in ids)
    return forms, others + tuple(f"《{t.take(links, 'external', x)}》" for x in links.external)


def _titled(doc, fallback: str, t: Tracer) -> str:  # noqa: ANN001 - any document
    return f"《{t.take(doc, 'title')}》（{t.take(doc, 'code')}）" if doc else fallback


def _circled(index: int) -> str:
    return "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"[index] if index < 20 else f"({index + 1})"
