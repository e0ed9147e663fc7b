"""Every real form, measured on its PDF: blanks wide enough for what is written in them, nothing under
9 pt, rows of at least 8 mm, date templates with writing room, headings broken only between words."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pdfplumber
import pytest

from conftest import ROOT
from generator.cli import main
from generator.load import load_or_raise
from generator.render.print import formtext as ft

from .pdfkit import grey_fill

MM = 72 / 25.4
BOOK = load_or_raise(ROOT)
FORMS = sorted(BOOK.forms)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("forms")
    assert main(["--project", str(ROOT), "forms", "--out", str(out)]) == 0
    return out / "forms"


def first_page(printed: Path, form_id: str):  # noqa: ANN201 - a pdfplumber page, kept open by the test
    return pdfplumber.open(printed / f"{form_id}.pdf").pages[0]


def upright(page) -> list[dict]:  # noqa: ANN001
    return [c for c in page.chars if abs(c["matrix"][1]) < 1e-6 and abs(c["matrix"][2]) < 1e-6]


def text_in(page, box: dict) -> str:  # noqa: ANN001
    return "".join(c["text"] for c in upright(page) if box["x0"] - 0.5 <= c["x0"] and c["x1"] <= box["x1"] + 0.5
                   and box["top"] - 0.5 <= c["top"] and c["bottom"] <= box["bottom"] + 0.5).replace(" ", "")


def shaded(page) -> list[dict]:  # noqa: ANN001
    """The grey cells: labels of header fields and the table's headings."""
    return [r for r in page.rects if r["fill"] and grey_fill(r)]


def verticals(page, y: float) -> list[float]:  # noqa: ANN001
    return sorted({round(e["x0"], 2) for e in page.edges if e["orientation"] == "v" and e["top"] <= y <= e["bottom"]})


@pytest.mark.parametrize("form_id", FORMS)
def test_no_text_under_9pt(printed: Path, form_id: str) -> None:
    with pdfplumber.open(printed / f"{form_id}.pdf") as pdf:
        small = {(c["text"], round(c["size"], 1)) for page in pdf.pages for c in upright(page) if c["size"] < 8.95}
    assert not small, small


@pytest.mark.parametrize("form_id", [f for f in FORMS if BOOK.forms[f].fields])
def test_header_blanks_are_wide_enough_for_their_kind(printed: Path, form_id: str) -> None:
    form = BOOK.forms[form_id]
    page = first_page(printed, form_id)
    labels = {f.label: ft.BLANK_MIN[ft.field_kind(f.label, f.type and f.type.value)] for f in form.fields}
    seen = set()
    for cell in shaded(page):
        label = text_in(page, cell)
        if label not in labels:
            continue
        seen.add(label)
        assert cell["bottom"] - cell["top"] >= 7.7 * MM, (label, "line under 8 mm")
        right = [x for x in verticals(page, (cell["top"] + cell["bottom"]) / 2) if x > cell["x1"] + 0.5 * MM]
        blank = (right[0] - cell["x1"]) / MM
        assert blank >= labels[label] - 0.5, f"{label}: {blank:.1f} mm < {labels[label]} mm"
    assert seen == set(labels), set(labels) - seen


@pytest.mark.parametrize("form_id", [f for f in FORMS if BOOK.forms[f].columns])
def test_table_rows_and_headings(printed: Path, form_id: str) -> None:
    form = BOOK.forms[form_id]
    page = first_page(printed, form_id)
    headings = {c.label: ft.words(c.label) for c in form.columns}
    cells = [c for c in shaded(page) if any(text_in(page, c).startswith(h) for h in headings)]
    assert len(cells) == len(headings), [text_in(page, c) for c in cells]
    for cell in cells:
        bold = [c for c in upright(page) if "Bold" in c["fontname"] and cell["x0"] <= c["x0"] and c["x1"] <= cell["x1"]
                and cell["top"] <= c["top"] and c["bottom"] <= cell["bottom"]]
        lines = defaultdict(str)
        for char in sorted(bold, key=lambda c: (round(c["top"]), c["x0"])):
            lines[round(char["top"])] += char["text"]
        label = "".join(lines.values())
        assert label in headings, label
        ends = {sum(len(w) for w in headings[label][:i]) for i in range(len(headings[label]) + 1)}
        breaks, at = [], 0
        for text in lines.values():
            at += len(text)
            breaks.append(at)
        assert set(breaks) <= ends, f"{label} broken inside a word: {list(lines.values())}"
    bottom = max(c["bottom"] for c in cells)
    rule = min(cells, key=lambda c: c["x0"])["x1"]  # the rule right of the first column: drawn row by row
    rows = [(e["bottom"] - e["top"]) / MM for e in page.edges
            if e["orientation"] == "v" and abs(e["x0"] - rule) < 1 and e["top"] > bottom - 1]
    assert rows and min(rows) >= 7.9, rows


