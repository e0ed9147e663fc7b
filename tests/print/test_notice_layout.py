"""The notice on the board: type a resident reads from a step back, GB/T 9704 layout, no line broken
against GB/T 15834, a sign-off never alone and no seal placeholder on a posted notice."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from .conftest import Built
from .pdfkit import PT_MM, Line, compact, page_texts, visual_lines
from .test_cli import handbook
from .test_notices import NOTICES

CLOSING = set("，。、；：？！）》」』】〉”’)]")
START_BAN = set("·・‧-–—―～~/／") | CLOSING  # 间隔号, 连接号, 分隔号 and closing marks (• is a list bullet)
OPENING = set("（《「『【〈“‘([")
UNITS = ("元/平方米·月", "元/辆·月", "元/千瓦时", "元/盏", "元/个", "元/张")
MIN_PT = {"a4": 10.5, "a3": 14}
PRICE_PT = {"a4": 12, "a3": 16}


def every_pdf(built: Built) -> list[Path]:
    return sorted((built.out / "pdf").rglob("*.pdf"))


def test_every_pdf_breaks_lines_to_gbt_15834(built: Built) -> None:
    """Notices, forms and the bound handbook: every line of every page."""
    pdfs = every_pdf(built)
    assert len(pdfs) >= 12
    lines = [line for pdf in pdfs for line in visual_lines(pdf)]
    assert len(lines) > 800
    broken = [line for line in lines if len(line.text) > 1]  # a lone 「—」 is an empty cell's placeholder
    starts = [line for line in broken if line.text[0] in START_BAN]
    ends = [line for line in broken if line.text[-1] in OPENING]
    assert not starts and not ends, (starts[:5], ends[:5])


@pytest.mark.parametrize("rel", NOTICES)
def test_units_and_codes_never_break_inside(built: Built, rel: str) -> None:
    lines = visual_lines(built.pdf(rel))
    cut = [line for line in lines for unit in UNITS for n in range(2, len(unit))
           if line.text.endswith(unit[:n]) and not line.text.endswith(unit)]
    assert not cut, cut
    if "price-notice" in rel:
        assert any("DCWY/PL-002" in line.text for line in lines)


@pytest.mark.parametrize("rel", NOTICES)
def test_type_is_readable_from_a_step_back(built: Built, rel: str) -> None:
    size = rel[-6:-4]
    lines = [line for line in visual_lines(built.pdf(rel))]
    small = [line for line in lines if line.size < MIN_PT[size] - 0.05]
    assert not small, small[:5]
    with pdfplumber.open(built.pdf(rel)) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    text = "".join(c["text"] for c in chars)
    at = text.index("0.5283 元/千瓦时") if "garden/price" in rel else text.index("0.5 元/张")
    price = chars[at:at + 4]
    assert all(c["size"] >= PRICE_PT[size] - 0.05 and c["fontname"].endswith("Bold") for c in price), price


@pytest.mark.parametrize("rel", NOTICES)
def test_signoff_is_never_alone_on_a_page(built: Built, rel: str) -> None:
    last = compact(page_texts(built.pdf(rel))[-1])
    assert "2026年3月1日" in last and "价格举报电话" in last
    assert "盖章处" not in last


def test_a4_notice_follows_gbt_9704(built: Built) -> None:
    """Margins 37 mm top, 28 mm left, 26 mm right; the title 2号 (22 pt); the date 右空四字."""
    with pdfplumber.open(built.pdf("notices/garden/price-notice-a4.pdf")) as pdf:
        page = pdf.pages[0]
        chars = [c for c in page.chars if c["text"].strip()]
        assert min(c["x0"] for c in chars) * PT_MM >= 28 - 0.3
        assert (float(page.width) - max(c["x1"] for c in chars)) * PT_MM >= 26 - 0.3
        assert min(c["top"] for c in chars) * PT_MM >= 37 - 0.3
        title = [c for c in chars if c["text"] in "收费标准公示" and abs(c["size"] - 22) < 0.05]
        assert len(title) == 6
    date = next(line for line in _last_page_lines(built, "notices/garden/price-notice-a4.pdf")
                if line.text == "2026年3月1日")
    with pdfplumber.open(built.pdf("notices/garden/price-notice-a4.pdf")) as pdf:
        page = pdf.pages[-1]
        right = max(c["x1"] for c in page.chars if c["text"] == "日" and abs(c["size"] - date.size) < 0.05)
        indent = (float(page.width) - 26 / PT_MM - right) / date.size
    assert 3.8 <= indent <= 4.2, indent  # 右空四字: four characters of the date's size


def _last_page_lines(built: Built, rel: str) -> list[Line]:
    lines = visual_lines(built.pdf(rel))
    return [line for line in lines if line.page == max(x.page for x in lines)]


def test_a3_is_laid_out_on_its_own(built: Built) -> None:
    a3 = visual_lines(built.pdf("notices/garden/price-notice-a3.pdf"))
    a4 = visual_lines(built.pdf("notices/garden/price-notice-a4.pdf"))
    assert min(line.size for line in a3) >= 14 - 0.05 and min(line.size for line in a4) >= 10.5 - 0.05
    assert max(x.page for x in a3) <= max(x.page for x in a4)


def test_draft_preview_marks_the_seal(office: Path) -> None:
    assert handbook(office, "notices", "garden", "--draft", "--date", "2026-03-01") == 0
    text = compact("".join(page_texts(office / "out" / "notices" / "garden" / "price-notice-a4.pdf")))
    assert "盖章处" in text and "仅供校对预览" in text
