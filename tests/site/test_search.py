"""The search index: the handbook's own words whole, numbers with their units, one entry per step,
price item and section (generator/render/site/search/)."""

from __future__ import annotations

import html
import json
from pathlib import Path

from sitekit import ROOT, read_page, real_site  # noqa: F401 (fixture)

from generator.load import load_or_raise
from generator.render.site.search.entries import MAX_TEXT
from generator.render.site.search.segment import jieba_segmenter
from generator.render.site.searchdict import words


def index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def tokens(site: Path) -> set[str]:
    found: set[str] = set()
    for doc in index(site)["docs"]:
        found.update(doc["k"].split(" "))
    return found


def test_domain_terms_are_whole_tokens(real_site: Path) -> None:
    found = tokens(real_site)
    for term in ("客户需求处理单", "专属客户经理"):
        assert term in found, term


def test_dictionary_holds_roles_forms_departments_and_glossary() -> None:
    book = load_or_raise(ROOT)
    listed = set(words(book))
    assert {"客户需求处理单", "专属客户经理"} <= listed
    assert all(role.name in listed for role in book.roles.values() if len(role.name) > 1)
    assert all(form.title in listed for form in book.forms.values() if " " not in form.title)


def test_offline_search_index_is_inlined(real_site: Path) -> None:
    script = (real_site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert script.startswith("var __index = {")


def test_numbers_keep_their_units(real_site: Path) -> None:
    found = tokens(real_site)
    assert {"50元", "24小时", "20元"} <= found


def test_segmenter_keeps_units_and_words() -> None:
    cut = jieba_segmenter(["客户需求处理单"]).words
    assert cut("客户需求处理单") == ["客户需求处理单"]
    assert cut("24小时内回访") == ["24小时", "内", "回访"]
    assert cut("代收现金不超过５０ 元") [-1] == "50元"  # full-width digits, a space before the unit
    assert cut("LYWG/QP-016") == ["lywg", "qp", "016"]
    assert cut("第3.5个工作日") == ["第", "3.5个工作日"]


def test_every_step_and_price_item_is_an_entry(real_site: Path) -> None:
    docs = index(real_site)["docs"]
    locations = {d["location"] for d in docs}
    page = read_page(real_site / "procedures" / "resident-help" / "index.html")
    steps = {i for i in page.ids if i.startswith("step-")}
    assert len(steps) > 10
    assert {f"procedures/resident-help/index.html#{s}" for s in steps} <= locations
    items = {d["location"] for d in docs if "#item-" in d["location"]}
    assert any(i.startswith("price-lists/special-services/index.html#item-") for i in items)
    assert "forms/customer-request-form/index.html#sec-fields" in locations
    assert max(len(html.unescape(d["text"])) for d in docs) <= MAX_TEXT
    first_aid = [d for d in docs if d["location"].startswith("procedures/resident-help/") and "急救" in d["title"]]
    assert first_aid and all("#step-" in d["location"] for d in first_aid)
