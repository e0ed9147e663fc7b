"""The parse cache: a second load reads unchanged files back exactly as parsed; a damaged cache is
ignored, and in a git checkout no committed file can stand in for the cache."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import edit, run_cli
from generator.caches import cache_root
from generator.load import load_handbook
from generator.load import loader as loader_module
from generator.model.kinds import collections
from generator.model.base import walk_models

PROC = "procedures/reception.yaml"


def _snapshot(project: Path) -> dict:
    """Every object of every kind, dumped, with the source position of each model object."""
    book, findings = load_handbook(project)
    assert not findings, findings
    dumps = {kind.name: {k: v.model_dump(mode="json") for k, v in book.table(kind.name).items()}
             for kind in collections()}
    places = sorted(str(obj.where()) for kind in collections() for doc in book.table(kind.name).values()
                    for obj in walk_models(doc))
    return {"dumps": dumps, "places": places}


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = loader_module.parse_text

    def counting(text: str, file: str):
        parsed.append(file)
        return real(text, file)

    monkeypatch.setattr(loader_module, "parse_text", counting)
    return parsed


def test_second_load_comes_from_the_cache_and_is_identical(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _snapshot(mini)
    assert (cache_root(mini) / "sources" / "sources.json").is_file()
    parsed = _no_parsing(monkeypatch)
    second = _snapshot(mini)
    assert parsed == []
    assert second == first
    assert sum(place != "None" for place in second["places"]) > 20  # objects still know their places
    book, _ = load_handbook(mini)
    assert all(isinstance(entry.date, dt.date) for doc in book.procedures.values() for entry in doc.history)


def test_only_the_edited_file_is_parsed_again(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_handbook(mini)
    edit(mini, PROC, "purpose: 规范来访接待", "purpose: 规范来访接待工作")
    parsed = _no_parsing(monkeypatch)
    book, _ = load_handbook(mini)
    assert parsed == [PROC]
    assert book.procedures["reception"].purpose == "规范来访接待工作"


def test_findings_are_the_same_from_a_warm_cache(mini: Path) -> None:
    edit(mini, PROC, "  - role: clerk", "  - role: no-such-role")
    cold = run_cli("--project", str(mini), "check", "--today", "2026-06-01")
    warm = run_cli("--project", str(mini), "check", "--today", "2026-06-01")
    assert cold.code == warm.code == 1
    assert f"{PROC}:" in cold.err and warm.err == cold.err


@pytest.mark.parametrize("damage", [b"{", b"[]", b'{"format": 1}', b"\xff\xfe", b'{"files": {"x": [1, 2]}}'])
def test_a_damaged_cache_is_ignored_and_replaced(mini: Path, damage: bytes) -> None:
    first = _snapshot(mini)
    store = cache_root(mini) / "sources" / "sources.json"
    store.write_bytes(damage)
    assert _snapshot(mini) == first
    assert json.loads(store.read_bytes())["files"]


def test_a_mangled_entry_is_ignored(mini: Path) -> None:
    first = _snapshot(mini)
    store = cache_root(mini) / "sources" / "sources.json"
    stored = json.loads(store.read_bytes())
    for entry in stored["files"].values():
        entry[1][1] = entry[1][1][:3]  # marks cut short
    store.write_text(json.dumps(stored), encoding="utf-8")
    assert _snapshot(mini) == first


def test_a_run_that_cannot_load_writes_no_cache(mini: Path) -> None:
    edit(mini, PROC, "purpose: 规范来访接待", "purpose: [规范来访接待")
    assert run_cli("--project", str(mini), "check").code == 2
    assert not cache_root(mini).exists()


def test_no_cache_is_written_when_switched_off(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_NO_CACHE", "1")
    load_handbook(mini)
    assert not (cache_root(mini) / "sources").exists()


def test_in_a_git_checkout_a_committed_cache_is_not_read(mini: Path) -> None:
    """.cache/ is only git-ignored, so a pull request can add a file there; .git/ never travels."""
    load_handbook(mini)
    forged = json.loads((mini / ".cache" / "sources" / "sources.json").read_bytes())
    forged["files"][PROC][1][0]["title"] = "伪造的标题"
    (mini / ".cache" / "sources" / "sources.json").write_text(json.dumps(forged, ensure_ascii=False), "utf-8")
    (mini / ".git").mkdir()
    assert cache_root(mini) == mini / ".git" / "handbook-cache"
    book, _ = load_handbook(mini)
    assert book.procedures["reception"].title != "伪造的标题"
    assert (mini / ".git" / "handbook-cache" / "sources" / "sources.json").is_file()


def test_a_process_that_loads_again_does_not_read_the_cache_again(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """handbook serve loads on every save: the cache file it wrote itself is not read and decoded again,
    but one changed by anyone else is, and the entries it holds still read back as parsed."""
    first = _snapshot(mini)
    store = cache_root(mini) / "sources" / "sources.json"
    reads: list[Path] = []
    real = Path.read_bytes

    def counting(path: Path) -> bytes:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", counting)
    loader_module._VALIDATED.clear()  # every file taken from the held entries: dates come back as dates
    assert _snapshot(mini) == first
    assert store not in reads
    stored = json.loads(real(store))
    stored["files"][PROC][1][0]["title"] = "别处写入的标题"
    store.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    loader_module._VALIDATED.clear()
    book, _ = load_handbook(mini)
    assert store in reads
    assert book.procedures["reception"].title == "别处写入的标题"  # the cache as it is now, not as held
