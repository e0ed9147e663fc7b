"""Search at scale: the index size and the time to the first result in Chromium, on a built site.

    python benchmarks/search_bench.py SITE_DIR

- index: ``search/search_index.json`` (the offline copy ``search_index.js`` is the same bytes again);
- cold: a fresh browser page opens the home page; from the moment the query is typed until the first
  result shows (the index is downloaded, parsed and set up by the worker in that time);
- warm: the same page, index loaded: from typing a query until its first result (median and slowest
  of ``QUERIES``).
Needs Debian's chromium at /usr/bin/chromium and playwright (the test extras).
"""

from __future__ import annotations

import functools
import http.server
import statistics
import sys
import threading
import time
from pathlib import Path

QUERIES = ("投诉", "客户需求处理单", "50元", "會議室", "需求处理", "保安", "日光灯维修", "24小时")
CHROMIUM = "/usr/bin/chromium"
Row = tuple[str, str, str, str]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _first_result(page, query: str) -> float:
    """Seconds from typing ``query`` until a result of it shows."""
    page.evaluate("document.querySelector('.md-search-result__list').innerHTML = ''")
    started = time.perf_counter()
    page.fill(".md-search__input", query)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=60_000)
    return time.perf_counter() - started


def measure(site: Path) -> dict[str, float]:
    """Index size in MB, cold and warm (median, slowest) seconds to the first result."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as play:
            browser = play.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url)
            page.click(".md-search__input")
            cold = _first_result(page, QUERIES[0])
            warm = [_first_result(page, q) for q in QUERIES[1:]]
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    size = (site / "search" / "search_index.json").stat().st_size / 1e6
    return {"index_mb": size, "cold_s": cold, "warm_median_s": statistics.median(warm), "warm_max_s": max(warm)}


def search_rows(site: Path) -> list[Row]:
    """The bench table's rows (what, figure, goal, verdict)."""
    m = measure(site)
    return [
        ("search index (search_index.json)", f"{m['index_mb']:.1f} MB", "≤ 5 MB", _ok(m["index_mb"] <= 5)),
        ("search, first result after typing, cold page (index loaded meanwhile)", f"{m['cold_s']:.2f} s",
         "≤ 3 s", _ok(m["cold_s"] <= 3)),
        ("search, first result after typing, index loaded (median / slowest)",
         f"{m['warm_median_s']:.2f} s / {m['warm_max_s']:.2f} s", "≤ 1 s", _ok(m["warm_max_s"] <= 1)),
    ]


def _ok(ok: bool) -> str:
    return "yes" if ok else "**no**"


if __name__ == "__main__":
    for row in search_rows(Path(sys.argv[1])):
        print(" | ".join(row))
