"""The generated artefacts in the repository stay in step with the code."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import ROOT, run_cli
from generator.check import catalogue_markdown
from generator.load.codes import LOADER_CODES
from generator.model.kinds import kinds
from generator.load.schemas import schema_for, schema_name


def test_rules_page_is_current() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == catalogue_markdown(), \
        "run: handbook rules --markdown > docs/rules.md"


def test_every_loader_code_is_documented() -> None:
    used = set()
    for path in (ROOT / "generator" / "load").glob("*.py"):
        used |= set(re.findall(r'"(S(?:RC|CH)\d{3})"', path.read_text(encoding="utf-8")))
    assert used == set(LOADER_CODES)


def test_committed_schemas_are_current() -> None:
    for kind in kinds():
        committed = json.loads((ROOT / "schemas" / schema_name(kind)).read_text(encoding="utf-8"))
        assert committed == schema_for(kind), f"run: handbook schema  ({kind.name} is stale)"


def test_schema_rejects_unknown_keys() -> None:
    schema = schema_for(next(k for k in kinds() if k.name == "procedure"))
    assert schema["additionalProperties"] is False
    assert "steps" in schema["properties"] and "id" not in schema["properties"]


def test_every_source_file_names_its_schema() -> None:
    for kind in kinds():
        files = sorted((ROOT / kind.folder).glob("*.yaml")) if kind.folder else [ROOT / kind.file]
        for path in files:
            if not path.exists():
                continue
            first = path.read_text(encoding="utf-8").splitlines()[0]
            match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
            assert match, f"{path.relative_to(ROOT)}: first line must name its schema"
            target = (path.parent / match.group(1)).resolve()
            assert target == ROOT / "schemas" / schema_name(kind), f"{path.relative_to(ROOT)} names {target}"


def test_help_is_plain_and_complete() -> None:
    result = run_cli("--help")
    assert result.code == 0
    for word in ("check", "build", "rules", "schema", "--project", "退出码"):
        assert word in result.out


def test_the_repository_sources_are_consistent() -> None:
    result = run_cli("check", "--format", "json", cwd=ROOT)
    report = json.loads(result.out)
    assert result.code == 0 and report["errors"] == 0, [f for f in report["findings"] if f["severity"] == "error"]


def test_the_content_is_all_there() -> None:
    """Issue 2's floor for the seed content: it is the handbook, not a sample of it."""
    from generator.load import load_or_raise

    book = load_or_raise(ROOT)
    assert len(book.departments) >= 8 and len(book.roles) >= 20
    assert len(book.sites) >= 2 and len(book.forms) >= 25
    assert len(book.instructions) == 8 and len(book.price_lists) >= 3
    assert all(pl.sample for pl in book.price_lists.values())  # the seeds give no real prices
    merged = book.procedures["convenience-services"]
    assert len(merged.variants) == 4
    help_steps = [n for n in book.steps(book.procedures["resident-help"]) if n.step.branches]
    assert any(len(n.step.branches) == 3 for n in help_steps)
    split = next(n.step.split for n in book.steps(book.procedures["special-services"]) if n.step.split)
    assert sorted(int(s.percent) for s in split.shares) == [10, 20, 70]
    text = "".join(t for f, t in book.texts.items() if f != "glossary.yaml")  # it lists 業主 as a variant
    for traditional in ("業", "務", "費", "標準", "與"):
        assert traditional not in text
