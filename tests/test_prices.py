"""Price rules and how a price reads: each rule fails on a small edit (at the item's line) and passes on its fixed twin;
the site pages, the notice and the model agree on which lists apply to a site."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import MINI, edit
from generator.check import run_rules
from generator.load import load_or_raise
from generator.model import PriceItem
from generator.model.charge import charge
from generator.model.prices import money, parse_float_range, price_list_sites, site_price_lists
from generator.render.site.index import SiteIndex
from generator.render.site.views import documents, organisation

PRICES = "price-lists/fees.yaml"
TODAY = dt.date(2026, 6, 1)
GUIDED = ("    unit: 元/平方米·月\n    price: {price}\n    pricing: guided\n    base_price: 1.80\n"
          "    float_range: {span}\n    price_document: 成发改价格〔2025〕7号\n")


def codes(project: Path, *only: str) -> list[tuple[str, int]]:
    """(code, line) of the findings of ``only`` rules on ``project``."""
    book = load_or_raise(project)
    return [(f.code, f.position.line if f.position else 0) for f in run_rules(book, TODAY, only or None)]


def guided(mini: Path, price: str, span: str) -> None:
    edit(mini, PRICES, "    free: true\n", GUIDED.format(price=price, span=span))


@pytest.mark.parametrize(("price", "span", "fires"), [
    ("2.50", "±10%", True),  # the example: allowed 1.62–1.98
    ("1.98", "±10%", False), ("1.62", "±10%", False), ("1.61", "±10%", True), ("1.99", "±10%", True),
    ("1.99", "±0.20元", False), ("2.01", "±0.20元", True), ("1.59", "±0.20元", True),
    ("1.98", "上浮10%，下浮20%", False), ("1.44", "上浮10%，下浮20%", False), ("1.43", "上浮10%，下浮20%", True),
    ("0.90", "上浮10%，下浮不限", False), ("1.99", "上浮10%，下浮不限", True),
    ("1.75", "上浮10%", True),  # a direction not written does not float
    ("1.80", "+10%/-5%", False), ("1.70", "+10%/-5%", True),
])
def test_guided_price_must_lie_within_base_and_float(mini: Path, price: str, span: str, fires: bool) -> None:
    guided(mini, price, span)
    found = codes(mini, "PRC006", "PRC007")
    assert found == ([("PRC007", 19)] if fires else []), found


def test_an_unreadable_float_range_is_an_error_at_its_line(mini: Path) -> None:
    guided(mini, "1.80", "大约一成")
    assert codes(mini, "PRC007") == [("PRC007", 19)]


@pytest.mark.parametrize("field", ["price", "base_price", "float_range", "price_document"])
def test_guided_item_needs_charge_base_range_and_document(mini: Path, field: str) -> None:
    guided(mini, "1.80", "±10%")
    edit(mini, PRICES, next(line for line in GUIDED.splitlines(keepends=True) if line.startswith(f"    {field}:"))
         .format(price="1.80", span="±10%"), "")
    assert codes(mini, "PRC006") == [("PRC006", 19)]  # at the item's line


def test_basis_is_required_of_public_and_posted_lists_only(mini: Path) -> None:
    edit(mini, PRICES, "basis: 依据物业服务合同第八条\n", "")
    assert codes(mini, "PRC008") == [("PRC008", 1)]
    edit(mini, PRICES, "visibility: public", "visibility: internal")
    assert codes(mini, "PRC008") == [("PRC008", 1)]  # still posted at garden
    edit(mini, "sites/garden.yaml", "price_lists: [fees]", "price_lists: []")
    edit(mini, PRICES, "scope: {level: site, sites: [garden]}", "scope: {level: site, sites: []}")
    assert codes(mini, "PRC008") == []  # internal and posted nowhere


def test_formula_items_post_each_part(mini: Path) -> None:
    assert codes(mini, "PRC009") == []
    edit(mini, PRICES, "      - {name: 材料费, method: 另计，按《材料报价单》经业主确认}\n", "      - {name: 材料费}\n")
    assert codes(mini, "PRC009") == [("PRC009", 13)]  # the part with neither price nor method
    edit(mini, PRICES, "      - {name: 材料费}\n", "")
    assert codes(mini, "PRC009") == [("PRC009", 13)]  # 材料费 named in the formula, not posted
    edit(mini, PRICES, "    formula: 维修费 + 材料费\n", "    price: 30\n    formula: 维修费 + 材料费\n")
    assert ("PRC009", 13) in codes(mini, "PRC009")  # an amount on a formula item reads as all-in


def test_property_fee_by_building_grade_and_area(mini: Path) -> None:
    edit(mini, PRICES, "scope: {level: site, sites: [garden]}", "scope: {level: site, sites: [garden]}\nfee: property")
    assert [c for c, _ in codes(mini, "PRC011")] == ["PRC011"] * 3  # the list's area, each item's type and grade
    edit(mini, PRICES, "fee: property", "fee: property\narea: 建筑面积")
    edit(mini, PRICES, "  - name: 家电维修\n", "  - name: 家电维修\n    building: high-rise\n    grade: 一级\n")
    edit(mini, PRICES, "  - name: 代订饮用水\n", "  - name: 代订饮用水\n    building: parking\n    grade: 二级\n")
    assert codes(mini, "PRC011") == []


def test_site_and_scope_must_agree(mini: Path) -> None:
    edit(mini, PRICES, "scope: {level: site, sites: [garden]}", "scope: {level: region, region: 北京}")
    assert codes(mini, "PRC010") == [("PRC010", 6)]
    edit(mini, PRICES, "region: 北京", "region: 成都")
    assert codes(mini, "PRC010") == []


def test_one_answer_for_which_lists_apply(mini: Path) -> None:
    """A company-wide list the site does not name: on the site page, the list's page, the notice."""
    edit(mini, PRICES, "scope: {level: site, sites: [garden]}", "scope: {level: company}")
    edit(mini, "sites/garden.yaml", "price_lists: [fees]", "price_lists: []")
    book = load_or_raise(mini)
    site, fees = book.sites["garden"], book.price_lists["fees"]
    ix = SiteIndex.build(book)
    assert [pl.id for pl in site_price_lists(book, site)] == ["fees"]
    assert [pl.id for pl in organisation.site(ix, site)["price_lists"]] == ["fees"]
    assert [s.id for s in documents.price_list(ix, fees)["sites"]] == ["garden"] == [s.id for s in price_list_sites(book, fees)]


