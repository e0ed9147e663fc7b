"""Hostile sources, table-driven: each gives a clear positioned message, its exit code, no traceback.

Runs the command line in-process (``generator.cli.main``) so the table stays fast; any exception
escaping ``main`` fails the case, which is what "no traceback" means for the user.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINI
from generator.caches import cache_root
from generator.cli import main
from generator.load.yamlsource import SourceProblem, read_source

PROC, FORM, PRICES = "procedures/reception.yaml", "forms/visit-register.yaml", "price-lists/fees.yaml"
ROLE, SITE = "organisation/roles/clerk.yaml", "sites/garden.yaml"
BASE = (MINI / PROC).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Case:
    file: str
    make: Callable[[str], str | bytes]  # original text of ``file`` -> new content
    exit: int
    code: str | None  # the finding code expected (None: no finding of note)
    line: int | None = None


def rep(old: str, new: str) -> Callable[[str], str]:
    def apply(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)
    return apply


def const(content: str | bytes) -> Callable[[str], str | bytes]:
    return lambda _text: content


def bomb(levels: int = 9) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


CASES: dict[str, Case] = {
    # YAML syntax
    "unclosed flow list": Case(PROC, rep("roles: [clerk]\n    forms", "roles: [clerk\n    forms"), 2, "SRC003"),
    "unclosed quote": Case(PROC, rep("purpose: 规范来访接待", "purpose: '规范来访接待"), 2, "SRC003"),
    "colon inside plain value": Case(PROC, rep("scope: 适用于管理处", "scope: 适用于: 管理处"), 2, "SRC003", 9),
    "bad indentation": Case(PROC, rep("  - role: clerk\n    duties", "  - role: clerk\n      duties"), 2, "SRC003"),
    "tab indentation": Case(PROC, rep("  - role: clerk", "\t- role: clerk"), 2, "SRC004", 11),
    "tab after a key": Case(FORM, rep("rows: 12", "rows:\t\n\t12"), 2, "SRC004"),
    "two documents": Case(PROC, lambda t: t + "---\ntitle: 第二个\n", 2, "SRC003"),
    "undefined alias": Case(PROC, rep("owner: office", "owner: *office"), 2, "SRC003", 6),
    "complex key": Case(PROC, rep("scope: 适用于管理处", "? [a, b]\n: 值"), 2, "SRC003"),
    "python tag": Case(PROC, rep("title: 来访接待规程", "title: !!python/object/apply:os.system [ls]"), 2, "SRC003", 2),
    "unknown local tag": Case(PROC, rep("title: 来访接待规程", "title: !secret 来访接待规程"), 2, "SRC003", 2),
    # duplicate keys
    "duplicate top-level key": Case(PROC, rep("scope: 适用于管理处", "scope: 适用于管理处\nscope: 覆盖"), 2, "SRC005", 10),
    "duplicate key in a step": Case(PROC, rep("    text: 接待员登记来访信息", "    text: 接待员登记来访信息\n    text: 又一次"),
                                    2, "SRC005", 16),
    "duplicate key in a price item": Case(PRICES, rep("    unit: 元/次", "    unit: 元/次\n    unit: 元/户"), 2, "SRC005", 15),
    # wrong types and shapes
    "date that is not a date": Case(PROC, rep("effective: 2026-01-01", "effective: 明年一月"), 2, "SCH003", 4),
    "impossible date": Case(PROC, rep("effective: 2026-01-01", "effective: 2026-02-30"), 2, "SCH003", 4),
    "list given as text": Case(PROC, rep("roles: [clerk]", "roles: clerk"), 2, "SCH003", 16),
    "text given as list": Case(PROC, rep("purpose: 规范来访接待", "purpose: [规范, 来访]"), 2, "SCH003", 8),
    "number out of range": Case(FORM, rep("rows: 12", "rows: 100000"), 2, "SCH003", 13),
    "negative price": Case(PRICES, rep("price: 30", "price: -30"), 2, "SCH003", 17),
    "bad enum": Case(PROC, rep("status: approved", "status: 已批准"), 2, "SCH003", 5),
    "bad version": Case(PROC, rep("version: A/0", "version: 1.0"), 2, "SCH003", 3),
    "bad retention": Case(FORM, rep("retention: 2年", "retention: two years"), 2, "SCH003", 15),
    "top level is a list": Case(PROC, const("- a\n- b\n"), 2, "SRC008", 1),
    "top level is a scalar": Case(PROC, const("just text\n"), 2, "SRC008", 1),
    "unknown key": Case(PROC, rep("purpose:", "purpse:"), 2, "SCH001", 8),
    "missing required key": Case(PROC, rep("scope: 适用于管理处\n", ""), 2, "SCH002"),
    "merge key": Case(PROC, rep("scope: 适用于管理处", "<<: {scope: 适用于管理处}"), 2, "SCH001"),
    # encodings and sizes
    "GBK file": Case(PROC, lambda t: t.encode("gbk"), 2, "SRC001", 2),
    "UTF-16 LE with BOM": Case(PROC, lambda t: t.encode("utf-16-le").join([b"\xff\xfe", b""]), 2, "SRC001", 1),
    "UTF-16 BE with BOM": Case(PROC, lambda t: b"\xfe\xff" + t.encode("utf-16-be"), 2, "SRC001", 1),
    "Latin-1 bytes": Case(PROC, lambda t: t.encode("utf-8") + "café".encode("latin-1"), 2, "SRC001"),
    "NUL byte": Case(PROC, lambda t: t + "\x00\n", 2, "SRC001"),
    "UTF-8 BOM is fine": Case(PROC, lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), 0, None),
    "CRLF is fine": Case(PROC, lambda t: t.replace("\n", "\r\n").encode("utf-8"), 0, None),
    "empty file": Case(PROC, const(""), 2, "SRC007", 1),
    "whitespace only": Case(PROC, const("  \n\n \n"), 2, "SRC007", 1),
    "comments only": Case(PROC, const("# nothing here\n# yet\n"), 2, "SRC007", 1),
    "5 MB file": Case(PROC, lambda t: t + "notes:\n" + "  - 很长的备注内容很长的备注内容\n" * 220_000, 2, "SRC002", 1),
    "alias bomb": Case(PROC, const(bomb()), 2, "SRC006"),
    "deeply nested lists": Case(PROC, const("a: " + "[" * 500 + "]" * 500 + "\n"), 2, "SRC006", 1),
    "deeply nested mappings": Case(PROC, const("".join("  " * i + f"k{i}:\n" for i in range(120)) + "  " * 120 + "v\n"),
                                   2, "SRC006"),
    # ids that try to walk paths
    "reference with ../": Case(PROC, rep("forms: [visit-register]", "forms: [../../etc/passwd]"), 2, "SCH003", 17),
    "reference with a slash": Case(PROC, rep("roles: [clerk]", "roles: [organisation/clerk]"), 2, "SCH003", 16),
    "owner with upper case": Case(PROC, rep("owner: office", "owner: Office"), 2, "SCH003", 6),
    # dangling references of every kind
    "dangling procedure": Case(PROC, rep("forms: [visit-register]", "forms: [visit-register]\n    procedures: [gone]"),
                               1, "REF001", 18),
    "dangling instruction": Case(PROC, rep("forms: [visit-register]", "forms: [visit-register]\n    instructions: [gone]"),
                                 1, "REF001", 18),
    "dangling form": Case(PROC, rep("forms: [visit-register]", "forms: [gone]"), 1, "REF002", 17),
    "dangling price list": Case(SITE, rep("price_lists: [fees]", "price_lists: [gone]"), 1, "REF003", 6),
    "dangling role": Case(PROC, rep("roles: [clerk]", "roles: [gone]"), 1, "REF004", 16),
    "dangling department": Case(ROLE, rep("department: office", "department: gone"), 1, "REF005", 2),
    "dangling site": Case(PRICES, rep("sites: [garden]", "sites: [gone]"), 1, "REF006", 10),
    "dangling step": Case(PROC, rep('see: ["#register"]', 'see: ["reception#gone"]'), 1, "REF007", 24),
    "dangling limit": Case(PROC, rep("limits: [callback-24h]", "limits: [gone]"), 1, "REF008", 21),
    # text that is hostile to HTML is valid text (the renderers escape it)
    "script in title": Case(PROC, rep("title: 来访接待规程", "title: <script>alert(1)</script>"), 0, None),
    "javascript URL in text": Case(PROC, rep("text: 接待员登记来访信息", "text: '[点我](javascript:alert(1))'"), 0, None),
}


def run(project: Path, *args: str, capsys: pytest.CaptureFixture) -> tuple[int, dict]:
    code = main(["--project", str(project), "check", "--format", "json", "--today", "2026-06-01", *args])
    out = capsys.readouterr().out
    return code, json.loads(out)


def _files(project: Path) -> list[Path]:
    """Every file and folder of the project, the parse cache aside: a check that loads (exit 1)
    keeps its parses there, which is not output (one that cannot load writes nothing at all)."""
    cache = cache_root(project)
    return sorted(p.relative_to(project) for p in project.rglob("*") if p != cache and cache not in p.parents)


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_source(name: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    case = CASES[name]
    project = tmp_path / "p"
    shutil.copytree(MINI, project)
    path = project / case.file
    content = case.make(path.read_text(encoding="utf-8"))
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    before = _files(project)

    code, report = run(project, capsys=capsys)

    assert code == case.exit, report
    if case.code:
        hits = [f for f in report["findings"] if f["code"] == case.code]
        assert hits, f"{case.code} expected, got {[f['code'] for f in report['findings']]}"
        assert hits[0]["file"] == case.file and hits[0]["message"]
        if case.line:
            assert hits[0]["line"] == case.line, hits[0]
    assert _files(project) == before  # nothing written


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#%@`,?\t\n 　中文\\0123")), max_size=200))
def test_fuzz_random_yaml_loads_or_fails_with_our_error(text: str) -> None:
    try:
        source = read_source(text.encode("utf-8"), "fuzz.yaml")
    except SourceProblem as problem:
        assert problem.finding.position is not None and problem.finding.code.startswith("SRC")
    else:
        assert isinstance(source.data, dict)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_fuzz_random_bytes(raw: bytes) -> None:
    try:
        read_source(raw, "fuzz.yaml")
    except SourceProblem as problem:
        assert problem.finding.code.startswith("SRC")
