"""What is written is what the model holds: every text field keeps the exact text, whatever YAML 1.1
would have made of it (an octal phone number, a base-60 time, a boolean ``yes``, a date)."""

from __future__ import annotations

import datetime as dt
import typing
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import MINI, ROOT
from generator.load import load_handbook
from generator.load.validate import _unwrap
from generator.model import Handbook
from generator.model.base import SourceModel, walk_models

# Plain (unquoted) values YAML 1.1 reads as numbers, dates, booleans or base-60 numbers.
TOKENS = ["02163210456", "8:30", "0601", "1:3", "yes", "1.10", "010", "No", "on", "OFF", "1e3", "2026-03-01",
          ".inf", "0x1F", "+12", "1_000", "true", "0.5", "-7", "0o17", "12:30:00", "2026-03-01 08:00:00", "0571"]


def _patterned(annotation: Any) -> bool:
    """Ids, versions, codes: text with a pattern (not free text)."""
    return getattr(annotation, "pattern", None) is not None or any(_patterned(a) for a in typing.get_args(annotation))


def _text_fields(book: Handbook) -> list[tuple[SourceModel, str, str, int, int]]:
    """Every single-line plain text field of every object: (object, field, file, line, col)."""
    found = []
    for table in (book.procedures, book.instructions, book.forms, book.price_lists, book.roles, book.departments,
                  book.sites, book.limits, book.reviews):
        for top in table.values():
            for obj in walk_models(top):
                for name, info in type(obj).model_fields.items():
                    value = getattr(obj, name)
                    if (info.exclude or _unwrap(info.annotation) is not str or not isinstance(value, str)
                            or _patterned(info.annotation) or any(getattr(m, "pattern", None) for m in info.metadata)):
                        continue
                    pos = obj.where(name)
                    line = book.texts[pos.file].split("\n")[pos.line - 1]
                    if line[pos.col - 1:].startswith(value) and "\n" not in value:
                        found.append((obj, name, pos.file, pos.line, pos.col))
    return found


@pytest.mark.parametrize("project", [MINI, ROOT], ids=["mini", "handbook"])
def test_every_text_field_keeps_what_was_written(project: Path, tmp_path: Path) -> None:
    copy = tmp_path / "p"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".git", ".venv", "site", "site-public", ".cache", "node_modules",
                                                                  "tests", "benchmarks", "generator", "docs"))
    book, problems = load_handbook(copy, cache=False)
    assert not problems
    fields = _text_fields(book)
    assert len(fields) > (20 if project == MINI else 500)
    texts = {rel: text.split("\n") for rel, text in book.texts.items()}
    expected: dict[tuple[str, int, int], str] = {}
    # right to left within a line, so that each replacement leaves the columns before it in place
    for number, (obj, name, file, line, col) in enumerate(sorted(fields, key=lambda f: (f[2], f[3], -f[4]))):
        token = TOKENS[number % len(TOKENS)]
        if "{" in texts[file][line - 1] and (":" in token or " " in token):
            continue  # inside a flow mapping "{a: 8:30}" is fine, but keep the case simple
        old = getattr(obj, name)
        row = texts[file][line - 1]
        texts[file][line - 1] = row[:col - 1] + token + row[col - 1 + len(old):]
        # the values to its right (already replaced) move by the change in length
        shift = len(token) - len(old)
        expected = {(f, ln, c + shift if (f, ln) == (file, line) else c): v for (f, ln, c), v in expected.items()}
        expected[(file, line, col)] = token
    for rel, rows in texts.items():
        (copy / rel).write_text("\n".join(rows), encoding="utf-8")

    changed, problems = load_handbook(copy, cache=False)
    assert not [p for p in problems if p.code.startswith(("SRC", "SCH"))], problems
    held = {}
    for table in (changed.procedures, changed.instructions, changed.forms, changed.price_lists, changed.roles,
                  changed.departments, changed.sites, changed.limits, changed.reviews):
        for top in table.values():
            for obj in walk_models(top):
                for name in type(obj).model_fields:
                    if isinstance(getattr(obj, name), str) and (pos := obj.where(name)) is not None:
                        held[(pos.file, pos.line, pos.col)] = getattr(obj, name)
    wrong = {place: (token, held.get(place)) for place, token in expected.items() if held.get(place) != token}
    assert not wrong, list(wrong.items())[:10]
    assert len(expected) > 20


def test_a_date_field_still_reads_a_date(tmp_path: Path) -> None:
    book, problems = load_handbook(MINI, cache=False)
    assert not problems and book.procedures["reception"].effective == dt.date(2026, 1, 1)
    assert book.forms["visit-register"].rows == 12 and book.price_lists["fees"].items[1].free is True


@pytest.mark.parametrize("written", ["注意：先登记", "APP：业主报修", "联系人　张三", "8:30—17:30", "第一条\u00a0总则"])
def test_odd_characters_inside_text_are_content(written: str, tmp_path: Path) -> None:
    copy = tmp_path / "p"
    shutil.copytree(MINI, copy)
    rel = "procedures/reception.yaml"
    text = (copy / rel).read_text(encoding="utf-8").replace("scope: 适用于管理处", f"scope: {written}")
    (copy / rel).write_text(text.replace("  - role: clerk\n    duties: [接待并登记来访]",
                                         f"  - role: clerk\n    duties:\n      - {written}"), encoding="utf-8")
    book, problems = load_handbook(copy, cache=False)
    assert not problems, problems
    proc = book.procedures["reception"]
    assert proc.scope == written and proc.responsibilities[0].duties == [written]
