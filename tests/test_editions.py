"""Editions: editions/NAME.yaml validated like any source, checked as the edition sees the sources,
and applied as a pure transform of the Handbook (generator.model.edition_view)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from conftest import TODAY, edit, run_cli
from generator.load import load_or_raise
from generator.model.edition_view import edition_view, without_editions

NOT_SOURCES = shutil.ignore_patterns(".*", "site", "site-*", "build", "review", "review-*", "tests", "test-artifacts",
                                     "docs", "benchmarks", "generator", "__pycache__", "node_modules")

EDITION = """\
title: 分公司版
company:
  name: 分公司物业管理有限公司
  short_name: 分公司物业
  code_prefix: FGS
roles:
  - id: clerk
    name: 前台接待
"""


def write(project: Path, text: str, name: str = "branch") -> None:
    (project / "editions").mkdir(exist_ok=True)
    (project / "editions" / f"{name}.yaml").write_text(text, encoding="utf-8")


def check(project: Path, *args: str) -> tuple[int, list[dict]]:
    run = run_cli("--project", str(project), "check", "--format", "json", "--today", TODAY, *args)
    assert "Traceback" not in run.text
    return run.code, json.loads(run.out)["findings"] if run.out else []


def test_edition_renames_role_company_and_codes(mini: Path) -> None:
    write(mini, EDITION)
    book = load_or_raise(mini)
    view = edition_view(book, book.table("edition")["branch"])
    assert view.company.name == "分公司物业管理有限公司" and view.company.code_prefix == "FGS"
    assert view.roles["clerk"].name == "前台接待"
    proc = view.procedures["reception"]
    assert proc.code == "FGS/QP-001" and view.forms["visit-register"].code.startswith("FGS/")
    assert "edition" not in view.tables
    assert book.roles["clerk"].name == "接待员" and book.procedures["reception"].code == "TEST/QP-001"  # pure
    assert proc.where("code") == book.procedures["reception"].where("code")  # positions kept


def test_merged_role_is_gone_and_its_steps_move(mini: Path) -> None:
    write(mini, "title: 合并版\nroles:\n  - {id: clerk, into: boss}\n")
    book = load_or_raise(mini)
    view = edition_view(book, book.table("edition")["branch"])
    assert "clerk" not in view.roles
    proc = view.procedures["reception"]
    assert [r.role for r in proc.responsibilities] == ["boss"]
    assert all(step.roles == ["boss"] for step in proc.steps)
    assert "接待员" not in proc.steps[0].text  # the merged role's name in text follows
    assert "总经理" in proc.steps[0].text


def test_default_build_leaves_editions_out(mini: Path) -> None:
    write(mini, EDITION)
    book = load_or_raise(mini)
    assert "edition" not in without_editions(book).tables and book.roles["clerk"].name == "接待员"


def test_check_edition_reports_a_dangling_merge_at_the_edition_file(mini: Path) -> None:
    write(mini, "title: 合并版\nroles:\n  - id: clerk\n    into: ghost\n")
    code, found = check(mini, "--edition", "branch")
    assert code == 1
    hits = [f for f in found if f["code"] == "REF004"]
    assert hits and hits[0]["file"] == "editions/branch.yaml" and hits[0]["line"] == 4, found


def test_check_edition_fails_when_the_editions_view_breaks_a_rule(mini: Path) -> None:
    """A merge the sources allow but the edition's own view does not: boss then approves as clerk."""
    write(mini, "title: 合并版\nroles:\n  - {id: boss, into: clerk}\n")
    assert check(mini)[0] == 0  # the company's own edition is fine
    code, found = check(mini, "--edition", "branch")
    assert code == 1 and any(f["code"] == "ROL002" for f in found), found


