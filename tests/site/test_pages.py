"""The built handbook has a page for everything, with the parts a reader relies on."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from sitekit import ROOT, page_of, read_page, real_site, targets  # noqa: F401 (fixture)

from generator.check import RULES
from generator.load import load_or_raise
from generator.model import Handbook
from generator.model import kinds
from generator.model.words import word
from generator.model.charge import charge
from generator.model.prices import price_list_sites, site_price_lists
from generator.render.site.urls import SINGLES, form_pdf, step_anchor


@pytest.fixture(scope="module")
def book() -> Handbook:
    return load_or_raise(ROOT)


def test_every_source_has_a_page(real_site: Path, book: Handbook) -> None:
    for kind, folder in ((k.name, k.url) for k in kinds.kinds() if k.url):
        table = book.table(kind)
        assert table, f"no {kind} in the real content"
        missing = [i for i in table if not (real_site / folder / i / "index.html").is_file()]
        assert not missing, f"{kind} pages missing: {missing}"
        assert (real_site / folder / "index.html").is_file(), f"no catalogue for {kind}"
    for uri in SINGLES.values():
        assert (real_site / uri.replace("index.md", "index.html")).is_file(), uri


def test_every_step_has_its_anchors(real_site: Path, book: Handbook) -> None:
    for kind, docs in (("procedures", book.procedures), ("instructions", book.instructions)):
        for doc in docs.values():
            ids = page_of(real_site, f"{kind}/{doc.id}/").ids
            for numbered in book.steps(doc):
                assert step_anchor(numbered.number) in ids, (doc.id, numbered.number)
                if numbered.step.id:
                    assert numbered.step.id in ids, (doc.id, numbered.step.id)


def test_procedure_page_shows_card_badges_branches_and_records(real_site: Path, book: Handbook) -> None:
    proc = book.procedures["resident-help"]
    html = (real_site / "procedures/resident-help/index.html").read_text(encoding="utf-8")
    page = read_page(real_site / "procedures/resident-help/index.html")
    for label in ("文件编号", "版本", "生效日期", "归口部门", "批准人", "最近修订", "下次复审"):
        assert label in page.text
    assert proc.code in page.text and proc.version in page.text
    assert re.search(r'<span class="hb-status hb-status--approved">现行有效</span>', html)  # not a review's 通过
    links = targets(real_site, page)
    assert "roles/front-desk-clerk/index.html" in links
    assert 'class="hb-badge hb-badge--role">' in html
    assert book.limits["help-reply-5min"].text in page.text
    branches = re.findall(r'<p class="hb-branch__head"><span class="hb-branch__mark">情形(.)</span>如果([^<]+)</p>', html)
    assert [mark for mark, _ in branches] == ["①", "②", "③"]
    assert branches[0][1] == proc.steps[2].steps[0].branches[0].condition
    assert page.classes.get("hb-flow__svg") == 1 and "3.1 总服务台" in page.text  # drawn at build time
    assert "forms/resident-help-register/index.html" in links
    assert form_pdf("resident-help-register") in links
    assert "未收录" in page.text  # documents named but not in the handbook


def test_sections_appear_in_order(real_site: Path) -> None:
    ids = read_page(real_site / "procedures/resident-help/index.html").ids
    html = (real_site / "procedures/resident-help/index.html").read_text(encoding="utf-8")
    order = ["sec-card", "sec-purpose", "sec-scope", "sec-responsibilities", "sec-principles", "sec-steps",
             "sec-records", "sec-related", "sec-notes", "sec-history"]
    assert set(order) <= ids
    positions = [html.index(f'id="{anchor}"') for anchor in order]
    assert positions == sorted(positions)


def test_backlinks_name_the_referring_documents(real_site: Path) -> None:
    form = page_of(real_site, "forms/resident-help-register/")
    assert "sec-backlinks" in form.ids
    assert "procedures/resident-help/index.html#sec-records" in targets(real_site, form)
    target = page_of(real_site, "procedures/convenience-services/")
    assert "sec-backlinks" in target.ids
    assert any(t.startswith("procedures/resident-help/index.html#step-") for t in targets(real_site, target))


def test_role_page_lists_every_step_the_role_performs(real_site: Path, book: Handbook) -> None:
    role = "front-desk-clerk"
    pages = [read_page(p) for p in sorted((real_site / "roles" / role).rglob("index.html"))]
    links = set().union(*(targets(real_site, p) for p in pages))
    text = "".join(p.text for p in pages)
    expected = {(doc.id, n.number) for doc in book.procedures.values() for n in book.steps(doc) if role in n.step.roles}
    assert expected
    for doc_id, number in expected:
        assert f"procedures/{doc_id}/index.html#{step_anchor(number)}" in links, (doc_id, number)
    for duty in book.roles[role].duties:
        assert duty in text


def test_variants_are_collapsible_sections(real_site: Path, book: Handbook) -> None:
    proc = book.procedures["convenience-services"]
    assert proc.variants
    html = (real_site / "procedures/convenience-services/index.html").read_text(encoding="utf-8")
    assert html.count('<details class="hb-variant">') == len(proc.variants)


def test_price_lists_show_items_and_the_sample_banner(real_site: Path, book: Handbook) -> None:
    for pl in book.price_lists.values():
        page = page_of(real_site, f"price-lists/{pl.id}/")
        assert ("示例价格" in page.text) == pl.sample, pl.id
        assert f"收费类别{word(pl.fee)}" in page.text.replace(" ", "")  # 停车服务费, never a building type's 车位
        for item in pl.items:
            assert item.name in page.text
            if item.free:
                assert "免费" in page.text
        assert not any(item.cost is not None and f"{item.cost}" in page.text and item.price is None
                       for item in pl.items)


def test_prices_read_as_on_the_notice_and_lists_apply_as_on_the_notice(real_site: Path, book: Handbook) -> None:
    """Each price as charge() words it (the notice's function), digits as written; the sites a list
    applies to and the lists of a site as site_price_lists decides (the notice's function)."""
    for pl in book.price_lists.values():
        text = "".join(page_of(real_site, f"price-lists/{pl.id}/").text.split())
        for item in pl.items:
            for line in charge(item).lines:
                assert "".join(line.split()) in text, (pl.id, line)
        for site in price_list_sites(book, pl):
            assert site.name in text, (pl.id, site.id)
        assert ("暂无项目执行本收费标准" in text) == (not price_list_sites(book, pl))
    for site in book.sites.values():
        text = page_of(real_site, f"sites/{site.id}/").text
        assert all(pl.code in text for pl in site_price_lists(book, site)), site.id


def test_form_page_has_fields_pdf_and_users(real_site: Path, book: Handbook) -> None:
    form = book.forms["customer-request-form"]
    page = page_of(real_site, "forms/customer-request-form/")
    for fld in form.fields + form.columns + form.sections:
        assert fld.label in page.text
    for copy in form.copies:
        assert copy.label in page.text
    assert form_pdf(form.id) in targets(real_site, page)
    assert form.retention in page.text


def test_reference_pages_list_terms_limits_and_rules(real_site: Path, book: Handbook) -> None:
    glossary = page_of(real_site, "glossary/").text
    assert book.glossary and all(t.term in glossary for t in book.glossary.terms)
    limits = page_of(real_site, "limits/")
    assert all(f"limit-{lid}" in limits.ids for lid in book.limits)
    rules = page_of(real_site, "rules/").text
    for code, rule in RULES.items():
        assert code in rules and rule.title in rules


def test_home_lists_this_quarters_revisions_newest_first(real_site: Path) -> None:
    html = (real_site / "index.html").read_text(encoding="utf-8")
    table = html[html.index('id="sec-revisions"'):html.index('id="sec-categories"')]
    today = dt.date.today()
    first = dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    dates = re.findall(r"<td class=\"hb-nowrap\">(\d{4}-\d\d-\d\d)</td>", table)
    assert dates == sorted(dates, reverse=True)
    assert all(first.isoformat() <= d <= today.isoformat() for d in dates)
    assert dates or "本季度还没有文件修订" in table
    assert 'id="sec-departments"' in html


def test_browser_libraries_are_served_by_the_site(real_site: Path) -> None:
    """The file:// search shim comes from the site itself, never from a CDN; no page loads Mermaid
    (flowcharts are SVG drawn at build time)."""
    assert (real_site / "assets/vendor/iframe-worker-shim.js").is_file(), "run scripts/fetch-vendor.sh (make does)"
    assert not list(real_site.rglob("mermaid*"))
    for path in real_site.rglob("*.html"):
        assert "mermaid" not in path.read_text(encoding="utf-8").lower(), path
    html = (real_site / "procedures/resident-help/index.html").read_text(encoding="utf-8")
    assert '<script src="../../assets/vendor/iframe-worker-shim.js">' in html
    assert "unpkg.com" not in html and "fonts.googleapis" not in html


def test_pages_stay_small(real_site: Path) -> None:
    sizes = {p: p.stat().st_size for p in real_site.rglob("*.html")}
    biggest = max(sizes, key=sizes.get)
    assert sizes[biggest] < 150_000, f"{biggest} is {sizes[biggest]} bytes"
