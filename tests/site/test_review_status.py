"""Overdue reviews are marked 逾期 on the document card, in the catalogues and on the home page."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from sitekit import MINI, page_of, site_project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return site_project(MINI, tmp_path_factory.mktemp("review-status") / "project")


def _build(project: Path, today: str, audience: str = "staff") -> Path:
    site = project / f"site-{today}-{audience}"
    run = run_cli("--project", str(project), "build", "--no-pdf", "--today", today, "--audience", audience,
                  "--out", str(site))
    assert run.code == 0, run.text
    return site


def _overdue_marks(site: Path, url: str) -> int:
    return (site / url / "index.html").read_text(encoding="utf-8").count("hb-overdue")


def test_past_due_reviews_are_marked_everywhere(project: Path) -> None:
    site = _build(project, "2027-03-01")  # every next review lies before this day (price lists still current)
    procedures = sorted(p.parent.name for p in (site / "procedures").glob("*/index.html"))
    assert procedures
    for name in procedures:
        card = page_of(site, f"procedures/{name}/")
        assert "逾期" in card.text and _overdue_marks(site, f"procedures/{name}") == 1
    assert _overdue_marks(site, "procedures") == len(procedures)  # one mark per catalogue row
    home = page_of(site, "")
    assert "复审逾期" in home.text and "份文件已过下次复审日期" in home.text
    assert _overdue_marks(site, "") >= len(procedures)


def test_nothing_overdue_before_the_review_dates(project: Path) -> None:
    site = _build(project, "2026-05-01")
    assert not any("hb-overdue" in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "没有逾期未复审的文件" in page_of(site, "").text


def test_public_site_shows_no_review_dates_as_overdue(project: Path) -> None:
    site = _build(project, "2027-03-01", "public")
    assert not any("hb-overdue" in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


def test_only_documents_in_force_can_be_overdue(tmp_path: Path) -> None:
    """A draft (even one created today) and an obsolete document are never 逾期: not on their card,
    not in the catalogues, not on the home page; the approved ones beside them still are."""
    from test_obsolete_pages import obsolete_copy

    project = site_project(MINI, tmp_path / "project")
    obsolete_copy(project)  # forms/old-register: obsolete
    text = (project / "procedures/reception.yaml").read_text(encoding="utf-8")
    (project / "procedures/draft-reception.yaml").write_text(
        text.replace("TEST/QP-001", "TEST/QP-009").replace("title: 来访接待规程", "title: 来访接待规程草案")
        .replace("status: approved", "status: draft").replace("effective: 2026-01-01", "effective: 2027-03-01"),
        encoding="utf-8")
    site = _build(project, "2027-03-01")
    for url in ("procedures/draft-reception", "forms/old-register"):
        assert _overdue_marks(site, url) == 0, url
    assert _overdue_marks(site, "procedures/reception") == 1
    for catalogue, rows in (("procedures", 1), ("forms", 1)):
        assert _overdue_marks(site, catalogue) == rows, catalogue
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "draft-reception/" not in home.split('id="sec-overdue"')[1].split("<h2")[0]
    assert "old-register/" not in home.split('id="sec-overdue"')[1].split("<h2")[0]
