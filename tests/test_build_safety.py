"""The build touches only what it owns, reads each source once, and escapes the company's own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINI, run_cli
from sitekit import XSS, site_project

from generator.load import loader as loader_module
from generator.publish import build as build_module


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return site_project(MINI, tmp_path / "mini")


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("target", ["procedures", "organisation", ".", "..", "site_overrides", "notes.txt"])
def test_out_refuses_anything_but_a_build_folder(project: Path, target: str) -> None:
    (project / "notes.txt").write_text("备忘", encoding="utf-8")
    before = _tree(project.parent)
    result = run_cli("--project", str(project), "build", "--no-pdf", "--out", str(project / target))
    assert result.code == 2, result.text
    assert "CFG003" in result.err and "Traceback" not in result.text
    assert _tree(project.parent) == before, "a refused build changed files"


def test_out_accepts_new_empty_and_previous_build_folders(project: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for target in (tmp_path / "new", tmp_path / "empty", tmp_path / "new"):  # the last: its previous build
        result = run_cli("--project", str(project), "build", "--no-pdf", "--out", str(target), "--today", "2026-06-01")
        assert result.code == 0, result.text
        assert (target / build_module.STAMP).is_file() and (target / "index.html").is_file()
    assert "index.html" in result.out, "build says where to open the site"


def test_build_reads_each_source_once(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_NO_CACHE", "1")
    reads: list[str] = []
    real = loader_module._read

    def counting(root: Path, rel: str) -> object:
        reads.append(rel)
        return real(root, rel)

    monkeypatch.setattr(loader_module, "_read", counting)
    result = build_module.build(project, tmp_path / "out", pdf=False)
    assert result.code == 0, [f.format() for f in result.findings]
    sources = [p for p in project.rglob("*.yaml") if "site_overrides" not in p.parts]
    assert len(reads) == len(sources) and len(set(reads)) == len(reads), sorted(reads)


@pytest.mark.parametrize("audience", ["staff", "public"])
def test_markup_in_every_company_field_is_escaped(project: Path, tmp_path: Path, audience: str) -> None:
    (project / "company.yaml").write_text(
        f'name: "测试物业{XSS}"\nshort_name: "测试</title>{XSS}"\ncode_prefix: TEST\n'
        f'price_hotline: "12315{XSS}"\naddress: "地址{XSS}"\nphone: "电话{XSS}"\n', encoding="utf-8")
    for doc in ("procedures/reception.yaml", "forms/visit-register.yaml", "price-lists/fees.yaml"):
        path = project / doc
        path.write_text(path.read_text(encoding="utf-8").replace("visibility: internal", "visibility: public"),
                        encoding="utf-8")
    out = tmp_path / audience
    result = run_cli("--project", str(project), "build", "--no-pdf", "--audience", audience, "--out", str(out),
                     "--today", "2026-06-01")
    assert result.code == 0, result.text
    files = [p for p in out.rglob("*") if p.suffix in (".html", ".json", ".js", ".xml")]
    leaked = [str(p.relative_to(out)) for p in files if "<script>alert" in p.read_text(encoding="utf-8")]
    assert not leaked
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in home


@pytest.mark.parametrize("damage, code", [
    (lambda p: (p / "company.yaml").unlink(), "CFG005"),
    (lambda p: (p / "mkdocs.yml").unlink(), "CFG002"),
    (lambda p: (p / "mkdocs.yml").write_text('site_name: "庆通\nplugins: [handbook]\n', encoding="utf-8"), "CFG002"),
    (lambda p: (p / "mkdocs.yml").write_text((p / "mkdocs.yml").read_text(encoding="utf-8")
                                             .replace("  - handbook", ""), encoding="utf-8"), "CFG001"),
])
def test_a_broken_project_stops_the_build_and_keeps_the_last_site(project: Path, tmp_path: Path, damage, code) -> None:
    out = tmp_path / "site"
    first = run_cli("--project", str(project), "build", "--no-pdf", "--out", str(out))
    assert first.code == 0 and "未生成 PDF" in first.out, first.text  # its pages link PDFs it did not write
    before = _tree(out)
    damage(project)
    result = run_cli("--project", str(project), "build", "--no-pdf", "--out", str(out))
    assert result.code == 2 and code in result.err and "Traceback" not in result.text, result.text
    assert _tree(out) == before, "the last good site was replaced"


def test_ctrl_c_stops_a_build_within_two_seconds(tmp_path: Path) -> None:
    """Interrupted while the PDFs render (the longest stage): exit 130 at once, nothing left behind."""
    import signal
    import subprocess
    import sys
    import time

    from conftest import ROOT

    project = tmp_path / "project"
    subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(tmp_path / "src.tar"), "HEAD"], check=True)
    project.mkdir()
    subprocess.run(["tar", "xf", str(tmp_path / "src.tar"), "-C", str(project)], check=True)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "generator", "--project", str(project), "build", "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 240
    while time.time() < deadline and proc.poll() is None:
        if (tmp_path / f".out.building-{proc.pid}" / "index.html").is_file():  # the site is built: PDFs next
            break
        time.sleep(0.2)
    assert proc.poll() is None, "the build ended before its PDFs were interrupted"
    time.sleep(3)
    proc.send_signal(signal.SIGINT)
    started = time.time()
    _, err = proc.communicate(timeout=60)
    assert time.time() - started < 2, f"took {time.time() - started:.1f} s to stop"
    assert proc.returncode == 130 and "已中断" in err and "Traceback" not in err, err
    assert not out.exists() and not list(tmp_path.glob(".out.*")), "an interrupted build left files"
