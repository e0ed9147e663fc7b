"""Notices: every item 《物业服务收费明码标价规定》 Art. 6 requires, per site, A3 and A4, with QR codes."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.load import load_or_raise
from generator.render.print.qr import page_url
from generator.render.print.views.notices import notice_view, site_price_lists

from .conftest import SITE_URL, Built
from .pdfkit import compact, fonts, notdef_glyphs, raw_text, sizes_mm

NOTICES = [f"notices/{site}/{kind}-{size}.pdf" for site in ("garden", "tower")
           for kind in ("price-notice", "services-notice") for size in ("a3", "a4")]


def notice_text(built: Built, rel: str) -> str:
    return compact(raw_text(built.pdf(rel)))


@pytest.mark.parametrize("rel", NOTICES)
def test_every_notice_is_printed_in_its_size_with_embedded_fonts(built: Built, rel: str) -> None:
    path = built.pdf(rel)
    assert set(sizes_mm(path)) == {(297, 420) if rel.endswith("a3.pdf") else (210, 297)}
    assert all(f.subset and "Noto" in f.name for f in fonts(path)) and notdef_glyphs(path) == 0


@pytest.mark.parametrize("size", ["a3", "a4"])
def test_price_notice_shows_every_article_6_item(built: Built, size: str) -> None:
    text = notice_text(built, f"notices/garden/price-notice-{size}.pdf")
    required = {
        "company": "东城物业服务有限公司",
        "site": "东城花园",
        "title": "收费标准公示",
        "service item": "日光灯维修",
        "content": "检查并更换启辉器",
        "standard": "闪烁不超过3次即点亮",
        "billing unit": "元/盏",
        "billing method": "维修费+材料费",
        "formula parts": "维修费20元/盏材料费另计，按《材料报价单》经业主确认",
        "price as written": "15.5元/个",
        "price never rounded": "0.5283元/千瓦时",
        "trailing zero kept as written": "1.20元/平方米·月",
        "charged guided price": "150元/辆·月基准价150元/辆·月",
        "free": "免费",
        "pricing form (market)": "市场调节价",
        "pricing form (guided)": "政府指导价",
        "base price and float range": "浮动幅度±10%（135–165元）",
        "price document": "定价文件成发改价格〔2025〕18号",
        "property fee by building type and grade": "高层一级",
        "billing area": "计费面积：建筑面积",
        "basis": "依据物业服务合同第八条",
        "approved by whom and when": "总经理，2026年2月20日批准",
        "start date": "自2026年4月1日起执行",
        "price hotline": "价格举报电话：12315",
        "service-centre phone": "服务中心电话：028-66661111",
        "posting date": "2026年3月1日",
    }
    missing = [name for name, value in required.items() if value not in text]
    assert not missing, missing


@pytest.mark.parametrize("rel", [n for n in NOTICES if "price-notice" in n])
def test_every_price_notice_has_the_article_6_frame(built: Built, rel: str) -> None:
    text = notice_text(built, rel)
    site = "东城花园" if "/garden/" in rel else "东城大厦"
    for expected in ("东城物业服务有限公司", site, "收费标准公示", "服务项目", "服务内容", "服务标准",
                     "收费标准", "价格形式", "收费依据：", "批准：总经理", "执行日期：自", "价格举报电话：12315",
                     "服务中心电话：", "2026年3月1日", "成都区域便民服务收费标准", "市场调节价"):
        assert expected in text, expected
    assert "盖章处" not in text  # the seal's place is marked on --draft previews only


def test_price_notice_covers_lists_by_scope(built: Built) -> None:
    """garden names its list; the region list (成都) covers both sites; tower has only that one."""
    garden, tower = (notice_text(built, f"notices/{s}/price-notice-a4.pdf") for s in ("garden", "tower"))
    assert "东城花园有偿服务收费标准" in garden and "成都区域便民服务收费标准" in garden
    assert "成都区域便民服务收费标准" in tower and "东城花园有偿服务收费标准" not in tower


def test_services_notice_lists_paid_and_free_services(built: Built) -> None:
    text = notice_text(built, "notices/garden/services-notice-a3.pdf")
    assert "便民服务项目公告" in text and "有偿服务项目" in text and "免费服务项目" in text
    paid, free = text.split("免费服务项目", 1)
    assert "日光灯维修" in paid and "复印" in paid
    assert "代订饮用水" in free and "借用雨伞" in free and "日光灯维修" not in free


def test_real_notice_has_no_stamp(built: Built) -> None:
    assert "草稿" not in notice_text(built, "notices/garden/price-notice-a4.pdf")
    assert "示例" not in notice_text(built, "notices/garden/price-notice-a4.pdf")


def test_qr_codes_link_to_the_site_pages(built: Built) -> None:
    book = load_or_raise(built.project)
    site = book.sites["garden"]
    lists = site_price_lists(book, site)
    price, _ = notice_view(book, site, lists, "price", "A4", site_url=SITE_URL, posted=dt.date(2026, 3, 1), stamp="")
    services, _ = notice_view(book, site, lists, "services", "A4", site_url=SITE_URL, posted=dt.date(2026, 3, 1),
                              stamp="")
    assert [s.url for s in price.sections] == ["https://handbook.example.com/price-lists/garden-property/",
                                                "https://handbook.example.com/price-lists/garden-fees/",
                                                "https://handbook.example.com/price-lists/region-fees/"]
    assert services.url == "https://handbook.example.com/sites/garden/"
    assert all(s.qr.startswith("data:image/svg+xml") for s in price.sections) and services.qr.startswith("data:")


def test_page_url_joins_cleanly() -> None:
    assert page_url("https://x.cn", "sites", "a") == "https://x.cn/sites/a/"
    assert page_url("https://x.cn/", "sites", "a") == "https://x.cn/sites/a/"
    assert page_url("", "sites", "a") == "https://handbook.example.com/sites/a/"
