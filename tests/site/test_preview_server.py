"""The preview server on a fresh user's paths: a missing URL, a folder without a page, a page
deleted while open, a browser that drops a request, a first build that fails (the taken port:
test_preview.py).
Everything answers in Chinese with the site's own 404 page; nothing prints a traceback."""

from __future__ import annotations

import json
import socket
import struct
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT))
from benchmarks.preview_bench import FILE, copy_project, running  # noqa: E402

PAGE = "procedures/community-culture/"


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _state(url: str, page: str) -> dict:
    with urllib.request.urlopen(f"{url}__handbook/state?since=-1&page=/{page}", timeout=30) as answer:
        return json.loads(answer.read())


def test_missing_urls_folders_and_deleted_pages_get_the_sites_404(tmp_path: Path, capfd: pytest.CaptureFixture) -> None:
    project = copy_project(tmp_path / "project")
    with running(project) as preview:
        url = preview.url
        status, body = _get(url + PAGE)
        assert status == 200 and "社区文化" in body
        for missing in ("no-such-page/", "no-such.css", "procedures/no-such/index.html", "assets/"):
            status, body = _get(url + missing)
            assert status == 404, missing
            assert "/__handbook/live.js" in body and "Directory listing" not in body and "Error response" not in body
            assert "hb-404" in body or "页面不存在" in body or "找不到" in body, body[:500]
        status, _ = _get(url + PAGE.rstrip("/"))  # no slash: redirected to the page, its links work
        assert status == 200
        before = _state(url, PAGE + "index.html")["build"]
        (project / FILE).unlink()  # the open page's source is deleted (or renamed)
        deadline = time.monotonic() + 120
        while _state(url, PAGE + "index.html")["build"] == before and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _state(url, PAGE + "index.html")["build"] != before  # the open page reloads …
        status, body = _get(url + PAGE)  # … into the 404 page, not a listing of its empty folder
        assert status == 404 and "Directory listing" not in body and "/__handbook/live.js" in body
        big = preview.site_dir / "assets" / "big.bin"
        big.write_bytes(b"x" * 50_000_000)
        for _ in range(3):  # the browser drops an asset request mid-answer (a reload)
            with socket.create_connection(("127.0.0.1", preview.server.server_address[1])) as sock:
                sock.sendall(b"GET /assets/big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
                sock.recv(1000)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset
        time.sleep(1)
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Exception" not in err, err[-2000:]


def test_a_first_build_that_fails_says_no_page_could_be_built(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / FILE).write_text((project / FILE).read_text(encoding="utf-8").replace(
        "forms: [community-activity-record]", "forms: [no-such-form-xyz]"), encoding="utf-8")
    with running(project) as preview:
        title = preview.state.title
    assert "还没有能生成的页面" in title and "上一次成功" not in title