def test_unknown_edition_and_invalid_edition_file(mini: Path) -> None:
    code, found = check(mini, "--edition", "nowhere")
    assert code == 2 and found[0]["code"] == "CFG006" and found[0]["file"] == "editions/nowhere.yaml"
    for text, message in (("title: 繁体版\nscript: zh-Hant\n", "region"), ("title: 版\nroles:\n  - {id: clerk}\n", "二者取一"),
                          ("title: 版\nscript: zh-Hans\nregion: HK\n", "zh-Hant")):
        write(mini, text)
        run = run_cli("--project", str(mini), "check", "--today", TODAY)
        assert run.code == 2 and "Traceback" not in run.text
        assert run.err.startswith("editions/branch.yaml:") and message in run.err, run.err


def test_build_edition_writes_its_own_folder(mini: Path, tmp_path: Path) -> None:
    for name in ("mkdocs.yml", "site_overrides"):
        source = Path(__file__).parents[1] / name
        target = mini / name
        if source.is_dir():
            import shutil
            shutil.copytree(source, target)
        else:
            target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    write(mini, EDITION)
    run = run_cli("--project", str(mini), "build", "--edition", "branch", "--no-pdf", "--today", TODAY)
    assert run.code == 0, run.text
    page = (mini / "site-branch" / "procedures" / "reception" / "index.html").read_text(encoding="utf-8")
    assert "FGS/QP-001" in page and "前台接待" in page and "<title>来访接待规程 - 分公司物业服务手册</title>" in page
    assert not (mini / "site").exists()
    edit(mini, "editions/branch.yaml", "title: 分公司版", "title: 分公司版\nsite_title: 分公司员工手册")
    run = run_cli("--project", str(mini), "build", "--edition", "branch", "--no-pdf", "--today", TODAY)
    assert run.code == 0 and "分公司员工手册" in (mini / "site-branch" / "index.html").read_text(encoding="utf-8")


def test_site_placeholders_filled_from_the_one_site_or_neutral(mini: Path) -> None:
    from conftest import ROOT
    from generator.context import make_context
    from generator.model import Handbook

    def step_texts(book: Handbook) -> str:
        return "\n".join(n.step.text or "" for n in book.steps(book.procedures["resident-help"]))

    company_wide = make_context(ROOT).book  # two sites: the neutral wording
    assert "在小区入口处做好接应准备" in step_texts(company_wide) and "{site." not in step_texts(company_wide)
    assert "瑞金广场" not in (ROOT / "procedures" / "resident-help.yaml").read_text(encoding="utf-8")
    edit(mini, "procedures/reception.yaml", "text: 接待员登记来访信息", "text: 接待员在{site.entrance}登记来访信息,电话{site.service_phone}")
    write(mini, "title: 花园版\nsites: [garden]\n")
    one_site = make_context(mini, edition="branch", today=dt.date(2026, 6, 1)).book
    assert one_site.procedures["reception"].steps[0].text == "接待员在花园小区入口处登记来访信息,电话028-00000000"


def test_converter_follows_the_term_table_over_the_converter() -> None:
    from generator.model.edition import Region
    from generator.model.glossary import Conversion
    from generator.script import Converter

    table = [Conversion(simplified="文件", tw="文件"), Conversion(simplified="质量", hk="質素", forbidden=["質量"])]
    tw, hk = Converter(Region.tw, table), Converter(Region.hk, table)
    assert tw.raw("受控文件") == "受控檔案" and tw.convert("受控文件") == "受控文件"
    assert hk.convert("服务质量评价") == "服務質素評價" and hk.forbidden(hk.raw("服务质量")) == ["質量"]
    assert hk.convert("ASCII only") == "ASCII only" and hk.convert("") == ""


def test_edition_diff_lists_where_converter_and_table_differ() -> None:
    from conftest import ROOT

    run = run_cli("--project", str(ROOT), "edition-diff", "hk")
    assert run.code == 0, run.text
    rows = {line.split("\t")[0]: line for line in run.out.splitlines()}
    assert "质量" in rows and "質量" in rows["质量"] and "質素" in rows["质量"]
    assert "程序" not in rows  # opencc-purepy s2hk keeps 程序, as the table wants
    assert run_cli("--project", str(ROOT), "edition-diff", "market-development").code == 2


