"""Change control against git, suspect references and the expert-review packet."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import MINI, ROOT, edit, run_cli
from generator.load import load_or_raise
from generator.model.fingerprint import fingerprint

PROC, FORM = "procedures/reception.yaml", "forms/visit-register.yaml"
ARTIFACTS = ROOT / "test-artifacts"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.email=t@t", "-c", "user.name=t", *args],
                          check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The mini project as a git repository with the last review tagged ``reviewed``."""
    target = tmp_path / "repo"
    shutil.copytree(MINI, target)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-qm", "baseline")
    git(target, "tag", "reviewed")
    return target


def since(project: Path) -> tuple[int, list[dict]]:
    return since_ref(project, "reviewed")


def since_ref(project: Path, ref: str) -> tuple[int, list[dict]]:
    result = run_cli("--project", str(project), "check", "--since", ref, "--today", "2026-06-01",
                     "--format", "json")
    assert "Traceback" not in result.text, result.text
    return result.code, json.loads(result.out)["findings"] if result.out else []


def reword_step(project: Path) -> None:
    edit(project, PROC, "text: 接待员登记来访信息", "text: 接待员核对身份后登记来访信息")


def bump(project: Path) -> None:
    edit(project, PROC, "version: A/0", "version: A/1")
    edit(project, PROC, "effective: 2026-01-01", "effective: 2026-05-25")  # in force after its approval
    path = project / PROC
    path.write_text(path.read_text(encoding="utf-8") + "  - {version: A/1, date: 2026-05-20, author: 品质部, "
                    "summary: 登记前核对身份, approved_by: boss}\n", encoding="utf-8")


def test_changed_step_without_version_bump_fails_naming_the_file(repo: Path) -> None:
    reword_step(repo)
    code, findings = since(repo)
    assert code == 1
    assert [(f["code"], f["file"]) for f in findings if f["severity"] == "error"] == [("CHG001", PROC)]


def test_bump_with_history_passes(repo: Path) -> None:
    reword_step(repo)
    bump(repo)
    code, findings = since(repo)
    assert code == 0 and not [f for f in findings if f["code"].startswith("CHG")]


def test_bump_without_history_entry_fails(repo: Path) -> None:
    reword_step(repo)
    edit(repo, PROC, "version: A/0", "version: A/1")
    code, findings = since(repo)
    assert code == 1 and any(f["code"] == "CHG001" and "history" in f["message"] for f in findings)


def test_layout_and_comment_edits_are_not_content(repo: Path) -> None:
    path = repo / PROC
    text = path.read_text(encoding="utf-8")
    text = "# reviewed in May\n" + text.replace("purpose: 规范来访接待", "purpose:   规范来访接待   # why")
    path.write_text(text.replace("scope: 适用于管理处\n", "") + "scope: 适用于管理处\n", encoding="utf-8")
    code, findings = since(repo)
    assert code == 0 and not [f for f in findings if f["code"].startswith("CHG")]


def test_version_bump_without_change_warns(repo: Path) -> None:
    bump(repo)
    code, findings = since(repo)
    assert code == 0 and [f["code"] for f in findings if f["code"].startswith("CHG")] == ["CHG002"]


def test_working_tree_and_commits_both_count(repo: Path) -> None:
    reword_step(repo)
    git(repo, "commit", "-qam", "reword")
    assert since(repo)[0] == 1


def test_referencing_procedure_is_suspect_until_reviewed(repo: Path) -> None:
    edit(repo, FORM, "rows: 12", "rows: 15")
    code, findings = since(repo)
    suspects = [f for f in findings if f["code"] == "SUS001"]
    assert [f["file"] for f in suspects] == [PROC]
    new_fp = fingerprint(load_or_raise(repo).forms["visit-register"])
    (repo / "reviews" / "2026-05-form.yaml").write_text(
        "kind: quarterly\ndate: 2026-05-25\nreviewers:\n  - {name: 王质量, affiliation: 品质部}\nscope: 表单修订复核\n"
        f"documents:\n  - document: visit-register\n    decision: approved\n    fingerprint: \"{new_fp}\"\n",
        encoding="utf-8")
    assert not [f for f in since(repo)[1] if f["code"] == "SUS001"]


