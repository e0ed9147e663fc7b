"""Source text is text: a <script> in any field shows as text in pages, titles, nav, search, flowcharts."""

from __future__ import annotations

import html as html_module
import json
import re
from pathlib import Path

from sitekit import XSS, hostile_site, page_of  # noqa: F401 (fixture)


def test_no_source_markup_reaches_any_output_file(hostile_site: Path) -> None:
    kinds = (".html", ".json", ".js", ".xml", ".css")
    files = [p for p in hostile_site.rglob("*") if p.is_file() and p.suffix in kinds]
    assert len(files) > 20
    leaked = [str(p.relative_to(hostile_site)) for p in files if "<script>alert" in p.read_text(encoding="utf-8")]
    assert not leaked


def test_the_text_is_shown_escaped_everywhere(hostile_site: Path) -> None:
    html = (hostile_site / "procedures/reception/index.html").read_text(encoding="utf-8")
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert f"<title>来访接待规程{escaped} - " in html  # the window title
    assert f'<h1 id="top">来访接待规程{escaped}' in html  # the page heading
    assert f"接待员{escaped}" in html  # a role badge
    nav = (hostile_site / "forms/visit-register/index.html").read_text(encoding="utf-8")
    assert f"来访接待规程{escaped}" in nav or f"来访登记表{escaped}" in nav  # navigation and links
    page = page_of(hostile_site, "procedures/reception/")
    assert f"来访接待规程{XSS}" in page.text  # a reader sees the characters as typed


def test_search_index_and_flowchart_carry_escaped_text(hostile_site: Path) -> None:
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = [d["title"] for d in index["docs"]]
    assert any("&lt;script&gt;" in t for t in titles)
    html = (hostile_site / "procedures/reception/index.html").read_text(encoding="utf-8")
    chart = html[html.index('<svg class="hb-flow__svg"'):html.index("</svg>", html.index('<svg class="hb-flow__svg"'))]
    drawn = html_module.unescape("".join(re.findall(r"<text[^>]*>([^<]*)</text>", chart)))  # wrapped lines joined
    assert "<script>" in drawn and "<script" not in chart
