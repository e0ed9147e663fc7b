"""Print tests: the office fixture project is built once per session; tests read the PDFs."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.load import load_or_raise
from generator.render.print import PrintReport, build_prints

OFFICE = Path(__file__).resolve().parent / "fixtures" / "office"
POSTED = dt.date(2026, 3, 1)  # one month before garden-fees takes effect (2026-04-01)
SITE_URL = "https://handbook.example.com/"


@dataclass
class Built:
    project: Path
    out: Path
    report: PrintReport

    def pdf(self, rel: str) -> Path:
        path = self.out / "pdf" / rel
        assert path.is_file(), f"not printed: {rel}"
        return path


def copy_office(target: Path) -> Path:
    shutil.copytree(OFFICE, target)
    return target


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Every PDF of the office project, rendered once (2 workers, as in a build)."""
    project = copy_office(tmp_path_factory.mktemp("print") / "office")
    out = project / "site"
    report = build_prints(load_or_raise(project), out, site_url=SITE_URL, workers=2, today=POSTED)
    return Built(project, out, report)


@pytest.fixture
def office(tmp_path: Path, built: Built) -> Path:
    """A fresh copy of the office project, free to edit, with the session build's render cache
    (what a test does not change is copied, not rendered again)."""
    project = copy_office(tmp_path / "office")
    shutil.copytree(built.project / ".cache", project / ".cache")
    return project
