"""Flowcharts: drawn by Graphviz at build time, readable on a phone, escaped, capped however long the procedure."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
import xml.etree.ElementTree as ET

import pytest
from sitekit import MINI, ROOT, real_site, site_project  # noqa: F401 (fixture)
from test_browser import ARTIFACTS, _page, base_url, browser  # noqa: F401 (fixtures)

from generator.findings import SourceError
from generator.load import load_or_raise
from generator.render.flowchart import graphviz, svg
from generator.render.flowchart.dot import MAX_DRAWN, MAX_NODES, flowchart
from generator.render.site.index import SiteIndex
from generator.render.site.views.steps import step_tree

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = ['a "quote"', "<b>&amp;", "{brace} }", "\\n back\\slash\\", "</text><script>", "&lt;"]


def _chart(steps_per_copy: int, titles: list[str] | None = None) -> tuple[str, int]:
    book = load_or_raise(ROOT)
    proc = next(p for p in book.procedures.values() if len(p.steps) > 3)
    steps = [s.model_copy(deep=True) for _ in range(steps_per_copy) for s in proc.steps]
    if titles is not None:
        steps = [s.model_copy(update={"title": titles[n % len(titles)]}) for n, s in enumerate(steps)]
    long = proc.model_copy(update={"steps": steps})
    book.procedures[long.id] = long
    ix = SiteIndex.build(book)
    tree = step_tree(long.steps, ix.numbers)
    chart = flowchart(tree)
    assert chart is not None
    return chart, sum(s.count() for s in tree)


def _boxes(dot: str) -> int:
    return len(re.findall(r"^\s*n\d+ \[label=", dot, re.M))


def _texts(drawn: str) -> list[str]:
    root = ET.fromstring(svg.standalone(drawn).split("\n", 1)[1])  # well-formed XML, or this raises
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_a_procedure_of_thousands_of_steps_gets_a_capped_chart() -> None:
    dot, count = _chart(1000)
    assert count >= 5000 and _boxes(dot) <= MAX_NODES + 1
    started = time.monotonic()
    texts = _texts(graphviz.render(dot))
    assert time.monotonic() - started < 30
    note = "".join(t for t in texts if t.startswith(("……", "其余")) or "未画出" in t or "见下方" in t)
    assert "其余" in note and "未画出" in "".join(texts) and "步骤" in note


def test_an_ordinary_procedure_is_drawn_whole() -> None:
    dot, _ = _chart(1)
    assert "其余" not in dot and _boxes(dot) <= MAX_DRAWN
    assert "rankdir=TB" in dot  # top to bottom: narrow enough for a phone


def test_hostile_step_text_is_text_in_the_svg_and_the_page() -> None:
    dot, _ = _chart(2, HOSTILE)
    drawn = graphviz.render(dot)
    texts = "".join(_texts(drawn))  # the lines of a wrapped label, joined
    for piece in HOSTILE:
        assert piece.replace(" ", "") in texts.replace(" ", ""), piece
    page = svg.inline(drawn)
    assert "<script" not in page and "</text><" not in page.replace("</text>\n<", "")
    assert "&lt;script&gt;" in page and "&amp;amp;" in page
    assert "<script" not in svg.printed(drawn, "Noto Sans CJK SC Subset")


def test_missing_graphviz_is_a_clear_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graphviz.shutil, "which", lambda name: None)
    assert graphviz.missing() is not None and graphviz.missing().code == "CFG007"
    with pytest.raises(SourceError) as raised:
        graphviz.render_all(["digraph { never_drawn_before_" + str(time.time_ns()) + " }"])
    finding = raised.value.findings[0]
    assert finding.code == "CFG007" and "graphviz" in (finding.hint or "")


def _without_dot(tmp_path: Path) -> dict[str, str]:
    """An environment whose PATH has what a build needs except Graphviz's dot."""
    tools = tmp_path / "bin"
    tools.mkdir()
    for name in ("fc-match", "git"):
        if (found := Path("/usr/bin") / name).exists():
            (tools / name).symlink_to(found)
    return dict(os.environ, PATH=str(tools), HANDBOOK_NO_CUT_CACHE="1", NO_MKDOCS_2_WARNING="1")


def _says_cfg007(text: str) -> None:
    """The CFG007 line with its hint, and nothing calling it a source error or an internal one."""
    assert "CFG007" in text and "提示: " + graphviz.HINT in text and "Traceback" not in text, text
    assert "源文件有" not in text and "内部错误" not in text, text


