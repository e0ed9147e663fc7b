"""Shared helpers: copy the mini fixture project, edit one file, run the CLI as a user would."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT / "tests" / "site"))  # sitekit: the site tests' helpers, used by test_audience too
MINI = ROOT / "tests" / "fixtures" / "mini"
TODAY = "2026-06-01"


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def run_cli(*args: str, cwd: Path | None = None) -> Run:
    """Run ``python -m generator`` in a subprocess, exactly as a user would."""
    proc = subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd or ROOT,
                          capture_output=True, text=True, timeout=300)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def run_python(code: str) -> Run:
    """Run a Python snippet in a fresh interpreter (what it imports is its own)."""
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A fresh copy of the mini project, free to edit."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# Tests that drive Chromium or build whole sites and PDFs; `make test-fast` leaves them out.
SLOW = ("site/", "print/", "test_audience.py", "test_build_safety.py", "test_fetch_safety.py", "test_atomic.py",
        "test_identity.py", "test_kinds.py")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: drives a browser or builds whole sites and PDFs")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        where = item.path.relative_to(ROOT / "tests").as_posix()
        if where.startswith(SLOW) or where in SLOW:
            item.add_marker(pytest.mark.slow)
