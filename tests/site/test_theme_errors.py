"""Mistakes in the user's own site configuration: a site_overrides template that does not compile or
is gone (CFG008), mkdocs.yml that is not YAML (CFG002). ``handbook build``, ``handbook pages`` and the
preview's overlay all name the file and line, in Chinese, with the fix; never Jinja's or MkDocs' English."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

sys.path.insert(0, str(ROOT))
from benchmarks.preview_bench import copy_project, running  # noqa: E402

TEMPLATE = "site_overrides/procedure.html"


def _unclosed(project: Path) -> None:
    (project / TEMPLATE).write_text('{% extends "document.html" %}\n{% block content %}\n<p>草稿</p>\n',
                                    encoding="utf-8")


def _not_yaml(project: Path) -> None:
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    lines.insert(4, "  extra_key: [1")  # line 5: indented under a scalar
    (project / "mkdocs.yml").write_text("\n".join(lines), encoding="utf-8")


def _extends_twice(project: Path) -> None:
    text = (project / TEMPLATE).read_text(encoding="utf-8")
    (project / TEMPLATE).write_text(text + '{% extends "document.html" %}\n', encoding="utf-8")  # pasted twice


CASES = {
    "extends twice": (_extends_twice, f"{TEMPLATE}:6:1: CFG008", "只能继承一个模板"),
    "unclosed block": (_unclosed, f"{TEMPLATE}:2:1: CFG008", "没闭合"),
    "template deleted": (lambda p: (p / TEMPLATE).unlink(), f"{TEMPLATE}:1:1: CFG008", "不存在"),
    "mkdocs.yml not YAML": (_not_yaml, "mkdocs.yml:5:", "不是合法的 YAML"),
}
ENGLISH = ("TemplateSyntaxError", "TemplateNotFound", "Unexpected end", "MkDocs encountered", "mapping values",
           "生成器的缺陷", "Traceback")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("theme") / "project")


@pytest.mark.parametrize("name", sorted(CASES))
def test_build_and_pages_name_the_file_and_line(name: str, project: Path, tmp_path: Path) -> None:
    damage, where, says = CASES[name]
    saved = {rel: (project / rel).read_bytes() for rel in (TEMPLATE, "mkdocs.yml")}
    damage(project)
    try:
        for command in (["build", "--no-pdf", "--out", str(tmp_path / "site")], ["pages", "--out", str(tmp_path / "tree")]):
            result = run_cli("--project", str(project), *command)
            text = result.out + result.err
            assert result.code == 2 and where in text and says in text, (command, text[-1500:])
            assert not any(word in text for word in ENGLISH), (command, text[-1500:])
            assert not (tmp_path / "tree" / "docs").exists()
    finally:
        for rel, data in saved.items():
            (project / rel).write_bytes(data)


def test_the_preview_shows_a_template_error_in_the_overlay(project: Path) -> None:
    saved = (project / TEMPLATE).read_bytes()
    _unclosed(project)
    try:
        with running(project) as preview:
            errors = list(preview.state.errors)
            title = preview.state.title
    finally:
        (project / TEMPLATE).write_bytes(saved)
    assert any(line.startswith(f"{TEMPLATE}:2:1: CFG008") and "没闭合" in line for line in errors), errors
    assert not any(word in "\n".join(errors) for word in ENGLISH) and "还没有能生成的页面" in title


def test_a_template_failing_on_a_page_is_named_with_its_line(project: Path, tmp_path: Path) -> None:
    """A template that compiles but fails while a page renders in it (a misspelt attribute): CFG008 at
    the template's line, in Chinese, not 内部错误 with Jinja's English; nothing written."""
    saved = (project / TEMPLATE).read_bytes()
    (project / TEMPLATE).write_text(saved.decode("utf-8") + "{% block content %}{{ page.nosuch.deeper }}{{ super() }}"
                                    "{% endblock %}\n", encoding="utf-8")
    try:
        run = run_cli("--project", str(project), "build", "--no-pdf", "--out", str(tmp_path / "site"))
    finally:
        (project / TEMPLATE).write_bytes(saved)
    assert run.code == 2, run.text
    assert f"{TEMPLATE}:6:1: CFG008" in run.text and "不存在的变量或属性(nosuch)" in run.text, run.text
    assert not any(word in run.text for word in ENGLISH + ("UndefinedError",)), run.text
    assert not (tmp_path / "site").exists()