def test_each_edition_field_s_message_names_that_field_at_its_line(mini: Path) -> None:
    """The whole class: a bad value of an edition field is reported at its line, under its own Chinese name."""
    cases = {
        "company:\n  code_prefix: hk1\n": ("editions/branch.yaml", 3, "编号前缀(code_prefix)", "编号前缀"),
        "sites: []\n": ("editions/branch.yaml", 2, "项目(sites)", "不写 sites"),
        "script: zh-Hant\n": ("editions/branch.yaml", 2, "文字(script)", "CN(不写 region 时即为 CN)不是繁体地区"),
        "region: XX\n": ("editions/branch.yaml", 2, "地区(region)", "HK"),
        "audience: everyone\n": ("editions/branch.yaml", 2, "读者范围(audience)", "public"),
    }
    cases["region: CN\nscript: zh-Hant\n"] = ("editions/branch.yaml", 3, "文字(script)", "CN(不写 region 时即为 CN)不是繁体地区")
    for body, (file, line, field, words) in cases.items():
        write(mini, "title: 分公司版\n" + body)
        code, findings = check(mini)
        assert code == 2, body
        [finding] = [f for f in findings if f["file"] == file]
        assert (finding["line"], finding["code"]) == (line, "SCH003"), (body, finding)
        assert field in finding["message"] and words in finding["message"] + finding.get("hint", ""), finding
        assert "版本号" not in finding["message"], finding


def test_notes_quote_the_original_documents_as_they_were() -> None:
    """编写说明 say what the seed's documents said (原编号 LYWG/QR-046): an edition keeps their codes and
    names, and converts only their script; the entries' own codes follow the edition."""
    from conftest import ROOT

    from generator.context import make_context

    book = make_context(ROOT, edition="market-development").book
    room = book.procedures["meeting-room"]
    assert room.code.startswith("SLJW/") and book.forms["meeting-room-register"].code == "SLJW/QR-046"
    assert any("（LYWG/QR-046）" in n and "沿用原编号" in n for n in room.notes)
    assert not any("SLJW" in n for doc in book.documents() for n in getattr(doc, "notes", []))
    hk = make_context(ROOT, edition="hk").book
    assert any("（LYWG/QR-046）" in n and "沿用原編號" in n for n in hk.procedures["meeting-room"].notes)


def test_built_site_pass_converts_escaped_page_json_but_leaves_library_escapes(tmp_path: Path) -> None:
    """Pages carry the theme's messages as \\u-escaped JSON: decoded and converted. A library's escapes
    (mermaid names character ranges in regular expressions so) are code, left as they are."""
    from generator.model.edition import Region
    from generator.script import Converter, convert_tree

    page = '<html lang="zh"><script id="__config">{"t": "\\u627e\\u5230 1 \\u4e2a\\u7ed3\\u679c"}</script>页</html>'
    library = 'var range = /[\\u4e2a-\\u9fa5]/; // 个'
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "lib.js").write_text(library, encoding="utf-8")
    convert_tree(tmp_path, Converter(Region.hk), "zh-HK")
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == \
        '<html lang="zh-HK"><script id="__config">{"t": "找到 1 個結果"}</script>頁</html>'
    assert (tmp_path / "assets" / "lib.js").read_text(encoding="utf-8") == 'var range = /[\\u4e2a-\\u9fa5]/; // 個'


