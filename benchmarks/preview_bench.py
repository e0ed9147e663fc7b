"""Time ``handbook serve``: a source saved -> the change visible in the browser (Chromium, Playwright).

    python benchmarks/preview_bench.py [--project DIR] [--procedures N] [--edits 5]

The preview runs in this process (generator.preview.session.Preview on a free port); a real
Chromium keeps a procedure page open. Each edit appends a marker to a step's text and saves the
file; the time runs from the write until the marker is on the reloaded page. The figure is the
median over ``--edits`` edits, each after the page has settled. Goal ≤ 1 s at the repository's size.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import copy_parts, make_corpus  # noqa: E402
from generator.preview.session import Preview  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
PROJECT_PARTS = ("company.yaml", "glossary.yaml", "limits.yaml", "organisation", "sites", "procedures",
                 "instructions", "forms", "price-lists", "reviews", "mkdocs.yml", "site_overrides")
PAGE, FILE = "procedures/community-culture/", "procedures/community-culture.yaml"
STEP_TEXT = "每次活动填写《社区文化活动记录表》。"
CORPUS_PAGE, CORPUS_FILE = "procedures/community-culture-c0/", "procedures/community-culture-c0.yaml"  # its copy


def copy_project(dest: Path, source: Path = ROOT) -> Path:
    """The sources and site configuration of ``source`` copied into ``dest`` (nothing generated)."""
    dest.mkdir(parents=True, exist_ok=True)
    copy_parts(source, dest, PROJECT_PARTS)
    return dest


@contextlib.contextmanager
def running(project: Path, lines: list[str] | None = None) -> Iterator[Preview]:
    """A preview of ``project`` on a free port, its first build done; stopped and cleaned up after."""
    said = lines if lines is not None else []
    preview = Preview(project, port=0, say=said.append)
    thread = threading.Thread(target=preview.run, daemon=True)
    thread.start()
    try:
        preview.ready.wait(300)
        yield preview
    finally:
        preview.stop.set()
        thread.join(30)


def save_and_wait(page: Any, path: Path, old: str, new: str, visible: str, timeout: float = 30.0) -> float:
    """Replace ``old`` by ``new`` in ``path``; seconds until ``visible`` is shown by ``page``."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    start = time.perf_counter()
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    page.get_by_text(visible).first.wait_for(timeout=timeout * 1000)
    return time.perf_counter() - start


def measure(project: Path, edits: int = 3, page_path: str = PAGE, file: str = FILE) -> list[float]:
    """Seconds from save to visible for ``edits`` successive edits of one step of ``file`` while
    its page ``page_path`` is open (in a corpus: CORPUS_PAGE and CORPUS_FILE)."""
    from playwright.sync_api import sync_playwright

    times = []
    with running(project) as preview, sync_playwright() as play:
        browser = play.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page()
        page.goto(preview.url + page_path)
        current = STEP_TEXT
        for n in range(edits):
            marker = f"预览计时{n}号"
            times.append(save_and_wait(page, project / file, current, STEP_TEXT + marker, marker))
            current = STEP_TEXT + marker
            time.sleep(0.5)
        browser.close()
    return times


def corpus_preview(tmp: Path, procedures: int, edits: int = 3) -> list[float]:
    """``measure`` on a synthetic corpus of ``procedures`` procedures (benchmarks/corpus.py)."""
    # forms and sites as in make bench (500 and 100 per 1000), never fewer than the originals' references need
    corpus = make_corpus(tmp / "corpus", procedures, max(100, procedures // 2), max(10, procedures // 10))
    return measure(corpus, edits, CORPUS_PAGE, CORPUS_FILE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT, help="project whose sources are copied (default: this one)")
    parser.add_argument("--procedures", type=int, default=0, help="a synthetic corpus of N procedures instead")
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.procedures:
            times = corpus_preview(Path(tmp), args.procedures, args.edits)
        else:
            times = measure(copy_project(Path(tmp) / "project", args.project.resolve()), args.edits)
    print(f"preview save->visible: median {statistics.median(times):.2f} s "
          f"({', '.join(f'{t:.2f}' for t in times)}); load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
