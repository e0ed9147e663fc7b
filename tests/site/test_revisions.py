"""The review results on the site: the 修订记录 page, review status and re-check notices, this quarter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_cli
from sitekit import MINI, edit, page_of, read_page, resolve, site_project

TODAY = "2026-11-15"  # the build's today: 2026年第四季度


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini project after a new revision of the visit form (its content changed since the reviews)."""
    project = site_project(MINI, tmp_path_factory.mktemp("revisions") / "project")
    form = "forms/visit-register.yaml"
    edit(project, form, "version: A/0", "version: A/1")
    edit(project, form, "effective: 2026-01-01", "effective: 2026-11-05")  # a revision takes effect after approval
    edit(project, form, "  - label: 事由", "  - label: 来访事由")
    edit(project, form, "summary: 首版, approved_by: boss}",
         "summary: 首版, approved_by: boss}\n  - {version: A/1, date: 2026-11-02, author: 管理处, summary: 增加来访事由栏说明, approved_by: boss}")
    run = run_cli("--project", str(project), "build", "--no-pdf", "--today", TODAY, "--out", str(project / "site"))
    assert run.code == 0, run.text
    return project / "site"


def _body(site: Path, url: str) -> str:
    html = (site / url / "index.html").read_text(encoding="utf-8")
    return html[html.index("<article"):html.index("</article>")]


def test_revisions_page_groups_by_quarter_newest_first(site: Path) -> None:
    body = _body(site, "revisions")
    quarters = re.findall(r'<h2 id="q-(\d{4})-(\d)">(.*?)<a', body)
    assert [q[2] for q in quarters] == ["2026年第四季度", "2026年第二季度", "2026年第一季度", "2025年第四季度"]
    dates = re.findall(r'<td class="hb-nowrap">(\d{4}-\d\d-\d\d)</td>', body)
    assert dates == sorted(dates, reverse=True) and dates[0] == "2026-11-02"
    q4 = body[body.index('id="q-2026-4"'):body.index('id="q-2026-2"')]
    assert "增加来访事由栏说明" in q4 and "A/1" in q4 and "管理处" in q4
    q2 = body[body.index('id="q-2026-2"'):body.index('id="q-2026-1"')]
    assert "季度复审" in q2 and "2026-04-01" in q2 and "王质量" in q2 and "通过" in q2
    q1 = body[body.index('id="q-2026-1"'):body.index('id="q-2025-4"')]
    assert "年度专家评审" in q1 and "李专家" in q1 and "流程清晰" in q1


def test_revisions_page_links_reach_the_documents(site: Path) -> None:
    page = page_of(site, "revisions/")
    linked = {resolve(page.path, link)[0] for link in page.links}
    for url in ("forms/visit-register", "procedures/reception", "price-lists/fees"):
        assert (site / url / "index.html").resolve() in {p.resolve() for p in linked if p}, url
    nav = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="revisions/"' in nav or 'href="revisions/index.html"' in nav


def test_procedure_page_shows_review_status_and_recheck_notice(site: Path) -> None:
    page = read_page(site / "procedures/reception/index.html")
    text = re.sub(r"\s+", "", page.text)
    assert "上次季度复审2026-04-01（通过）" in text
    assert "上次专家评审2026-01-20（通过）" in text
    assert "复审状态已复审" in text
    assert "需要重新核对" in text and "本文件引用的《来访登记表》在上次复审后有改动" in text
    links = {resolve(page.path, link) for link in page.links}
    review = (site / "revisions/index.html").resolve()
    assert any(t and t.resolve() == review and f == "review-2026-q1-internal" for t, f in links)
    assert "review-2026-q1-internal" in page_of(site, "revisions/").ids


def test_changed_form_is_marked_for_re_review(site: Path) -> None:
    text = re.sub(r"\s+", "", page_of(site, "forms/visit-register/").text)
    assert "复审状态复审后有改动，待复核" in text
    assert "需要重新核对" not in text  # it references nothing that changed
    assert "需要重新核对" not in re.sub(r"\s+", "", page_of(site, "price-lists/fees/").text)


def test_home_lists_the_changes_of_the_current_quarter(site: Path) -> None:
    body = _body(site, "")
    section = body[body.index('id="sec-revisions"'):body.index('id="sec-categories"')]
    assert "本季度修订（2026年第四季度）" in section
    assert re.findall(r'<td class="hb-nowrap">(\d{4}-\d\d-\d\d)</td>', section) == ["2026-11-02"]
    assert "增加来访事由栏说明" in section and "首版" not in section
