"""The command line's one way out: findings in one place, JSON always UTF-8, no traceback."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, edit, run_cli
from generator.cli.argwords import display_width, wrap


def _run(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "generator", "--project", str(project), *args], cwd=ROOT,
                          capture_output=True, env=dict(os.environ, **env), timeout=120)


def test_json_is_utf8_whatever_the_terminal(mini: Path) -> None:
    edit(mini, "procedures/reception.yaml", "roles: [clerk]", "roles: [clerk, 不存在的岗位]")
    proc = _run(mini, "check", "--format", "json", LANG="C", LC_ALL="C", PYTHONIOENCODING="ascii")
    data = json.loads(proc.stdout.decode("utf-8"))
    assert proc.returncode == data["exit"] in (1, 2) and data["findings"], data
    assert "不存在的岗位" in proc.stdout.decode("utf-8") and not proc.stderr


def test_findings_go_to_stderr_whatever_the_result(mini: Path) -> None:
    clean = _run(mini, "check", "--today", "2026-06-01")
    assert clean.returncode == 0 and not clean.stdout and "0 个错误、0 个警告:一致" in clean.stderr.decode("utf-8")
    edit(mini, "procedures/reception.yaml", "roles: [clerk]", "roles: [ghost]")
    broken = _run(mini, "check", "--today", "2026-06-01")
    assert broken.returncode == 1 and not broken.stdout and b"REF004" in broken.stderr


def test_every_code_is_in_the_catalogue() -> None:
    proc = subprocess.run([sys.executable, "-m", "generator", "rules"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    listed = set(re.findall(r"\b[A-Z]{3}\d{3}\b", proc.stdout))
    noqa = re.compile(r"noqa: [A-Z]+\d+")  # ruff's codes in comments are not ours
    used = {code for path in (ROOT / "generator").rglob("*.py")
            for code in re.findall(r"\b[A-Z]{3}\d{3}\b", noqa.sub("", path.read_text(encoding="utf-8")))}
    assert used and used <= listed, sorted(used - listed)


def test_a_date_is_written_the_one_way_people_read_it(mini: Path) -> None:
    for written in ("20260101", "2026-W01-1", "2026-1-1", "2026/01/01"):
        proc = _run(mini, "check", "--today", written)
        err = proc.stderr.decode("utf-8")
        assert proc.returncode == 2 and "YYYY-MM-DD" in err and written in err and "Traceback" not in err, err
    assert _run(mini, "check", "--today", "2026-06-01").returncode == 0


# What may stay ASCII in the help: option names, {choices}, paths and file names, upper-case metavars,
# codes and acronyms (DIR, REF001, PDF), quoted values ('json'). Anything else in a run of 3+ ASCII words is an English sentence.
_NOT_PROSE = re.compile(r"""--?[A-Za-z][\w-]*|\{[^}]*\}|[\w.<>*-]*/[\w./<>*-]*|[\w<>-]+\.(?:ya?ml|html|pdf|md|json)\b
                            |\b[A-Z][A-Z0-9_-]*\b|'[^'\s]*'""", re.X)
_SENTENCE = re.compile(r"[A-Za-z][A-Za-z'-]*(?:[ \t,.;:()'\"!?]+[A-Za-z][A-Za-z'-]*){2,}")
_ARGPARSE_ENGLISH = ("usage:", "options:", "positional arguments", "show this help", "default:", "(default",
                     "error:", "choose from")


def _english(text: str) -> list[str]:
    """Runs of three or more ASCII words in ``text``, line by line, once option names, metavars, paths
    and codes are set aside; and any of argparse's own English words."""
    found = [m.group() for line in text.splitlines() for m in _SENTENCE.finditer(_NOT_PROSE.sub(" ", line))]
    return found + [w for w in _ARGPARSE_ENGLISH if w in text.lower()]


def _sub_commands() -> list[str]:
    from generator.cli import COMMANDS, build_parser

    (subs,) = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(subs.choices) == set(COMMANDS), "every sub-command has a parser and a function"
    return sorted(subs.choices)


def test_the_english_finder_finds_english() -> None:
    assert _english("show this help message and exit") and _english("usage: handbook [-h]")
    assert _english("  --out DIR   output folder (default: PROJECT/site)")
    assert _english("  --explain   print nothing; show where the notice shows each item")
    assert not _english("用法: handbook build [-h] [--out DIR] [--audience {staff,public}] [FORM-ID ...]")
    assert not _english("  --out DIR   review-packet.html 和 .pdf 写到哪个文件夹(默认: ./review)")


@pytest.mark.parametrize("words", [[], *([name] for name in _sub_commands())], ids=lambda w: " ".join(w) or "handbook")
def test_every_help_is_chinese(words: list[str]) -> None:
    """``handbook --help`` and ``handbook COMMAND --help`` for every registered command, a future one too."""
    result = run_cli(*words, "--help")
    assert result.code == 0 and not result.err, result.err
    assert result.out.startswith(f"用法: handbook {' '.join(words)}".rstrip()), result.out
    assert "显示本帮助并退出" in result.out and "选项:" in result.out
    assert not _english(result.out), (_english(result.out), result.out)
    widest = max(display_width(line) for line in result.out.splitlines())
    assert widest <= 80, f"a line of {widest} columns"


def test_handbook_alone_shows_the_chinese_help_and_asks_for_a_command() -> None:
    result = run_cli()
    assert result.code == 2
    assert result.out.startswith("用法: handbook") and "命令:" in result.out and "退出码" in result.out
    assert all(f"    {name} " in result.out or f"    {name}\n" in result.out for name in _sub_commands())
    assert "缺少命令" in result.err and not _english(result.text) and "Traceback" not in result.err


@pytest.mark.parametrize(("args", "chinese", "english"), [
    (["notices", "--d", "2026-01-01"], "有歧义的选项: --d 可能是", "could match"),
    (["build", "--no-pdf=1"], "不带值", "ignored explicit"),
    (["check", "--rule"], "需要一个值", "expected"),
    (["check", "--format", "xml"], "不是可选的值", "choose from"),
    (["bound", "--bogus"], "不认识的参数: --bogus(handbook bound --help 查看用法)", "unrecognized"),
], ids=["ambiguous", "explicit-value", "missing-value", "choice", "unknown-after-command"])
def test_usage_errors_are_chinese(args: list[str], chinese: str, english: str) -> None:
    result = run_cli(*args)
    assert result.code == 2 and chinese in result.err and english not in result.err, result.err
    assert result.err.startswith(f"用法: handbook {args[0]}") and not _english(result.err), result.err


def test_chinese_lines_are_wrapped_by_their_width() -> None:
    text = "检查源文件,然后把员工网站的页面写进 DIR/docs:每页一个带页头元数据(front matter)的 Markdown 文件。" * 3
    lines = wrap(text, 30)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(display_width(line) <= 30 for line in lines), lines
    assert not any(line[0] in ",。:)" or line[-1] == "(" for line in lines), lines


def test_a_refused_write_is_told_in_chinese(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The system's reason (its English strerror: Read-only file system) is said in Chinese, with a hint."""
    import errno

    from generator import cli

    def refused(args: argparse.Namespace) -> int:
        raise OSError(errno.EROFS, "Read-only file system", "/mnt/ro/site")

    monkeypatch.setitem(cli.COMMANDS, "check", refused)
    code = cli.main(["check"])
    err = capsys.readouterr().err
    assert code == 2 and "只读的文件系统" in err and "提示" in err and "/mnt/ro/site" in err, err
    assert "Read-only" not in err
