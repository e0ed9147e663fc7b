"""Forms print as an office would use them: right paper, fonts embedded, every element, exact rows."""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator.load import load_or_raise
from generator.render.print import cache_dir
from generator.render.print.fit import measure
from generator.render.print.fontpack import font_faces_css
from generator.render.print.fonts import load_fonts
from generator.render.print.html import render_html
from generator.render.print.pdf import render_document
from generator.render.print.views.forms import form_view

from .conftest import Built
from .pdfkit import compact, fonts, grid_rows, notdef_glyphs, page_texts, sizes_mm

FORMS = ["visit-register", "request-slip", "daily-log", "big-sheet", "meeting-slip"]


@pytest.mark.parametrize("form, size", [
    ("visit-register", (210, 297)),  # A4 default, portrait default
    ("request-slip", (210, 148)),  # A5 landscape
    ("daily-log", (297, 210)),  # A4 landscape
    ("big-sheet", (297, 420)),  # A3 portrait
])
def test_paper_size_and_orientation(built: Built, form: str, size: tuple[int, int]) -> None:
    assert set(sizes_mm(built.pdf(f"forms/{form}.pdf"))) == {size}


@pytest.mark.parametrize("form", FORMS)
def test_fonts_are_embedded_noto_subsets_without_tofu(built: Built, form: str) -> None:
    path = built.pdf(f"forms/{form}.pdf")
    embedded = fonts(path)
    assert embedded and all(f.file_key in ("/FontFile2", "/FontFile3") for f in embedded)
    assert all(f.subset and "Noto" in f.name and "CJK" in f.name for f in embedded), embedded
    assert notdef_glyphs(path) == 0


def test_a_form_carries_every_element(built: Built) -> None:
    text = compact(page_texts(built.pdf("forms/visit-register.pdf"))[0])
    for expected in ("东城物业服务有限公司", "来访登记表", "表单编号：DCWY/QR-001", "版本：A/0",
                     "第1页共1页", "归口部门：客户服务中心", "保存期限：2年", "事由", "咨询／报修／投诉／其他",
                     "经办人：", "年月日", "填表说明：", "来访人员须如实登记"):
        assert expected in text, expected
    assert "示例版式" not in text


def test_rows_n_prints_exactly_n_rows(built: Built) -> None:
    assert grid_rows(built.pdf("forms/visit-register.pdf")) == 12


@pytest.mark.parametrize("form", ["daily-log", "big-sheet"])
def test_rows_zero_fills_the_page_exactly(built: Built, form: str) -> None:
    """As many rows as fit: the page holds them all, and one more row would not fit."""
    path = built.pdf(f"forms/{form}.pdf")
    rows = grid_rows(path)
    assert len(sizes_mm(path)) == 1 and rows >= 10
    book = load_or_raise(built.project)
    fonts_ = load_fonts(cache_dir(built.project))
    view, _ = form_view(book, book.forms[form])

    def pages(n: int) -> int:
        html = render_html("form.html.j2", v=replace(view, rows=n, fill=False))
        return measure(render_document(html, font_faces_css(fonts_, html), built.project)).pages

    assert pages(rows) == 1
    assert pages(rows + 1) == 2


def test_multi_copy_form_prints_one_labelled_page_per_copy(built: Built) -> None:
    pages = [compact(t) for t in page_texts(built.pdf("forms/request-slip.pdf"))]
    assert len(pages) == 3
    for page, label in zip(pages, ("第一联存根联", "第二联责任单位联", "第三联客户联")):
        assert label in page
        assert "第1页共1页" in page and "NO." in page
    assert "服务中心留存" in pages[0] and "交客户留存" in pages[2]


def test_sample_form_carries_a_small_marker(built: Built) -> None:
    assert all("示例版式" in t for t in page_texts(built.pdf("forms/request-slip.pdf")))
    assert "草稿" in page_texts(built.pdf("forms/big-sheet.pdf"))[0]  # status: draft


def test_form_without_table_stretches_its_boxes_to_the_page(built: Built) -> None:
    path = built.pdf("forms/meeting-slip.pdf")
    text = compact(page_texts(path)[0])
    assert "会场布置要求：桌椅、会标、座次牌、茶水等" in text and "年月日时分至时分" in text
    book = load_or_raise(built.project)
    view, _ = form_view(book, book.forms["meeting-slip"])
    assert view.sections[0].height > 60  # mm: grown from the 24 mm minimum


def test_title_and_labels_are_escaped(office) -> None:  # noqa: ANN001 - fixture path
    from generator.render.print.job import Job

    form = office / "forms" / "visit-register.yaml"
    form.write_text(form.read_text(encoding="utf-8").replace("title: 来访登记表", "title: <script>x</script>登记表"),
                    encoding="utf-8")
    book = load_or_raise(office)
    view, _ = form_view(book, book.forms["visit-register"])
    html = Job("x.pdf", "form.html.j2", view, "x", None).html()
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;登记表" in html
