"""The one benchmark: every figure of the handbook pipeline in one table (``make bench``).

    python benchmarks/bench.py [--scale 1.0] [--runs 3] [--pdf-runs 1] [--pdf-sample 40] [--write-docs]

On a synthetic corpus made from the real sources (benchmarks/corpus.py; at scale 1: 1000 procedures,
500 forms, 100 sites) in a temporary folder:
  - ``handbook check`` (a new process each run);
  - the site build with the plugin vs plain MkDocs on the same pages as Markdown (site_bench.py);
  - form PDFs on 1 and 2 workers vs plain WeasyPrint on the same HTML. Rendering all 500 forms three
    ways would not fit the 10-minute budget on 2 cores, so a fixed sample (every n-th form, ``--pdf-sample``
    of them) is rendered and the per-form time is extrapolated to every form of the corpus;
  - a rebuild of those PDFs with no source change (must render nothing) and with one form changed
    (must render one), both including loading and planning the whole corpus;
  - ``handbook serve``: a saved step edit -> visible in Chromium, at the repository's size and on the
    corpus (preview_bench.py; skipped without /usr/bin/chromium);
  - each site engine cold and after one step edit (MkDocs + plugin; plain MkDocs, ProperDocs and
    Zensical over the page tree) and the handbook's own work after that edit (engine_bench.py);
  - all editions: each edition of the repository built against the company's own build (edition_bench.py);
  - peak memory (largest child process: the site builds; this process: the PDF rows);
  - site size per page, PDF size per form.
Times are medians of ``--runs`` runs (``--pdf-runs`` for the PDF rows).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.check_bench import check_times, machine  # noqa: E402
from benchmarks.edition_bench import edition_rows  # noqa: E402
from benchmarks.corpus import ROOT, make_corpus  # noqa: E402
from benchmarks.engine_bench import engine_rows  # noqa: E402
from benchmarks.preview_bench import CHROMIUM, CORPUS_FILE, CORPUS_PAGE, copy_project, measure  # noqa: E402
from benchmarks.print_bench import plain_html  # noqa: E402
from benchmarks.search_bench import distinct_rows, search_rows  # noqa: E402
from benchmarks.site_bench import build as site_build, markdown_twin, side_by_side, sizes  # noqa: E402
from weasyprint import HTML  # noqa: E402

from generator.load import load_or_raise  # noqa: E402
from generator.render.print import cache_dir, run_plan  # noqa: E402
from generator.render.print.cache import Cache  # noqa: E402
from generator.render.print.fonts import FontSet, load_fonts  # noqa: E402
from generator.render.print.job import Job  # noqa: E402
from generator.render.print.plan import form_jobs  # noqa: E402
from generator.render.print.pool import render_all  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"
MARK = "<!-- bench:latest -->"
Row = tuple[str, str, str, str]  # figure, result, goal, verdict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="corpus size factor (1.0: 1000/500/100)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pdf-runs", type=int, default=1)
    parser.add_argument("--pdf-sample", type=int, default=40, help="forms rendered for the PDF rows")
    parser.add_argument("--write-docs", action="store_true", help=f"put the table into {DOC.relative_to(ROOT)}")
    args = parser.parse_args()
    counts = [max(1, round(n * args.scale)) for n in (1000, 500, 100)]
    started = time.perf_counter()
    reference = [_reference()]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = make_corpus(Path(tmp) / "corpus", *counts)
        rows = check_rows(corpus, args.runs) + site_rows(corpus, Path(tmp), args.runs)
        rows += pdf_rows(corpus, args.pdf_runs, args.pdf_sample)
        rows += preview_rows(corpus, Path(tmp), args.runs)
        rows += engine_rows(corpus, Path(tmp))
        rows += edition_rows(Path(tmp), args.runs)  # the repository with its editions, not the corpus
        rows += distinct_rows(Path(tmp), args.scale)  # search on 1000 procedures that differ in wording
    rows.append(("peak memory, largest child process (a site build)", f"{_maxrss(resource.RUSAGE_CHILDREN)} MB",
                 "", ""))
    rows.append(("peak memory, this process (PDF rows, 1 worker)", f"{_maxrss(resource.RUSAGE_SELF)} MB", "", ""))
    reference.append(_reference())
    table = render(rows, counts, args, time.perf_counter() - started, reference)
    print(table)
    if args.write_docs:
        write_docs(table)


def check_rows(corpus: Path, runs: int) -> list[Row]:
    """``handbook check``: the first run after a clone (no parse cache yet; it writes one) and a
    repeated run that reads unchanged files back from the cache."""
    first, repeated = check_times(corpus, runs)
    cold, warm = _median(first), _median(repeated)
    return [("`handbook check`, first run: parses everything, writes the parse cache", f"{cold:.2f} s", "< 3 s",
             _verdict(cold < 3)),
            ("`handbook check`, repeated: unchanged files from the parse cache", f"{warm:.2f} s", "< 3 s",
             _verdict(warm < 3))]


def site_rows(corpus: Path, tmp: Path, runs: int) -> list[Row]:
    """A first plugin build gives the pages of the plain twin; then each run builds both side by side."""
    site = tmp / "site"
    site_build(corpus, site, HANDBOOK_NO_CUT_CACHE="1")
    largest, median_kb, pages = sizes(site)
    biggest = max(site.rglob("*.html"), key=lambda p: p.stat().st_size).relative_to(site)
    twin = markdown_twin(corpus, site, tmp / "twin")
    pairs = [side_by_side(corpus, site, twin, tmp / "twin-site") for _ in range(runs)]
    ours, plain = [p[0] for p in pairs], [p[1] for p in pairs]
    ratio = _median([o / p for o, p in pairs])  # each pair met the same machine
    return [
        (f"site build, plugin ({pages} pages, segmentation cache off; side by side with the plain build)",
         f"{_median(ours):.1f} s", "", ""),
        ("plain MkDocs, same pages as Markdown (same time, other core)", f"{_median(plain):.1f} s", "", ""),
        ("site build / plain MkDocs", f"{ratio:.2f}×", "≤ 1.3×", _verdict(ratio <= 1.3)),
        ("site size per page, median / largest", f"{median_kb:.0f} KB / {largest:.0f} KB (`{biggest}`)", "≤ 100 KB",
         _verdict(largest <= 100)),
    ] + search_rows(site)


def preview_rows(corpus: Path, tmp: Path, runs: int) -> list[Row]:
    """``handbook serve``, saved -> visible in the browser: the repository, then the corpus."""
    if not CHROMIUM.exists():
        return [("`handbook serve`, saved → visible", "skipped: no /usr/bin/chromium", "", "")]
    rows = []
    for what, goal, times in (
            ("the repository", 1.0, lambda: measure(copy_project(tmp / "preview-repo"), max(runs, 5))),
            ("the corpus", 3.0, lambda: measure(corpus, max(runs, 5), CORPUS_PAGE, CORPUS_FILE))):
        median = _median(times())  # five edits at least; the load says how busy the machine was
        rows.append((f"`handbook serve`, saved step edit → visible in Chromium, {what}",
                     f"{median:.2f} s (load {os.getloadavg()[0]:.1f})", f"≤ {goal:.0f} s", _verdict(median <= goal)))
    return rows


def pdf_rows(corpus: Path, runs: int, sample_size: int) -> list[Row]:
    book = load_or_raise(corpus)
    fonts = load_fonts(cache_dir(book.root))
    ids = sorted(book.forms)
    sample = ids[:: max(1, len(ids) // sample_size)][:sample_size]
    jobs = form_jobs(book, fonts, sample).jobs
    render_all(jobs[:1], fonts, corpus, Cache(None), workers=1, progress=False)  # warm up fonts
    HTML(string=plain_html(jobs[0].html())).write_pdf()
    htmls = [plain_html(job.html()) for job in jobs]
    # Form by form, pipeline then plain WeasyPrint: both meet the same machine (this VM drifts).
    pairs = [_pdf_pair(job, html, fonts, corpus) for _ in range(runs) for job, html in zip(jobs, htmls)]
    one, plain = sum(p[0] for p in pairs) / runs, sum(p[1] for p in pairs) / runs
    ratio = _median([p[0] / p[1] for p in pairs])
    two = _median([_wall(lambda: render_all(jobs, fonts, corpus, Cache(None), workers=2, progress=False))
                   for _ in range(runs)])
    pdf_kb = sorted(p[2] for p in pairs[: len(jobs)])
    rebuild = _rebuilds(corpus, sample)
    n, total = len(jobs), len(ids)
    per = {"1": one / n, "2": two / n, "plain": plain / n}
    note = f"sample of {n} of {total} forms (every {max(1, len(ids) // sample_size)}th), extrapolated to {total}"
    return [
        (f"form PDFs, 1 worker: per form ({note})", f"{per['1']:.3f} s → {per['1'] * total:.0f} s", "", ""),
        ("form PDFs, 2 workers: per form (same sample)", f"{per['2']:.3f} s → {per['2'] * total:.0f} s", "", ""),
        ("plain WeasyPrint, same HTML, system fonts: per form", f"{per['plain']:.3f} s → "
         f"{per['plain'] * total:.0f} s", "", ""),
        ("PDFs (1 worker) / plain WeasyPrint, median of the per-form ratios", f"{ratio:.2f}×", "≤ 1.1×",
         _verdict(ratio <= 1.1)),
        ("PDF size per form, median / largest (sample)", f"{statistics.median(pdf_kb):.0f} KB / "
         f"{pdf_kb[-1]:.0f} KB", "≤ 200 KB", _verdict(pdf_kb[-1] <= 200)),
        *rebuild,
    ]


def _pdf_pair(job: Job, html: str, fonts: FontSet, corpus: Path) -> tuple[float, float, float]:
    """(pipeline s, plain WeasyPrint s, pipeline PDF KB) for one form, rendered one after the other."""
    outcome = []
    ours = _wall(lambda: outcome.append(render_all([job], fonts, corpus, Cache(None), workers=1, progress=False)))
    plain = _wall(lambda: HTML(string=html, base_url=str(corpus)).write_pdf())
    return ours, plain, len(outcome[0].results[0].pdf or b"") / 1024


def _rebuilds(corpus: Path, sample: list[str]) -> list[Row]:
    """Warm the cache with the sample, then time a no-change and a one-form-changed rebuild."""
    out = corpus / "site-pdf"

    def rebuild() -> tuple[float, int]:
        started = time.perf_counter()
        book = load_or_raise(corpus)
        report = run_plan(book, form_jobs(book, load_fonts(cache_dir(book.root)), sample), out, workers=1,
                          progress=False)
        return time.perf_counter() - started, report.rendered

    rebuild()
    same, same_rendered = rebuild()
    source = corpus / "forms" / f"{sample[0]}.yaml"  # corpus files are named after their ids
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("title: ", "title: 改", 1), encoding="utf-8")
    changed, changed_rendered = rebuild()
    return [
        (f"no-change rebuild: load + plan the whole corpus, {len(sample)} form PDFs from the cache",
         f"{same:.2f} s, {same_rendered} rendered", "renders nothing, < 5 s",
         _verdict(same_rendered == 0 and same < 5)),
        ("one-form-changed rebuild (same set)", f"{changed:.2f} s, {changed_rendered} rendered", "renders 1",
         _verdict(changed_rendered <= 1)),
    ]


def render(rows: list[Row], counts: list[int], args: argparse.Namespace, total: float,
           reference: list[float]) -> str:
    head = [f"Machine: {machine()} (`nproc` = {_nproc()}); {dt.date.today()}; `benchmarks/bench.py --scale "
            f"{args.scale} --runs {args.runs} --pdf-runs {args.pdf_runs} --pdf-sample {args.pdf_sample}` "
            f"({total / 60:.1f} min in all).",
            f"Corpus: {counts[0]} procedures, {counts[1]} forms, {counts[2]} sites. Times: median of "
            f"{args.runs} runs ({args.pdf_runs} for the PDF rows).",
            f"Machine speed: a fixed pure-Python loop took {reference[0]:.2f} s before the run and "
            f"{reference[1]:.2f} s after it (this VM's speed drifts; compare runs by it).", "",
            "| figure | result | goal | met |", "|---|---|---|---|"]
    return "\n".join(head + [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows])


def write_docs(table: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index(MARK), text.rindex(MARK)
    DOC.write_text(text[: start + len(MARK)] + "\n" + table + "\n" + text[end:], encoding="utf-8")


def _reference() -> float:
    """Wall time of a fixed pure-Python loop in a new process: how fast the machine is right now."""
    return _wall(lambda: subprocess.run([sys.executable, "-c", "sum(range(30_000_000))"], check=True))


def _nproc() -> str:
    return subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()


def _maxrss(who: int) -> int:
    return resource.getrusage(who).ru_maxrss // 1024


def _verdict(ok: bool) -> str:
    return "yes" if ok else "**no**"


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _wall(func: Callable[[], object]) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
