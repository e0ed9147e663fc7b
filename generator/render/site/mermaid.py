"""A Mermaid flowchart of a document's steps and branches.

Sub-steps are drawn only where they hold the flow's decisions (branches, conditional steps); a chain
of plain sub-steps is one box. A conditional step is a diamond: 是 leads through it, 否 past it.
Every label is Mermaid-escaped (#60; for <, …) and the whole source is then HTML-escaped by the
template, so source text can never become markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.render.site.views.steps import StepNode, summary

MAX_NODES = 60
# Drawn at its own size (16 px labels) and scrolled sideways where wider than the screen, instead of
# shrunk to the column (on a phone the resident-help chart's labels came out at 5.5 px).
NATURAL_SIZE = '%%{init: {"flowchart": {"useMaxWidth": false}}}%%'
MAX_DRAWN = 120  # beyond this even the collapsed chart is cut: the first steps, then one note node
_ESCAPES = {ord(c): f"#{ord(c)};" for c in '#"<>&`'} | {ord("\n"): " ", ord("\r"): " "}


def label(text: str) -> str:
    """Text safe inside a quoted Mermaid label."""
    return '"' + text.translate(_ESCAPES) + '"'


Exit = tuple[str, str | None]  # a node the flow leaves from, and the label of the edge leaving it


@dataclass
class _Chart:
    expand_branches: bool
    lines: list[str] = field(default_factory=list)
    nodes: int = 0

    def node(self, text: str, indent: str, shape: str = "[]") -> str:
        self.nodes += 1
        name = f"n{self.nodes}"
        self.lines.append(f"{indent}{name}{shape[0]}{label(text)}{shape[1]}")
        return name

    def link(self, sources: list[Exit], target: str, indent: str) -> None:
        for source, text in sources:
            arrow = f'-->|{label(text)}|' if text else "-->"
            self.lines.append(f"{indent}{source} {arrow} {target}")

    def chain(self, steps: list[StepNode], indent: str) -> tuple[str | None, list[Exit]]:
        """Draw ``steps`` one after another; returns the entry node and the exits."""
        entry: str | None = None
        exits: list[Exit] = []
        for step in steps:
            first, last = self.step(step, indent)
            if entry is None:
                entry = first
            if exits:
                self.link(exits, first, indent)
            exits = last
        return entry, exits

    def step(self, step: StepNode, indent: str) -> tuple[str, list[Exit]]:
        if not step.step.condition:
            return self.body(step, indent)
        question = self.node(summary_text(step.step.condition, 20) + "?", indent, "{}")
        first, exits = self.body(step, indent)
        self.link([(question, "是")], first, indent)
        return question, exits + [(question, "否")]

    def body(self, step: StepNode, indent: str) -> tuple[str, list[Exit]]:
        if step.children and any(c.has_decisions for c in step.children):
            self.nodes += 1
            self.lines.append(f"{indent}subgraph g{self.nodes}[{label(step.number + ' ' + summary(step.step))}]")
            self.lines.append(f"{indent}  direction TB")
            first, exits = self.chain(step.children, indent + "  ")
            self.lines.append(f"{indent}end")
            assert first is not None
        else:
            extra = f"（含 {step.count() - 1} 个子步骤）" if step.children else ""
            first = self.node(f"{step.number} {summary(step.step)}{extra}", indent)
            exits = [(first, None)]
        if not step.branches:
            return first, exits
        ends: list[Exit] = []
        for branch in step.branches:
            condition = f"{branch.mark} {summary_text(branch.branch.condition, 18)}"
            if self.expand_branches:
                entry, last = self.chain(branch.steps, indent)
                assert entry is not None
            else:
                entry = self.node(f"{branch.mark} {len(branch.steps)} 个步骤", indent)
                last = [(entry, None)]
            self.link([(source, condition) for source, _ in exits], entry, indent)
            ends += last
        return first, ends


def summary_text(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def flowchart(steps: list[StepNode]) -> str | None:
    """Mermaid source, or None when there is no flow to draw (fewer than two steps)."""
    if sum(s.count() for s in steps) < 2:
        return None
    chart = _Chart(expand_branches=True)
    chart.chain(steps, "  ")
    if chart.nodes > MAX_NODES:
        chart = _Chart(expand_branches=False)
        chart.chain(steps, "  ")
    if chart.nodes > MAX_DRAWN:  # thousands of steps exceed what Mermaid can draw ("Maximum text size")
        chart = _capped(steps)
    return "\n".join([NATURAL_SIZE, "flowchart TD", *chart.lines]) + "\n"


def _capped(steps: list[StepNode]) -> _Chart:
    """The first top-level steps that fit in ``MAX_NODES`` boxes (branches collapsed), then a note
    box naming how many steps the chart leaves out (all of them are in the step list below it)."""
    sizes = []
    for step in steps:
        alone = _Chart(expand_branches=False)
        alone.step(step, "")
        sizes.append(alone.nodes)
    shown, used = 0, 0
    while shown < len(steps) and used + sizes[shown] < MAX_NODES:
        used += sizes[shown]
        shown += 1
    shown = max(shown, 1)
    chart = _Chart(expand_branches=False)
    _, exits = chart.chain(steps[:shown], "  ")
    rest = steps[shown:]
    note = chart.node(f"…… 其余 {len(rest)} 个步骤（{rest[0].number} 至 {rest[-1].number}）未画出，见下方步骤", "  ")
    chart.link(exits, note, "  ")
    return chart
