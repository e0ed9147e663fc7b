"""The DOT source (Graphviz) of a document's steps and branches, laid out top to bottom.

Sub-steps are drawn only where they hold the flow's decisions (branches, conditional steps); a chain
of plain sub-steps is one box. A conditional step is a diamond: 是 leads through it, 否 past it.
Past ``MAX_NODES`` boxes the branches collapse to one box each; past ``MAX_DRAWN`` the chart shows
the first steps and a note box naming the steps left out (all are in the step list below it).

Labels are wrapped to about ``WRAP`` characters a line so a chart stays narrow enough for a phone,
and escaped for a DOT string (backslash, double quote) and for Graphviz's entity decoding (& is
written &amp;, so source text such as ``&lt;`` prints as written). Graphviz escapes the text again
when it writes the SVG. Each step box links to the step's anchor on the page.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from generator.render.flowchart.shorten import shorten
from generator.render.site.views.steps import StepNode, summary

MAX_NODES = 60
MAX_DRAWN = 120  # beyond this even the collapsed chart is cut: the first steps, then one note node
WRAP = 13  # characters (CJK width) a box line holds: 13 × 14 px + margins fits a 390 px phone
FONT = "Noto Sans CJK SC"
# Sentinel colours: svg.py turns them into the page's colour (dark mode) or the printed one.
INK, BOX, GROUP, QUESTION = "#010101", "#fefefe", "#fdfdfd", "#fcfcfc"
HEADER = f"""digraph flow {{
  graph [rankdir=TB, fontname="{FONT}", fontsize=14, fontcolor="{INK}", nodesep=0.25, ranksep=0.32,
         bgcolor="transparent", pad=0.06, labeljust=l, color="{INK}", style="rounded,filled", fillcolor="{GROUP}"];
  node [shape=box, style="rounded,filled", fillcolor="{BOX}", color="{INK}", fontcolor="{INK}",
        fontname="{FONT}", fontsize=14, margin="0.12,0.05", penwidth=1.1];
  edge [color="{INK}", fontcolor="{INK}", fontname="{FONT}", fontsize=13, arrowsize=0.7, penwidth=1.1];
"""


NO_LINE_START = "，。、；：？！）」』》…,.;:?!) "  # never begin a line (they stay with the text before)


def width(ch: str) -> float:
    """How many CJK character widths ``ch`` takes (Latin letters and digits about half)."""
    return 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55


def wrap(text: str, limit: float = WRAP) -> list[str]:
    """``text`` cut into lines of at most ``limit`` CJK widths (never inside the limit's last char)."""
    lines, line, used = [], "", 0.0
    for ch in " ".join(text.split()):
        w = width(ch)
        if line and used + w > limit and ch not in NO_LINE_START:
            lines.append(line.rstrip())
            line, used = "", 0.0
            if ch == " ":
                continue
        line += ch
        used += w
    return lines + [line] if line or not lines else lines


def escape(text: str) -> str:
    """``text`` safe inside a double-quoted DOT string that Graphviz entity-decodes."""
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")  # no control characters
    return text.replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"')


def label(text: str, limit: float = WRAP) -> str:
    """A quoted DOT label: wrapped, each line escaped, lines joined by DOT's centred line break."""
    return '"' + "\\n".join(escape(line) for line in wrap(text, limit)) + '"'


Exit = tuple[str, str | None]  # a node the flow leaves from, and the label of the edge leaving it


@dataclass
class _Chart:
    expand_branches: bool
    lines: list[str] = field(default_factory=list)
    nodes: int = 0

    def node(self, text: str, indent: str, attrs: str = "", anchor: str | None = None) -> str:
        self.nodes += 1
        name = f"n{self.nodes}"
        link = f', URL="#{anchor}", tooltip=" "' if anchor else ""
        limit = WRAP - 4 if "diamond" in attrs else WRAP
        self.lines.append(f"{indent}{name} [label={label(text, limit)}{attrs}{link}];")
        return name

    def link(self, sources: list[Exit], target: str, indent: str) -> None:
        for source, text in sources:
            extra = f" [label={label(text, 7)}]" if text else ""
            self.lines.append(f"{indent}{source} -> {target}{extra};")

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
        question = self.node(summary_text(step.step.condition, 20) + "?", indent,
                             f', shape=diamond, style=filled, fillcolor="{QUESTION}", margin="0.02,0.02"')
        first, exits = self.body(step, indent)
        self.link([(question, "是")], first, indent)
        return question, exits + [(question, "否")]

    def body(self, step: StepNode, indent: str) -> tuple[str, list[Exit]]:
        if step.children and any(c.has_decisions for c in step.children):
            self.nodes += 1
            self.lines.append(f"{indent}subgraph cluster_{self.nodes} {{")
            self.lines.append(f"{indent}  label={label(step.number + ' ' + summary(step.step), 2 * WRAP)};")
            first, exits = self.chain(step.children, indent + "  ")
            self.lines.append(f"{indent}}}")
            assert first is not None
        else:
            extra = f"（含 {step.count() - 1} 个子步骤）" if step.children else ""
            first = self.node(f"{step.number} {summary(step.step)}{extra}", indent, anchor=step.anchor)
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
                entry = self.node(f"{branch.mark} {len(branch.steps)} 个步骤", indent, anchor=branch.anchor)
                last = [(entry, None)]
            self.link([(source, condition) for source, _ in exits], entry, indent)
            ends += last
        return first, ends


def summary_text(text: str, limit: int) -> str:
    return shorten(text, limit)


def flowchart(steps: list[StepNode]) -> str | None:
    """DOT source, or None when there is no flow to draw (fewer than two steps)."""
    if sum(s.count() for s in steps) < 2:
        return None
    chart = _Chart(expand_branches=True)
    chart.chain(steps, "  ")
    if chart.nodes > MAX_NODES:
        chart = _Chart(expand_branches=False)
        chart.chain(steps, "  ")
    if chart.nodes > MAX_DRAWN:  # thousands of steps: too tall to read, and slow to lay out
        chart = _capped(steps)
    return HEADER + "\n".join(chart.lines) + "\n}\n"


def document_chart(kind: str, steps: list[StepNode]) -> str | None:
    """The chart a document shows (site page and bound handbook alike): a procedure's when it has
    two steps or more, a work instruction's when it has more than three top-level steps."""
    if kind == "instruction" and len(steps) <= 3:
        return None
    return flowchart(steps)


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
    if not rest:  # one top-level step holds them all: it is drawn collapsed as it is
        return chart
    note = chart.node(f"…… 其余 {len(rest)} 个步骤（{rest[0].number} 至 {rest[-1].number}）未画出，见下方步骤", "  ",
                      ', style="rounded,dashed"', anchor=rest[0].anchor)
    chart.link(exits, note, "  ")
    return chart
