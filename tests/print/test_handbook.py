"""The bound handbook: cover, contents with the right page numbers, running headers, copy control."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import edit
from generator.cli import main

from .conftest import Built
from .pdfkit import compact, fonts, notdef_glyphs, page_texts, sizes_mm

DRAFT = "DCWY/QP-002"  # procedures/fee-policy.yaml, status: draft
DOCS = {"DCWY/QP-001": "来访接待标准作业规程", "DCWY/QP-002": "有偿服务收费管理制度",
        "DCWY/WI-001": "日光灯维修作业指导书"}


@pytest.fixture(scope="module")
def pages(built: Built) -> list[str]:
    return [compact(t) for t in page_texts(built.pdf("handbook.pdf"))]


def test_cover_names_company_title_and_uncontrolled_stamp(pages: list[str]) -> None:
    cover = pages[0]
    assert "东城物业服务有限公司" in cover and "物业服务标准作业规程汇编" in cover and "非受控副本" in cover
    # compilation code and edition (company.yaml handbook), effective date of the documents, sign-off posts
    assert "汇编编号DCWY/QM-001版次B/2" in cover and "实施日期2026年1月1日" in cover
    assert re.search(r"编制服务中心接待员年月日审核服务中心经理年月日批准总经理年月日", cover), cover


def doc_pages(pages: list[str]) -> dict[str, list[int]]:
    """Indexes of the pages of each document: its running header starts with its code."""
    found: dict[str, list[int]] = {}
    for index, page in enumerate(pages):
        code = next((c for c in DOCS if page.startswith(c)), None)
        if code:
            found.setdefault(code, []).append(index)
    return found


def test_contents_lists_each_document_with_its_page_count(pages: list[str]) -> None:
    contents = pages[1]
    assert "目录" in contents
    spans = doc_pages(pages)
    for code, title in DOCS.items():
        match = re.search(re.escape(code) + re.escape(title) + r"(?:〔草稿〕)?A/\d共(\d+)页", contents)
        assert match, f"{code} not in contents: {contents}"
        assert int(match.group(1)) == len(spans[code]), (code, spans[code])


def test_every_page_of_a_document_is_numbered_within_that_document(pages: list[str]) -> None:
    spans = doc_pages(pages)
    assert sorted(spans) == sorted(DOCS) and sum(map(len, spans.values())) == len(pages) - 2  # cover, contents
    for code, indexes in spans.items():
        assert indexes == list(range(indexes[0], indexes[0] + len(indexes))), code  # one run of pages
        assert DOCS[code] in pages[indexes[0]][:80]  # starts a page with its title
        for number, index in enumerate(indexes, start=1):
            assert f"第{number}页共{len(indexes)}页" in pages[index], (code, number)
            assert "非受控副本" in pages[index]


def test_steps_are_numbered_apart_from_sections(pages: list[str]) -> None:
    text = "".join(pages)
    assert "6工作程序第1步" in text or re.search(r"\d工作程序第1步", text)
    assert not re.search(r"工作程序1(?!\.)", text)  # a top-level step never reads like a section number


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
    edit(office, "instructions/lamp.yaml", "effective: 2026-01-01", "effective: 2026-02-15")
    edit(office, "procedures/reception.yaml", "purpose: 规范来访接待工作",
         'purpose: 规范"来访接待"工作')
    edit(office, "procedures/reception.yaml", "text: 第一位接待的员工负责跟进到底。",
         "text: 第一位接待的员工负责跟进到底，并告知{site.service_phone}。")  # two sites: the neutral wording
    (office / "procedures/reception.yaml").write_text(
        (office / "procedures/reception.yaml").read_text(encoding="utf-8")
        + "notes:\n  - 编写说明 procedure-review-quarterly 不印\n", encoding="utf-8")
    code = main(["--project", str(office), "bound", "--copy", "3", "--out", str(office / "out")])
    assert code == 0, capsys.readouterr().err
    pages = [compact(t) for t in page_texts(office / "out" / "handbook.pdf")]
    assert "受控文件No.03" in pages[0] and "持有部门" in pages[0]
    assert "汇编编号DCWY/QM-001" in pages[0] and "版次B/2" in pages[0] and "编制" in pages[0] and "批准总经理" in pages[0]
    assert "实施日期2026年2月15日" in pages[0]  # the newest document's effective date, not the print date
    assert all("受控文件No.03" in p for p in pages[2:]) and "非受控副本" not in "".join(pages)
    spans = doc_pages(pages)
    assert DRAFT not in spans and sum(map(len, spans.values())) == len(pages) - 2
    for indexes in spans.values():
        assert all(f"第{n}页共{len(indexes)}页" in pages[i] for n, i in enumerate(indexes, start=1))
    text = "".join(pages)
    assert "规范“来访接待”工作" in text and '"' not in text
    assert "并告知服务中心电话。" in text and "{site." not in text  # a placeholder never reaches paper
    assert "编写说明" not in text and "procedure-review-quarterly" not in text


def test_controlled_copy_needs_the_compilation_block(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    company = office / "company.yaml"
    company.write_text(company.read_text(encoding="utf-8").split("handbook:")[0], encoding="utf-8")
    assert main(["--project", str(office), "bound", "--copy", "3", "--out", str(office / "out")]) == 1
    assert "company.yaml:1:1: PRT021" in capsys.readouterr().err
    assert main(["--project", str(office), "bound", "--out", str(office / "out")]) == 0  # uncontrolled: blank fields
    assert "汇编编号—版次—" in compact(page_texts(office / "out" / "handbook.pdf")[0])


def test_procedures_carry_the_sites_flowchart(pages: list[str]) -> None:
    """The chart of the site's page, drawn by Graphviz, is printed before the steps as real text."""
    first = doc_pages(pages)["DCWY/QP-001"]
    text = "".join(pages[i] for i in first)
    assert "流程图" in text, text[:400]
    chart = text[text.index("流程图"):text.index("工作程序", text.index("流程图"))]
    for label in ("1登记", "2处理", "①属于维修"):  # step boxes and a branch's condition on its arrow
        assert label in chart, (label, chart)
