"""Time ``handbook check`` on a synthetic corpus (default 1000 procedures, 500 forms).

    python benchmarks/check_bench.py [--runs 5] [--procedures 1000] [--forms 500] [--source DIR]

Prints the median wall time of the whole command (process start included) and of its stages.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import ROOT, make_corpus  # noqa: E402
from generator.caches import cache_root  # noqa: E402


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--procedures", type=int, default=1000)
    parser.add_argument("--forms", type=int, default=500)
    parser.add_argument("--source", type=Path, default=ROOT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = make_corpus(Path(tmp) / "corpus", args.procedures, args.forms, source=args.source)
        files = sum(1 for _ in corpus.rglob("*.yaml"))
        size = sum(p.stat().st_size for p in corpus.rglob("*.yaml"))
        cold, warm = check_times(corpus, args.runs)
        stages = _stages(corpus)
    print(f"machine: {machine()}")
    print(f"corpus: {files} YAML files, {size / 1e6:.1f} MB "
          f"({args.procedures} procedures, {args.forms} forms)")
    for name, times in (("first run (no parse cache)", cold), ("repeated (parse cache warm)", warm)):
        print(f"handbook check, {name}: median {statistics.median(times):.2f} s over {args.runs} runs "
              f"(min {min(times):.2f}, max {max(times):.2f}); goal < 3 s")
    print("in-process stages (one run): " + ", ".join(f"{k} {v:.2f} s" for k, v in stages.items()))


def check_times(corpus: Path, runs: int) -> tuple[list[float], list[float]]:
    """Wall times of ``handbook check`` as a new process: first runs (the parse cache deleted before
    each, so it parses everything and writes the cache) and repeated runs, in turn, so that both
    meet the same machine (this VM's speed drifts)."""
    command = [sys.executable, "-m", "generator", "--project", str(corpus), "check", "--format", "json"]
    pairs = [(_run(command, drop=cache_root(corpus) / "sources"), _run(command)) for _ in range(runs)]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _run(command: list[str], drop: Path | None = None) -> float:
    if drop is not None:
        shutil.rmtree(drop, ignore_errors=True)
    started = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode == 2:
        sys.exit(f"corpus does not load:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return time.perf_counter() - started


def _stages(corpus: Path) -> dict[str, float]:
    from generator.check import run_rules
    from generator.load import load_handbook

    started = time.perf_counter()
    book, _ = load_handbook(corpus, lifelong=True)  # as `handbook check` loads
    loaded = time.perf_counter()
    run_rules(book)
    return {"load": loaded - started, "rules": time.perf_counter() - loaded}


if __name__ == "__main__":
    main()
