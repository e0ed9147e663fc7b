"""``handbook serve`` in a real browser: saved edits appear, errors show over the page until fixed,
a new reviews/ folder is picked up; the command stops promptly on Ctrl-C, without a traceback."""

from __future__ import annotations

import gc
import json
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest
from conftest import ROOT, run_cli

sys.path.insert(0, str(ROOT))  # the bench's measuring helpers, shared so the test and the bench time the same thing
from benchmarks.preview_bench import (ARGS, CHROMIUM, FILE, PAGE, STEP_TEXT, copy_project,  # noqa: E402
                                      running, save_and_wait)

ARTIFACTS = ROOT / "test-artifacts"
# Seconds, saved -> visible, median of 3. The goal is 1 s (docs/site.md has the figures); this shared
# 2-core VM, loaded by other builds, has taken up to 3.6 s, so the bound only catches a preview that
# builds everything again (the page counts below are the sharp check).
LIMIT = 8.0


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (make test installs it)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as play:
        chromium = play.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def test_preview_follows_saves_errors_and_new_folders(browser, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    source = project / FILE
    lines: list[str] = []
    with running(project, lines) as preview:
        assert gc.get_freeze_count() > 1000  # the first build's objects are out of the collector's sight (settle)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(preview.url + PAGE)
        assert page.get_by_text(STEP_TEXT).count() >= 1

        # 1. Edits of a step appear in the open page.
        current, times = STEP_TEXT, []
        for n in range(3):
            marker = f"预览标记{n}"
            times.append(save_and_wait(page, source, current, STEP_TEXT + marker, marker))
            current = STEP_TEXT + marker
            time.sleep(0.3)
        (ARTIFACTS / "preview-timing.txt").write_text(
            f"saved -> visible, seconds: {', '.join(f'{t:.2f}' for t in times)}; median {statistics.median(times):.2f}\n")
        assert statistics.median(times) <= LIMIT, times
        rebuilt = _rebuilt(lines, 4)  # the first build, then one per edit
        assert rebuilt[0] > 140 and all(n <= 5 for n in rebuilt[1:]), rebuilt

        # 2. A dangling reference: the overlay names file:line, the last good page stays under it.
        text = source.read_text(encoding="utf-8")
        line = next(i for i, row in enumerate(text.splitlines(), 1) if "forms: [community-activity-record]" in row)
        source.write_text(text.replace("forms: [community-activity-record]", "forms: [no-such-form-xyz]"), encoding="utf-8")
        overlay = page.locator("#handbook-findings")
        overlay.wait_for(timeout=30_000)
        shown = overlay.inner_text()
        assert re.search(rf"{re.escape(FILE)}:{line}:\d+: REF\d+ .*no-such-form-xyz", shown), shown
        assert "网站未更新" in shown
        assert page.get_by_text("预览标记2").count() >= 1  # the last good page is still there
        page.screenshot(path=str(ARTIFACTS / "preview-overlay.png"))
        assert any("no-such-form-xyz" in said for said in lines)  # the terminal says it too

        # 3. Fixed: the overlay goes.
        source.write_text(text, encoding="utf-8")
        overlay.wait_for(state="detached", timeout=30_000)

        # 4. The first reviews/ record: a folder that did not exist when the preview started.
        assert not (project / "reviews").exists()
        page.goto(preview.url + "revisions/")
        assert run_cli("--project", str(project), "new", "review", "2026-q4").code == 0
        record = project / "reviews" / "2026-q4.yaml"
        record.write_text(record.read_text(encoding="utf-8").replace("新复审记录(待命名)", "预览新复审记录"),
                          encoding="utf-8")
        page.get_by_text("预览新复审记录").first.wait_for(timeout=30_000)
        page.close()
    assert not any("Traceback" in said for said in lines)
    assert not preview.site_dir.exists()  # the temporary site is removed
    assert gc.get_freeze_count() == 0  # and the session's objects may be collected again


def _rebuilt(lines: list[str], builds: int) -> list[int]:
    """Pages each build rendered, from the preview's terminal lines, once ``builds`` builds are done."""
    deadline = time.monotonic() + 60
    while True:
        found = [int(m.group(1)) for said in list(lines) if (m := re.match(r"已更新: (\d+) 页重新生成", said))]
        if len(found) >= builds or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def _state(url: str) -> dict:
    with urllib.request.urlopen(url + "__handbook/state?since=-1", timeout=30) as answer:
        return json.loads(answer.read())


def test_serve_command_with_bad_sources_then_ctrl_c(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / FILE).write_text((project / FILE).read_text(encoding="utf-8").replace(
        "forms: [community-activity-record]", "forms: [no-such-form-xyz]"), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "generator", "--project", str(project), "serve", "--port", "0"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = None
        for row in proc.stderr:  # type: ignore[union-attr]
            found = re.search(r"预览: (http://127\.0\.0\.1:\d+/)", row)
            if found:
                url = found.group(1)
                break
        assert url, "the preview did not start"
        state = _state(url)
        assert state["build"] == 0 and any(f"{FILE}:" in e and "no-such-form-xyz" in e for e in state["errors"])
        with urllib.request.urlopen(url + PAGE, timeout=30) as answer:  # a page that says what to do
            assert "/__handbook/live.js" in answer.read().decode("utf-8")
        start = time.perf_counter()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
        assert time.perf_counter() - start < 5  # 0.4 s to stop serving; the rest is the interpreter exiting
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0
    assert "预览已停止" in out and "Traceback" not in err


def test_serve_refuses_a_taken_port(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("--project", str(ROOT / "tests" / "fixtures" / "mini"), "serve", "--port", str(port))
    assert result.code == 2 and "--port" in result.err and "Traceback" not in result.err
    assert "端口已被占用" in result.err and "Address" not in result.err, result.err  # Chinese, not the system's English


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.suffix != ".gz"}  # gzip stamps its own time


def test_incremental_builds_equal_a_full_build(tmp_path: Path) -> None:
    """Bodies and pages kept from the previous build, search entries reused: after every kind of save
    the served output is, file for file, what a full build makes."""
    from generator.context import make_context
    from generator.load import load_or_raise
    from generator.preview.builder import Interrupted, PreviewBuilder

    project = copy_project(tmp_path / "project")
    book = load_or_raise(project)
    referenced = {key for key, refs in book.backlinks().items() if refs}
    alone = next(f"procedures/{ident}.yaml" for ident in sorted(book.procedures)
                 if ("procedure", ident) not in referenced and f"procedures/{ident}.yaml" != FILE)
    builder = PreviewBuilder(project, tmp_path / "preview")
    assert builder.build(make_context(project)).kept == 0

    def replace(rel: str, old: str, new: str) -> list[str]:
        text = (project / rel).read_text(encoding="utf-8")
        assert old in text, (rel, old)
        (project / rel).write_text(text.replace(old, new, 1), encoding="utf-8")
        return [rel]

    def new_form() -> list[str]:
        assert run_cli("--project", str(project), "new", "form", "preview-new-form", "--title", "预览新表").code == 0
        return ["forms/preview-new-form.yaml", *replace(FILE, "forms: [community-activity-record]",
                                                        "forms: [community-activity-record, preview-new-form]")]

    def new_review() -> list[str]:
        assert run_cli("--project", str(project), "new", "review", "2026-q4").code == 0
        return ["reviews", "reviews/2026-q4.yaml"]

    def delete() -> list[str]:
        (project / alone).unlink()
        return [alone]

    # (what, the save, whether document pages keep their bodies (the others' bodies list anything and
    # are always rendered again), and whether only a few pages
    # go through the theme again (a new title changes the navigation every page shows))
    edits = [
        ("a step's text", lambda: replace(FILE, STEP_TEXT, STEP_TEXT + "增量构建标记"), True, True),
        ("a title (the navigation)", lambda: replace(FILE, "title: 社区文化工作制度及活动组织程序",
                                                     "title: 社区文化活动组织程序"), True, False),
        ("a new form used by a procedure", new_form, False, False),
        ("a deleted document", delete, False, False),
        ("a review record", new_review, False, True),
        ("the glossary", lambda: replace("glossary.yaml", "分为有偿便民服务和无偿便民服务", "分为有偿和无偿两类便民服务"),
         False, True),
        ("a step again, after all that", lambda: replace(FILE, "增量构建标记", "增量构建标记二"), True, True),
    ]
    for n, (what, save, few_bodies, few_pages) in enumerate(edits):
        changed = save()
        stats = builder.build(make_context(project), changed=changed)
        pages = stats.rendered + stats.kept
        assert (stats.bodies < pages - 40) is few_bodies and (few_bodies or stats.bodies == pages), (what, stats)
        assert (stats.rendered < 10) is few_pages and stats.rendered > 0, (what, stats)
        _same_as_full_build(project, tmp_path / "preview", tmp_path / f"full{n}", what)

    # A newer save interrupts a build (here one that re-themes every page for a new title): the next
    # build, given every file saved since the last complete one, catches up.
    looks = iter(range(10_000))
    saved = replace(FILE, "title: 社区文化活动组织程序", "title: 社区文化活动组织规程")
    with pytest.raises(Interrupted):
        builder.build(make_context(project), changed=saved, stop=lambda: next(looks) >= 3)
    saved += replace(FILE, "增量构建标记二", "增量构建标记三")
    stats = builder.build(make_context(project), changed=saved)
    assert stats.bodies < stats.rendered + stats.kept - 40, stats
    _same_as_full_build(project, tmp_path / "preview", tmp_path / "full-after-interruption", "interrupted")

    # Interrupted while the search index is made (every page asked once before it): caught up the same way.
    pages, looks = stats.rendered + stats.kept, iter(range(10_000))
    saved = replace(FILE, "增量构建标记三", "增量构建标记四")
    with pytest.raises(Interrupted):
        builder.build(make_context(project), changed=saved, stop=lambda: next(looks) >= pages + 20)
    assert "增量构建标记四" in (tmp_path / "preview" / PAGE / "index.html").read_text(encoding="utf-8")  # pages done
    saved += replace("glossary.yaml", "分为有偿和无偿两类便民服务", "分为有偿与无偿两类便民服务")
    builder.build(make_context(project), changed=saved)
    _same_as_full_build(project, tmp_path / "preview", tmp_path / "full-after-index-interruption", "index interrupted")


def _same_as_full_build(project: Path, served: Path, full: Path, what: str) -> None:
    from generator.context import make_context
    from generator.render.site import build_site

    build_site(make_context(project), full)
    preview, expected = _tree(served), _tree(full)
    assert preview.keys() == expected.keys(), what
    differ = [name for name in expected if preview[name] != expected[name]]
    assert not differ, (what, differ[:5])
