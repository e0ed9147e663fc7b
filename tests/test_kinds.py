"""One registry of kinds: a new kind needs a model and a registry entry, and is private by default.

The throwaway kind below (合同范本, "contract") is added the way a developer would: a model with a
reference field and one ``register`` call, nothing else. It must load, be checked (its reference
too), render with the generic page, be listed in its catalogue and the navigation, back-link from
the form it names, and never reach the public build although its files say ``visibility: public``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import MINI, ROOT, Run
from generator.model import kinds

DRIVER = textwrap.dedent('''
    import sys
    from typing import Annotated
    from pydantic import Field
    from generator.model import kinds
    from generator.model.base import Id, Line, RefTo
    from generator.model.document import Document

    class ContractTemplate(Document):
        """合同范本: a new kind of controlled document."""
        public_fields = Document.public_fields | {"parties", "forms"}
        parties: list[Line] = Field(default_factory=list, title="合同当事人")
        forms: list[Annotated[Id, RefTo("form")]] = Field(default_factory=list, title="配套表单")

    kinds.register(kinds.Kind("contract", ContractTemplate, "合同范本", 35, folder="contracts", code="HT",
                              url="contracts", catalogue="合同范本一览", nav="合同范本"))
    from generator.cli import main
    raise SystemExit(main(sys.argv[1:]))
''')

CONTRACT = textwrap.dedent('''\
    code: TEST/HT-001
    title: 装修管理服务协议范本
    version: A/0
    effective: 2026-01-01
    status: approved
    owner: office
    approver: boss
    visibility: public
    parties: [甲方（业主）, 乙方（物业服务企业）]
    forms: [visit-register]
    history:
      - {version: A/0, date: 2025-12-01, author: 品质部, summary: 首次发布, approved_by: boss}
''')
TITLE = "装修管理服务协议范本"


def run(project: Path, *args: str) -> Run:
    driver = project.parent / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(driver), "--project", str(project), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    from sitekit import site_project

    target = site_project(MINI, tmp_path / "mini")
    (target / "contracts").mkdir()
    (target / "contracts" / "renovation.yaml").write_text(CONTRACT, encoding="utf-8")
    return target


def test_a_new_kind_loads_and_is_checked(project: Path) -> None:
    ok = run(project, "check", "--today", "2026-06-01", "--rule", "REF002", "--rule", "ID002")
    assert ok.code == 0, ok.text
    path = project / "contracts" / "renovation.yaml"
    path.write_text(CONTRACT.replace("forms: [visit-register]", "forms: [no-such-form]"), encoding="utf-8")
    bad = run(project, "check", "--today", "2026-06-01", "--rule", "REF002")
    assert bad.code == 1 and "contracts/renovation.yaml:10:" in bad.err and "REF002" in bad.err, bad.text
    assert "Traceback" not in bad.text


def test_a_new_kind_renders_is_listed_and_stays_internal(project: Path, tmp_path: Path) -> None:
    staff = run(project, "build", "--no-pdf", "--out", str(tmp_path / "staff"), "--today", "2026-06-01")
    assert staff.code == 0, staff.text
    page = (tmp_path / "staff" / "contracts" / "renovation" / "index.html").read_text(encoding="utf-8")
    assert TITLE in page and "甲方（业主）" in page and "TEST/HT-001" in page
    assert TITLE in (tmp_path / "staff" / "contracts" / "index.html").read_text(encoding="utf-8")
    form = (tmp_path / "staff" / "forms" / "visit-register" / "index.html").read_text(encoding="utf-8")
    assert TITLE in form, "the form page back-links the new kind's document"
    assert 'href="contracts/' in (tmp_path / "staff" / "index.html").read_text(encoding="utf-8")

    public = run(project, "build", "--no-pdf", "--audience", "public", "--out", str(tmp_path / "public"))
    assert public.code == 0, public.text
    leaks = [p for p in (tmp_path / "public").rglob("*") if p.is_file() and TITLE.encode() in p.read_bytes()]
    assert not leaks, f"an undeclared kind reached the public build: {leaks}"
    assert not (tmp_path / "public" / "contracts").exists()


def test_documents_of_two_kinds_may_share_an_id(project: Path) -> None:
    """A contract named like the form: fine, but a review record naming just the id is ambiguous."""
    (project / "contracts" / "visit-register.yaml").write_text(
        CONTRACT.replace("TEST/HT-001", "TEST/HT-002"), encoding="utf-8")
    ambiguous = run(project, "check", "--today", "2026-06-01", "--format", "json")
    hits = [f for f in json.loads(ambiguous.out)["findings"] if f["code"] == "REF010"]
    assert ambiguous.code == 1 and {f["file"] for f in hits} == {
        "reviews/2026-expert.yaml", "reviews/2026-q1-internal.yaml"}, ambiguous.text
    for review in (project / "reviews").glob("*.yaml"):
        text = review.read_text(encoding="utf-8")
        review.write_text(text.replace("- document: visit-register", "- document: visit-register\n    kind: form"),
                          encoding="utf-8")
    clear = run(project, "check", "--today", "2026-06-01", "--format", "json")
    assert clear.code == 0 and "Traceback" not in clear.text, clear.text


def test_registry_refuses_a_clash() -> None:
    with pytest.raises(ValueError):
        kinds.register(kinds.Kind("form", kinds.get("form").model, "表单", 99))
    with pytest.raises(ValueError):
        kinds.register(kinds.Kind("other", kinds.get("form").model, "表单", 99, folder="forms"))


def test_no_other_module_lists_the_kinds() -> None:
    """All the document kinds are named together only in the registry (a guard against a second table)."""
    offenders = []
    for path in (ROOT / "generator").rglob("*.py"):
        if path.name == "kinds.py":
            continue
        text = path.read_text(encoding="utf-8")
        keyed = all(f'"{name}":' in text for name in ("procedure", "instruction", "form", "price_list"))
        if keyed or re.search(r'"procedure",\s*"instruction",\s*"form",\s*"price_list"', text):
            offenders.append(path.relative_to(ROOT))
    assert not offenders, offenders


def test_check_imports_no_renderer(project: Path) -> None:
    code = ("import sys; from generator.cli import main\n"
            "try:\n    main(['--project', sys.argv[1], 'check'])\nexcept SystemExit:\n    pass\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('weasyprint', 'mkdocs', 'jinja2'))\n"
            "print(','.join(bad))")
    proc = subprocess.run([sys.executable, "-c", code, str(project)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.stdout.strip().splitlines()[-1:] in ([], [""]), proc.stdout


def test_every_reference_mark_names_a_kind() -> None:
    """A RefTo typo would leave a field unchecked: every mark names a registered kind (or step/document)."""
    from generator.model.base import SourceModel, shape

    seen: set[type] = set()
    todo: list[type] = [k.entry_model for k in kinds.kinds()] + [k.model for k in kinds.kinds()]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for name, mark in shape(cls).refs:
            assert mark.kind in kinds.KINDS or mark.kind in ("step", "document"), (cls.__name__, name, mark.kind)
        for name in shape(cls).children:
            annotation = cls.model_fields[name].annotation
            todo += [t for t in _types(annotation) if isinstance(t, type) and issubclass(t, SourceModel)]


def _types(annotation: object) -> list[object]:
    from typing import get_args

    return [annotation, *[t for arg in get_args(annotation) for t in _types(arg)]]


def test_every_kind_with_pages_has_a_view() -> None:
    from generator.render.site.views import VIEWS
    from generator.render.site import render  # noqa: F401 (views register on import)

    missing = [k.name for k in kinds.kinds() if k.url and k.template not in VIEWS]
    assert not missing, missing
