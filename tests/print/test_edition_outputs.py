"""``--edition NAME`` on every output command: forms, notices, bound handbook and review packet.

Each command is run as a user runs it; what it writes is read back: no Simplified-only character
in the text or the metadata of a Traditional edition's PDFs and packet, the edition's company and
code prefix, its region's faces, and an unknown edition refused with the list of editions.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from scriptscan import leaks, reader_text, scanned

from .pdfkit import fonts, page_texts

HK_COMPANY, HK_PREFIX = "示例港九物業管理有限公司", "HKPM/"
NOT_SOURCES = shutil.ignore_patterns(".*", "site", "site-*", "build", "review", "review-*", "tests", "test-artifacts",
                                     "docs", "benchmarks", "generator", "__pycache__")


def copy_sources(project: Path) -> None:
    """The repository's sources and mkdocs.yml, without builds, code and tests."""
    shutil.copytree(ROOT, project, ignore=NOT_SOURCES)


@pytest.fixture(scope="module")
def hk_prints(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hk-prints")
    for args in (["forms", "customer-request-form", "complaint-register"], ["notices", "ruijin-plaza", "--draft"],
                 ["bound"]):
        run = run_cli(*args, "--edition", "hk", "--out", str(out))
        assert run.code == 0, run.text
    return out


def test_hk_print_commands_write_traditional_text_and_metadata(hk_prints: Path) -> None:
    files = scanned(hk_prints)
    assert {"forms/customer-request-form.pdf", "notices/ruijin-plaza/price-notice-a4.pdf", "handbook.pdf"} <= set(files)
    assert leaks(hk_prints) == {}
    for rel in files:
        text = "".join(reader_text(hk_prints / rel).split())
        assert HK_COMPANY in text, rel  # the author metadata at least
        assert all("CJK-HK" in f.name for f in fonts(hk_prints / rel)), rel
    assert HK_PREFIX + "QR-061" in "".join(reader_text(hk_prints / "forms/customer-request-form.pdf").split())


def test_the_scan_finds_simplified_in_the_company_s_own_form(tmp_path: Path) -> None:
    run = run_cli("forms", "customer-request-form", "--out", str(tmp_path))
    assert run.code == 0, run.text
    assert leaks(tmp_path)["forms/customer-request-form.pdf"]  # the scan can fail


def test_a_copy_that_omits_the_instructions_omits_them_in_traditional_too(hk_prints: Path) -> None:
    pages = page_texts(hk_prints / "forms/customer-request-form.pdf")
    customer = [p for p in pages if "客户聯" in p]
    assert customer and all("填表説明" not in p for p in customer)  # omit: [..., 填表说明] on the 客户联
    assert any("填表説明" in p for p in pages if p not in customer)


@pytest.mark.parametrize("command", [["forms"], ["notices"], ["bound"], ["review", "--since", "HEAD"]])
def test_an_unknown_edition_is_refused_with_the_editions_there_are(command: list[str], tmp_path: Path) -> None:
    run = run_cli(*command, "--edition", "hkk", "--out", str(tmp_path / "out"))
    assert run.code == 2, run.text
    assert "CFG006" in run.err and "没有版本「hkk」" in run.err
    assert "hk、market-development、public-affairs、service-centre" in run.err
    assert "Traceback" not in run.text and not (tmp_path / "out").exists()


def test_an_edition_prints_into_its_own_default_folder(tmp_path: Path) -> None:
    project = tmp_path / "project"
    copy_sources(project)
    run = run_cli("--project", str(project), "forms", "complaint-register", "--edition", "market-development")
    assert run.code == 0, run.text
    pdf = project / "build" / "print-market-development" / "forms" / "complaint-register.pdf"
    assert pdf.is_file() and not (project / "build" / "print").exists()
    assert "SLJW/" in "".join(reader_text(pdf).split())


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.email=t@t", "-c", "user.name=t", *args], check=True,
                   capture_output=True)


def test_hk_review_packet_is_traditional_with_the_edition_s_names(tmp_path: Path) -> None:
    project = tmp_path / "project"
    copy_sources(project)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "baseline")
    path = project / "procedures" / "resident-help.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("做好接应准备", "做好接应和引导准备", 1), encoding="utf-8")
    run = run_cli("--project", str(project), "review", "--since", "HEAD", "--edition", "hk", cwd=tmp_path)
    assert run.code == 0, run.text
    out = tmp_path / "review-hk"
    assert sorted(scanned(out)) == ["review-packet.html", "review-packet.pdf"]
    assert leaks(out) == {}
    html = (out / "review-packet.html").read_text(encoding="utf-8")
    assert '<html lang="zh-HK">' in html and HK_COMPANY in html and "和引導" in html and "接應" in html
    pdf = "".join(reader_text(out / "review-packet.pdf").split())
    assert HK_COMPANY in pdf and HK_PREFIX in pdf and "規程" in pdf
