"""The command line's one way out: findings in one place, JSON always UTF-8, no traceback."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, edit


def _run(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "generator", "--project", str(project), *args], cwd=ROOT,
                          capture_output=True, env=dict(os.environ, **env), timeout=120)


def test_json_is_utf8_whatever_the_terminal(mini: Path) -> None:
    edit(mini, "procedures/reception.yaml", "roles: [clerk]", "roles: [clerk, 不存在的岗位]")
    proc = _run(mini, "check", "--format", "json", LANG="C", LC_ALL="C", PYTHONIOENCODING="ascii")
    data = json.loads(proc.stdout.decode("utf-8"))
    assert proc.returncode == data["exit"] in (1, 2) and data["findings"], data
    assert "不存在的岗位" in proc.stdout.decode("utf-8") and not proc.stderr


def test_findings_go_to_stderr_whatever_the_result(mini: Path) -> None:
    clean = _run(mini, "check", "--today", "2026-06-01")
    assert clean.returncode == 0 and not clean.stdout and "0 个错误、0 个警告:一致" in clean.stderr.decode("utf-8")
    edit(mini, "procedures/reception.yaml", "roles: [clerk]", "roles: [ghost]")
    broken = _run(mini, "check", "--today", "2026-06-01")
    assert broken.returncode == 1 and not broken.stdout and b"REF004" in broken.stderr


def test_every_code_is_in_the_catalogue() -> None:
    proc = subprocess.run([sys.executable, "-m", "generator", "rules"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    listed = set(re.findall(r"\b[A-Z]{3}\d{3}\b", proc.stdout))
    noqa = re.compile(r"noqa: [A-Z]+\d+")  # ruff's codes in comments are not ours
    used = {code for path in (ROOT / "generator").rglob("*.py")
            for code in re.findall(r"\b[A-Z]{3}\d{3}\b", noqa.sub("", path.read_text(encoding="utf-8")))}
    assert used and used <= listed, sorted(used - listed)


def test_a_date_is_written_the_one_way_people_read_it(mini: Path) -> None:
    for written in ("20260101", "2026-W01-1", "2026-1-1", "2026/01/01"):
        proc = _run(mini, "check", "--today", written)
        err = proc.stderr.decode("utf-8")
        assert proc.returncode == 2 and "YYYY-MM-DD" in err and written in err and "Traceback" not in err, err
    assert _run(mini, "check", "--today", "2026-06-01").returncode == 0
