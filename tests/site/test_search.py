"""The search index: the handbook's own words whole, numbers with their units, one entry per step,
price item and section (generator/render/site/search/)."""

from __future__ import annotations

import html
import json
from pathlib import Path

from sitekit import ROOT, read_page, real_site  # noqa: F401 (fixture)

from generator.load import load_or_raise
from generator.render.site.search.entries import MAX_TEXT
from generator.render.site.search.segment import jieba_segmenter
from generator.render.site.searchdict import words
from generator.render.site.search.pack import unpack


def index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def texts(site: Path) -> list[str]:
    return [html.unescape(t) for t in unpack(index(site)["config"]["handbook"])]


def locations(site: Path) -> dict[str, tuple[str, str]]:
    """Every entry's URL → (title, text)."""
    data = index(site)
    table = texts(site)
    found = {}
    for page in data["docs"]:
        found[page["location"]] = (html.unescape(page["title"]), table[page["x"]])
        for anchor, title, text in page["e"]:
            found[f"{page['location']}#{anchor}"] = (html.unescape(title), table[text])
    return found


def tokens(site: Path) -> set[str]:
    """The words of every entry text, cut as the build and the browser cut them."""
    cut = jieba_segmenter(words(load_or_raise(ROOT))).words
    return {w for text in texts(site) for w in cut(text)}


def test_domain_terms_are_whole_tokens(real_site: Path) -> None:
    found = set(index(real_site)["config"]["handbook"]["words"])
    for term in ("客户需求处理单", "专属客户经理"):
        assert term in found, term


def test_labels_on_every_page_of_a_kind_are_no_search_text(real_site: Path) -> None:
    """The document card's labels (文件编号, 批准人 …) and a form's PDF button stand on every page of a
    kind: a query for 批准 or 打印 would find them all. The card's values stay (the code, the owner)."""
    entries = locations(real_site)
    _, card = entries["procedures/resident-help/index.html"]
    assert "LYWG/QP-010" in card and "物业部" in card, card
    assert not any(label in card for label in ("文件编号", "批准人", "归口部门", "下次复审", "每季度")), card
    _, form = entries["forms/customer-request-form/index.html"]
    assert "打印" not in form, form
    _, site = entries["sites/jiazhou-city-garden/index.html"]  # a site's card labels name its numbers
    assert "投诉电话" in site, site


def test_dictionary_holds_roles_forms_departments_and_glossary() -> None:
    book = load_or_raise(ROOT)
    listed = set(words(book))
    assert {"客户需求处理单", "专属客户经理"} <= listed
    assert all(role.name in listed for role in book.roles.values() if len(role.name) > 1)
    assert all(form.title in listed for form in book.forms.values() if " " not in form.title)


def test_glossary_colloquial_words_are_search_synonyms_of_their_term() -> None:
    """glossary.yaml 俗称 (colloquial): the quality department's own search words, no code change."""
    from generator.render.site.search.words import synonyms

    book = load_or_raise(ROOT)
    found = synonyms(book)
    assert all(found.get(word, [None])[0] == term.term or term.term in found.get(word, [])
               for term in book.glossary.terms for word in term.colloquial), found
    assert "客户需求处理单" in found["派工单"]


