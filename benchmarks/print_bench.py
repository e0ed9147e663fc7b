"""Time the print pipeline against plain WeasyPrint, and measure the form PDFs.

    python benchmarks/print_bench.py [--project DIR] [--runs 3]

Reports, for every form of the project:
  - median seconds per form through the pipeline (views, glyph check, font subsets, layout check,
    PDF) on 1 worker, and per form on 2 workers (wall time of all forms / number of forms);
  - median seconds of plain WeasyPrint on the same HTML with the system fonts (the baseline);
  - PDF size per form (median and largest);
  - the time of a rebuild with no source change (everything copied from the cache).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.check_bench import machine  # noqa: E402
from generator.load import load_or_raise  # noqa: E402
from generator.render.print import build_prints, cache_dir  # noqa: E402
from generator.render.print.cache import Cache  # noqa: E402
from generator.render.print.fontpack import ALIAS  # noqa: E402
from generator.render.print.fonts import FAMILIES, load_fonts  # noqa: E402
from generator.render.print.pdf import render_job  # noqa: E402
from generator.render.print.plan import form_jobs  # noqa: E402
from generator.render.print.pool import render_all  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def plain_html(html: str) -> str:
    """The same HTML naming the system fonts, as a plain WeasyPrint setup would."""
    for family in FAMILIES:
        html = html.replace(f'"{ALIAS.format(family=family)}"', f'"{family}"')
    return html


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from weasyprint import HTML, __version__

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(args.project, project, ignore=shutil.ignore_patterns(".cache", "site", "build", ".git",
                                                                              ".venv", "test-artifacts"))
        book = load_or_raise(project)
        fonts = load_fonts(cache_dir(project))
        jobs = form_jobs(book, fonts).jobs
        render_job(jobs[0], fonts, project)  # warm up: fontconfig, first font loads
        HTML(string=plain_html(jobs[0].html())).write_pdf()

        ours, plain, sizes = [], [], []
        for job in jobs:
            ours.append(_best(args.runs, lambda job=job: render_job(job, fonts, project)))
            html = plain_html(job.html())
            plain.append(_best(args.runs, lambda html=html: HTML(string=html, base_url=str(project)).write_pdf()))
            sizes.append(len(render_job(job, fonts, project).pdf or b"") / 1024)
        two = _wall(lambda: render_all(jobs, fonts, project, Cache(None), workers=2, progress=False))
        one = _wall(lambda: render_all(jobs, fonts, project, Cache(None), workers=1, progress=False))

        out = project / "site"
        build_prints(book, out, site_url="https://handbook.example.com/", today=dt.date.today())
        rebuild = _wall(lambda: build_prints(load_or_raise(project), out, site_url="https://handbook.example.com/",
                                             today=dt.date.today()))

    ratio = statistics.median(o / p for o, p in zip(ours, plain))
    print(f"machine: {machine()}, WeasyPrint {__version__}")
    print(f"forms: {len(jobs)} (runs per form: best of {args.runs})")
    print(f"pipeline, 1 worker:   median {statistics.median(ours):.3f} s/form   (all forms in one run {one:.1f} s)")
    print(f"pipeline, 2 workers:  {two / len(jobs):.3f} s/form             (all forms {two:.1f} s)")
    print(f"plain WeasyPrint:     median {statistics.median(plain):.3f} s/form   (same HTML, system fonts; "
          f"sum {sum(plain):.1f} s vs pipeline sum {sum(ours):.1f} s)")
    print(f"pipeline / plain:     median {ratio:.2f}x per form   (goal <= 1.1x)")
    print(f"PDF size per form:    median {statistics.median(sizes):.0f} KB, largest {max(sizes):.0f} KB   "
          f"(goal <= 200 KB)")
    print(f"no-change rebuild:    {rebuild:.2f} s for every PDF of the project (all from the cache)")


def _best(runs: int, func) -> float:  # noqa: ANN001 - a callable
    return min(_wall(func) for _ in range(runs))


def _wall(func) -> float:  # noqa: ANN001 - a callable
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
