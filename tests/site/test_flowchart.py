"""Flowcharts stay drawable however long the procedure: past MAX_DRAWN boxes the chart is cut, with a note."""

from __future__ import annotations

from sitekit import ROOT, real_site  # noqa: F401 (fixture)
from test_browser import ARTIFACTS, _page, base_url, browser  # noqa: F401 (fixtures)

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


def test_flowchart_keeps_its_size_on_a_phone(browser, base_url: str) -> None:  # noqa: F811 (fixtures)
    """Labels stay at their own size (not shrunk to the column): the chart scrolls sideways instead,
    starts at its middle and says so; the page itself does not scroll sideways."""
    page = _page(browser, 390, 844)
    page.goto(base_url + "procedures/resident-help/")
    page.wait_for_selector("div.mermaid", timeout=20_000)
    page.wait_for_timeout(500)
    wide, shown, left = page.evaluate("(() => { const c = document.querySelector('.hb-flow__chart');"
                                      " return [c.scrollWidth, c.clientWidth, c.scrollLeft] })()")
    assert wide > 1.5 * shown and left > 0
    assert page.locator(".hb-scroll-cue", has_text="流程图").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1
    page.locator(".hb-flow__chart").screenshot(path=str(ARTIFACTS / "flowchart-phone.png"))
    page.close()
