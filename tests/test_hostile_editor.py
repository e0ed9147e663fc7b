"""Hostile inputs an editor types: values YAML 1.1 would misread, characters nobody sees, files that
would vanish. Each case: its exit code, the file, the editor's line (only ``\\n`` ends a line), the
code, and a message and hint in Chinese (no English sentence, no library text).

Runs the command line in-process, like tests/test_hostile.py; an exception escaping ``main`` fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import MINI
from generator.cli import main

PROC, FORM, PRICES = "procedures/reception.yaml", "forms/visit-register.yaml", "price-lists/fees.yaml"
SITE, LIMITS, COMPANY = "sites/garden.yaml", "limits.yaml", "company.yaml"
DEPT, ROLE, GLOSSARY = "organisation/departments/office.yaml", "organisation/roles/clerk.yaml", "glossary.yaml"

Make = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    make: Make
    exit: int
    code: str
    file: str
    line: int
    says: str = ""  # a piece the message or hint must contain (the fix, the id meant)


def rep(rel: str, old: str, new: str) -> Make:
    def apply(project: Path) -> None:
        path = project / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def rename(rel: str, new: str) -> Make:
    return lambda p: os.rename(p / rel, p / new)


def write(rel: str, text: str = "name: x\n") -> Make:
    def apply(project: Path) -> None:
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text, encoding="utf-8")
    return apply


def link(rel: str, target: str | Callable[[Path], str]) -> Make:
    return lambda p: os.symlink(target(p) if callable(target) else target, p / rel)


def outside(project: Path) -> str:
    secret = project.parent / "elsewhere.yaml"
    secret.write_text((project / PROC).read_text(encoding="utf-8").replace("TEST/QP-001", "TEST/QP-009"),
                      encoding="utf-8")
    return str(secret)


CASES: dict[str, Case] = {
    # values YAML 1.1 reads differently from what was meant (SCH004), or that are no value (SCH003)
    "rows with a leading zero": Case(rep(FORM, "rows: 12", "rows: 010"), 2, "SCH004", FORM, 13, "10"),
    "rows in hexadecimal": Case(rep(FORM, "rows: 12", "rows: 0x10"), 2, "SCH004", FORM, 13),
    "rows with underscores": Case(rep(FORM, "rows: 12", "rows: 1_2"), 2, "SCH004", FORM, 13),
    "rows as a decimal": Case(rep(FORM, "rows: 12", "rows: 12.0"), 2, "SCH003", FORM, 13, "12"),
    "rows in full-width digits": Case(rep(FORM, "rows: 12", "rows: １２"), 2, "SCH004", FORM, 13, "12"),
    "rows written yes": Case(rep(FORM, "rows: 12", "rows: yes"), 2, "SCH003", FORM, 13),
    "rows left empty": Case(rep(FORM, "rows: 12", "rows:"), 2, "SCH003", FORM, 13),
    "width in base 60": Case(rep(FORM, "width: 3", "width: 1:3"), 2, "SCH004", FORM, 12),
    "price 1e309": Case(rep(PRICES, "price: 30", "price: 1e309"), 2, "SCH004", PRICES, 17),
    "price in scientific notation": Case(rep(PRICES, "price: 30", "price: 1.5e3"), 2, "SCH004", PRICES, 17, "1500"),
    "price .inf": Case(rep(PRICES, "price: 30", "price: .inf"), 2, "SCH004", PRICES, 17),
    "price -.inf": Case(rep(PRICES, "price: 30", "price: -.inf"), 2, "SCH004", PRICES, 17),
    "price .nan": Case(rep(PRICES, "price: 30", "price: .NaN"), 2, "SCH004", PRICES, 17),
    "price with a leading zero": Case(rep(PRICES, "price: 30", "price: 030"), 2, "SCH004", PRICES, 17, "30"),
    "price in base 60": Case(rep(PRICES, "price: 30", "price: 1:30"), 2, "SCH004", PRICES, 17),
    "price with its unit": Case(rep(PRICES, "price: 30", "price: 30元"), 2, "SCH003", PRICES, 17),
    "price with too many digits": Case(rep(PRICES, "price: 30", "price: 12345678901234567890"), 2, "SCH003", PRICES, 17),
    "free written yes": Case(rep(PRICES, "free: true", "free: yes"), 2, "SCH004", PRICES, 20, "true"),
    "free written on": Case(rep(PRICES, "free: true", "free: On"), 2, "SCH004", PRICES, 20, "true"),
    "free written 是": Case(rep(PRICES, "free: true", "free: 是"), 2, "SCH004", PRICES, 20, "true"),
    "sample written 1": Case(rep(SITE, "sample: true", "sample: 1"), 2, "SCH003", SITE, 7, "true"),
    "limit value in hexadecimal": Case(rep(LIMITS, "value: 24", "value: 0x18"), 2, "SCH004", LIMITS, 4),
    "date written without dashes": Case(rep(PROC, "effective: 2026-01-01", "effective: 20260101"), 2, "SCH004",
                                        PROC, 4, "2026-01-01"),
    "date with slashes": Case(rep(PROC, "effective: 2026-01-01", "effective: 2026/1/1"), 2, "SCH003", PROC, 4,
                              "2026-01-01"),
    "date in Chinese": Case(rep(PROC, "effective: 2026-01-01", "effective: 2026年1月1日"), 2, "SCH003", PROC, 4,
                            "2026-01-01"),
    "date with a time": Case(rep(PROC, "effective: 2026-01-01", "effective: 2026-01-01 08:00:00"), 2, "SCH003",
                             PROC, 4, "2026-01-01"),
    "date in full-width digits": Case(rep(PROC, "effective: 2026-01-01", "effective: ２０２６-０１-０１"), 2, "SCH004",
                                      PROC, 4, "2026-01-01"),
    "month 13": Case(rep(PROC, "effective: 2026-01-01", "effective: 2026-13-01"), 2, "SCH003", PROC, 4),
    "29 February of a common year": Case(rep(PROC, "effective: 2026-01-01", "effective: 2025-02-29"), 2, "SCH003",
                                         PROC, 4, "28"),
    "price list approved 9999-12-31": Case(rep(PRICES, "approved: 2026-03-10", "approved: 9999-12-31"), 2, "SCH003",
                                           PRICES, 8),
    "history dated year 1": Case(rep(FORM, "date: 2025-12-01", "date: 0001-01-01"), 2, "SCH003", FORM, 17),
    "code in full-width digits": Case(rep(PROC, "code: TEST/QP-001", "code: TEST/QP-００1"), 2, "SCH005", PROC, 1),
    "code with a space": Case(rep(PROC, "code: TEST/QP-001", "code: TEST/QP 001"), 2, "SCH005", PROC, 1),
    "version in full-width digits": Case(rep(PROC, "version: A/0", "version: A/０"), 2, "SCH005", PROC, 3),
    "code prefix in full-width letters": Case(rep(COMPANY, "code_prefix: TEST", "code_prefix: ＴＥＳＴ"), 2, "SCH005",
                                              COMPANY, 3),
    "status in Chinese": Case(rep(PROC, "status: approved", "status: 已批准"), 2, "SCH003", PROC, 5, "approved"),
    "visibility in Chinese": Case(rep(PRICES, "visibility: public", "visibility: 公开"), 2, "SCH003", PRICES, 9,
                                  "public"),
    # characters an editor does not see, or sees as something else
    "full-width colon after a key": Case(rep(PROC, "title: 来访接待规程", "title：来访接待规程"), 2, "SRC020", PROC, 2,
                                         "U+FF1A"),
    "full-width colon in a list item": Case(rep(PROC, "  - role: clerk", "  - role：clerk"), 2, "SRC020", PROC, 11),
    "Chinese key with a full-width colon": Case(rep(PROC, "purpose: 规范来访接待", "目的：规范来访接待"), 2, "SRC020",
                                                PROC, 8, "purpose"),
    "full-width colon in a flow mapping": Case(rep(FORM, "[{label: 经办人}]", "[{label：经办人}]"), 2, "SRC020", FORM, 14),
    "conflict markers in a CRLF file": Case(lambda p: (p / SITE).write_bytes(
        (p / SITE).read_bytes().replace(b"\n", b"\r\n").replace(b"region", b"<<<<<<< HEAD\r\nregion", 1)),
        2, "SRC025", SITE, 3),
    "full-width spaces as indentation": Case(rep(PROC, "  - role: clerk", "\u3000- role: clerk"), 2, "SRC021",
                                             PROC, 11, "U+3000"),
    "full-width space after a colon": Case(rep(PROC, "scope: 适用于管理处", "scope:\u3000适用于管理处"), 2, "SRC021",
                                           PROC, 9, "U+3000"),
    "no-break space after a colon": Case(rep(PROC, "title: 来访接待规程", "title:\u00a0来访接待规程"), 2, "SRC021",
                                         PROC, 2, "U+00A0"),
    "full-width space before a colon": Case(rep(SITE, "region: 成都", "region\u3000: 成都"), 2, "SRC021", SITE, 3),
    "no-break space after a list dash": Case(rep(FORM, "  - label: 姓名", "  -\u00a0label: 姓名"), 2, "SRC021", FORM, 10),
    "line separator from Word": Case(rep(PROC, "text: 接待员登记来访信息", "text: 接待员登记\u2028来访信息"), 2, "SRC022",
                                     PROC, 15, "U+2028"),
    "paragraph separator": Case(rep(PROC, "scope: 适用于管理处", "scope: 适用于\u2029管理处"), 2, "SRC022", PROC, 9),
    "next-line character U+0085": Case(rep(PROC, "scope: 适用于管理处", "scope: 适用于\x85管理处"), 2, "SRC022", PROC, 9,
                                       "U+0085"),
    "vertical tab": Case(rep(PROC, "scope: 适用于管理处", "scope: 适用于\x0b管理处"), 2, "SRC022", PROC, 9, "U+000B"),
    "form feed": Case(rep(FORM, "rows: 12", "\x0crows: 12"), 2, "SRC022", FORM, 13),
    "zero-width space in an id": Case(rep(PROC, "forms: [visit-register]", "forms: [visit\u200b-register]"), 2,
                                      "SRC023", PROC, 17, "U+200B"),
    "zero-width joiner in a title": Case(rep(FORM, "title: 来访登记表", "title: 来访\u200d登记表"), 2, "SRC023", FORM, 2),
    "byte-order mark inside the file": Case(rep(SITE, "region: 成都", "region: \ufeff成都"), 2, "SRC023", SITE, 3),
    "right-to-left override in a title": Case(rep(PROC, "title: 来访接待规程", "title: 来访\u202e接待规程"), 2,
                                              "SRC024", PROC, 2, "U+202E"),
    "bidi isolate in a step": Case(rep(PROC, "text: 回访结果记入登记表", "text: 回访\u2066结果\u2069记入登记表"), 2,
                                   "SRC024", PROC, 23),
    "right-to-left mark": Case(rep(PRICES, "name: 家电维修", "name: 家电\u200f维修"), 2, "SRC024", PRICES, 13),
    "merge-conflict markers": Case(rep(PROC, "scope: 适用于管理处\n", "<<<<<<< HEAD\nscope: 适用于管理处\n=======\n"
                                        "scope: 适用于全公司\n>>>>>>> feature\n"), 2, "SRC025", PROC, 9),
    "a lone conflict separator": Case(rep(FORM, "rows: 12\n", "rows: 12\n=======\n"), 2, "SRC025", FORM, 14),
    "bell control character": Case(rep(PROC, "scope: 适用于管理处", "scope: 适用于\x07管理处"), 2, "SRC026", PROC, 9),
    "escape control character": Case(rep(SITE, "address: 测试路1号", "address: \x1b[31m测试路1号"), 2, "SRC026",
                                     SITE, 2),
    "non-character U+FFFE": Case(rep(SITE, "address: 测试路1号", "address: 测试路\ufffe1号"), 2, "SRC026", SITE, 2),
    # syntax errors, in Chinese, on the line the mistake is on
    "unclosed flow list, on its own line": Case(rep(PROC, "roles: [clerk]\n    forms", "roles: [clerk\n    forms"), 2,
                                                "SRC003", PROC, 16, "]"),
    "unclosed quote, on its own line": Case(rep(PROC, "purpose: 规范来访接待", "purpose: '规范来访接待"), 2, "SRC003",
                                            PROC, 8, "引号"),
    "colon and space inside a value": Case(rep(PROC, "scope: 适用于管理处", "scope: 适用于: 管理处"), 2, "SRC003", PROC, 9,
                                           "引号"),
    "value starting with @": Case(rep(SITE, "region: 成都", "region: @成都"), 2, "SRC003", SITE, 3, "@"),
    "bad escape in double quotes": Case(rep(SITE, "region: 成都", 'region: "成\\都"'), 2, "SRC003", SITE, 3),
    # keys written in Chinese, ids written as titles
    "Chinese key for purpose": Case(rep(PROC, "purpose: 规范来访接待", "目的: 规范来访接待"), 2, "SCH001", PROC, 8,
                                    "purpose"),
    "Chinese key for effective": Case(rep(PROC, "effective: 2026-01-01", "生效日期: 2026-01-01"), 2, "SCH001", PROC, 4,
                                      "effective"),
    "form title where its id belongs": Case(rep(PROC, "forms: [visit-register]", "forms: [来访登记表]"), 2, "SCH003",
                                            PROC, 17, "visit-register"),
    "department name where its id belongs": Case(rep(PROC, "owner: office", "owner: 管理处"), 2, "SCH003", PROC, 6,
                                                 "office"),
    "role name where its id belongs": Case(rep(PROC, "roles: [clerk]", "roles: [接待员]"), 2, "SCH003", PROC, 16,
                                           "clerk"),
    "form code where its id belongs": Case(rep(PROC, "  - form: visit-register", "  - form: TEST/QR-001"), 2,
                                           "SCH003", PROC, 26, "visit-register"),
    "misspelt form id": Case(rep(PROC, "forms: [visit-register]", "forms: [visit-registr]"), 1, "REF002", PROC, 17,
                             "visit-register"),
    "misspelt department id": Case(rep(ROLE, "department: office", "department: ofice"), 1, "REF005", ROLE, 2,
                                   "office"),
    # every file under a source folder accounted for
    "upper-case extension": Case(rename(PROC, "procedures/reception.YAML"), 2, "SRC030", "procedures/reception.YAML",
                                 1, "reception.yaml"),
    "Notepad's .yaml.txt": Case(rename(PROC, "procedures/reception.yaml.txt"), 2, "SRC030",
                                "procedures/reception.yaml.txt", 1, "reception.yaml"),
    "a text file in a source folder": Case(write("forms/README.md", "# 表单\n"), 2, "SRC030", "forms/README.md", 1),
    "merge tool's .orig copy": Case(write("procedures/reception.yaml.orig"), 2, "SRC031", "procedures/reception.yaml.orig",
                                    1),
    "backup with .bak": Case(write("forms/visit-register.yaml.bak"), 2, "SRC031", "forms/visit-register.yaml.bak", 1),
    "a folder named like a source": Case(lambda p: (p / "procedures/old.yaml").mkdir(), 2, "SRC032",
                                         "procedures/old.yaml", 1),
    "a sub-folder of sources": Case(write("procedures/archive/old.yaml"), 2, "SRC032", "procedures/archive", 1),
    "dangling symlink": Case(link("procedures/gone.yaml", "nowhere.yaml"), 2, "SRC033", "procedures/gone.yaml", 1),
    "symlink loop": Case(link("procedures/loop.yaml", "loop.yaml"), 2, "SRC033", "procedures/loop.yaml", 1),
    "symlink out of the project": Case(link("procedures/visits.yaml", outside), 2, "SRC034", "procedures/visits.yaml",
                                       1),
    "single file symlinked out of the project": Case(
        lambda p: (shutil.move(p / COMPANY, p.parent / "company.yaml"), os.symlink(p.parent / "company.yaml", p / COMPANY)),
        2, "SRC034", COMPANY, 1),
    # characters the print fonts cannot draw: build would refuse them, so check does
    "emoji in a title": Case(rep(PROC, "title: 来访接待规程", "title: 来访接待规程👍"), 1, "GLY001", PROC, 2, "U+1F44D"),
    "private-use character": Case(rep(FORM, "  - label: 姓名", "  - label: 姓名\ue000"), 1, "GLY001", FORM, 10),
    "ideograph from extension B": Case(rep(SITE, "address: 测试路1号", "address: 测试路1号𠀀"), 1, "GLY001", SITE, 2),
    "source folder without read permission": Case(lambda p: (p / "forms").chmod(0o000), 2, "SRC035", "forms", 1,
                                                  "没有读取权限"),
    "source file without read permission": Case(lambda p: (p / FORM).chmod(0o200), 2, "SRC011", FORM, 1, "没有读取权限"),
    # rules on the sources themselves
    "glossary variant inside its own term": Case(rep(GLOSSARY, "variants: [投拆]", "variants: [投拆]\n  - term: 来访登记表\n"
                                                     "    variants: [来访登记]"), 1, "GLO002", GLOSSARY, 5),
    "department that is its own parent": Case(rep(DEPT, "level: 管理处", "level: 管理处\nparent: office"), 1, "ORG001",
                                              DEPT, 3),
    "role that reports to itself": Case(rep(ROLE, "reports_to: boss", "reports_to: clerk"), 1, "ORG002", ROLE, 3),
    "approval dated after the effective date": Case(rep(PROC, "date: 2025-12-01", "date: 2026-02-01"), 1, "DOC004",
                                                    PROC, 28),
}

_CJK = re.compile(r"[\u4e00-\u9fff]")
_ENGLISH_SENTENCE = re.compile(r"[A-Za-z]{2,}(?:[ ,']+[A-Za-z]{2,}){3,}")


def chinese(text: str) -> bool:
    """Chinese words, and no run of four English words (a library's sentence)."""
    return bool(_CJK.search(text)) and not _ENGLISH_SENTENCE.search(text)


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("name", sorted(CASES))
def test_editor_input(name: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    case = CASES[name]
    project = tmp_path / "p"
    shutil.copytree(MINI, project)
    case.make(project)

    try:
        code = main(["--project", str(project), "check", "--format", "json", "--today", "2026-06-01"])
    finally:
        for path in (project / "forms", project / FORM):  # let tmp_path be cleaned up
            if path.exists():
                path.chmod(0o755 if path.is_dir() else 0o644)
    report = json.loads(capsys.readouterr().out)

    assert code == case.exit, report
    hits = [f for f in report["findings"] if f["code"] == case.code]
    assert hits, f"{case.code} expected, got {[(f['code'], f['message']) for f in report['findings']]}"
    hit = hits[0]
    assert (hit["file"], hit["line"]) == (case.file, case.line), hit
    for finding in report["findings"]:
        assert chinese(finding["message"]), finding
        assert finding["hint"] is None or chinese(finding["hint"]), finding
    assert case.says in hit["message"] + (hit["hint"] or ""), hit


def test_an_unreadable_source_folder_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "p"
    shutil.copytree(MINI, project)
    real = os.listdir

    def refuse(path: os.PathLike[str] | str = ".") -> list[str]:
        if Path(path).name == "forms":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "listdir", refuse)
    code = main(["--project", str(project), "check", "--format", "json", "--today", "2026-06-01"])
    report = json.loads(capsys.readouterr().out)
    assert code == 2
    hits = [f for f in report["findings"] if f["code"] == "SRC035"]
    assert hits and hits[0]["file"] == "forms" and "没有读取权限" in hits[0]["message"], report
    assert "Permission" not in json.dumps(report, ensure_ascii=False)


LEFTOVERS = ["reception.yaml~", "reception.yaml.~1~", "#reception.yaml#", ".reception.yaml.swp", ".reception.yaml.swo",
             "4913", "5036", ".goutputstream-X1Y2Z3", "reception.yaml.kate-swp", "reception.yaml___jb_tmp___",
             ".~lock.reception.yaml#", "~$reception.yaml"]


def test_editor_leftovers_are_ignored_but_stray_files_are_not(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """Backups, autosaves, locks (emacs' .#x.yaml: a dangling symlink), swap and probe files an editor
    makes by itself are skipped by the check and by the preview's watcher; a stray real file and a
    .yml twin next to them are still reported."""
    from generator.preview import watch

    project = tmp_path / "p"
    shutil.copytree(MINI, project)
    before = watch.snapshot(project)
    for name in LEFTOVERS:
        (project / "procedures" / name).write_text("title: [unclosed\n", encoding="utf-8")
    os.symlink("user@host.4242:1700000000", project / "procedures" / ".#reception.yaml")
    assert watch.snapshot(project) == before  # a save in vim or emacs changes only the file saved
    assert main(["--project", str(project), "check", "--format", "json", "--today", "2026-06-01"]) == 0
    assert not [f["code"] for f in json.loads(capsys.readouterr().out)["findings"] if f["code"].startswith("SRC")]
    (project / "procedures" / "notes.txt").write_text("草稿\n", encoding="utf-8")
    shutil.copy(project / PROC, project / "procedures" / "reception.yml")
    assert main(["--project", str(project), "check", "--format", "json", "--today", "2026-06-01"]) == 2
    found = {(f["code"], f["file"]) for f in json.loads(capsys.readouterr().out)["findings"]}
    assert {("SRC030", "procedures/notes.txt"), ("SRC010", "procedures/reception.yml")} <= found, found
    assert "procedures/notes.txt" in watch.snapshot(project)
