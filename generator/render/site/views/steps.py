"""Steps as a tree with their generated numbers and anchors (the model numbers them; we nest)."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.model.procedure import Branch, Step
from generator.render.flowchart.shorten import shorten
from generator.render.site.urls import step_anchor


@dataclass
class StepNode:
    number: str
    step: Step
    children: list[StepNode] = field(default_factory=list)
    branches: list[BranchNode] = field(default_factory=list)
    alias: str | None = None  # the step's own id as a second anchor, when it is free

    @property
    def anchor(self) -> str:
        return step_anchor(self.number)

    @property
    def has_decisions(self) -> bool:
        """Whether this step or one below it branches or applies only under a condition."""
        return bool(self.branches or self.step.condition) or any(c.has_decisions for c in self.children)

    def count(self) -> int:
        """This step and every step below it."""
        return 1 + sum(c.count() for c in self.children) + sum(s.count() for b in self.branches for s in b.steps)


@dataclass
class BranchNode:
    mark: str  # ① ② …
    prefix: str  # number of the step the branch belongs to
    branch: Branch
    steps: list[StepNode]
    alias: str | None = None

    @property
    def anchor(self) -> str:
        return step_anchor(f"{self.prefix}-{self.mark}")


def step_tree(steps: list[Step], numbers: dict[int, str], taken: set[str] | None = None) -> list[StepNode]:
    """Nest ``steps`` using the generated numbers (``numbers`` maps id(step) to its number).

    A step's or branch's own ``id`` becomes a second anchor unless another one already took it
    (``taken`` starts with the page's section anchors).
    """
    taken = set(RESERVED) if taken is None else taken
    nodes = []
    for step in steps:
        node = StepNode(numbers[id(step)], step, alias=_claim(step.id, taken))
        node.children = step_tree(step.steps, numbers, taken)
        for branch in step.branches:
            alias = _claim(branch.id, taken)
            children = step_tree(branch.steps, numbers, taken)
            mark = children[0].number.rsplit("-", 1)[1].split(".", 1)[0]
            node.branches.append(BranchNode(mark, node.number, branch, children, alias))
        nodes.append(node)
    return nodes


# Anchors the page itself uses (section headings), never given to a step.
RESERVED = frozenset({"sec-card", "sec-purpose", "sec-scope", "sec-definitions", "sec-responsibilities",
                      "sec-principles", "sec-flow", "sec-steps", "sec-records", "sec-related", "sec-appendices",
                      "sec-backlinks", "sec-variants", "sec-notes", "sec-history", "sec-tools",
                      "sec-acceptance", "sec-roles"})


def _claim(ident: str | None, taken: set[str]) -> str | None:
    if not ident or ident in taken or ident.startswith("step-"):
        return None
    taken.add(ident)
    return ident


def summary(step: Step, limit: int = 24) -> str:
    """A short label: the title, else the text up to its first pause, cut at ``limit`` characters."""
    text = step.title or step.text or ""
    if not step.title:
        for stop in "。；;，,:：":
            head, sep, _ = text.partition(stop)
            if sep and 4 <= len(head) < len(text):
                text = head
                break
    return shorten(text, limit)
