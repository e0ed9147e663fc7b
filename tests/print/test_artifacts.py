"""PNG renders of real printed documents, for people to look at (test-artifacts/print/, git-ignored):
the customer request form, one price-notice poster and two pages of the bound handbook."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from generator.load import load_handbook
from generator.render.print import cache_dir, run_plan
from generator.render.print.fonts import load_fonts
from generator.render.print.plan import form_jobs, handbook_jobs, notice_jobs

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "print"
FORM = "customer-request-form"


@pytest.fixture(scope="module")
def printed() -> dict[str, Path]:
    book, findings = load_handbook(ROOT)
    if findings or FORM not in book.forms or not book.sites:
        pytest.skip("the project's own sources are not complete yet")
    fonts = load_fonts(cache_dir(book.root))
    site = sorted(book.sites)[0]
    plan = form_jobs(book, fonts, [FORM])
    notices = notice_jobs(book, fonts, [site], site_url="https://handbook.example.com/", posted=dt.date.today(),
                          strict=False, draft=False)
    plan.jobs += [job for job in notices.jobs if job.out.endswith("price-notice-a3.pdf")]
    plan.extend(handbook_jobs(book, fonts, copy_number=None))
    report = run_plan(book, plan, ARTIFACTS, workers=2, progress=False)
    return {path.name: path for path in report.files}


def png(pdf: Path, page: int, name: str, dpi: int) -> Path:
    target = ARTIFACTS / name
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(target)], check=True)
    return target.with_suffix(".png")


@pytest.mark.parametrize("pdf, page, name, ratio", [
    (f"{FORM}.pdf", 1, "form-customer-request", 210 / 297),  # A4 portrait, a three-part pad
    ("price-notice-a3.pdf", 1, "notice-price-a3", 297 / 420),
    ("handbook.pdf", 2, "handbook-contents", 210 / 297),
    ("handbook.pdf", 3, "handbook-procedure", 210 / 297),
])
def test_pages_render_to_png(printed: dict[str, Path], pdf: str, page: int, name: str, ratio: float) -> None:
    from PIL import Image

    image = png(printed[pdf], page, name, 110)
    with Image.open(image) as img:
        assert abs(img.width / img.height - ratio) < 0.01
        assert len(img.getcolors(1 << 20) or []) > 50  # drawn content, not a blank page


def test_sample_acceptance_criteria_are_marked_in_the_bound_handbook(printed: dict[str, Path]) -> None:
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(printed["handbook.pdf"]), "-"], check=True,
                                            capture_output=True, text=True).stdout)
    book, _ = load_handbook(ROOT)
    criteria = [c for doc in book.instructions.values() for c in doc.acceptance]
    assert any(c.sample for c in criteria) and not all(c.sample for c in criteria)
    for c in criteria:
        shown = re.sub(r"\s+", "", f"{c.text}（{c.measure}{'；示例' if c.sample else ''}）")
        assert shown in text, shown
