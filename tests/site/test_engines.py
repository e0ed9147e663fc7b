"""Other site engines on this project: ProperDocs (a drop-in fork of MkDocs 1.6) must build the same
site as MkDocs, page for page and byte for byte apart from the generator tag."""

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

GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


def _build(engine: str, project: Path, out: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", engine, "build", "-d", str(out)], cwd=project, capture_output=True,
                          text=True, timeout=900, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): GENERATOR_TAG.sub(b"", p.read_bytes())
            for p in sorted(site.rglob("*")) if p.is_file() and p.suffix != ".gz"}


@pytest.mark.skipif(importlib.util.find_spec("properdocs") is None,
                    reason="ProperDocs is not installed (make setup-test installs the pinned version from pyproject.toml)")
def test_properdocs_builds_the_same_site_as_mkdocs(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _build("mkdocs", project, tmp_path / "mkdocs")
    _build("properdocs", project, tmp_path / "properdocs")
    ours, theirs = _files(tmp_path / "mkdocs"), _files(tmp_path / "properdocs")
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
