"""Document lifecycle in the sources: draft / approved / obsolete, superseded_by, the old word refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import TODAY, edit, run_cli

FORM = "forms/visit-register.yaml"
OLD = "forms/old-register.yaml"


def add_old_register(project: Path, status: str = "obsolete", successor: str = "visit-register") -> None:
    text = (project / FORM).read_text(encoding="utf-8")
    extra = f"\nsuperseded_by: {successor}" if successor else ""
    (project / OLD).write_text(text.replace("TEST/QR-001", "TEST/QR-002").replace("title: 来访登记表", "title: 旧来访登记表")
                               .replace("status: approved", f"status: {status}{extra}"), encoding="utf-8")


def doc004(project: Path) -> list[dict]:
    result = run_cli("--project", str(project), "check", "--format", "json", "--today", TODAY)
    assert result.code in (0, 1), result.text
    return [f for f in json.loads(result.out)["findings"] if f["code"] == "DOC006"]


def test_retired_is_refused_in_chinese_at_its_line(mini: Path) -> None:
    edit(mini, FORM, "status: approved", "status: retired")
    result = run_cli("--project", str(mini), "check")
    assert result.code == 2 and "Traceback" not in result.text
    assert f"{FORM}:5:9: SCH003" in result.err
    assert "'retired' 是旧写法" in result.err and "status: obsolete" in result.err and "superseded_by" in result.err


def test_obsolete_with_successor_is_consistent(mini: Path) -> None:
    add_old_register(mini)
    assert doc004(mini) == []
    result = run_cli("--project", str(mini), "check", "--today", TODAY)
    assert result.code == 0, result.text  # an obsolete form needs no procedure using it (FRM001)


def test_obsolete_without_successor_is_allowed(mini: Path) -> None:
    add_old_register(mini, successor="")
    assert doc004(mini) == []


@pytest.mark.parametrize("status, successor, words", [
    ("approved", "visit-register", "状态不是 obsolete"),
    ("draft", "visit-register", "状态不是 obsolete"),
    ("obsolete", "no-such-form", "不存在"),
    ("obsolete", "reception", "不存在"),  # a procedure cannot replace a form
    ("obsolete", "old-register", "自身"),
])
def test_superseded_by_must_name_a_successor_of_the_same_kind(mini: Path, status: str, successor: str,
                                                                words: str) -> None:
    add_old_register(mini, status, successor)
    found = doc004(mini)
    assert len(found) == 1 and words in found[0]["message"], found
    assert found[0]["file"] == OLD and found[0]["line"] == 6


def test_successor_must_itself_be_in_force(mini: Path) -> None:
    add_old_register(mini)
    edit(mini, FORM, "status: approved", "status: obsolete")
    found = doc004(mini)
    assert len(found) == 1 and "也已作废" in found[0]["message"]


def test_approved_document_may_not_use_an_obsolete_one(mini: Path) -> None:
    edit(mini, FORM, "status: approved", "status: obsolete")
    result = run_cli("--project", str(mini), "check", "--format", "json", "--today", TODAY)
    hits = [f for f in json.loads(result.out)["findings"] if f["code"] == "DOC001"]
    assert result.code == 1 and hits and "作废" in hits[0]["message"]
