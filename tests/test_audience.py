"""The public build leaks nothing internal: a sentinel in every internal place, then every output scanned.

The fixture is a copy of the real sources with a numbered sentinel written into each internal field
and document (and links from public documents to internal ones). ``build --audience public`` must
produce none of them in any file (HTML, search index, sitemap, scripts, PDF text); the same sources
built for staff do show them, so the scan is known to find what is there.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from conftest import ROOT, run_cli
from generator.load import load_or_raise
from generator.model.audience import public_view
from sitekit import crawl, read_page

MARK = "内部哨兵X"
COST = "97531.86"  # an internal cost price: a number, so it gets its own marker
SOURCES = ("company.yaml", "glossary.yaml", "limits.yaml", "organisation", "sites", "procedures",
           "instructions", "forms", "price-lists", "reviews", "mkdocs.yml", "site_overrides")
# Where each sentinel goes (the staff site shows them all; cost prices it never shows: COST is checked apart).
PLACES = ("internal procedure title", "internal step text", "split party", "procedure notes", "variant note",
          "role duty", "role authority", "department duty", "internal form title", "history summary",
          "review comment", "form notes", "price list notes", "site notes", "role notes", "department notes")


def sentinel(place: str) -> str:
    return f"{MARK}{PLACES.index(place):02d}"


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _pick(folder: Path, public: bool, need: str = "") -> Path:
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        wanted = (data.get("visibility") == "public") == public and data.get("status") == "approved"
        if wanted and (not need or data.get(need)):  # approved: a public document may link to it
            return path
    pytest.skip(f"no {'public' if public else 'internal'} document in {folder.name}/")


def _inject(root: Path) -> dict[str, str]:
    """Write the sentinels into the copy; returns the ids of the documents involved."""
    s = sentinel
    p_int, p_pub = _pick(root / "procedures", False, "steps"), _pick(root / "procedures", True, "steps")
    f_int, f_pub = _pick(root / "forms", False), _pick(root / "forms", True)
    pl_pub = _pick(root / "price-lists", True)

    def internal_procedure(d: dict) -> None:
        d["title"] += s("internal procedure title")
        d["steps"][0]["text"] = s("internal step text")

    def public_procedure(d: dict) -> None:
        step = d["steps"][0]
        step["forms"] = step.get("forms", []) + [f_int.stem]
        step["procedures"] = step.get("procedures", []) + [p_int.stem]
        step["split"] = {"basis": "奖励", "shares": [{"party": s("split party"), "percent": 100}]}
        d["notes"] = [s("procedure notes")]
        d["variants"] = [{"name": "变体", "source": "测试", "notes": [s("variant note")]}]
        d["steps"].append({"text": "接到住户求助后五分钟内答复", "limits": ["help-reply-5min"]})  # a public limit
        history = d.setdefault("history", [])
        history.append({"version": d["version"], "date": d["effective"], "author": "测试",
                        "summary": s("history summary")})

    _edit(p_int, internal_procedure)
    _edit(p_pub, public_procedure)
    _edit(f_int, lambda d: d.update(title=d["title"] + s("internal form title")))
    _edit(f_pub, lambda d: d.update(notes=[s("form notes")]))
    _edit(pl_pub, lambda d: (d.update(notes=[s("price list notes")]), d["items"][0].update(cost=float(COST))))
    role = sorted((root / "organisation" / "roles").glob("*.yaml"))[0]
    _edit(role, lambda d: d.update(duties=[s("role duty")], authorities=[s("role authority")],
                                   notes=[s("role notes")]))
    dept = sorted((root / "organisation" / "departments").glob("*.yaml"))[0]
    _edit(dept, lambda d: d.update(duties=[s("department duty")], notes=[s("department notes")]))
    _edit(sorted((root / "sites").glob("*.yaml"))[0], lambda d: d.update(notes=[s("site notes")]))
    (root / "reviews").mkdir(exist_ok=True)
    (root / "reviews" / "audience-test.yaml").write_text(yaml.safe_dump({
        "kind": "quarterly", "date": "2026-06-01", "reviewers": [{"name": "测试", "affiliation": "品质管理中心"}], "scope": "测试",
        "documents": [{"document": p_pub.stem, "decision": "approved", "fingerprint": "sha256:" + "0" * 16,
                       "comments": [s("review comment")]}]}, allow_unicode=True), encoding="utf-8")
    return {"internal_procedure": p_int.stem, "internal_form": f_int.stem, "public_price_list": pl_pub.stem}


@pytest.fixture(scope="session")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("audience") / "project"
    root.mkdir()
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.is_file():
            shutil.copy2(source, root / name)
    return root, _inject(root)


@pytest.fixture(scope="session")
def public_site(project: tuple[Path, dict[str, str]]) -> Path:
    root, _ = project
    run = run_cli("--project", str(root), "build", "--audience", "public", "--out", str(root / "public"))
    assert run.code == 0, run.text
    return root / "public"


@pytest.fixture(scope="session")
def staff_site(project: tuple[Path, dict[str, str]]) -> Path:
    root, _ = project
    run = run_cli("--project", str(root), "build", "--no-pdf", "--out", str(root / "staff"))
    assert run.code == 0, run.text
    return root / "staff"


def _texts(site: Path) -> dict[Path, str]:
    """Every output file as text: PDFs through pdftotext, .gz unpacked, JSON-escaped text decoded."""
    texts = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        if path.suffix == ".pdf":
            text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        else:
            data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            text = data.decode("utf-8", errors="replace")
        texts[path] = text
    return texts


def _found(texts: dict[Path, str], needle: str) -> list[Path]:
    escaped = json.dumps(needle)[1:-1]  # the search index writes \uXXXX
    return [path for path, text in texts.items() if needle in text or escaped in text]


def test_public_view_strips_internal_fields(project: tuple[Path, dict[str, str]]) -> None:
    root, ids = project
    book = public_view(load_or_raise(root))
    assert ids["internal_procedure"] not in book.procedures and ids["internal_form"] not in book.forms
    assert all(item.cost is None for item in book.price_lists[ids["public_price_list"]].items)
    assert not book.reviews and all(not d.history and not d.notes for d in book.documents())


def test_public_view_links_only_to_public_documents() -> None:
    """Every link left resolves in its own kind (the real sources reuse ids across kinds)."""
    book = public_view(load_or_raise(ROOT))
    kinds = ("procedure", "instruction", "form", "price_list")
    links = [r for r in book.references() if r.kind in kinds or r.kind == "step"]
    assert links
    dangling = [(r.source.id, r.kind, r.target) for r in links
                if (r.target not in book.table(r.kind) if r.kind != "step"
                    else book.document(r.target.partition("#")[0]) is None)]
    assert dangling == []


def test_public_build_leaks_no_sentinel(public_site: Path, project: tuple[Path, dict[str, str]]) -> None:
    _, ids = project
    texts = _texts(public_site)
    kinds = {p.suffix for p in texts}
    assert {".html", ".json", ".xml", ".js", ".pdf"} <= kinds, kinds
    assert (public_site / "search" / "search_index.json").is_file()
    assert any(p.parts[-3:-1] == ("pdf", "forms") for p in texts) and not (public_site / "pdf" / "handbook.pdf").exists()
    assert all(text.strip() for path, text in texts.items() if path.suffix == ".pdf")  # pdftotext read them
    leaks = {needle: [str(p.relative_to(public_site)) for p in _found(texts, needle)] for needle in (MARK, COST)}
    assert leaks == {MARK: [], COST: []}
    assert not (public_site / "procedures" / ids["internal_procedure"]).exists()
    assert not (public_site / "forms" / ids["internal_form"]).exists()
    assert not (public_site / "rules").exists() and not (public_site / "revisions").exists()


def test_staff_build_shows_the_sentinels(staff_site: Path) -> None:
    texts = _texts(staff_site)
    missing = [place for place in PLACES if not _found(texts, sentinel(place))]
    assert missing == []


def test_public_site_reads_as_the_residents_site(public_site: Path) -> None:
    home = read_page(public_site / "index.html")
    assert "服务信息公开" in home.text
    html = (public_site / "index.html").read_text(encoding="utf-8")
    assert "员工服务手册" not in html and "内部资料" not in html  # title, description, footer
    assert not any("handbook.pdf" in link or link.startswith("roles/") for link in home.links), home.links
    assert not (public_site / "help").exists()  # how staff use the handbook
    problems = crawl(public_site, pdfs_built=True)  # every link, PDFs included, reaches a built file
    assert not problems, "\n".join(problems[:30])


def test_public_limits_page_shows_only_limits_public_steps_state(public_site: Path) -> None:
    listed = {i for i in read_page(public_site / "limits" / "index.html").ids if i.startswith("limit-")}
    linked = {link.split("#")[1] for page in public_site.rglob("*.html") if page.parts[-2] != "limits"
              for link in read_page(page).links if "limits/" in link and "#limit-" in link}
    assert linked and listed == linked
    assert len(listed) < len(load_or_raise(ROOT).limits)  # some limits are only for staff


def test_public_site_holds_no_staff_matters(public_site: Path) -> None:
    """Roles, departments, the internal glossary, review status: none of them reach the residents' site."""
    for folder in ("roles", "departments", "glossary", "revisions", "rules"):
        assert not (public_site / folder).exists(), folder
    texts = _texts(public_site)
    for word in ("复审状态", "下次复审", "岗位一览", "部门一览"):
        assert not _found(texts, word), (word, _found(texts, word)[:3])
    names = {r.name for r in load_or_raise(ROOT).roles.values()}
    home = (public_site / "index.html").read_text(encoding="utf-8")
    assert sum(name in home for name in names) < 5, "the home page does not list the posts"
