"""``handbook build`` replaces site/ atomically: a killed or failed build leaves the last good site."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MINI, ROOT, run_cli


def _digest(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``folder``."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.glob(".site.*"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The mini project (with the real mkdocs.yml and overrides), built once."""
    project = tmp_path_factory.mktemp("atomic") / "mini"
    shutil.copytree(MINI, project)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "site_overrides", project / "site_overrides")
    run = run_cli("--project", str(project), "build")
    assert run.code == 0, run.text
    digest = _digest(project / "site")
    assert "index.html" in digest and "pdf/forms/visit-register.pdf" in digest
    return project, digest


def test_killed_build_keeps_site_and_next_build_cleans_up(built: tuple[Path, dict[str, str]]) -> None:
    project, before = built
    log = project.parent / "killed-build.log"
    with log.open("wb") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "generator", "--project", str(project), "build"],
                                cwd=ROOT, stdout=sink, stderr=sink)
    staging = project / f".site.building-{proc.pid}"
    deadline = time.monotonic() + 120
    while not (staging.exists() and any(staging.iterdir())):
        assert proc.poll() is None, f"the build ended before it was killed:\n{log.read_text()}"
        assert time.monotonic() < deadline, "no staging folder appeared"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert staging.exists(), "a SIGKILLed build cannot clean up: the leftover must be there"
    assert _digest(project / "site") == before

    run = run_cli("--project", str(project), "build", "--no-pdf")
    assert run.code == 0, run.text
    assert _leftovers(project) == []
    assert (project / "site" / "index.html").exists()


def test_live_build_folder_is_not_removed(built: tuple[Path, dict[str, str]]) -> None:
    """A staging folder of a process still running (here: this test) is another build's: left alone."""
    project, _ = built
    mine = project / f".site.building-{os.getpid()}"
    mine.mkdir()
    try:
        run = run_cli("--project", str(project), "build", "--no-pdf")
        assert run.code == 0, run.text
        assert mine.exists()
    finally:
        mine.rmdir()


def test_failed_build_keeps_previous_site(built: tuple[Path, dict[str, str]]) -> None:
    project, _ = built
    before = _digest(project / "site")
    source = project / "procedures" / "reception.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text + "\nsteps: [unclosed\n", encoding="utf-8")
    try:
        run = run_cli("--project", str(project), "build")
    finally:
        source.write_text(text, encoding="utf-8")
    assert run.code == 2, run.text
    assert "procedures/reception.yaml:" in run.err
    assert "Traceback" not in run.text
    assert _digest(project / "site") == before
    assert _leftovers(project) == []
