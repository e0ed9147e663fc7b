"""The renderer reads only project files and data: URIs; anything else stops it with an error."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from generator.render.print.fontpack import font_faces_css
from generator.render.print.fonts import load_fonts
from generator.render.print.job import Job
from generator.render.print.pdf import RenderRefused, render_document, render_job

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def render(html: str, project: Path | None):  # noqa: ANN201 - a WeasyPrint document
    return render_document(html, font_faces_css(load_fonts(), html), project)


@pytest.mark.parametrize("tag, url", [
    ('<img src="http://example.com/x.png">', "http://example.com/x.png"),
    ('<img src="https://example.com/x.png">', "https://example.com/x.png"),
    ('<img src="file:///etc/passwd">', "file:///etc/passwd"),
    ('<link rel="stylesheet" href="http://example.com/evil.css">', "http://example.com/evil.css"),
    ('<style>@import url("ftp://example.com/a.css");</style>', "ftp://example.com/a.css"),
    ('<div style="background: url(file:///etc/hostname)">x</div>', "file:///etc/hostname"),
])
def test_foreign_resources_are_refused(tmp_path: Path, tag: str, url: str) -> None:
    with pytest.raises(RenderRefused) as caught:
        render(f"<html><head></head><body>{tag}<p>正文</p></body></html>", tmp_path)
    assert caught.value.finding.code == "PRT005" and url in caught.value.finding.message


def test_files_outside_the_project_are_refused_even_relative(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "secret.png").write_bytes(PNG)
    with pytest.raises(RenderRefused) as caught:
        render(f'<img src="file://{project}/../secret.png">', project)
    assert "不在项目目录内" in caught.value.finding.message


def test_project_files_and_data_uris_are_served(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(PNG)
    data = "data:image/png;base64," + base64.b64encode(PNG).decode()
    doc = render(f'<img src="file://{tmp_path}/logo.png"><img src="{data}"><p>标志</p>', tmp_path)
    assert len(doc.pages) == 1


def test_a_refused_job_becomes_an_error_finding_and_no_pdf(tmp_path: Path) -> None:
    job = Job("x.pdf", "form.html.j2", None, "测试", None)
    job.__dict__["page"] = '<img src="http://example.com/x.png">'  # the HTML a hostile template would make
    result = render_job(job, load_fonts(), tmp_path)
    assert result.pdf is None and [f.code for f in result.findings] == ["PRT005"]