def test_offline_search_index_is_inlined(real_site: Path) -> None:
    script = (real_site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert script.startswith("var __index = {")


def test_numbers_keep_their_units(real_site: Path) -> None:
    found = tokens(real_site)
    assert {"50元", "24小时", "20元"} <= found


def test_segmenter_keeps_units_and_words() -> None:
    cut = jieba_segmenter(["客户需求处理单"]).words
    assert cut("客户需求处理单") == ["客户需求处理单"]
    assert cut("24小时内回访") == ["24小时", "内", "回访"]
    assert cut("代收现金不超过５０ 元") [-1] == "50元"  # full-width digits, a space before the unit
    assert cut("LYWG/QP-016") == ["lywg", "qp", "016"]
    assert cut("第3.5个工作日") == ["第", "3.5个工作日"]


def test_every_step_and_price_item_is_an_entry(real_site: Path) -> None:
    entries = locations(real_site)
    page = read_page(real_site / "procedures" / "resident-help" / "index.html")
    steps = {i for i in page.ids if i.startswith("step-")}
    assert len(steps) > 10
    assert {f"procedures/resident-help/index.html#{s}" for s in steps} <= set(entries)
    assert any(u.startswith("price-lists/special-services/index.html#item-") for u in entries)
    assert "forms/customer-request-form/index.html#sec-fields" in entries
    assert max(len(text) for _, text in entries.values()) <= MAX_TEXT
    first_aid = [u for u, (title, _) in entries.items() if u.startswith("procedures/resident-help/") and "急救" in title]
    assert first_aid and all("#step-" in u for u in first_aid)


def test_the_dictionary_holds_every_word_the_texts_use(real_site: Path) -> None:
    shipped = index(real_site)["config"]["handbook"]["words"]
    han = {w for w in tokens(real_site) if "\u4e00" <= w[0] <= "\u9fff"}
    assert han and han <= set(shipped)


def test_a_formula_part_amount_is_not_the_item_title() -> None:
    """家电维修 is 维修费 30 元/次 plus materials: a result titled 「家电维修 30 元/次」 would read as all-in."""
    from generator.render.site.search.entries import entries

    html = ('<table><tr id="item-1-1"><td><strong>家电维修</strong></td><td>维修费 + 材料费<br>'
            '<span>维修费 <strong>30 元/次</strong></span></td></tr></table>')
    item = [e for e in entries("有偿服务收费标准", html) if e.kind == "item"]
    assert [e.title for e in item] == ["家电维修"]


def test_texts_are_packed_as_vocabulary_numbers() -> None:
    """pack.py: every number has one short code that reads back; a text's tokens join to it exactly."""
    from generator.render.site.search.pack import DIGITS, code, decode, pack

    assert len(DIGITS) == 90 and not set('"\\<>&') & set(DIGITS)
    for n in [*range(2000), 1859, 1860, 55859, 55860, 10**6]:
        assert decode(code(n)) == [n], n
    assert [len(code(n)) for n in (0, 59, 60, 1859, 1860, 55859, 55860)] == [1, 1, 2, 2, 3, 3, 4]
    texts = ["接待员登记 50元 <b>&amp; \"引号\"", "", "登记"]
    vocab, codes = pack(texts, lambda run: [run[i:i + 2] for i in range(0, len(run), 2)])
    assert [html.unescape(t) for t in unpack({"vocab": vocab, "texts": codes})] == texts
    assert vocab[0] in ("登记", " ") and all(c in DIGITS for c in "".join(codes))


def test_home_page_lists_no_titles_and_comes_after_pages_about_the_query(real_site: Path) -> None:
    """The home page's listings (by category, by department, overdue) repeat document titles: left out of
    its entries, and the page itself is boosted below 1 (its words describe the handbook)."""
    home = next(p for p in index(real_site)["docs"] if p["location"] == "index.html")
    assert home["b"] < 1
    table = texts(real_site)
    home_texts = [table[home["x"]]] + [table[e[2]] for e in home["e"]]
    for title in ("受理投诉工作流程", "服务营销概论"):  # listed by category, by department, as overdue
        assert all(title not in t for t in home_texts), title
        assert title in (real_site / "index.html").read_text(encoding="utf-8")


def test_pages_carry_the_kind_a_query_can_name(real_site: Path) -> None:
    """``k``: the kinds a query can name (Kind.search_cues) (a price list for 多少钱), and the cue and title-ending tables."""
    data = index(real_site)
    kinds = {p["location"].split("/")[0]: p.get("k") for p in data["docs"]}
    assert kinds["procedures"] == "procedure" and kinds["forms"] == "form" and kinds["price-lists"] == "price_list"
    assert kinds["glossary"] is None
    hb = data["config"]["handbook"]
    assert "多少钱" in hb["cues"]["price_list"] and "登记表" in hb["tails"]


def test_sounds_group_the_characters_a_pinyin_typo_swaps() -> None:
    """words.sounds: one group per syllable, 模糊音 merged (yin/ying, z/zh), 多音字 in each of its groups."""
    from generator.render.site.search.words import sounds

    groups = sounds()
    def together(a: str, b: str) -> bool:
        return any(a in g and b in g for g in groups)
    assert together("员", "圆") and together("龙", "笼") and together("银", "营") and together("事", "室")
    assert not together("员", "处")
    assert together("行", "形") and together("行", "航")  # xing and hang
    assert sum(map(len, groups)) < 12_000
