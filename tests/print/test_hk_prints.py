"""The Hong Kong edition's forms and notices: Traditional text, the HK faces of Noto CJK, no tofu.

Rendered through the build's own path (make_context with the edition, build_prints with its
converter and region), for one multi-copy form and one site's notices; PNGs are written to
test-artifacts/ for a reviewer to look at.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from scriptscan import reader_text

from generator.script import simplified_in

from .pdfkit import fonts, notdef_glyphs, raw_text

ARTIFACTS = ROOT / "test-artifacts" / "hk"


@pytest.fixture(scope="module")
def hk_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.context import make_context
    from generator.render.print import EditionHtml, cache_dir, run_plan
    from generator.render.print.fonts import load_fonts
    from generator.render.print.plan import form_jobs, notice_jobs

    context = make_context(ROOT, edition="hk")
    assert context.converter is not None and context.lang == "zh-HK"
    fonts_hk = load_fonts(cache_dir(context.book.root), "HK")
    plan = form_jobs(context.book, fonts_hk, ["customer-request-form"])
    plan.extend(notice_jobs(context.book, fonts_hk, ["ruijin-plaza"], site_url=context.site_url,
                            posted=context.today, strict=False, draft=True))
    plan = plan.converted(fonts_hk, EditionHtml(context.converter.convert, "HK"))
    assert not [f for f in plan.findings if f.severity.value == "error"]  # the glyph check on the HK faces
    out = tmp_path_factory.mktemp("hk-pdf")
    report = run_plan(context.book, plan, out, workers=1, region="HK")
    assert len(report.files) == 5, report.findings
    return out / "pdf"


@pytest.mark.parametrize("rel", ["forms/customer-request-form.pdf", "notices/ruijin-plaza/price-notice-a4.pdf",
                                 "notices/ruijin-plaza/services-notice-a4.pdf"])
def test_hk_prints_are_traditional_in_hk_faces(hk_pdfs: Path, rel: str) -> None:
    path = hk_pdfs / rel
    text = raw_text(path)
    assert "示例港九物業管理有限公司" in "".join(text.split()) or "示例港九物業" in "".join(text.split())
    assert simplified_in(reader_text(path)) == {}, text[:300]  # text, document information and XMP metadata
    names = [f.name for f in fonts(path)]
    assert names and all("CJK-HK" in n for n in names), names
    assert notdef_glyphs(path) == 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = ARTIFACTS / rel.replace("/", "-").removesuffix(".pdf")
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile", str(path), str(stem)], check=True)
    assert stem.with_suffix(".png").stat().st_size > 10_000  # a page with content, to look at
