"""Every YAML example in docs/authoring.md is what the loader and the checker accept.

Complete examples start with ``# 文件: <path>`` (a whole source file) or ``# 加到: <file>`` (entries
to append to the list of a one-file kind such as limits.yaml). They are all put into a copy of the
real project at once, since they refer to each other, and ``handbook check`` must find nothing in
them. The other ```yaml blocks are fragments: they must at least be well-formed YAML.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_cli
from generator.load import load_handbook
from generator.model import kinds
from generator.model.fingerprint import fingerprint

MANUAL = ROOT / "docs" / "authoring.md"
BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.S | re.M)
WHOLE, APPEND = re.compile(r"^# 文件: (\S+)$", re.M), re.compile(r"^# 加到: (\S+)$", re.M)


def blocks() -> list[str]:
    return BLOCK.findall(MANUAL.read_text(encoding="utf-8"))


def complete() -> list[tuple[str, str, bool]]:
    """(path, text, whole file?) of each complete example."""
    found = []
    for text in blocks():
        whole, append = WHOLE.search(text), APPEND.search(text)
        if whole or append:
            found.append(((whole or append).group(1), text, bool(whole)))  # type: ignore[union-attr]
    return found


def project_copy(dest: Path) -> Path:
    """The real project's sources (every kind's folder or file) and configuration, copied."""
    dest.mkdir()
    names = {k.folder.split("/")[0] if k.folder else k.file for k in kinds.kinds()} | {"mkdocs.yml", "schemas"}
    for name in sorted(n for n in names if n):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


def put_examples(project: Path) -> list[str]:
    """Write every complete example into ``project``; the relative paths touched."""
    paths = []
    for rel, text, whole in complete():
        target = project / rel
        if whole:
            assert not target.exists(), f"{rel}: the example would overwrite a real source"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        else:  # entries under the file's list key: drop the key line, append the entries
            key, _, entries = APPEND.sub("", text).lstrip("\n").partition("\n")
            assert re.fullmatch(r"\w+:", key), f"{rel}: an append example starts with its list key"
            existing = target.read_text(encoding="utf-8") if target.exists() else key + "\n"
            target.write_text(existing.rstrip("\n") + "\n" + entries, encoding="utf-8")
        paths.append(rel)
    return paths


def test_every_yaml_block_is_well_formed() -> None:
    assert len(blocks()) >= 9
    for text in blocks():
        yaml.safe_load(text)


def test_there_is_a_complete_example_of_each_kind() -> None:
    wanted = {"procedure", "form", "price_list", "role", "site", "limit", "review", "planned"}
    shown = set()
    for rel, _, _ in complete():
        for kind in kinds.kinds():
            if (kind.folder and rel.startswith(kind.folder + "/")) or kind.file == rel:
                shown.add(kind.name)
    assert wanted <= shown, wanted - shown


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    project = project_copy(tmp_path_factory.mktemp("manual") / "project")
    paths = put_examples(project)
    # The review example's fingerprint is the procedure example's real one (the manual tells how to get it).
    book, problems = load_handbook(project, cache=False)
    assert not [p for p in problems if p.severity.value == "error"], problems
    return project, paths


def test_the_examples_pass_check(examples: tuple[Path, list[str]]) -> None:
    project, paths = examples
    result = run_cli("--project", str(project), "check", "--today", "2026-12-01")
    assert result.code == 0, result.err
    named = [line for line in result.err.splitlines() if any(line.startswith(p) for p in paths)]
    assert named == [], named


def test_the_examples_are_loaded_as_written(examples: tuple[Path, list[str]]) -> None:
    project, _ = examples
    book, _ = load_handbook(project, cache=False)
    assert book.procedures["parcel-collection"].steps[0].branches[1].condition == "外包装破损或明显受潮"
    assert book.sites["example-garden"].service_phone == "028-8000-0099"
    assert "parcel-notify-2h" in book.limits and "parcel-claims" in book.table("planned")
    assert book.price_lists["parcel-services"].status.value != "approved"  # sample prices are never approved
    review = next(r for r in book.table("review").values() if any(d.document == "parcel-collection" for d in r.documents))
    assert review.documents[0].fingerprint == fingerprint(book.procedures["parcel-collection"]), \
        "docs/authoring.md 3.7: copy the procedure example's fingerprint (handbook review --fingerprints)"


def test_the_finding_line_of_the_manual_is_what_check_prints(tmp_path: Path) -> None:
    text = MANUAL.read_text(encoding="utf-8")
    shown = re.search(r"```text\n(procedures/parcel-collection\.yaml:\S+ LIM001 .*)\n(\s+提示: .*)\n```", text)
    assert shown, "section 6 shows a LIM001 line of the procedure example"
    project = project_copy(tmp_path / "project")
    put_examples(project)
    source = project / "procedures" / "parcel-collection.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("    limits: [parcel-notify-2h]", "").replace(
        "\n\n", "\n"), encoding="utf-8")
    result = run_cli("--project", str(project), "check", "--today", "2026-12-01")
    assert result.code == 1
    lines = result.err.splitlines()
    assert shown.group(1) in lines and shown.group(2) in lines, result.err