def test_review_packet_shows_the_reworded_step(repo: Path, tmp_path: Path) -> None:
    reword_step(repo)
    bump(repo)
    out = tmp_path / "packet"
    result = run_cli("--project", str(repo), "review", "--since", "reviewed", "--out", str(out),
                     "--today", "2026-06-01")
    assert result.code == 0, result.text
    html = (out / "review-packet.html").read_text(encoding="utf-8")
    assert "接待员登记来访信息" in html and "<ins>核对身份后</ins>" in html
    assert "LYWG" not in html and "TEST/QP-001" in html
    text = subprocess.run(["pdftotext", "-layout", str(out / "review-packet.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert text.count("专家签名") == 1  # one comment sheet: one changed document
    assert "通过" in text and "修订后通过" in text and "不通过" in text
    assert "来访登记表" in text  # listed among the unchanged documents
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(out / "review-packet.pdf"), str(ARTIFACTS / "review-packet")],
                   check=True)


def test_not_a_git_repository(tmp_path: Path) -> None:
    project = tmp_path / "plain"
    shutil.copytree(MINI, project)
    result = run_cli("--project", str(project), "check", "--since", "HEAD~1")
    assert result.code == 2 and "不在 git 仓库中" in result.err and "Traceback" not in result.text


def test_shallow_clone_without_the_revision(repo: Path, tmp_path: Path) -> None:
    reword_step(repo)
    git(repo, "commit", "-qam", "second")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    result = run_cli("--project", str(clone), "review", "--since", "reviewed", "--out", str(tmp_path / "o"))
    assert result.code == 2 and "浅克隆" in result.err and "Traceback" not in result.text


def test_project_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "handbook")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "baseline")
    reword_step(repo / "handbook")
    code, findings = since_ref(repo / "handbook", "HEAD")
    assert code == 1 and [(f["code"], f["file"]) for f in findings if f["severity"] == "error"] == [("CHG001", PROC)]


def test_a_file_unreadable_at_the_base_revision_is_reported(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo)
    edit(repo, PROC, "purpose: 规范来访接待", "purpose: [规范来访接待")  # broken when committed
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "broken")
    edit(repo, PROC, "purpose: [规范来访接待", "purpose: 规范来访接待")
    reword_step(repo)
    code, findings = since_ref(repo, "HEAD")
    assert [(f["code"], f["file"]) for f in findings if f["code"].startswith("CHG")] == [("CHG004", PROC)]


def test_packet_tables_whole_values_numbers_pages_and_flags_kept_versions(repo: Path, tmp_path: Path) -> None:
    edit(repo, "price-lists/fees.yaml", "price: 30", "price: 35")
    edit(repo, "price-lists/fees.yaml", "  - name: 代订饮用水\n    free: true\n",
         "  - name: 代订饮用水\n    free: true\n  - name: 空调清洗\n    unit: 元/台\n    price: 80\n")
    edit(repo, FORM, "  - label: 事由", "  - label: 来访事由")
    out = tmp_path / "packet"
    result = run_cli("--project", str(repo), "review", "--since", "reviewed", "--out", str(out), "--today", "2026-06-01")
    assert result.code == 0, result.text
    pdf = out / "review-packet.pdf"
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        pages = ["".join((page.extract_text() or "").split()) for page in doc.pages]
        tables = [row for page in doc.pages for table in page.extract_tables() for row in table]
    rows = [[(cell or "").replace("\n", "") for cell in row] for row in tables]
    price = [r for r in rows if r[:2] == ["收费项目「家电维修」", "收费标准"]]
    assert price and "维修费30元/次" in price[0][2].replace(" ", "") and "维修费35元/次" in price[0][3].replace(" ", ""), rows
    assert any(r[0] == "收费项目「空调清洗」" and r[1] == "新增" and "80 元/台" in r[3] for r in rows), rows
    assert ["表格栏「来访事由」", "名称", "事由", "来访事由"] in rows
    text = "".join(pages)
    assert "base_price" not in text and "pricing" not in text and "items" not in text
    for number, page in enumerate(pages, start=1):
        assert f"第{number}页共{len(pages)}页" in page, page[-40:]
    assert "注意：内容有改动，但版本号未提高（A/0→A/0）" in text  # CHG001, flagged in the packet itself
    assert ["页码", "条款", "意见", "修改建议"] in rows
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert names and all("CJK-SC-Subset" in name for name in names), names
    meta = subprocess.run(["pdfinfo", "-meta", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert 'pdfaid:part="2"' in meta and 'pdfaid:conformance="B"' in meta  # archived with the review record
