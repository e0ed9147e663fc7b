"""A5 forms two to an A4 sheet with cut marks (handbook forms --two-up)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from generator.cli import main

from .pdfkit import compact, page_texts, sizes_mm

MM = 72 / 25.4


def test_a5_form_prints_two_up_on_a4_with_cut_marks(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project", str(office), "forms", "--two-up", "request-slip", "visit-register",
                 "--out", str(office / "out")]) == 0
    err = capsys.readouterr().err
    assert "PRT026" in err and "visit-register 不是 A5 表单" in err and "request-slip" not in err.split("PRT026")[1]
    forms = office / "out" / "forms"
    assert not (forms / "visit-register-2up.pdf").exists()  # A4: nothing to impose
    sheet = forms / "request-slip-2up.pdf"
    assert sizes_mm(sheet) == [(210, 297)] * 3  # one sheet per copy (联), A5 landscape stacked
    for text in page_texts(sheet):
        assert compact(text).count("客户需求处理单") == 2
    with pdfplumber.open(sheet) as pdf:
        for page in pdf.pages:
            marks = [line for line in page.lines if abs(line["top"] - page.height / 2) < 0.5
                     and 5 * MM < line["x1"] - line["x0"] < 7 * MM]
            assert sorted(round(m["x0"] / MM) for m in marks) == [0, 204], marks  # both ends of the cut line
