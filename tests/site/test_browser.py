"""The site in a real browser (Debian's Chromium, driven by Playwright): search, links, flowchart,
offline use from disk, printing. Screenshots go to test-artifacts/ for a person to look at."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Iterator

import pytest
from sitekit import ROOT, real_site  # noqa: F401 (fixture)

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                                               "(make test installs it)")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] = _Quiet) -> Iterator[str]:
    """Serve a folder on a free local port; yields the server's root URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def base_url(real_site: Path) -> Iterator[str]:
    with serve(real_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as play:
        chromium = play.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def _page(browser, width: int = 1280, height: int = 900):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.outside = []  # requests that leave the machine: there must be none
    page.on("request", lambda r: page.outside.append(r.url)
            if not r.url.startswith(("http://127.0.0.1", "file:", "data:", "blob:")) else None)
    return page


def _search(page, query: str) -> list[str]:
    """Type a query and return every result's URL, scrolling until the list stops growing."""
    page.click(".md-search__input")
    page.fill(".md-search__input", query)
    page.keyboard.press("End")  # the theme reads the query on keyup, as after typing with an IME
    page.wait_for_selector(".md-search-result__item", timeout=20_000)
    count = -1
    while count != page.locator(".md-search-result__item").count():
        count = page.locator(".md-search-result__item").count()
        page.locator(".md-search-result__item").last.scroll_into_view_if_needed()
        page.wait_for_timeout(400)
    return [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]


def _has(urls: list[str], path: str) -> bool:
    return any(path in url for url in urls)


def test_search_finds_procedures_by_chinese_words(browser, base_url: str) -> None:
    page = _page(browser)
    page.goto(base_url)
    assert _has(_search(page, "投诉"), "procedures/complaint-handling/")
    page.screenshot(path=str(ARTIFACTS / "search-complaint.png"))
    page.goto(base_url)
    assert _has(_search(page, "特约服务"), "procedures/special-services/")
    assert page.outside == []
    page.close()


def test_record_link_opens_the_form_page(browser, base_url: str) -> None:
    page = _page(browser)
    page.goto(base_url + "procedures/resident-help/")
    page.screenshot(path=str(ARTIFACTS / "procedure-desktop.png"))
    page.click('#sec-records ~ div a[href$="forms/resident-help-register/index.html"], '
               '#sec-records ~ table a[href$="forms/resident-help-register/index.html"]')
    page.wait_for_load_state()
    assert page.url.endswith("forms/resident-help-register/index.html")
    assert "住户求助登记表" in page.locator("h1").inner_text()
    page.screenshot(path=str(ARTIFACTS / "form-desktop.png"), full_page=True)
    page.close()


def test_flowchart_is_drawn_without_a_script(browser, base_url: str) -> None:
    """The chart is SVG in the page as built: there with JavaScript off, and no script is fetched for it."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    bare = context.new_page()
    bare.goto(base_url + "procedures/resident-help/")
    box = bare.locator("svg.hb-flow__svg").bounding_box()
    assert box and box["height"] > 300  # drawn as a diagram, not left as source text
    bare.locator(".hb-flow__chart").screenshot(path=str(ARTIFACTS / "flowchart-desktop.png"))
    context.close()
    page = _page(browser)
    page.goto(base_url + "procedures/resident-help/#step-3-1")
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "branches-desktop.png"))
    assert page.outside == []
    page.close()


def test_pages_fit_a_phone(browser, base_url: str) -> None:
    page = _page(browser, 390, 844)
    for name, url in (("home", ""), ("procedure", "procedures/resident-help/"), ("role", "roles/front-desk-clerk/"),
                      ("form", "forms/customer-request-form/"), ("price-list", "price-lists/special-services/")):
        page.goto(base_url + url)
        page.wait_for_timeout(300)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{name} scrolls sideways by {overflow}px on a phone"
        page.screenshot(path=str(ARTIFACTS / f"{name}-phone.png"))
    page.close()


def test_site_works_opened_from_disk(browser, real_site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(real_site, copy)
    page = _page(browser)
    page.goto((copy / "procedures/resident-help/index.html").as_uri())
    assert page.locator("svg.hb-flow__svg text").count() > 20
    assert _has(_search(page, "投诉"), "procedures/complaint-handling/")
    page.screenshot(path=str(ARTIFACTS / "offline-search.png"))
    assert page.outside == []
    page.close()


def test_procedure_prints_on_a4_without_navigation(browser, base_url: str, tmp_path: Path) -> None:
    if not shutil.which("pdftotext"):
        pytest.skip("needs pdftotext (poppler-utils)")
    page = _page(browser)
    page.goto(base_url + "procedures/resident-help/")
    pdf = tmp_path / "resident-help.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    shutil.copy(pdf, ARTIFACTS / "procedure-print.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "595.2" in info and "841.8" in info or "A4" in info  # 210 x 297 mm
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"], capture_output=True,
                           text=True).stdout
    second = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "LYWG/QP-010" in first and "住户求助服务管理标准作业规程" in first
    assert re.search(r"LYWG/QP-010 · 版本 [A-Z]/\d+", second)  # the running header, on every page
    assert "岗位一览" not in first and "搜索" not in first  # no navigation, no search box
    page.close()
