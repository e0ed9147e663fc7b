"""Identity is (kind, id): change control and the review packet on the repository's own sources.

procedures/special-services.yaml and price-lists/special-services.yaml share the id
``special-services``; before identity was (kind, id) a reworded step of the procedure was lost from
change control and from the expert-review packet.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from generator.load import load_or_raise

PROC = "procedures/special-services.yaml"
SOURCES = ("company.yaml", "glossary.yaml", "limits.yaml", "organisation", "sites", "procedures", "instructions",
           "forms", "price-lists", "mkdocs.yml")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.email=t@t", "-c", "user.name=t", *args],
                          check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sources in a fresh git repository, one step of QP-030 reworded after the commit."""
    target = tmp_path_factory.mktemp("identity") / "repo"
    target.mkdir()
    for name in SOURCES:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, target / name)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-qm", "baseline")
    path = target / PROC
    text = path.read_text(encoding="utf-8")
    step = re.search(r"\n(\s+text: )([^\n]+)", text)
    assert step, "QP-030 has a step text"
    path.write_text(text.replace(step.group(0), f"\n{step.group(1)}（改写）{step.group(2)}", 1), encoding="utf-8")
    return target


def test_both_documents_named_special_services_exist() -> None:
    book = load_or_raise(ROOT)
    assert "special-services" in book.procedures and "special-services" in book.price_lists
    assert book.procedures["special-services"].code.endswith("QP-030")


def test_unbumped_edit_of_a_shared_id_raises_chg001(repo: Path) -> None:
    result = run_cli("--project", str(repo), "check", "--since", "HEAD", "--format", "json")
    found = json.loads(result.out)["findings"]
    chg = [f for f in found if f["code"] == "CHG001"]
    assert result.code == 1 and [f["file"] for f in chg] == [PROC], result.text


def test_packet_shows_the_edit_and_lists_every_document(repo: Path, tmp_path: Path) -> None:
    result = run_cli("--project", str(repo), "review", "--since", "HEAD", "--out", str(tmp_path / "packet"))
    assert result.code == 0, result.text
    assert result.out.startswith("变更或新增 1 份"), result.out
    html = (tmp_path / "packet" / "review-packet.html").read_text(encoding="utf-8")
    book = load_or_raise(repo)
    codes = {doc.code for doc in book.documents()}
    missing = sorted(code for code in codes if code not in html)
    assert not missing, f"documents missing from the packet: {missing}"
    assert "（改写）" in html
