"""Search at scale: the index size and the time to the first result in Chromium, on a built site.

    python benchmarks/search_bench.py SITE_DIR
    python benchmarks/search_bench.py --distinct [--scale 1.0]   # builds a distinct-text corpus first

- distinct: the corpus (benchmarks/corpus.py) copies the real documents, so every copy repeats the
  same texts and the index's table of distinct texts stores each once: unrealistically small. With
  ``--distinct`` every copy's step texts, purposes and scopes are new sentences recombined from the
  real ones' clauses (same words, other sentences; seeded), as 1000 different procedures would be;

- index: ``search/search_index.json`` (the offline copy ``search_index.js`` is the same bytes again);
- cold: a fresh browser page opens the home page; from the moment the query is typed until the first
  result shows (the index is downloaded, parsed and set up by the worker in that time);
- warm: the same page, index loaded: from typing a query until its first result (median and slowest
  of ``QUERIES``).
Needs Debian's chromium at /usr/bin/chromium and playwright (the test extras).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import yaml

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


VARIED = ("text", "purpose", "scope", "condition")  # fields whose wording differs between documents
_CLAUSE = re.compile(r"[^，。；：,;]+[，。；：,;]?")


def distinct_corpus(dest: Path, scale: float = 1.0, seed: int = 14) -> Path:
    """The bench corpus, every copy but the first given new sentences (see the module doc)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.corpus import make_corpus

    counts = [max(1, round(n * scale)) for n in (1000, 500, 100)]
    corpus = make_corpus(dest, *counts)
    files = sorted(p for folder in ("procedures", "instructions") for p in (corpus / folder).glob("*.yaml"))
    originals = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in files if p.stem.endswith("-c0")]
    kept = {old for data in originals for old in _olds(data)}  # editions' wording must still find its text
    pool = [c for data in originals for c in _CLAUSE.findall(" ".join(_strings(data)))
            if not _quantity(c) and "《" not in c]  # a moved time limit or title would break a rule
    rng = random.Random(seed)
    for path in files:
        if not path.stem.endswith("-c0"):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            _vary(data, pool, rng, kept)
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return corpus


def _strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k in VARIED and isinstance(v, str)] + \
            [s for k, v in node.items() if k not in VARIED for s in _strings(v)]
    if isinstance(node, list):
        return [s for item in node for s in _strings(item)]
    return []


def _quantity(text: str) -> bool:
    from generator.check.quantities import QUANTITY  # the project (sys.path set by distinct_corpus)

    return QUANTITY.search(text) is not None


def _olds(node: Any) -> list[str]:
    """The texts an edition's ``wording`` replaces."""
    if isinstance(node, dict):
        return ([w["old"] for w in node["wording"] if isinstance(w, dict) and "old" in w]
                if isinstance(node.get("wording"), list) else []) + [o for v in node.values() for o in _olds(v)]
    if isinstance(node, list):
        return [o for item in node for o in _olds(item)]
    return []


def _vary(node: Any, pool: list[str], rng: random.Random, kept: set[str]) -> None:
    """Each varied field becomes clauses drawn from ``pool`` up to about its own length (not a step
    with named limits, whose text must state them, nor a text an edition rewords)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in VARIED and isinstance(value, str) and value.strip() and not node.get("limits") \
                    and not any(old in value for old in kept) and not _quantity(value):
                text = ""
                while len(text) < len(value):
                    text += rng.choice(pool)
                node[key] = text.rstrip("，,；;：") + ("。" if key != "condition" else "")
            else:
                _vary(value, pool, rng, kept)
    elif isinstance(node, list):
        for item in node:
            _vary(item, pool, rng, kept)


def distinct_rows(tmp: Path, scale: float = 1.0) -> list[Row]:
    """Index size (and times) on a site built from the distinct-text corpus."""
    corpus = distinct_corpus(tmp / "distinct-corpus", scale)
    site = tmp / "distinct-site"
    subprocess.run([sys.executable, "-m", "generator", "--project", str(corpus), "build", "--no-pdf", "--out",
                    str(site)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return [(f"{what}, distinct texts", figure, goal, verdict) for what, figure, goal, verdict in search_rows(site)]


def _ok(ok: bool) -> str:
    return "yes" if ok else "**no**"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, nargs="?", help="a built site (else --distinct builds one)")
    parser.add_argument("--distinct", action="store_true", help="build a distinct-text corpus and measure it")
    parser.add_argument("--scale", type=float, default=1.0, help="corpus size factor (1.0: 1000 procedures)")
    parser.add_argument("--keep", type=Path, help="build the distinct corpus and site here (kept)")
    args = parser.parse_args()
    if args.site is not None:
        rows = search_rows(args.site)
    elif args.keep is not None:
        rows = distinct_rows(args.keep, args.scale)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            rows = distinct_rows(Path(tmp), args.scale)
    for row in rows:
        print(" | ".join(row))


if __name__ == "__main__":
    main()