def test_property_fee_lists_come_first(mini: Path) -> None:
    text = (mini / PRICES).read_text(encoding="utf-8")
    (mini / "price-lists/area-fees.yaml").write_text(
        text.replace("TEST/PL-001", "TEST/PL-009").replace("scope: {level: site, sites: [garden]}",
                                                           "scope: {level: company}\nfee: property"), encoding="utf-8")
    book = load_or_raise(mini)
    assert [pl.id for pl in site_price_lists(book, book.sites["garden"])] == ["area-fees", "fees"]


@pytest.mark.parametrize(("written", "printed"), [("0.5283", "0.5283"), ("2.50", "2.50"), ("150", "150"),
                                                  ("15.5", "15.5"), ("0.0005", "0.0005"), ("1E+2", "100")])
def test_money_prints_the_source_digits(written: str, printed: str) -> None:
    assert money(Decimal(written)) == printed


def test_a_price_reads_the_same_everywhere() -> None:
    formula = PriceItem.model_validate({"name": "日光灯维修", "unit": "元/盏", "formula": "维修费 + 材料费", "components": [
        {"name": "维修费", "price": 20}, {"name": "材料费", "method": "另计，按《材料报价单》经业主确认"}]})
    assert charge(formula).lines == ("维修费 + 材料费", "维修费 20 元/盏", "材料费 另计，按《材料报价单》经业主确认")
    park = PriceItem.model_validate({"name": "停车", "unit": "元/辆·月", "price": "150", "pricing": "guided",
                                     "base_price": 150, "float_range": "±10%", "price_document": "X〔2025〕1号"})
    assert charge(park).lines == ("150 元/辆·月", "基准价 150 元/辆·月", "浮动幅度 ±10%（135–165 元）", "定价文件 X〔2025〕1号")
    power = PriceItem.model_validate({"name": "电费", "unit": "元/千瓦时", "price": 0.5283})
    assert charge(power).lines == ("0.5283 元/千瓦时",)


def test_float_range_forms() -> None:
    base = Decimal("1.80")
    assert parse_float_range("±10%").bounds(base) == (Decimal("1.62"), Decimal("1.98"))  # type: ignore[union-attr]
    assert parse_float_range("上下浮动 10％").bounds(base) == (Decimal("1.62"), Decimal("1.98"))  # type: ignore[union-attr]
    assert parse_float_range("±0.20元").bounds(base) == (Decimal("1.60"), Decimal("2.00"))  # type: ignore[union-attr]
    assert parse_float_range("上浮10%，下浮不限").bounds(base) == (Decimal(0), Decimal("1.98"))  # type: ignore[union-attr]
    assert parse_float_range("在基准价基础上上下浮动不超过10%").bounds(base) == (Decimal("1.62"), Decimal("1.98"))  # type: ignore[union-attr]
    assert parse_float_range("上浮不超过10%、下浮不超过20%以内").bounds(base) == (Decimal("1.44"), Decimal("1.98"))  # type: ignore[union-attr]
    assert parse_float_range("10%") is None and parse_float_range("约一成") is None


def test_the_real_sources_pass_the_price_rules() -> None:
    book = load_or_raise(MINI.parent.parent.parent)
    assert [f for f in run_rules(book, TODAY) if f.code.startswith("PRC")] == []