def test_converter_memory_serves_the_next_build_and_follows_the_term_table(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Conversions kept in the project's cache are read back by the next build; a changed term table
    (or converter) makes a new memory, so an old answer is never used."""
    from generator.model.edition import Region
    from generator.model.glossary import Conversion
    from generator.script import Converter

    text = "标准作业规程的服务质量"
    first = Converter(Region.hk, [], tmp_path)
    converted = first.convert(text)
    first.keep()

    def no_converter(self: Converter, text: str) -> str:
        raise AssertionError(f"converted again: {text}")
    again = Converter(Region.hk, [], tmp_path)
    monkeypatch.setattr(Converter, "raw", no_converter)
    assert again.convert(text) == converted == "標準作業規程的服務質量"
    monkeypatch.undo()
    table = [Conversion(simplified="质量", hk="質素", forbidden=["質量"])]
    changed = Converter(Region.hk, table, tmp_path)
    assert changed.convert(text) == "標準作業規程的服務質素"
    changed.keep()
    assert len(list(tmp_path.glob("convert-HK-*.json"))) == 1  # the old table's memory is gone


def _docs_example() -> str:
    """The edition file docs/editions.md shows (the block that starts ``# editions/market-development.yaml``)."""
    from conftest import ROOT
    text = (ROOT / "docs" / "editions.md").read_text(encoding="utf-8")
    return text.split("# editions/market-development.yaml\n", 1)[1].split("```", 1)[0]


def test_one_site_edition_leaves_out_what_names_only_other_sites(tmp_path: Path) -> None:
    """The manual's example (``sites: [ruijin-plaza]``) checks, and its view names no other site."""
    from conftest import ROOT
    from generator.context import make_context
    project = tmp_path / "repo"
    shutil.copytree(ROOT, project, ignore=NOT_SOURCES)
    write(project, _docs_example(), "docex")
    run = run_cli("--project", str(project), "check", "--edition", "docex")
    assert run.code == 0, run.text
    book = make_context(project, edition="docex").book
    assert list(book.sites) == ["ruijin-plaza"]
    assert "property-fees-jiazhou" not in book.price_lists and book.price_lists  # only for 加州城市花园
    named = {ref.target for ref in book.references() if ref.kind == "site"}
    assert named <= {"ruijin-plaza"}, named
    steps = "\n".join(n.step.text or "" for n in book.steps(book.procedures["resident-help"]))
    assert "瑞金广场入口处" in steps and "{site." not in steps
    run = run_cli("--project", str(project), "notices", "ruijin-plaza", "--draft", "--edition", "docex",
                  "--out", str(tmp_path / "out"))
    assert run.code == 0, run.text


def test_site_lists_keep_only_the_included_sites(mini: Path) -> None:
    """A list naming some left-out sites keeps the others; one naming only left-out sites is left out,
    and a site's own list of price lists drops it."""
    garden = (mini / "sites" / "garden.yaml").read_text(encoding="utf-8")
    (mini / "sites" / "tower.yaml").write_text(garden.replace("花园小区", "塔楼小区").replace("[fees]", "[fees, tower-fees]"),
                                                encoding="utf-8")
    edit(mini, "price-lists/fees.yaml", "sites: [garden]", "sites: [garden, tower]")
    fees = (mini / "price-lists" / "fees.yaml").read_text(encoding="utf-8")
    (mini / "price-lists" / "tower-fees.yaml").write_text(
        fees.replace("TEST/PL-001", "TEST/PL-002").replace("sites: [garden, tower]", "sites: [tower]"), encoding="utf-8")
    write(mini, "title: 花园版\nsites: [garden]\n")
    book = load_or_raise(mini)
    assert book.price_lists["fees"].scope.sites == ["garden", "tower"]
    view = edition_view(book, book.table("edition")["branch"])
    assert list(view.sites) == ["garden"] and list(view.price_lists) == ["fees"]
    assert view.price_lists["fees"].scope.sites == ["garden"]
    assert check(mini, "--edition", "branch")[0] == 0


def test_merge_leaves_one_glossary_term_and_a_colliding_rename_is_reported_at_the_edition(mini: Path) -> None:
    """A department merged into another: its glossary term (now the target's name) goes, the
    target's own definition stays; a rename to another post's name is EDN005 at the rename's line."""
    glossary = "terms:\n  - term: 管理处\n    definition: 物业公司派驻小区的机构。\n  - term: 总经理室\n    definition: 公司的领导机构。\n"
    (mini / "glossary.yaml").write_text(glossary, encoding="utf-8")
    write(mini, "title: 合并版\ndepartments:\n  - {id: head-office, into: office}\n")
    book = load_or_raise(mini)
    view = edition_view(book, book.table("edition")["branch"])
    assert view.glossary is not None
    assert [(t.term, t.definition) for t in view.glossary.terms] == [("管理处", "物业公司派驻小区的机构。")]
    code, found = check(mini, "--edition", "branch")
    assert code == 0, found
    for text, line in (("title: 改名版\nroles:\n  - id: clerk\n    name: 总经理\n", 4),
                       ("title: 改名版\ndepartments:\n  - {id: office, name: 总经理室}\n", 3)):
        write(mini, text)
        code, found = check(mini, "--edition", "branch")
        assert code == 1 and [f["code"] for f in found if f["severity"] == "error"] == ["EDN005"], found
        hit = next(f for f in found if f["code"] == "EDN005")
        assert hit["file"] == "editions/branch.yaml" and hit["line"] == line, hit
        assert "总经理" in hit["message"] and "into" in hit["hint"], hit


@pytest.mark.parametrize("name", ["market-development", "service-centre", "public-affairs"])
def test_variant_wording_follows_the_seed_without_doubled_or_self_naming(name: str) -> None:
    """Each variant edition's convenience-services text: no duty of a role works 「会同」 that role
    itself (after a merge), and the cashier is named as that seed names it (第1篇 财务部收银处,
    第2篇 客户服务中心收费员; only 第3/4篇 write 财务部管理处收银处)."""
    from conftest import ROOT
    from generator.context import make_context
    book = make_context(ROOT, edition=name).book
    proc = book.procedures["convenience-services"]
    for duty in proc.responsibilities:
        own = book.roles[duty.role].name
        assert not any(f"会同{own}" in text for text in duty.duties), (own, duty.duties)
    texts = [t for n in book.steps(proc) for t in [n.step.text or "", *n.step.items]]
    texts += [t for r in proc.responsibilities for t in r.duties]
    body = "\n".join(texts)
    doubled = {"market-development": "财务部管理处", "service-centre": "财务部管理处"}.get(name)
    if doubled:
        assert doubled not in body, [t for t in texts if doubled in t]
    variant = proc.variants[0]
    if name == "market-development":
        assert "财务部收银处" in body and "财务部（收银处）" in variant.departments
        homes = {book.departments[r.department or book.roles[r.role].department].name
                 for r in proc.responsibilities if r.role != "general-manager"}
        assert homes == {"市场拓展部", "财务部"}, homes  # 第1篇: 市场拓展部、财务部（收银处）; no 管理处
    if name == "service-centre":
        assert "客户服务中心收费员" in body and "客户服务中心收费员" in variant.roles


def test_print_commands_name_the_edition_that_leaves_an_id_out(mini: Path, tmp_path: Path) -> None:
    """An id the sources have but the edition leaves out is not 「没有这个…」: the edition is named."""
    from conftest import ROOT
    run = run_cli("forms", "parking-rental-register", "--edition", "public-affairs", "--out", str(tmp_path))
    assert run.code == 2 and "没有这个" not in run.err, run.text
    assert "版本「公共事务部版」(editions/public-affairs.yaml)不包括这个表单: parking-rental-register" in run.err
    assert (ROOT / "forms" / "parking-rental-register.yaml").exists()
    write(mini, "title: 花园版\nsites: [garden]\n")
    (mini / "sites" / "tower.yaml").write_text((mini / "sites" / "garden.yaml").read_text(encoding="utf-8")
                                               .replace("花园小区", "塔楼小区").replace("price_lists: [fees]\n", ""),
                                               encoding="utf-8")
    run = run_cli("--project", str(mini), "notices", "tower", "--edition", "branch", "--out", str(tmp_path))
    assert run.code == 2 and "版本「花园版」(editions/branch.yaml)不包括这个项目: tower" in run.err, run.text
    run = run_cli("--project", str(mini), "notices", "nowhere", "--edition", "branch", "--out", str(tmp_path))
    assert run.code == 2 and "没有这个项目 id: nowhere" in run.err, run.text


def test_fold_table_maps_every_spelling_to_one_simplified_character() -> None:
    """The table a Traditional site's index is cut and searched through (search/fold.py): Traditional,
    HK and Taiwan variants and Simplified characters all fold to one Simplified character, one
    character to one (a text keeps its length); Simplified-only characters are written back as a
    Traditional one that folds to them."""
    from generator.render.site.search.fold import fold, fold_table, spelling
    from generator.script import simplified_only

    assert fold("戶户") == "户户" and fold("說説说") == "说说说" and fold("衛衞卫") == "卫卫卫"
    assert fold("會議室投訴") == "会议室投诉" and fold("台臺檯") == "台台台"
    assert all(len(k) == len(v) == 1 for k, v in fold_table().items())
    written = spelling(simplified_only())
    assert written["议"] == "議" and all(fold(t) == s and t not in simplified_only() for s, t in written.items())


def test_tw_edition_keeps_the_domain_words_the_phrase_converter_rewrites() -> None:
    """s2twp turns 项目 (a managed site) into 專案, 设备 into 裝置, 用户 into 使用者 …: the glossary's
    term table keeps the property-management words in a TW edition, over the whole repository."""
    from conftest import ROOT
    from generator.model.edition import Edition, Region, Script
    from generator.script import converter_for
    book = load_or_raise(ROOT)
    converter = converter_for(book, Edition(title="台灣版", script=Script.hant, region=Region.tw))
    assert converter is not None and converter.raw("项目") == "專案"  # the converter alone
    text = "\n".join(t for rel, t in book.texts.items() if not rel.startswith("editions/") and rel != "glossary.yaml")
    out = converter.convert(text)
    assert out.count("項目") >= 300 and "項目經理" in out
    for word in ("專案", "程式", "裝置", "使用者", "型別", "許可權", "釋出", "連線", "介面", "軟體"):
        assert word not in out, word


def test_edition_diff_lists_phrase_changes_of_glossary_terms(mini: Path) -> None:
    """A glossary term the converter changes as a phrase is listed even without a table row."""
    (mini / "glossary.yaml").write_text("terms:\n  - term: 用户\n    definition: 业主及物业使用人。\n"
                                        "  - term: 投诉\n", encoding="utf-8")
    write(mini, "title: 台灣版\nscript: zh-Hant\nregion: TW\n", "tw")
    run = run_cli("--project", str(mini), "edition-diff", "tw")
    assert run.code == 0, run.text
    rows = {line.split("\t")[0]: line for line in run.out.splitlines()}
    assert set(rows) == {"用户"} and "使用者" in rows["用户"] and "术语表未定写法" in rows["用户"], run.out
    (mini / "glossary.yaml").write_text("terms:\n  - term: 用户\nconversions:\n  - {simplified: 用户, tw: 用戶}\n",
                                        encoding="utf-8")
    run = run_cli("--project", str(mini), "edition-diff", "tw")
    assert "用户\t转换器(TW): 使用者\t术语表: 用戶" in run.out, run.out


def test_built_site_pass_leaves_a_search_file_that_is_no_handbook_index(tmp_path: Path) -> None:
    """The search folder of a site the handbook's plugin did not index (the theme's own index) is
    converted as text; only the handbook's index is cut again through Simplified (search/fold.py)."""
    from generator.model.edition import Region
    from generator.script import Converter, convert_tree

    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text('{"docs": [{"title": "会议室"}]}', encoding="utf-8")
    (tmp_path / "search" / "search_index.js").write_text("var __index = 会议", encoding="utf-8")
    convert_tree(tmp_path, Converter(Region.hk), "zh-HK")
    assert (tmp_path / "search" / "search_index.json").read_text(encoding="utf-8") == '{"docs": [{"title": "會議室"}]}'
    assert (tmp_path / "search" / "search_index.js").read_text(encoding="utf-8") == "var __index = 會議"
