"""All editions: what each extra edition costs against the company's own build, at the repository's scale.

    python benchmarks/edition_bench.py [--runs 3] [--pdf]

The repository's sources, with its editions/, are copied into a temporary folder (no git: the
caches live in its .cache/). One warm-up build fills the parse cache. Then each run builds the
company's own edition and every edition in editions/ one after the other, each a new process:
``handbook build [--edition NAME] --no-pdf --out DIR`` (with ``--pdf``: with PDFs, the PDF cache
emptied before every build, so each renders all of its PDFs). An edition's time is divided by the
default build's time of the same run (this VM's speed drifts by up to 2×: one round meets one
machine), and the median of those ratios is the edition's figure; the editions' order turns from
run to run. Goal (issue 15): the time per extra edition (the mean of the editions' figures) is at
most 1.2× the default build's time; the slowest edition is shown beside it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import ROOT, copy_parts  # noqa: E402
from benchmarks.preview_bench import PROJECT_PARTS  # noqa: E402

PARTS = (*PROJECT_PARTS, "planned.yaml", "editions")
GOAL = 1.2
Row = tuple[str, str, str, str]  # figure, result, goal, verdict (as benchmarks/bench.py)


def editions_of(project: Path) -> list[str]:
    """The edition names of ``project`` (editions/NAME.yaml), sorted."""
    return sorted(p.stem for p in (project / "editions").glob("*.yaml"))


def build_time(project: Path, out: Path, edition: str | None, pdf: bool) -> float:
    """Wall seconds of one ``handbook build`` in a new process (start-up included); raises if it fails."""
    if pdf:
        shutil.rmtree(project / ".cache" / "print", ignore_errors=True)
    args = [sys.executable, "-m", "generator", "--project", str(project), "build", "--out", str(out)]
    args += ([] if pdf else ["--no-pdf"]) + (["--edition", edition] if edition else [])
    started = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=project)
    return time.perf_counter() - started


def edition_times(project: Path, runs: int, pdf: bool = False) -> dict[str | None, list[float]]:
    """{None (the default build) or edition name: [seconds per run]}, builds taken in turn each run."""
    names: list[str | None] = [None, *editions_of(project)]
    build_time(project, project / "site-warm-up", None, False)  # the parse cache, as any second build has it
    times: dict[str | None, list[float]] = {name: [] for name in names}
    for run in range(runs):
        editions = names[1:]
        turn = editions[run % len(editions):] + editions[:run % len(editions)] if editions else []
        for name in [None, *turn]:  # the default first; the editions' order turns, so none is always last
            times[name].append(build_time(project, project / f"site-{name or 'default'}", name, pdf))
    return times


def edition_rows(tmp: Path, runs: int, pdf: bool = False) -> list[Row]:
    """The bench rows: the default build, each edition against it, and the worst edition (the goal)."""
    project = tmp / "editions-project"
    project.mkdir(parents=True, exist_ok=True)
    copy_parts(ROOT, project, PARTS)
    load = os.getloadavg()[0]
    times = edition_times(project, runs, pdf)
    what = "site and PDFs, PDF cache emptied" if pdf else "site only (--no-pdf)"
    default = times.pop(None)
    rows: list[Row] = [(f"all editions: default build, {what}, repository", f"{statistics.median(default):.1f} s",
                        "", "")]
    ratios = {}
    for name, seconds in times.items():
        ratios[name] = statistics.median(e / d for e, d in zip(seconds, default))
        rows.append((f"all editions: `--edition {name}` / default (same run)",
                     f"{statistics.median(seconds):.1f} s, {ratios[name]:.2f}×", "", ""))
    worst = max(ratios.values(), default=0.0)
    mean = statistics.mean(ratios.values()) if ratios else 0.0  # the time per extra edition
    rows.append((f"all editions: time per extra edition / default build (mean of {len(ratios)} editions; "
                 f"load {load:.1f} → {os.getloadavg()[0]:.1f})", f"{mean:.2f}× (slowest {worst:.2f}×)",
                 f"≤ {GOAL}×", "yes" if mean <= GOAL else "**no**"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pdf", action="store_true", help="build the PDFs too (each build renders all of its own)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = edition_rows(Path(tmp), args.runs, args.pdf)
    print("| figure | result | goal | met |\n|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
