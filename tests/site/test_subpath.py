"""Every page type, and the 404 page, styled and complete from disk and under a sub-path
(https://host/handbook/...), the 404 page also at any depth of a missing URL."""

from __future__ import annotations

import http.server
import shutil
from pathlib import Path
from typing import Iterator

import pytest
from sitekit import real_site  # noqa: F401 (fixture)
from test_browser import ARTIFACTS, CHROMIUM, _page, browser, serve  # noqa: F401 (fixtures)
from test_contrast import PAGES

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
PREFIX = "handbook"
NESTED = "sites/handbook"  # sites/ is also a top-level folder of the site
TEAL = "rgb(0, 121, 107)"  # the header colour of handbook.css: material's CSS and ours both loaded


class _SiteWith404(http.server.SimpleHTTPRequestHandler):
    """Serves a folder and, like a web server's error_page, 404.html of the site at ``prefix`` for anything missing."""

    prefix = PREFIX

    def log_message(self, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / self.prefix / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _NestedSiteWith404(_SiteWith404):
    prefix = NESTED


@pytest.fixture(scope="module", params=[PREFIX, NESTED])
def sub_path(request: pytest.FixtureRequest, real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site under /handbook/, and under /sites/handbook/ (its first folder named like one of the site's)."""
    root = tmp_path_factory.mktemp("served")
    shutil.copytree(real_site, root / request.param)
    with serve(root, _SiteWith404 if request.param == PREFIX else _NestedSiteWith404) as url:
        yield url + request.param + "/"


def _check(page, url: str, name: str, root: str | None = None, colour: str = TEAL) -> None:
    """Styled and complete: every stylesheet and script of the page loaded (from ``root`` if given),
    the header in ``colour`` (the theme's CSS and ours applied)."""
    failed: list[str] = []
    loaded: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: (loaded if r.status < 400 else failed).append(r.url)
            if r.request.resource_type != "document" else None)
    page.goto(url)
    page.wait_for_timeout(200)
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header == colour, f"{name}: unstyled ({header})"
    wanted = page.evaluate("[...document.querySelectorAll('link[rel=stylesheet], script[src]')]"
                           ".map(e => e.href || e.src)")
    if root is not None:  # the 404 page: its links resolve against the <base> its script set
        assert wanted and all(w.startswith(root) for w in wanted), wanted
        # nothing asked relative to the missing URL (the preload scanner reads ahead of the script)
        failed = [f for f in failed if not f.endswith("/sitemap.xml")]  # the script's probes for the root
        assert all(f.startswith(root) for f in failed + loaded), failed + loaded
    assert set(wanted) <= set(loaded) or url.startswith("file:"), f"{name}: not loaded {set(wanted) - set(loaded)}"
    assert not failed, f"{name}: {failed}"


def test_every_page_type_under_a_sub_path(browser, sub_path: str) -> None:
    for name, url in PAGES.items():
        page = _page(browser)
        _check(page, sub_path + url, name)
        assert page.outside == []
        page.close()


@pytest.mark.parametrize("missing", ["procedures/no-such-procedure/", "forms/a/b/c/d.html", "no/such/folder/", "x",
                                     "nope/", "sites/nope/"])
def test_404_at_any_depth_under_a_sub_path(browser, sub_path: str, missing: str) -> None:
    page = _page(browser, 390, 844)
    _check(page, sub_path + missing, "404 " + missing, root=sub_path)
    assert "页面不存在" in page.locator("h1").inner_text()
    home = page.evaluate("document.querySelector('.md-content a[href]').href")
    assert home == sub_path + "index.html"
    if missing == "no/such/folder/":
        page.screenshot(path=str(ARTIFACTS / "not-found-phone.png"))
        page.click("label.md-header__button[for='__search']")
        page.fill(".md-search__input", "投诉")
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__item a", timeout=10_000)  # search works here too
        first = page.evaluate("document.querySelector('.md-search-result__item a').href")
        assert first.startswith(sub_path + "procedures/complaint-handling/"), first
    page.close()


def test_every_page_type_and_404_from_disk(browser, real_site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(real_site, copy)
    for name, url in {**PAGES, "not found": "404.html"}.items():
        page = _page(browser)
        target = copy / url / "index.html" if url.endswith("/") or not url else copy / url
        _check(page, target.as_uri(), name, root=copy.as_uri() + "/" if name == "not found" else None)
        assert page.outside == []
        page.close()
