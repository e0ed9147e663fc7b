"""The Traditional-Chinese (Hong Kong) edition: nothing a reader sees is written in Simplified.

Simplified-only characters are taken from OpenCC's own tables (generator.script.simplified_only).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

from scriptscan import leaks, reader_text, scanned
from test_browser import browser  # noqa: F401 (fixture)

from generator.render.site.search.fold import fold
from generator.script import simplified_in, simplified_only


def test_the_table_knows_simplified_from_traditional() -> None:
    assert {"规", "简", "们", "这", "处"} <= simplified_only()
    assert not {"規", "處", "户", "説", "程"} & simplified_only()
    assert simplified_in("标准作业规程") and not simplified_in("標準作業規程")


@pytest.fixture(scope="module")
def hk_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hk") / "site"
    run = run_cli("build", "--edition", "hk", "--out", str(out))  # site and every PDF
    assert run.code == 0, run.text
    return out


def test_hk_site_and_search_index_have_no_simplified_characters(hk_site: Path) -> None:
    """Every file a reader opens, \\u-escapes decoded: pages (with the theme's messages in their config
    script), scripts, stylesheets, the search index and its offline copy, the sitemap; every PDF's text
    and metadata (forms, notices, the bound handbook)."""
    files = scanned(hk_site)
    assert len([f for f in files if f.endswith(".html")]) > 50
    assert len([f for f in files if f.startswith("pdf/forms/")]) > 30 and "pdf/handbook.pdf" in files
    assert any(f.startswith("pdf/notices/") for f in files)
    assert {"search/search_index.json", "search/search_index.js", "assets/javascripts/handbook.js",
            "assets/stylesheets/print.css", "404.html"} <= set(files)
    assert leaks(hk_site) == {}
    charts = sorted(hk_site.rglob("flowchart.svg"))  # each chart's full-size view; the pages inline theirs
    assert len(charts) > 5 and all("<text" in p.read_text(encoding="utf-8") for p in charts)
    assert all(p.relative_to(hk_site).as_posix() in files for p in charts)  # scanned with the rest, above
    index = json.loads((hk_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = " ".join(d["title"] for d in index["docs"])
    assert len(index["docs"]) > 40 and "標準作業規程" in titles


def test_hk_theme_messages_and_print_footer_are_traditional(hk_site: Path) -> None:
    page = reader_text(hk_site / "index.html")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', page, re.S)[1])
    messages = " ".join(config["translations"].values())
    assert "搜尋" in messages or "檢索" in messages  # mkdocs-material's Traditional translation (theme language)
    assert simplified_in(messages) == {} and simplified_only() & set("个复该页还") == set("个复该页还")
    assert '" counter(page) " 頁 / 共 " counter(pages) " 頁"' in page  # the printed footer, from the page


def test_hk_pages_say_zh_hk_and_use_the_term_table(hk_site: Path) -> None:
    page = (hk_site / "procedures" / "convenience-services" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="zh-HK"', page)
    assert "<title>有償便民服務標準作業規程 - 示例港九物業服務手冊</title>" in page
    assert "HKPM/QP-001" in page
    everything = " ".join(p.read_text(encoding="utf-8") for p in hk_site.rglob("*.html"))
    assert "程序" in everything and "程式" not in everything  # the term table, not the converter's guess
    assert "服務質素" in everything and "質量" not in everything


def test_hk_search_finds_the_same_pages_for_variant_traditional_and_simplified_input(hk_site: Path) -> None:
    """Pages say 户, 説, 衞 (OpenCC's HK forms); HK keyboards type 戶, 說, 衛, and staff may type
    Simplified: each spelling of a word gets the same results (the site's own worker, run in node)."""
    groups = [("住户", "住戶"), ("説明", "說明", "说明"), ("衞生", "衛生", "卫生"), ("投訴", "投诉"), ("會議室", "会议室")]
    queries = [q for group in groups for q in group]
    found = dict(zip(queries, _search(hk_site, queries)))
    for group in groups:
        assert len(found[group[0]]) >= 3, (group[0], found[group[0]])
        assert all(found[q] == found[group[0]] for q in group), {q: found[q][:3] for q in group}


def test_hk_search_knows_hong_kong_words(hk_site: Path) -> None:
    """Staff in Hong Kong write 幾多錢 (how much), 水喉 (tap), 光管 (fluorescent tube): search.words
    lists them in Simplified and the edition converts them with the index."""
    queries = {"複印幾多錢": ("price-lists/convenience-services/", 1), "水喉": ("instructions/tap-valve/", 3),
               "光管": ("instructions/fluorescent-lamp/", 3)}
    for (query, (page, within)), urls in zip(queries.items(), _search(hk_site, list(queries))):
        assert any(u.startswith(page) for u in urls[:within]), (query, urls[:5])


def test_hk_index_is_cut_as_words_through_simplified(hk_site: Path) -> None:
    """會議室 is one word of the hk index (会议室), not 會 | 議 | 室: each Traditional text is cut as its
    Simplified copy (search/fold.py), so most Han tokens are words, as in the Simplified edition (a
    cut with the Simplified dictionary alone left half of them single characters)."""
    data = json.loads((hk_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    handbook = data["config"]["handbook"]
    assert handbook["fold"] == 1
    dictionary = {fold(w) for w in handbook["words"]}  # written in Traditional characters that fold back
    assert {"会议室", "投诉", "住户", "特约服务", "安全员"} <= dictionary
    cuts = [c.split(" ") for c in _node(hk_site, "w.unpack(data.config.handbook.vocab, data.config.handbook.texts)"
                                                ".map(t => w.segment(w.folded(t)).join(' '))")]
    han = [w for c in cuts for w in c if re.fullmatch(r"[\u3400-\u9fff]+", w)]
    single = sum(1 for w in han if len(w) == 1) / len(han)
    assert len(han) > 10_000 and single < 0.3, single
    assert sum(c.count("会议室") for c in cuts) >= 10 and not any("議" in w for c in cuts for w in c)


def test_hk_traditional_queries_find_the_expected_page_first(hk_site: Path) -> None:
    """The project's queries (search_queries.QUERIES) typed in Traditional (as s2hk writes them, 投訴,
    會議室使用登記表) and as written: the expected page first, as in the Simplified edition."""
    from opencc_purepy import OpenCC
    from search_queries import QUERIES

    typed = OpenCC("s2hk")
    for queries in ([typed.convert(q) for q, _, _ in QUERIES], [q for q, _, _ in QUERIES]):
        ranks = [next((i for i, url in enumerate(urls) if any(e in url for e in expected.split("|"))), -1)
                 for (_, expected, _), urls in zip(QUERIES, _search(hk_site, queries))]
        misses = [(q, r) for q, r in zip(queries, ranks) if r != 0]
        assert all(0 <= r < 5 for r in ranks) and len(misses) <= 0.03 * len(QUERIES), misses


def test_hk_results_mark_whole_traditional_words(hk_site: Path) -> None:
    """Marks and ?h= words are the page's own Traditional spelling, whole words, whatever the query's
    script: 會議室 (not 会议室, nor 會 議 室), 24小時 for 二十四小時 (the table's 「24 小時」 marked whole)."""
    heads = _node(hk_site, "['會議室', '会议室', '會議室使用登記表', '二十四小時', '住户投诉'].map(q => w.search(q).items[0])")
    room, simple, form, hours, complaint = heads
    for group in (room, simple):
        assert group[0]["location"] == "procedures/meeting-room/index.html"
        assert all(i["terms"] == {"會議室": True} for i in group), [i["terms"] for i in group]
        assert "<mark>會議室</mark>" in group[0]["title"] and "<mark>會</mark>" not in str(group)
    assert form[0]["title"] == "<mark>會議室使用登記表</mark>" and form[0]["terms"] == {"會議室使用登記表": True}
    limit = next(i for i in hours if i["location"].endswith("#limit-callback-24h"))
    assert limit["terms"] == {"24小時": True} and "<mark>24 小時</mark>" in limit["text"], limit
    assert complaint[0]["title"] == "<mark>住户投訴</mark>登記表" and complaint[0]["terms"] == {"住户投訴": True}
    assert any(i["terms"] == {"住户": True, "投訴": True} for i in complaint)  # entries holding the two words apart
    words = " ".join(w for group in heads for i in group for w in i["terms"])
    assert simplified_in(words) == {}, words


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_hk_browser_cuts_text_as_the_build_did(hk_site: Path, browser) -> None:  # noqa: F811 (fixture)
    """In Chromium, the hk site's own worker (as converted with the site) folds and cuts every text of
    the hk index into the words the build cut it into (fold.py over the converted handbook's words)."""
    import datetime as dt
    import html

    from conftest import ROOT
    from test_browser_search import browser_cut

    from generator.context import make_context
    from generator.render.site.search.index import folded_segmenter
    from generator.render.site.search.pack import unpack
    from generator.render.site.searchdict import words

    book = make_context(ROOT, today=dt.date(2026, 11, 30), edition="hk").book
    cut = folded_segmenter(tuple(sorted({fold(w) for w in words(book)}))).words
    index = (hk_site / "search" / "search_index.json").read_text(encoding="utf-8")
    texts = [html.unescape(t) for t in unpack(json.loads(index)["config"]["handbook"])]
    expected = [" ".join(cut(fold(t))) for t in texts]
    got = browser_cut(browser, index, _worker(hk_site).read_text(encoding="utf-8"))
    assert len(got) == len(expected) > 100
    differ = [(t, e, g) for t, e, g in zip(texts, expected, got) if e != g]
    assert not differ, differ[:3]


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_hk_search_box_lands_on_the_step_with_the_traditional_word_marked(hk_site: Path, browser) -> None:  # noqa: F811
    """In Chromium, 会议室 typed in Simplified into the hk site's search box: the meeting-room step
    first, marked 會議室 in the result; its link carries ?h=會議室 and the page marks the word there."""
    from urllib.parse import parse_qs, urlparse

    from test_browser import ARTIFACTS, _page, serve
    from test_browser_search import _results

    with serve(hk_site) as url:
        page = _page(browser, 390, 844)
        page.goto(url)
        assert _results(page, "会议室")[0].endswith("/procedures/meeting-room/index.html")
        step = page.locator(".md-search-result__item").first.locator("a[href*='#step-']").first
        assert "<mark>會議室</mark>" in step.inner_html()
        assert parse_qs(urlparse(step.get_attribute("href") or "").query)["h"] == ["會議室"]
        step.click()
        page.wait_for_load_state()
        page.wait_for_timeout(500)
        anchor = page.evaluate("location.hash.slice(1)")
        marks = page.locator(f"li[id='{anchor}'] mark").all_inner_texts()
        page.screenshot(path=str(ARTIFACTS / "search-landed-hk-phone.png"))
        page.close()
    assert marks and set(marks) == {"會議室"}, marks


def _worker(site: Path) -> Path:
    [worker] = [p for p in (site / "assets" / "javascripts" / "workers").glob("*.js")
                if "module.exports" in p.read_text(encoding="utf-8")]
    return worker


def _node(site: Path, expression: str) -> Any:
    """``expression`` evaluated in node with ``w``, the site's own worker, set up on its index (``data``)."""
    import shutil
    import subprocess
    node = shutil.which("node")
    if node is None:
        pytest.skip("needs node")
    script = ("const w = require(process.argv[1]);"
              "const data = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8')); w.setup(data);"
              f"console.log(JSON.stringify({expression}))")
    run = subprocess.run([node, "-e", script, str(_worker(site)), str(site / "search" / "search_index.json")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def _search(site: Path, queries: list[str]) -> list[list[str]]:
    """The result pages of each query, best first, from the site's own worker run in node."""
    return _node(site, f"{json.dumps(queries, ensure_ascii=False)}.map(q => w.search(q).items.map(g => g[0].location))")
