"""Run Graphviz: DOT source in, SVG out, cached by the hash of the source, many charts at once.

``dot`` comes from the Debian package ``graphviz`` (scripts/setup-system.sh installs it for build
and test). Each chart is one ``dot -Tsvg`` process; threads wait on them, so two workers use two
cores. An SVG is kept in memory for the process (the live preview renders a page again and again)
and on disk under the project's cache folder (generator.caches), so a rebuild runs Graphviz only for
charts whose source changed. Missing or failing ``dot`` raises SourceError with CFG007 (exit 2).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.caches import cache_root
from generator.findings import Finding, SourceError

TIMEOUT = 120  # seconds for one chart; a capped chart (120 boxes at most) takes well under one
HINT = "在项目目录运行 make setup(或 apt-get install graphviz)后重新构建"
_MEMORY: dict[str, str] = {}
_NOT_FOUND = Finding("CFG007", "未找到 Graphviz 的 dot 命令:流程图在生成时画成 SVG,缺它不能生成网站和手册", hint=HINT)


def missing() -> Finding | None:
    """CFG007 when Graphviz's ``dot`` is not on PATH, else None (checked before a build starts)."""
    return None if shutil.which("dot") else _NOT_FOUND


def cache_dir(project: Path) -> Path:
    """Where the drawn charts of ``project`` are kept (generator.caches)."""
    return cache_root(project) / "flowcharts"


def key(dot: str) -> str:
    """The cache key of a DOT source: its SHA-256 in hex."""
    return hashlib.sha256(dot.encode("utf-8")).hexdigest()


def render_all(sources: list[str], cache_dir: Path | None = None, workers: int = 2) -> dict[str, str]:
    """SVG text (Graphviz's own, unchanged) of every DOT source, keyed by the source.

    Raises SourceError (CFG007) when ``dot`` is not installed or fails on a chart.
    """
    wanted = {dot: key(dot) for dot in sources}
    result = {dot: _MEMORY[k] for dot, k in wanted.items() if k in _MEMORY}
    for dot, k in wanted.items():
        path = cache_dir / f"{k}.svg" if cache_dir else None
        if dot not in result and path is not None and path.is_file():
            result[dot] = _MEMORY[k] = path.read_text(encoding="utf-8")
    todo = [dot for dot in wanted if dot not in result]
    if not todo:
        return result
    program = shutil.which("dot")
    if program is None:
        raise SourceError([_NOT_FOUND])
    with ThreadPoolExecutor(max(1, min(workers, len(todo)))) as pool:
        for dot, svg in zip(todo, pool.map(lambda d: _run(program, d), todo)):
            k = wanted[dot]
            result[dot] = _MEMORY[k] = svg
            if cache_dir is not None:
                _store(cache_dir / f"{k}.svg", svg)
    return result


def render(dot: str, cache_dir: Path | None = None) -> str:
    """SVG text of one DOT source (see render_all)."""
    return render_all([dot], cache_dir, workers=1)[dot]


def _run(program: str, dot: str) -> str:
    try:
        done = subprocess.run([program, "-Tsvg"], input=dot.encode("utf-8"), capture_output=True,
                              timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        why = "超时" if isinstance(exc, subprocess.TimeoutExpired) else str(exc)
        raise SourceError([Finding("CFG007", f"Graphviz 画流程图失败({why})", hint=HINT)]) from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SourceError([Finding("CFG007", f"Graphviz 画流程图失败(dot 说: {said[-1] if said else done.returncode})",
                                   hint=HINT)])
    return done.stdout.decode("utf-8")


def _store(path: Path, svg: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(f".{os.getpid()}.tmp")
        temp.write_text(svg, encoding="utf-8")
        temp.replace(path)
    except OSError:
        pass  # a read-only cache only costs time
