"""The page tree's 404 page built by other engines (plain MkDocs, Zensical where installed) works as the
plugin build's does (test_subpath.py): from disk, and under a sub-path for a missing URL at any depth,
every stylesheet, script and link resolving against the site root (site_overrides/404.html)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest
from conftest import ROOT, run_cli
from test_browser import CHROMIUM, _page, browser, serve  # noqa: F401 (fixtures)
from test_subpath import PREFIX, _check, _SiteWith404

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
ZENSICAL = Path(sys.executable).with_name("zensical")


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tree404") / "tree"
    result = run_cli("--project", str(ROOT), "pages", "--out", str(out))
    assert result.code == 0, result.err
    return out


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def engine_site(request: pytest.FixtureRequest, tree: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tree built by the engine, copied under /handbook/ of a served folder's root."""
    if request.param == "zensical" and not ZENSICAL.exists():
        pytest.skip("Zensical is not installed (make setup-test installs the pinned version)")
    command = [str(ZENSICAL), "build", "-f", "mkdocs.yml"] if request.param == "zensical" else \
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"]
    shutil.rmtree(tree / "site", ignore_errors=True)
    proc = subprocess.run(command, cwd=tree, capture_output=True, text=True, timeout=900,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    root = tmp_path_factory.mktemp(f"served-{request.param}")
    shutil.copytree(tree / "site", root / PREFIX)
    return root


@pytest.fixture(scope="module")
def sub_path(engine_site: Path) -> Iterator[str]:
    with serve(engine_site, _SiteWith404) as url:
        yield url + PREFIX + "/"


@pytest.fixture(scope="module")
def header(browser, engine_site: Path) -> str:
    """The header's colour on the engine's home page (Zensical's theme has its own)."""
    page = _page(browser, 390, 844)
    page.goto((engine_site / PREFIX / "index.html").as_uri())
    colour = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    page.close()
    return str(colour)


def _links_from(page, root: str) -> None:
    """The home link and every link of the page's navigation lead into the site at ``root``."""
    home = page.evaluate("document.querySelector('.md-content a[href]').href")
    assert home == root + "index.html", home
    links = page.evaluate("[...document.querySelectorAll('.md-nav a[href], .md-tabs a[href]')].map(a => a.href)")
    assert links and all(link.startswith(root) for link in links), [x for x in links if not x.startswith(root)][:5]


@pytest.mark.parametrize("missing", ["procedures/no-such-procedure/", "forms/a/b/c/d.html", "nope/"])
def test_tree_404_at_any_depth_under_a_sub_path(browser, sub_path: str, header: str, missing: str) -> None:
    page = _page(browser, 390, 844)
    _check(page, sub_path + missing, "404 " + missing, root=sub_path, colour=header)
    assert "页面不存在" in page.locator("h1").inner_text()
    _links_from(page, sub_path)
    assert page.outside == []
    page.close()


def test_tree_404_from_disk(browser, engine_site: Path, header: str) -> None:
    site = engine_site / PREFIX
    page = _page(browser, 390, 844)
    _check(page, (site / "404.html").as_uri(), "404 from disk", root=site.as_uri() + "/", colour=header)
    _links_from(page, site.as_uri() + "/")
    assert page.outside == []
    page.close()
