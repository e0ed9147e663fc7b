"""`handbook new KIND ID`: a draft skeleton with the next free code and today's date, that passes `check`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import MINI, ROOT, TODAY, run_cli
from generator.authoring.new import KINDS


@pytest.mark.parametrize("project", [MINI, ROOT], ids=["mini", "handbook"])
def test_every_kind_of_skeleton_passes_check(project: Path, tmp_path: Path) -> None:
    copy = tmp_path / "p"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".git", ".venv", "site", "site-public", ".cache", "tests",
                                                                  "benchmarks", "generator", "docs", "node_modules"))
    for kind in KINDS:
        made = run_cli("--project", str(copy), "new", kind, f"new-{kind}", "--today", TODAY)
        assert made.code == 0 and "已生成" in made.out, made.text
    result = run_cli("--project", str(copy), "check", "--today", TODAY)
    assert result.code == 0, result.text
    procedure = (copy / "procedures/new-procedure.yaml").read_text(encoding="utf-8")
    assert f"effective: {TODAY}" in procedure and "status: draft" in procedure
    assert procedure.startswith("# yaml-language-server: $schema=../schemas/procedure.schema.json\n")


def test_the_code_is_the_next_free_one(mini: Path) -> None:
    assert run_cli("--project", str(mini), "new", "procedure", "visits", "--today", TODAY).code == 0
    assert run_cli("--project", str(mini), "new", "procedure", "patrols", "--today", TODAY).code == 0
    assert "code: TEST/QP-002" in (mini / "procedures/visits.yaml").read_text(encoding="utf-8")
    assert "code: TEST/QP-003" in (mini / "procedures/patrols.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("args, says", [
    (("procedure", "reception"), "已经存在"), (("procedure", "Reception"), "不是合法 id"),
    (("procedure", "../escape"), "不是合法 id"), (("manual", "x"), "不认识的类型"),
])
def test_refusals_exit_2_and_write_nothing(mini: Path, args: tuple[str, str], says: str) -> None:
    before = sorted(p.relative_to(mini) for p in mini.rglob("*"))
    result = run_cli("--project", str(mini), "new", *args)
    assert result.code == 2 and says in result.err and "Traceback" not in result.text
    assert sorted(p.relative_to(mini) for p in mini.rglob("*")) == before