@pytest.mark.parametrize("form_id", FORMS)
def test_dates_leave_room_to_write(printed: Path, form_id: str) -> None:
    page = first_page(printed, form_id)
    chars = sorted(upright(page), key=lambda c: (round(c["top"]), c["x0"]))
    for a, b in zip(chars, chars[1:]):
        if a["text"] in "年月日时" and b["text"] in "月日时分" and round(a["top"]) == round(b["top"]):
            gap = (b["x0"] - a["x1"]) / MM
            assert gap < 0.3 or gap >= 6.5, f"{a['text']}…{b['text']}: {gap:.1f} mm"  # 年月 is a word, 年 月 a blank


def test_customer_copy_leaves_out_internal_rules(printed: Path) -> None:
    with pdfplumber.open(printed / "customer-request-form.pdf") as pdf:
        stub, customer = ("".join(p.extract_text().split()) for p in (pdf.pages[0], pdf.pages[2]))
    assert "200元" in stub and "项目经理免收原因" in stub and "填表说明" in stub
    assert "200元" not in customer and "免收原因" not in customer and "填表说明" not in customer
    assert "回访结果" in customer and "收费方式" in customer


def test_editorial_notes_are_not_printed(printed: Path) -> None:
    for form_id in FORMS:
        with pdfplumber.open(printed / f"{form_id}.pdf") as pdf:
            text = "".join(pdf.pages[0].extract_text().split())
        assert not re.search(r"原表|原文|原始资料|示例设计|加州城市花园", text), form_id


CRAMPED = """code: DCWY/QR-020
title: 电话回访表
version: A/0
effective: 2026-01-01
status: approved
owner: service-centre
paper: A5
copies:
  - label: 存根联
  - label: 客户联
    omit: [不存在的栏目]
fields:
  - label: 项目名称
    hint: 原表为某小区的登记表
columns:
  - label: 住户电话一
  - label: 住户电话二
  - label: 住户电话三
  - label: 住户电话四
  - label: 住户电话五
rows: 3
retention: 1年
"""


def test_layout_warnings_point_at_the_form_source(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (office / "forms" / "cramped.yaml").write_text(CRAMPED, encoding="utf-8")
    assert main(["--project", str(office), "forms", "cramped", "--out", str(office / "out")]) == 0
    err = capsys.readouterr().err
    assert "forms/cramped.yaml:16:12: PRT022(警告) 表单《电话回访表》表格栏「住户电话一」只有" in err
    assert "电话号码至少需要 35 mm" in err
    assert "forms/cramped.yaml:14:11: PRT024" in err and "原表为某小区的登记表" in err
    assert "PRT025" not in err  # a copy's omit is checked with the sources (FRM002, tests/check/test_forms.py)


@pytest.mark.parametrize("label, kind", [
    ("联系电话", "phone"), ("住户手机", "phone"), ("身份证号码", "idno"), ("加油卡号", "idno"), ("楼层住址", "address"),
    ("客户姓名", "name"), ("经办人", "name"), ("部门", "name"), ("统计月份", "date"), ("登记日期", "date"),
    ("应收金额（元）", "money"), ("空桶押金（元）", "money"), ("序号", "number"), ("数量（张）", "number"),
    ("免费项目", "text"), ("需求内容", "text"),
])
def test_field_kind_is_read_from_the_label(label: str, kind: str) -> None:
    assert ft.field_kind(label) == kind
    assert ft.field_kind(label, "text") == "text"  # a declared type wins


def test_date_templates_get_room_before_each_unit() -> None:
    em = 10.5 * 0.3527778
    for text in ("年　月　日", "请于 年 月 日前缴清", "月　日　时　分至　时　分"):
        roomy = ft.date_room(text, 10.5)
        for unit, room in ft.ROOM_MM.items():
            for spaces in re.findall(f"(\u3000*){unit}", roomy):
                assert len(spaces) * em >= room, (text, unit, roomy)
    assert ft.date_room("每年年底、月底", 10.5) == "每年年底、月底"  # words, not blanks
