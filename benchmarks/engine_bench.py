"""Each site engine, cold and after one source edit, on the same corpus; and the handbook's own work.

    python benchmarks/engine_bench.py [--procedures 1000]

On a synthetic corpus (benchmarks/corpus.py), every build a new process, one after the other:

- MkDocs + the handbook plugin (``mkdocs build``): it renders every page again after any edit;
- the page tree (``handbook pages --out tree``): load, check and render every page body, rewriting
  only the files whose bytes change: the handbook's work beyond any engine's own;
- plain MkDocs, ProperDocs and Zensical over that tree (no handbook plugin).

Then one step of one procedure is edited and every build runs again: the plugin build from scratch,
``handbook pages`` over the existing tree, each engine over the updated tree (Zensical with its own
cache, the MkDocs family again in full). Goal: the handbook's work after one edit ≤ 10 s at 1000
procedures. Engines that are not installed are skipped.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import make_corpus  # noqa: E402
from benchmarks.preview_bench import CORPUS_FILE, STEP_TEXT  # noqa: E402

Row = tuple[str, str, str, str]  # figure, result, goal, verdict
BIN = Path(sys.executable).parent
ENGINES = {  # name -> command building the tree in the current folder into ``site``
    "plain MkDocs over the page tree": [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"],
    "ProperDocs over the page tree": [sys.executable, "-m", "properdocs", "build", "-q", "-d", "site"],
    "Zensical over the page tree": [str(BIN / "zensical"), "build", "-f", "mkdocs.yml"],
}


def timed(command: list[str], folder: Path) -> float:
    """Wall seconds of ``command`` run in ``folder`` (a new process); CalledProcessError if it fails."""
    started = time.perf_counter()
    subprocess.run(command, cwd=folder, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                   env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    return time.perf_counter() - started


def available(name: str) -> bool:
    command = ENGINES[name]
    if command[0] == sys.executable:
        import importlib.util
        return importlib.util.find_spec(command[2]) is not None
    return Path(command[0]).exists()


def engine_times(corpus: Path, tmp: Path) -> dict[str, tuple[float, float]]:
    """name -> (cold seconds, seconds after one step edit) for the plugin build, the tree and each engine."""
    tree = tmp / "tree"
    handbook = [sys.executable, "-m", "generator", "--project", str(corpus)]
    steps: dict[str, list[str]] = {
        "MkDocs + handbook plugin": [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp / "plugin-site")],
        "page tree (`handbook pages`)": [*handbook, "pages", "--out", str(tree)],
    }
    folders = {"MkDocs + handbook plugin": corpus, "page tree (`handbook pages`)": corpus}
    engines = [name for name in ENGINES if available(name)]
    times: dict[str, list[float]] = {}
    for edit in (False, True):
        if edit:
            source = corpus / CORPUS_FILE
            source.write_text(source.read_text(encoding="utf-8").replace(STEP_TEXT, STEP_TEXT + "一处修改", 1),
                              encoding="utf-8")
        for name, command in steps.items():
            times.setdefault(name, []).append(timed(command, folders[name]))
        for name in engines:
            if not edit:  # each engine builds its own copy of the tree, so no engine sees another's output
                _copy_tree(tree, tmp / name)
            else:
                _update_tree(tree, tmp / name)
            times.setdefault(name, []).append(timed(ENGINES[name], tmp / name))
    return {name: (cold, warm) for name, (cold, warm) in times.items()}


def _copy_tree(tree: Path, dest: Path) -> None:
    shutil.copytree(tree, dest, dirs_exist_ok=True)


def _update_tree(tree: Path, dest: Path) -> None:
    """Copy only the files of ``tree`` whose bytes differ (as ``handbook pages`` rewrites only those)."""
    for path in tree.rglob("*"):
        if path.is_file():
            target = dest / path.relative_to(tree)
            if not target.is_file() or target.read_bytes() != path.read_bytes():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)


def engine_rows(corpus: Path, tmp: Path) -> list[Row]:
    """The bench table's rows: each engine cold / after one edit, and the handbook's own work after one edit."""
    found = engine_times(corpus, tmp)
    rows: list[Row] = [(f"site engine: {name}, cold / after one step edit", f"{cold:.1f} s / {warm:.1f} s", "", "")
                       for name, (cold, warm) in found.items()]
    work = found["page tree (`handbook pages`)"][1]
    rows.append(("full build after one step edit: the handbook's work beyond the engine's own (`handbook pages`)",
                 f"{work:.1f} s", "≤ 10 s", "yes" if work <= 10 else "**no**"))  # as bench._verdict
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procedures", type=int, default=1000)
    args = parser.parse_args()
    n = args.procedures
    with tempfile.TemporaryDirectory() as tmp:
        corpus = make_corpus(Path(tmp) / "corpus", n, max(100, n // 2), max(10, n // 10))
        for figure, result, goal, verdict in engine_rows(corpus, Path(tmp)):
            print(f"{figure}: {result} {goal} {verdict}".rstrip())
    print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
