"""Glyph coverage: a character the fonts cannot draw is an error at its source file and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import edit
from generator.cli import main
from generator.findings import Severity
from generator.load import load_or_raise
from generator.render.print import build_prints, fonts as fonts_module
from generator.render.print.fonts import FontProblem, check_html, load_fonts, resolve_faces

from .conftest import SITE_URL

PRIVATE_USE = "\ue000"
RARE = "\U00020000"  # 𠀀, first CJK Extension B ideograph: not in Noto CJK SC


@pytest.mark.parametrize("char, code", [(PRIVATE_USE, "U+E000"), (RARE, "U+20000")])
def test_uncovered_character_fails_with_file_and_field(office: Path, capsys, char: str, code: str) -> None:  # noqa: ANN001
    edit(office, "forms/visit-register.yaml", "title: 来访登记表", f"title: 来访{char}登记表")
    assert main(["--project", str(office), "forms", "visit-register", "--out", str(office / "out")]) == 1
    err = capsys.readouterr().err
    assert "forms/visit-register.yaml:2:8: PRT001" in err and '"title"' in err and code in err
    assert not (office / "out").exists()


def test_build_skips_only_the_document_that_cannot_print(office: Path) -> None:
    edit(office, "price-lists/garden-fees.yaml", "name: 水龙头更换", f"name: 水龙头{PRIVATE_USE}更换")
    report = build_prints(load_or_raise(office), office / "site", site_url=SITE_URL)
    errors = [f for f in report.findings if f.severity is Severity.error]
    assert {(f.code, f.position.file) for f in errors} == {("PRT001", "price-lists/garden-fees.yaml")}
    assert all('"name"' in f.message for f in errors)
    printed = {p.relative_to(office / "site").as_posix() for p in report.files}
    assert "pdf/notices/garden/price-notice-a4.pdf" not in printed
    assert "pdf/notices/tower/price-notice-a4.pdf" in printed and "pdf/forms/visit-register.pdf" in printed


def test_template_text_is_checked_too() -> None:
    fonts = load_fonts()
    html = f"<html><head><style>p::after {{ content: \"{PRIVATE_USE}\" }}</style></head><body>☐ 正常</body></html>"
    findings = check_html(html, fonts, "templates/x.html.j2", [])
    assert len(findings) == 1 and "templates/x.html.j2" in findings[0].message
    assert "U+2610" in findings[0].message and "U+E000" in findings[0].message


def test_missing_font_gives_an_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts_module, "FAMILIES", ("No Such CJK Font",))
    with pytest.raises(FontProblem) as caught:
        resolve_faces()
    finding = caught.value.findings[0]
    assert finding.code == "PRT002" and "No Such CJK Font" in finding.message
    assert "apt-get install fonts-noto-cjk" in finding.hint and "make build" in finding.hint


def test_cmaps_are_cached_on_disk(tmp_path: Path) -> None:
    fonts = load_fonts(tmp_path)
    assert len(list((tmp_path / "fonts").glob("*.json"))) == len(fonts.faces) == 4
    assert fonts.draws("物") and fonts.draws("，") and not fonts.draws(PRIVATE_USE)
