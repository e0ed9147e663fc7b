"""The handbook's own search in the page tree (``handbook pages --search``) built by plain MkDocs: in
Chromium, served and from disk, queries that need the handbook's words, synonyms, typo handling and
units find the page the plugin build finds first (tests/site/search_queries.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest
from conftest import ROOT, run_cli
from search_queries import QUERIES
from test_browser import CHROMIUM, _page, _search, browser, serve  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
# queries the theme's own search (the tree without --search) does not answer with that page first,
# measured in Chromium on this repository (docs/site.md, "Site engines")
BEYOND_THEME = ("會議室", "投訴登記表", "保安", "马桶漏水", "业主投诉怎么办", "收营员", "停车位", "保安职责")


@pytest.fixture(scope="module")
def tree_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tmp_path_factory.mktemp("treesearch") / "tree"
    result = run_cli("--project", str(ROOT), "pages", "--search", "--out", str(tree))
    assert result.code == 0, result.err
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], cwd=tree, capture_output=True,
                          text=True, timeout=900, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    return tree / "site"


@pytest.fixture(scope="module")
def tree_url(tree_site: Path) -> Iterator[str]:
    with serve(tree_site) as url:
        yield url


def test_tree_search_finds_what_the_handbooks_search_finds(browser, tree_url: str) -> None:
    chosen = [(query, want) for query, want, _ in QUERIES if query in BEYOND_THEME]
    assert len(chosen) == len(BEYOND_THEME)
    page = _page(browser)
    for query, want in chosen:
        page.goto(tree_url)
        urls = _search(page, query)
        assert urls and want in urls[0], (query, urls[:3])
    assert page.outside == []
    page.close()


def test_tree_search_from_disk(browser, tree_site: Path) -> None:
    page = _page(browser)
    page.goto((tree_site / "index.html").as_uri())
    urls = _search(page, "會議室")  # Traditional characters: the theme's own search finds nothing
    assert urls and "procedures/meeting-room/" in urls[0], urls[:3]
    assert page.outside == []
    page.close()
