"""The Traditional-Chinese (Hong Kong) edition: nothing a reader sees is written in Simplified.

Simplified-only characters are taken from OpenCC's own tables (generator.script.simplified_only).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import run_cli

from generator.script import simplified_in, simplified_only, unescape_han
from generator.render.site.search.pack import unpack


def test_the_table_knows_simplified_from_traditional() -> None:
    assert {"规", "简", "们", "这", "处"} <= simplified_only()
    assert not {"規", "處", "户", "説", "程"} & simplified_only()
    assert simplified_in("标准作业规程") and not simplified_in("標準作業規程")


@pytest.fixture(scope="module")
def hk_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hk") / "site"
    run = run_cli("build", "--edition", "hk", "--no-pdf", "--out", str(out))
    assert run.code == 0, run.text
    return out


def test_hk_site_and_search_index_have_no_simplified_characters(hk_site: Path) -> None:
    pages = sorted(hk_site.rglob("*.html"))
    assert len(pages) > 50
    leaks = {p.relative_to(hk_site).as_posix(): s for p in pages if (s := simplified_in(p.read_text(encoding="utf-8")))}
    assert leaks == {}
    charts = sorted(hk_site.rglob("flowchart.svg"))  # each chart's full-size view; the pages inline theirs
    assert len(charts) > 5 and all("<text" in p.read_text(encoding="utf-8") for p in charts)
    assert {p.parent.name: s for p in charts if (s := simplified_in(p.read_text(encoding="utf-8")))} == {}
    index = json.loads((hk_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    # what a reader sees of the index (generator/render/site/search/index.py): page and entry titles and the
    # shared texts; the Traditional→Simplified query table (t2s) holds Simplified characters on purpose
    shared = index["config"]["handbook"]
    titles = [d["title"] for d in index["docs"]] + [e[1] for d in index["docs"] for e in d.get("e", [])]
    texts = " ".join(titles + unpack(shared)).replace("\u200b", "")  # word breaks
    assert len(index["docs"]) > 40 and "標準作業規程" in texts
    assert simplified_in(texts) == {}
    assert simplified_in(" ".join(shared["words"])) == {}


def test_hk_pages_say_zh_hk_and_use_the_term_table(hk_site: Path) -> None:
    page = (hk_site / "procedures" / "convenience-services" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="zh-HK"', page)
    assert "<title>有償便民服務標準作業規程 - 示例港九物業服務手冊</title>" in page
    assert "HKPM/QP-001" in page
    everything = " ".join(p.read_text(encoding="utf-8") for p in hk_site.rglob("*.html"))
    assert "程序" in everything and "程式" not in everything  # the term table, not the converter's guess
    assert "服務質素" in everything and "質量" not in everything