def test_every_entry_point_without_graphviz_says_cfg007(tmp_path: Path) -> None:
    """No dot on PATH (the rest there): build, bound handbook, page tree and plain mkdocs stop, in
    Chinese, with CFG007 and its hint, never calling it a source error or an internal error."""
    project = site_project(MINI, tmp_path / "project")
    env = _without_dot(tmp_path)
    commands = (["-m", "generator", "build", "--no-pdf"], ["-m", "generator", "bound", "--out", str(tmp_path / "print")],
                ["-m", "generator", "pages", "--out", str(tmp_path / "tree")], ["-m", "mkdocs", "build"])
    for args in commands:
        run = subprocess.run([sys.executable, *args], cwd=project, env=env, capture_output=True, text=True, timeout=300)
        assert run.returncode in ((1,) if "mkdocs" in args else (2,)), (args, run.stderr)
        _says_cfg007(run.stderr)
    assert not (project / "site").exists()


def test_preview_without_graphviz_says_cfg007(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """handbook serve: the terminal and the in-page panel show CFG007 with its hint, not a source error."""
    from generator.preview.session import Preview

    project = site_project(MINI, tmp_path / "project")
    monkeypatch.setenv("PATH", _without_dot(tmp_path)["PATH"])
    said: list[str] = []
    preview = Preview(project, port=0, say=said.append)
    try:
        preview.rebuild([])
    finally:
        preview.server.server_close()
        shutil.rmtree(preview.site_dir)
    _says_cfg007("\n".join(said))
    _says_cfg007(preview.state.title + "\n" + "\n".join(preview.state.errors))


def test_flowchart_keeps_its_size_on_a_phone(browser, base_url: str) -> None:  # noqa: F811 (fixtures)
    """Labels stay at their own size (at least 12 px as shown on a 390 px phone, never shrunk to the
    column): the chart scrolls sideways instead, starts at its middle and says so; the page itself
    does not scroll sideways. Its boxes link to the steps; the full-size file opens alone."""
    page = _page(browser, 390, 844)
    page.goto(base_url + "procedures/resident-help/")
    page.wait_for_timeout(500)
    wide, shown, left = page.evaluate("(() => { const c = document.querySelector('.hb-flow__chart');"
                                      " return [c.scrollWidth, c.clientWidth, c.scrollLeft] })()")
    assert wide > 1.5 * shown and left > 0
    sizes = page.evaluate("[...document.querySelectorAll('.hb-flow__chart svg text')].map(t =>"
                          " parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)")
    assert len(sizes) > 20 and min(sizes) >= 12, min(sizes)
    assert page.locator(".hb-scroll-cue", has_text="流程图").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1
    page.locator(".hb-flow__chart").screenshot(path=str(ARTIFACTS / "flowchart-phone.png"))
    anchors = page.evaluate("[...document.querySelectorAll('.hb-flow__chart a')].map(a => a.getAttribute('href'))")
    assert len(anchors) > 20 and all(page.locator(f'[id="{a[1:]}"]').count() == 1 for a in anchors)
    href = page.locator(".hb-flow__open a").get_attribute("href")
    page.goto(base_url + "procedures/resident-help/" + href)
    assert page.evaluate("document.documentElement.tagName") == "svg"
    assert page.locator("text").count() == len(sizes)
    page.close()


def _split_inside(shown: str, original: str) -> bool:
    """Whether the label ``shown`` (ending in …) cut ``original`` inside a number, a Latin word or a
    number with its unit."""
    from generator.render.site.search.segment import UNITS

    head = shown.removesuffix("…")
    assert original.startswith(head), (shown, original)
    rest = original[len(head):]
    inside_run = head[-1:].isascii() and head[-1:].isalnum() and rest[:1].isascii() and rest[:1].isalnum()
    return inside_run or (head[-1:].isdigit() and any(rest.startswith(u) for u in UNITS))


def test_labels_are_never_cut_inside_a_number_a_word_or_a_unit() -> None:
    """Step labels cut to fit a box keep 拨打120急救, 50元, 24小时, WiFi whole, wherever they fall."""
    runs = ["拨打120急救", "收费50元整", "24小时内回访", "连接WiFi网络", "按GB/T 50016检查", "用时3.5小时"]
    titles = ["啊" * k + run + "之后再做的事情还有很多很多" for run in runs for k in range(14, 24)]
    dot, _ = _chart(6, titles)
    labels = ["".join(part.split("\\n")) for part in re.findall(r'label="([^"]*)"', dot)]
    cut = [label.split(" ", 1)[1] for label in labels if label.endswith("…") and label[:1].isdigit()]
    assert len(cut) >= 20
    split = [label for label in cut if _split_inside(label, next(t for t in titles if t.startswith(label[:-1])))]
    assert not split, split
