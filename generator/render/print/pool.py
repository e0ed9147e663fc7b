"""Render jobs: cache hits are copied, misses rendered in a process pool, progress shown.

The parent hashes each job (cheap: Jinja only); only cache misses reach the workers. Each worker
receives the fonts once (pool initializer) and then only jobs.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from generator.findings import Finding
from generator.render.print.cache import Cache
from generator.render.print.fonts import FontSet
from generator.render.print.job import Job
from generator.render.print.pdf import Rendered, render_job
from generator.render.print.progress import Progress

_WORKER: dict[str, object] = {}


@dataclass
class Outcome:
    results: list[Rendered] = field(default_factory=list)  # in job order
    rendered: int = 0
    cached: int = 0


def render_all(jobs: list[Job], fonts: FontSet, project: Path | None, cache: Cache, *, workers: int = 2,
               progress: bool | None = None) -> Outcome:
    bar = Progress(len(jobs), progress)
    keys = [job.key(fonts.version) for job in jobs]
    results: dict[int, Rendered] = {}
    misses = []
    for index, (job, key) in enumerate(zip(jobs, keys)):
        hit = cache.get(key)
        if hit is None:
            misses.append(index)
            continue
        results[index] = Rendered(job.out, hit[0], hit[1])
        bar.step(job.label)
    for index, result in _render(jobs, misses, fonts, project, workers, bar):
        results[index] = result
        if result.pdf is not None:
            cache.put(keys[index], result.pdf, result.findings)
    bar.close()
    return Outcome([results[i] for i in range(len(jobs))], rendered=len(misses), cached=len(jobs) - len(misses))


def _render(jobs: list[Job], misses: list[int], fonts: FontSet, project: Path | None, workers: int, bar: Progress):
    if workers <= 1 or len(misses) <= 1:
        for index in misses:
            yield index, render_job(jobs[index], fonts, project)
            bar.step(jobs[index].label)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    pool = ProcessPoolExecutor(min(workers, len(misses)), mp_context=context, initializer=_init,
                               initargs=(fonts, project))
    try:
        futures = {pool.submit(_work, jobs[index]): index for index in misses}
        for future in as_completed(futures):
            index = futures[future]
            yield index, _result(future, jobs[index])
            bar.step(jobs[index].label)
    except BaseException:  # Ctrl-C (or the caller gave up): stop now, not after the queued jobs
        _stop(pool)
        raise
    pool.shutdown(wait=True)


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the workers at once: queued jobs are cancelled, running ones killed (their output is unused)."""
    processes = list(getattr(pool, "_processes", {}).values())  # the executor has no public handle on them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()


def _result(future: Future, job: Job) -> Rendered:
    """The worker's result; a worker that died (out of memory, a crash) is an error of its job."""
    try:
        return future.result()
    except BrokenProcessPool as exc:
        return Rendered(job.out, None, [Finding("PRT009", f"{job.label}: 渲染进程意外退出 ({exc})", job.source,
                                                hint="内存不足时用 --workers 1 重试")])


def _init(fonts: FontSet, project: Path | None) -> None:
    _WORKER["fonts"], _WORKER["project"] = fonts, project


def _work(job: Job) -> Rendered:
    return render_job(job, _WORKER["fonts"], _WORKER["project"])  # type: ignore[arg-type]
