"""A long price with its unit never runs over the next column of a notice: the 收费标准 column widens."""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfplumber
import pytest

from conftest import MINI, edit, run_cli

LONG = "  - name: 公共照明电费分摊\n    unit: 元/平方米·月\n    price: 1.6500\n"


@pytest.mark.parametrize("size", ["a4", "a3"])
def test_a_long_unit_stays_inside_its_column(tmp_path: Path, size: str) -> None:
    project = tmp_path / "mini"
    shutil.copytree(MINI, project)
    edit(project, "price-lists/fees.yaml", "  - name: 代订饮用水\n    free: true\n",
         "  - name: 代订饮用水\n    free: true\n" + LONG)
    result = run_cli("--project", str(project), "notices", "garden", "--date", "2026-03-01", "--draft",
                     "--out", str(tmp_path / "out"))
    assert result.code == 0, result.text
    with pdfplumber.open(tmp_path / "out" / "notices" / "garden" / f"price-notice-{size}.pdf") as pdf:
        page = pdf.pages[0]
        chars = page.chars
        month = [c for c in chars if c["text"] == "月" and any(
            d["text"] == "米" and abs(d["top"] - c["top"]) < 2 for d in chars)]
        assert month, "the price 1.6500 元/平方米·月 is on the first page, on one line"
        unit_end = max(c["x1"] for c in month)
        row_top = month[0]["top"]
        pricing = [c for c in chars if c["text"] == "市" and abs(c["top"] - row_top) < 3 and c["x0"] > unit_end - 40]
        assert pricing, "the 价格形式 cell of the same row"
        assert unit_end < min(c["x0"] for c in pricing) - 2, "the unit runs into the 价格形式 column"
        lines = [e for e in page.edges if e["orientation"] == "v" and e["top"] <= row_top <= e["bottom"]]
        border = min((e["x0"] for e in lines if e["x0"] > unit_end - 1), default=None)
        assert border is not None and unit_end <= border, "the unit crosses the cell's right rule"
