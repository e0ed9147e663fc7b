"""How search answers the staff's queries on each engine's build (not a row of ``make bench``).

    python benchmarks/engine_search.py [--today YYYY-MM-DD]

Builds this repository's site with the handbook plugin (``handbook build --no-pdf``), writes the page
tree (``handbook pages``) and builds it with plain MkDocs (the theme's own search) and with Zensical
when installed (its own search); then types every query of tests/site/search_queries.py into each
site's search box in Chromium and prints the rank of the expected page among the distinct pages
found (None: not found). The tree with ``--search`` writes the plugin build's index and worker byte
for byte (tests/site/test_engines.py), so it answers as the plugin build does. Figures: docs/site.md,
"Site engines and Material's end of life".
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "site"))
from search_queries import QUERIES  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ZENSICAL = Path(sys.executable).with_name("zensical")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _serve(folder: Path) -> str:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def _run(command: list[str], cwd: Path) -> None:
    subprocess.run(command, cwd=cwd, check=True, capture_output=True, timeout=1800,
                   env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))


def _results(page: Any, url: str, query: str) -> list[str]:
    """The distinct pages the site's search lists for ``query``, in order (Material's box or Zensical's dialog)."""
    zensical = page.locator(".md-search__input").count() == 0
    if zensical:
        page.goto(url + "index.html")
        page.click(".md-search__button")
        page.locator("input[role=combobox]").type(query)
        selector = "a[role=option]"
    else:
        page.click(".md-search__input")
        page.fill(".md-search__input", query)
        page.keyboard.press("End")
        selector = ".md-search-result__item > a"
    page.wait_for_timeout(600)
    try:
        page.wait_for_selector(selector, timeout=8000)
    except Exception:  # no result at all
        hrefs: list[str] = []
    else:
        page.wait_for_timeout(400)
        hrefs = [a.get_attribute("href") or "" for a in page.locator(selector).all()]
    if not zensical:
        page.fill(".md-search__input", "")
    pages: list[str] = []
    for href in hrefs:
        path = href.replace(url, "").split("?")[0].split("#")[0]
        if path not in pages:
            pages.append(path)
    return pages


def measure(sites: dict[str, Path]) -> dict[str, dict[str, int | None]]:
    """{site: {query: rank of the expected page}}."""
    from playwright.sync_api import sync_playwright

    ranks: dict[str, dict[str, int | None]] = {}
    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for name, folder in sites.items():
            url = _serve(folder)
            page = browser.new_page()
            page.goto(url + "index.html")
            ranks[name] = {}
            for query, want, _ in QUERIES:
                found = _results(page, url, query)
                ranks[name][query] = next((n for n, path in enumerate(found, 1) if want in path), None)
            page.close()
        browser.close()
    return ranks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", default="2026-11-29")
    args = parser.parse_args()
    handbook = str(Path(sys.executable).with_name("handbook"))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        _run([handbook, "build", "--no-pdf", "--today", args.today, "--out", str(work / "plugin")], ROOT)
        _run([handbook, "pages", "--today", args.today, "--out", str(work / "tree")], ROOT)
        _run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(work / "plain")], work / "tree")
        sites = {"plugin": work / "plugin", "plain MkDocs": work / "plain"}
        if ZENSICAL.exists():
            _run([str(ZENSICAL), "build", "-f", "mkdocs.yml"], work / "tree")
            sites["Zensical"] = work / "tree" / "site"
        ranks = measure(sites)
    print("query | kind | " + " | ".join(ranks))
    for query, _, kind in QUERIES:
        print(f"{query} | {kind} | " + " | ".join(str(ranks[name][query]) for name in ranks))
    for name, found in ranks.items():
        first = sum(rank == 1 for rank in found.values())
        print(f"{name}: first {first}, found {sum(rank is not None for rank in found.values())} of {len(found)}")


if __name__ == "__main__":
    main()
