"""Archival output (ISO 19005-2, PDF/A-2b): controlled copies, form masters and review packets.

Checked on the files as a records office would: the XMP identification (pdfinfo -meta), the sRGB
output intent with its ICC profile embedded, tagged structure, every font embedded; and what is
not archival (the site's uncontrolled prints) stays plain PDF.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.cli import main

from .conftest import Built
from .pdfkit import fonts


def pdfinfo(path: Path, *args: str) -> str:
    return subprocess.run(["pdfinfo", *args, str(path)], capture_output=True, text=True, check=True).stdout


def assert_pdfa_2b(path: Path) -> None:
    meta = pdfinfo(path, "-meta")
    assert re.search(r'pdfaid:part="2"', meta) and re.search(r'pdfaid:conformance="B"', meta), meta
    assert "Tagged:          yes" in pdfinfo(path)
    intents = PdfReader(path).trailer["/Root"]["/OutputIntents"]
    assert len(intents) == 1 and intents[0]["/S"] == "/GTS_PDFA1"
    profile = intents[0]["/DestOutputProfile"].get_object().get_data()
    assert profile[36:40] == b"acsp" and b"sRGB" in profile  # an ICC profile, embedded
    assert all(f.file_key for f in fonts(path))


def test_controlled_copy_is_pdfa_2b(office: Path) -> None:
    assert main(["--project", str(office), "bound", "--copy", "4", "--out", str(office / "out")]) == 0
    assert_pdfa_2b(office / "out" / "handbook.pdf")


def test_form_masters_are_pdfa_2b(office: Path) -> None:
    assert main(["--project", str(office), "forms", "request-slip", "visit-register", "--out", str(office / "out")]) == 0
    for name in ("request-slip", "visit-register"):
        assert_pdfa_2b(office / "out" / "forms" / f"{name}.pdf")


@pytest.mark.parametrize("rel", ["handbook.pdf", "forms/visit-register.pdf"])
def test_site_prints_stay_plain_pdf(built: Built, rel: str) -> None:
    assert "pdfaid" not in pdfinfo(built.pdf(rel), "-meta")
