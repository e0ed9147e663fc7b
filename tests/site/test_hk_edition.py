"""The Traditional-Chinese (Hong Kong) edition: nothing a reader sees is written in Simplified.

Simplified-only characters are taken from OpenCC's own tables (generator.script.simplified_only).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import run_cli

from scriptscan import leaks, reader_text, scanned

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


def _search(site: Path, queries: list[str]) -> list[list[str]]:
    """The result pages of each query, best first, from the site's own worker run in node."""
    import shutil
    import subprocess
    node = shutil.which("node")
    if node is None:
        pytest.skip("needs node")
    [worker] = [p for p in (site / "assets" / "javascripts" / "workers").glob("*.js")
                if "module.exports" in p.read_text(encoding="utf-8")]
    script = ("const w = require(process.argv[1]);"
              "w.setup(JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8')));"
              "for (const q of process.argv.slice(3)) console.log(JSON.stringify(w.search(q).items.map(g => g[0].location)))")
    run = subprocess.run([node, "-e", script, str(worker), str(site / "search" / "search_index.json"), *queries],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return [json.loads(line) for line in run.stdout.splitlines()]
