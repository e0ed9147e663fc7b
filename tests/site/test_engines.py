"""Other site engines on this project (docs/site.md, "Site engines and Material's end of life").

ProperDocs (a drop-in fork of MkDocs 1.6) must build the same site as MkDocs, byte for byte apart
from the generator tag. Zensical ignores the handbook plugin (it builds only the hand-written
pages from mkdocs.yml), but builds every page once they are written as Markdown files."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT))
from benchmarks.preview_bench import copy_project  # noqa: E402
from benchmarks.site_bench import markdown_twin  # noqa: E402

GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')
ZENSICAL = Path(sys.executable).with_name("zensical")


def _run(command: list[str], project: Path) -> None:
    proc = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=900,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): GENERATOR_TAG.sub(b"", p.read_bytes())
            for p in sorted(site.rglob("*")) if p.is_file() and p.suffix != ".gz"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(a copy of this project, its site built by MkDocs with the handbook plugin)."""
    tmp = tmp_path_factory.mktemp("engines")
    project = copy_project(tmp / "project")
    _run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp / "mkdocs")], project)
    return project, tmp / "mkdocs"


@pytest.mark.skipif(importlib.util.find_spec("properdocs") is None,
                    reason="ProperDocs is not installed (make setup-test installs the pinned version from pyproject.toml)")
def test_properdocs_builds_the_same_site_as_mkdocs(built: tuple[Path, Path], tmp_path: Path) -> None:
    project, mkdocs_site = built
    _run([sys.executable, "-m", "properdocs", "build", "-d", str(tmp_path / "properdocs")], project)
    ours, theirs = _files(mkdocs_site), _files(tmp_path / "properdocs")
    pages = [name for name in ours if name.endswith("index.html")]
    assert len(pages) > 140  # every procedure, form, role … page
    assert ours.keys() == theirs.keys()
    differ = [name for name in ours if ours[name] != theirs[name]]
    assert not differ, differ[:5]
    tag = GENERATOR_TAG.search((tmp_path / "properdocs" / "index.html").read_bytes())
    assert tag and b"ProperDocs" in tag.group(0)  # it really was ProperDocs that built it
    procedure = (tmp_path / "properdocs" / "procedures" / "community-culture" / "index.html").read_text(encoding="utf-8")
    assert "社区文化工作制度及活动组织程序" in procedure and 'id="annual-plan"' in procedure
    assert b'"location"' in theirs["search/search_index.json"]


@pytest.mark.skipif(not ZENSICAL.exists(), reason="Zensical is not installed (make setup-test installs the pinned version)")
def test_zensical_drops_the_plugin_but_builds_the_pages_as_markdown(built: tuple[Path, Path], tmp_path: Path) -> None:
    project, mkdocs_site = built
    # With the project's mkdocs.yml: the handbook plugin is ignored, without a word, only hand-written pages come out.
    _run([str(ZENSICAL), "build", "-f", "mkdocs.yml"], project)
    alone = sorted(str(p.relative_to(project / "site")) for p in (project / "site").rglob("*.html"))
    assert alone == ["404.html", "help/index.html"], alone  # when this fails, Zensical reads the plugin now: re-plan
    # The same pages written as Markdown first (benchmarks/site_bench.py's twin): every page, same anchors.
    twin = markdown_twin(project, mkdocs_site, tmp_path / "twin")
    _run([str(ZENSICAL), "build", "-f", "mkdocs.yml"], twin)
    site = twin / "site"
    ours = {str(p.relative_to(mkdocs_site)) for p in mkdocs_site.rglob("index.html")}
    theirs = {str(p.relative_to(site)) for p in site.rglob("index.html")}
    ours.discard("help/index.html")  # hand-written, not one of the generated pages the twin holds
    assert len(theirs) > 140 and theirs == ours, sorted(ours ^ theirs)[:5]
    page = (site / "procedures" / "community-culture" / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'id="([^"]+)"', (mkdocs_site / "procedures" / "community-culture" / "index.html")
                         .read_text(encoding="utf-8")))
    assert {"annual-plan", "activity-record"} <= ids and all(f'id="{i}"' in page for i in ("annual-plan", "activity-record"))
    assert 'class="mermaid"' in page and "<table" in page and "handbook.css" in page
    assert "客户需求处理单" in (site / "search.json").read_text(encoding="utf-8")  # its own index, text not segmented
