"""What is written is what the site and the posted notice show: no YAML 1.1 reading in between."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sitekit import MINI, edit, mkdocs_build, page_of, site_project

from generator.load import load_handbook
from generator.render.print.views.notices import notice_view, site_price_lists

SITE = "sites/garden.yaml"
WRITTEN = {"service_phone: 028-00000000": "service_phone: 02163210456",
           "complaint_hotline: 028-00000001": "complaint_hotline: 0571",
           "address: 测试路1号": "address: 8:30",
           "region: 成都": "region: yes"}


def test_site_page_and_notice_show_the_text_as_written(tmp_path: Path) -> None:
    project = site_project(MINI, tmp_path / "project")
    for old, new in WRITTEN.items():
        edit(project, SITE, old, new)
    edit(project, "forms/visit-register.yaml", "  - label: 姓名", "  - label: 1:3")

    book, problems = load_handbook(project, cache=False)
    assert not problems
    site = book.sites["garden"]
    view, _ = notice_view(book, site, site_price_lists(book, site), "price", "A4", site_url="https://example.org/",
                          posted=dt.date(2026, 3, 1), stamp="")
    assert (view.service_phone, view.complaint_phone, view.address) == ("02163210456", "0571", "8:30")

    run = mkdocs_build(project, project / "site", HANDBOOK_TODAY="2026-06-01")
    assert run.code == 0, run.text
    text = page_of(project / "site", "sites/garden/").text
    for shown in ("02163210456", "0571", "8:30"):
        assert shown in text, shown
    form = re.sub(r"\s+", "", page_of(project / "site", "forms/visit-register/").text)
    assert "1:3" in form
