"""Drafts and obsolete documents in print: never in a controlled copy, obsolete only on request, stamped 作废."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from generator.cli import main

from .pdfkit import compact, page_texts

OLD_PROC, OLD_FORM = "DCWY/QP-009", "DCWY/QR-009"
DRAFT_PROC = "DCWY/QP-002"  # procedures/fee-policy.yaml, status: draft


def handbook(project: Path, *args: str) -> int:
    return main(["--project", str(project), *args, "--out", str(project / "out")])


def make_obsolete(project: Path, rel: str, new_id: str, code: str) -> None:
    """Copy ``rel`` as ``new_id`` with ``code``: obsolete, superseded by the original."""
    path = project / rel
    text = path.read_text(encoding="utf-8")
    old_code = text.split("\n", 1)[0].removeprefix("code: ")
    text = text.replace(old_code, code).replace("\ntitle: ", "\ntitle: 旧", 1)
    text = text.replace("status: approved", f"status: obsolete\nsuperseded_by: {path.stem}")
    (path.parent / f"{new_id}.yaml").write_text(text, encoding="utf-8")


@pytest.fixture
def project(office: Path) -> Path:
    make_obsolete(office, "procedures/reception.yaml", "old-reception", OLD_PROC)
    make_obsolete(office, "forms/visit-register.yaml", "old-visit-register", OLD_FORM)
    return office


def pages(path: Path) -> list[str]:
    return [compact(t) for t in page_texts(path)]


def test_controlled_copy_holds_approved_documents_only(project: Path) -> None:
    assert handbook(project, "bound", "--copy", "3") == 0
    text = "".join(pages(project / "out" / "handbook.pdf"))
    assert "DCWY/QP-001" in text and "DCWY/WI-001" in text
    assert DRAFT_PROC not in text and "草稿" not in text
    assert OLD_PROC not in text and "作废" not in text


def test_uncontrolled_copy_marks_drafts_and_leaves_obsolete_out(project: Path) -> None:
    assert handbook(project, "bound") == 0
    text = "".join(pages(project / "out" / "handbook.pdf"))
    assert DRAFT_PROC in text and "〔草稿〕" in text
    assert OLD_PROC not in text and "旧来访接待标准作业规程" not in text


def test_obsolete_document_bound_on_request_is_stamped_on_each_page(project: Path) -> None:
    assert handbook(project, "bound", "--include-obsolete") == 0
    found = [p for p in pages(project / "out" / "handbook.pdf") if p.startswith(OLD_PROC)]
    assert found, "obsolete procedure not bound"
    for page in found:  # running header: code, version and the mark
        assert page.startswith(f"{OLD_PROC}A/1作废")
    assert "作废（仅供查阅，不得执行）" in "".join(found)


def test_controlled_copy_refuses_obsolete_flag(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert handbook(project, "bound", "--copy", "3", "--include-obsolete") == 2
    assert "受控副本只收录已批准的文件" in capsys.readouterr().err


def test_obsolete_form_is_refused_naming_its_successor(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert handbook(project, "forms", "old-visit-register") == 1
    err = capsys.readouterr().err
    assert "forms/old-visit-register.yaml:5:9: PRT020" in err
    assert "现行替代文件为《来访登记表》(DCWY/QR-001)" in err and "--include-obsolete" in err
    assert not (project / "out").exists()


def test_all_forms_leave_obsolete_out(project: Path) -> None:
    assert handbook(project, "forms") == 0
    printed = {p.stem for p in (project / "out" / "forms").glob("*.pdf")}
    assert "visit-register" in printed and "old-visit-register" not in printed


def test_obsolete_form_printed_on_request_is_stamped(project: Path) -> None:
    assert handbook(project, "forms", "--include-obsolete", "old-visit-register") == 0
    with pdfplumber.open(project / "out" / "forms" / "old-visit-register.pdf") as pdf:
        for page in pdf.pages:
            rotated = "".join(c["text"] for c in page.chars if abs(c["matrix"][1]) > 0.1)
            assert rotated == "作废"  # the diagonal stamp, on every page
            assert "作废旧来访登记表" in compact(page.extract_text())  # and the mark by the title
