"""Bad sources stop the build with the checker's messages and write nothing; `serve` keeps the last good build."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sitekit import MINI, edit, mkdocs_build, site_project

from generator.context import SourcesFailed, make_context

from generator.render.site import build_site


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return site_project(MINI, tmp_path / "project")


def test_broken_yaml_stops_the_build_with_file_and_line(project: Path) -> None:
    (project / "forms/visit-register.yaml").write_text("code: TEST/QR-001\ntitle: [没有闭合\n", encoding="utf-8")
    run = mkdocs_build(project, project / "site")
    assert run.code != 0
    assert "forms/visit-register.yaml:2:8: SRC003" in run.text  # the line the list opens on
    assert "Traceback" not in run.text
    assert not (project / "site").exists()


def test_rule_errors_stop_the_build_and_warnings_do_not(project: Path) -> None:
    edit(project, "procedures/reception.yaml", "roles: [clerk]", "roles: [nobody]")
    run = mkdocs_build(project, project / "site")
    assert run.code != 0
    assert "procedures/reception.yaml:" in run.text and "nobody" in run.text
    assert "Traceback" not in run.text
    assert not (project / "site").exists()

    edit(project, "procedures/reception.yaml", "roles: [nobody]", "roles: [clerk]")
    run = mkdocs_build(project, project / "site")
    assert run.code == 0, run.text
    assert "(警告)" in run.text  # the mini project's reviews are overdue: reported, not fatal
    assert (project / "site/procedures/reception/index.html").is_file()


def test_build_site_raises_source_error(project: Path, tmp_path: Path) -> None:
    edit(project, "procedures/reception.yaml", "forms: [visit-register]", "forms: [no-such-form]")
    with pytest.raises(SourcesFailed) as caught:
        build_site(make_context(project), tmp_path / "out")
    assert caught.value.code == 1
    assert any("no-such-form" in f.message for f in caught.value.findings)
    assert not (tmp_path / "out").exists()


def test_build_site_builds(project: Path, tmp_path: Path) -> None:
    build_site(make_context(project), tmp_path / "out")
    assert (tmp_path / "out/procedures/reception/index.html").is_file()
    assert (tmp_path / "out/search/search_index.json").is_file()


def test_serve_keeps_the_last_good_build_and_recovers(project: Path, tmp_path: Path) -> None:
    port = _free_port()
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/procedures/reception/index.html"
    try:
        assert "来访接待规程" in _wait_for(url, "来访接待规程")
        good = (project / "forms/visit-register.yaml").read_text(encoding="utf-8")
        (project / "forms/visit-register.yaml").write_text(good + "title: 重复\n", encoding="utf-8")
        _wait_in_log(log, "SRC005")
        _wait_in_log(log, "继续提供上一次成功构建的版本")
        assert "来访接待规程" in _get(url)  # still serving the last good build

        edit(project, "procedures/reception.yaml", "title: 来访接待规程", "title: 来访接待规程修订版")
        (project / "forms/visit-register.yaml").write_text(good, encoding="utf-8")
        assert "来访接待规程修订版" in _wait_for(url, "来访接待规程修订版")
        log.seek(0)
        assert "Traceback" not in log.read()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, text: str, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            body = _get(url)
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {text!r}")


def _wait_in_log(log, text: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log.seek(0)
        if text in log.read():
            return
        time.sleep(0.5)
    log.seek(0)
    raise AssertionError(f"serve never logged {text!r}:\n{log.read()}")
