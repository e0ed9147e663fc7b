"""Speed features that must not change results: the content-hash cache and the progress bar."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from conftest import edit
from generator.load import load_or_raise
from generator.render.print import build_prints, cache_dir
from generator.render.print.progress import Progress

from .conftest import POSTED, SITE_URL, Built
from .pdfkit import compact, page_texts


def rebuild(project: Path):  # noqa: ANN201 - PrintReport
    return build_prints(load_or_raise(project), project / "site", site_url=SITE_URL, today=POSTED)


def test_unchanged_rebuild_renders_nothing_and_reports_the_same(built: Built, tmp_path: Path) -> None:
    project = tmp_path / "office"
    shutil.copytree(built.project, project)  # sources and .cache/print of the session build
    report = rebuild(project)
    assert report.rendered == 0 and report.cached == built.report.rendered + built.report.cached
    assert report.findings == built.report.findings
    first, again = built.out / "pdf" / "forms" / "visit-register.pdf", project / "site" / "pdf" / "forms" / "visit-register.pdf"
    assert first.read_bytes() == again.read_bytes()


def test_changing_one_form_renders_only_that_form(built: Built, tmp_path: Path) -> None:
    project = tmp_path / "office"
    shutil.copytree(built.project, project)
    edit(project, "forms/daily-log.yaml", "title: 值班日志", "title: 值班记录")
    report = rebuild(project)
    assert report.rendered == 1
    assert "值班记录" in compact(page_texts(project / "site" / "pdf" / "forms" / "daily-log.pdf")[0])


def test_progress_bar_counts_documents() -> None:
    stream = io.StringIO()
    bar = Progress(2, enabled=True, stream=stream)
    bar.step("表单《来访登记表》")
    bar.step("规程汇编")
    bar.close()
    out = stream.getvalue()
    assert "1/2" in out and "2/2" in out and "#" in out and out.endswith("\n")


def test_progress_bar_is_silent_off_a_terminal() -> None:
    stream = io.StringIO()  # not a tty
    bar = Progress(3, stream=stream)
    bar.step("x")
    bar.close()
    assert stream.getvalue() == ""


def _die(job):  # noqa: ANN001, ANN202 - runs in a forked worker
    import os

    os._exit(3)


def test_a_dying_worker_is_an_error_of_its_jobs(built: Built, monkeypatch) -> None:  # noqa: ANN001
    from generator.render.print import pool
    from generator.render.print.cache import Cache
    from generator.render.print.fonts import load_fonts
    from generator.render.print.plan import form_jobs

    book = load_or_raise(built.project)
    fonts = load_fonts(cache_dir(built.project))
    jobs = form_jobs(book, fonts, ["visit-register", "daily-log"]).jobs
    monkeypatch.setattr(pool, "_work", _die)
    outcome = pool.render_all(jobs, fonts, built.project, Cache(None), workers=2, progress=False)
    assert all(r.pdf is None and r.findings[0].code == "PRT009" for r in outcome.results)
