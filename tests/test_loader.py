"""The loader refuses bad sources with a positioned message, exit 2 and no traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import edit, run_cli
from generator.findings import SourceError
from generator.load import load_handbook, load_or_raise

PROC = "procedures/reception.yaml"


def check(project: Path):
    result = run_cli("--project", str(project), "check", "--today", "2026-06-01")
    assert "Traceback" not in result.text
    return result


def test_mini_project_loads_and_is_consistent(mini: Path) -> None:
    result = check(mini)
    assert result.code == 0, result.text
    assert "0 个错误" in result.text


def _expect(project: Path, rel: str, code: str, line: int | None = None) -> str:
    result = check(project)
    assert result.code == 2, result.text
    prefix = f"{rel}:{line}:" if line else f"{rel}:"
    lines = [ln for ln in result.err.splitlines() if ln.startswith(prefix) and f" {code} " in ln + " "]
    assert lines, f"expected {code} at {prefix} in:\n{result.err}"
    return lines[0]


def test_syntax_error(mini: Path) -> None:
    edit(mini, PROC, "purpose: 规范来访接待", "purpose: [规范来访接待")
    _expect(mini, PROC, "SRC003")


def test_tab_indentation(mini: Path) -> None:
    edit(mini, PROC, "  - role: clerk", "\t- role: clerk")
    line = _expect(mini, PROC, "SRC004", 11)
    assert "Tab" in line


def test_duplicate_key(mini: Path) -> None:
    edit(mini, PROC, "scope: 适用于管理处", "scope: 适用于管理处\nscope: 又一次")
    line = _expect(mini, PROC, "SRC005", 10)
    assert '"scope"' in line and "第 9 行" in line


def test_wrong_type(mini: Path) -> None:
    edit(mini, PROC, "effective: 2026-01-01", "effective: 明年")
    line = _expect(mini, PROC, "SCH003", 4)
    assert "effective" in line and "YYYY-MM-DD" in line


def test_unknown_key_suggests_the_right_one(mini: Path) -> None:
    edit(mini, PROC, "purpose:", "purpos:")
    result = check(mini)
    assert result.code == 2
    assert f"{PROC}:8:1: SCH001" in result.err and 'purpos' in result.err
    assert '是否想写 "purpose"' in result.err


def test_unknown_key_in_nested_step(mini: Path) -> None:
    edit(mini, PROC, "    roles: [clerk]\n    forms", "    role: [clerk]\n    forms")
    result = check(mini)
    assert f"{PROC}:16:5: SCH001" in result.err and '"roles"' in result.err


def test_missing_required_field(mini: Path) -> None:
    edit(mini, PROC, "purpose: 规范来访接待\n", "")
    line = _expect(mini, PROC, "SCH002")
    assert '目的(purpose)' in line


def test_gbk_file(mini: Path) -> None:
    path = mini / PROC
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    line = _expect(mini, PROC, "SRC001", 2)
    assert "GBK" in line and "UTF-8" in line


def test_utf16_file(mini: Path) -> None:
    path = mini / PROC
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    assert "UTF-16" in _expect(mini, PROC, "SRC001", 1)


def test_empty_file(mini: Path) -> None:
    (mini / PROC).write_text("# only a comment\n\n", encoding="utf-8")
    assert "空" in _expect(mini, PROC, "SRC007", 1)


def test_bom_and_crlf_are_accepted(mini: Path) -> None:
    path = mini / PROC
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert check(mini).code == 0


def test_five_megabyte_file_is_refused_quickly(mini: Path) -> None:
    path = mini / PROC
    path.write_text(path.read_text(encoding="utf-8") + "notes:\n" + "  - 很长的备注内容\n" * 400_000, encoding="utf-8")
    assert path.stat().st_size > 5_000_000
    started = time.perf_counter()
    book, findings = load_handbook(mini)
    assert time.perf_counter() - started < 5  # generous: refusing must not parse 5 MB
    assert [f.code for f in findings] == ["SRC002"]
    assert "MB" in _expect(mini, PROC, "SRC002", 1)


def test_alias_bomb_is_refused(mini: Path) -> None:
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    bomb += [f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]" for i in range(1, 10)]
    (mini / PROC).write_text("\n".join(bomb) + "\n", encoding="utf-8")
    assert "alias" in _expect(mini, PROC, "SRC006")


def test_deep_nesting_is_refused(mini: Path) -> None:
    (mini / PROC).write_text("a: " + "[" * 200 + "]" * 200 + "\n", encoding="utf-8")
    _expect(mini, PROC, "SRC006", 1)


def test_bad_file_name(mini: Path) -> None:
    (mini / "forms" / "Bad Name.yaml").write_text("title: x\n", encoding="utf-8")
    _expect(mini, "forms/Bad Name.yaml", "SRC009", 1)


def test_all_errors_of_a_run_are_collected(mini: Path) -> None:
    edit(mini, PROC, "purpose:", "purpos:")
    edit(mini, "forms/visit-register.yaml", "rows: 12", "rows: many")
    (mini / "price-lists" / "fees.yaml").write_text("a: 1\na: 2\n", encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        load_or_raise(mini)
    codes = sorted(f.code for f in raised.value.findings)
    assert codes == ["SCH001", "SCH002", "SCH003", "SRC005"], codes  # purpos: unknown + purpose missing


def test_python_tags_are_not_executed(mini: Path) -> None:
    (mini / PROC).write_text("title: !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8")
    result = check(mini)
    assert result.code == 2 and "pwned" not in result.out


def test_positions_reach_the_model(mini: Path) -> None:
    book = load_or_raise(mini)
    step = book.procedures["reception"].steps[1]
    assert step.where("limits").line == 21
    assert step.where().file == PROC
