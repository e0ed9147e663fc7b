"""``handbook new``: every kind's skeleton is valid as written and takes the next free code."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from generator.load import load_or_raise

KINDS = ("procedure", "instruction", "form", "price_list", "role", "department", "site", "review")


def test_every_skeleton_passes_check(mini: Path) -> None:
    for kind in KINDS:
        result = run_cli("--project", str(mini), "new", kind, f"new-{kind.replace('_', '-')}", "--title", "新建测试",
                         "--today", "2026-06-01")
        assert result.code == 0, result.text
        assert (mini / result.out.strip()).is_file()
    check = run_cli("--project", str(mini), "check", "--today", "2026-06-01")
    assert check.code == 0, check.err
    book = load_or_raise(mini)
    assert book.procedures["new-procedure"].code == "TEST/QP-002"  # reception is QP-001
    assert book.procedures["new-procedure"].status.value == "draft"
    assert book.forms["new-form"].code == "TEST/QR-002"


def test_a_new_review_lists_the_documents_in_force_to_uncomment(mini: Path) -> None:
    result = run_cli("--project", str(mini), "new", "review", "2026-q4-internal", "--today", "2026-12-01")
    path = mini / result.out.strip()
    lines = path.read_text(encoding="utf-8").splitlines()
    entries = [line for line in lines if line.startswith("  # - {document: ")]
    assert len(entries) == 3 and "《来访接待规程》A/0" in "".join(entries)  # the mini project's three documents
    before = run_cli("--project", str(mini), "check", "--today", "2026-12-01")
    assert before.code == 0 and "《来访接待规程》上次季度复审是 2026-04-01" in before.err  # every line still commented
    path.write_text("\n".join(line.replace("  # - {document: reception", "  - {document: reception") for line in lines),
                    encoding="utf-8")
    after = run_cli("--project", str(mini), "check", "--today", "2026-12-01")
    assert after.code == 0 and "《来访接待规程》上次" not in after.err and "《来访登记表》上次" in after.err, after.err


def test_chinese_kind_names_work(mini: Path) -> None:
    result = run_cli("--project", str(mini), "new", "规程", "renovation")
    assert result.code == 0 and result.out.strip() == "procedures/renovation.yaml", result.text


@pytest.mark.parametrize("args, words", [
    (("new", "contract", "x"), "不能新建"),
    (("new", "procedure", "Bad_Id"), "不能作 id"),
    (("new", "procedure", "reception"), "已经存在"),
])
def test_bad_requests_are_refused_in_chinese(mini: Path, args: tuple[str, ...], words: str) -> None:
    before = sorted(p.name for p in (mini / "procedures").iterdir())
    result = run_cli("--project", str(mini), *args)
    assert result.code == 2 and words in result.err and "Traceback" not in result.text, result.text
    assert sorted(p.name for p in (mini / "procedures").iterdir()) == before
