"""Obsolete documents on the site: still there, marked 作废, linked both ways to the successor, last in search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitekit import MINI, mkdocs_build, page_of, site_project, targets

OLD = "forms/old-register.yaml"


def obsolete_copy(project: Path) -> None:
    """forms/old-register.yaml: the visit register's predecessor, obsolete, superseded by it."""
    text = (project / "forms/visit-register.yaml").read_text(encoding="utf-8")
    (project / OLD).write_text(text.replace("TEST/QR-001", "TEST/QR-002").replace("title: 来访登记表", "title: 旧来访登记表")
                               .replace("status: approved", "status: obsolete\nsuperseded_by: visit-register"),
                               encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = site_project(MINI, tmp_path_factory.mktemp("lifecycle") / "project")
    obsolete_copy(project)
    run = mkdocs_build(project, project / "site")
    assert run.code == 0, run.text
    return project / "site"


def test_obsolete_page_is_marked_and_links_its_successor(site: Path) -> None:
    page = page_of(site, "forms/old-register/")
    assert "本文件已作废，仅供查阅，不得据此执行；现行文件为《来访登记表》（TEST/QR-001）" in page.text
    assert "forms/visit-register/index.html" in targets(site, page)
    assert not any(link.endswith(".pdf") for link in page.links)  # not printed: no PDF to download


def test_successor_names_what_it_replaces(site: Path) -> None:
    page = page_of(site, "forms/visit-register/")
    assert "本文件替代已作废的《旧来访登记表》（TEST/QR-002）" in page.text
    assert "forms/old-register/index.html" in targets(site, page)


def test_catalogue_marks_obsolete_and_offers_no_pdf(site: Path) -> None:
    html = (site / "forms/index.html").read_text(encoding="utf-8")
    row = html[html.index("TEST/QR-002"):]
    row = row[:row.index("</tr>")]
    assert "作废" in row and ".pdf" not in row


def test_obsolete_document_ranks_last_in_search(site: Path) -> None:
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    boosts = {d["location"]: d.get("b") for d in docs}  # the index format of generator/render/site/search/index.py
    assert boosts["forms/old-register/index.html"] < 1
    assert boosts["forms/visit-register/index.html"] is None and boosts["procedures/reception/index.html"] > 1
