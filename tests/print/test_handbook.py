"""The bound handbook: cover, contents with the right page numbers, running headers, copy control."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import Built
from .pdfkit import compact, fonts, notdef_glyphs, page_texts, sizes_mm

DOCS = {"DCWY/QP-001": "来访接待标准作业规程", "DCWY/QP-002": "有偿服务收费管理制度",
        "DCWY/WI-001": "日光灯维修作业指导书"}


@pytest.fixture(scope="module")
def pages(built: Built) -> list[str]:
    return [compact(t) for t in page_texts(built.pdf("handbook.pdf"))]


def test_cover_names_company_title_and_uncontrolled_stamp(pages: list[str]) -> None:
    cover = pages[0]
    assert "东城物业服务有限公司" in cover and "物业服务标准作业规程汇编" in cover and "非受控副本" in cover
    assert re.search(r"20\d\d年\d{1,2}月", cover)


def test_contents_page_numbers_point_at_the_documents(pages: list[str]) -> None:
    contents = pages[1]
    assert "目录" in contents
    for code, title in DOCS.items():
        match = re.search(re.escape(code) + re.escape(title) + r"（A/\d）(?:〔草稿〕)?\.*(\d+)", contents)
        assert match, f"{code} not in contents: {contents}"
        page = int(match.group(1))
        assert title in pages[page - 1] and pages[page - 1].startswith(code), (code, page)


def test_each_document_starts_a_page_with_running_header_and_footer(pages: list[str]) -> None:
    total = len(pages)
    starts = {code: i for i, p in enumerate(pages) for code, title in DOCS.items() if f"{title}" in p[:80]
              and "目录" not in p}
    assert len(starts) == 3
    for code, index in starts.items():
        assert pages[index].startswith(code)  # running header: code and version
        assert f"第{index + 1}页共{total}页" in pages[index]
        assert "非受控副本" in pages[index]


def test_documents_show_their_parts(pages: list[str]) -> None:
    text = "".join(pages)
    for expected in ("1目的", "2适用范围", "术语和定义", "职责", "工作程序", "情形①属于维修需求", "2.2-①.1",
                     "记录：《客户需求处理单》（DCWY/QR-002）", "参见：本文件第1步", "修订记录", "增加回访要求",
                     "验收标准", "≤3次闪烁", "比例", "70%", "草稿（未批准，仅供参考）"):
        assert expected in text, expected


def test_handbook_is_a4_with_embedded_fonts(built: Built) -> None:
    path = built.pdf("handbook.pdf")
    assert set(sizes_mm(path)) == {(210, 297)}
    assert all(f.subset and "Noto" in f.name for f in fonts(path)) and notdef_glyphs(path) == 0


def test_bound_copy_is_controlled_and_numbered(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--project", str(office), "bound", "--copy", "3", "--out", str(office / "out")])
    assert code == 0, capsys.readouterr().err
    pages = [compact(t) for t in page_texts(office / "out" / "handbook.pdf")]
    assert "受控文件No.03" in pages[0] and "持有部门" in pages[0]
    assert all("受控文件No.03" in p for p in pages[2:]) and "非受控副本" not in "".join(pages)
