"""Flowcharts stay drawable however long the procedure: past MAX_DRAWN boxes the chart is cut, with a note."""

from __future__ import annotations

from sitekit import ROOT

from generator.load import load_or_raise
from generator.render.site.index import SiteIndex
from generator.render.site.mermaid import MAX_DRAWN, MAX_NODES, flowchart
from generator.render.site.views.steps import step_tree


def _chart(steps_per_copy: int) -> tuple[str, int]:
    book = load_or_raise(ROOT)
    proc = next(p for p in book.procedures.values() if len(p.steps) > 3)
    steps = [s.model_copy(deep=True) for _ in range(steps_per_copy) for s in proc.steps]
    long = proc.model_copy(update={"steps": steps})
    book.procedures[long.id] = long
    ix = SiteIndex.build(book)
    tree = step_tree(long.steps, ix.numbers)
    chart = flowchart(tree)
    assert chart is not None
    return chart, len(tree)


def test_a_procedure_of_thousands_of_steps_gets_a_capped_chart() -> None:
    chart, count = _chart(1000)
    boxes = sum(1 for line in chart.splitlines() if "-->" not in line and line.strip().startswith("n"))
    assert count > 3000 and boxes <= MAX_NODES + 1
    assert "其余" in chart and "未画出，见下方步骤" in chart
    assert len(chart) < 20_000  # far below Mermaid's maximum text size (50,000)


def test_an_ordinary_procedure_is_drawn_whole() -> None:
    chart, count = _chart(1)
    assert "其余" not in chart
    assert sum(1 for line in chart.splitlines() if "-->" not in line and line.strip().startswith("n")) <= MAX_DRAWN
