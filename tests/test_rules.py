"""Every rule: the mini project passes it, and one small edit makes it fire (with file and line)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Callable

import pytest

from conftest import TODAY, edit, run_cli, run_python
from generator.check import RULES

PROC, FORM, PRICES = "procedures/reception.yaml", "forms/visit-register.yaml", "price-lists/fees.yaml"
QUARTER = "reviews/2026-q1-internal.yaml"
DEPT = "organisation/departments/office.yaml"
EDITION = "editions/branch.yaml"


def add(rel: str, text: str) -> Callable[[Path], None]:
    def write(project: Path) -> None:
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text, encoding="utf-8")
    return write


def sub(rel: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda p: edit(p, rel, old, new)


UNUSED_FORM = (Path(__file__).parent / "fixtures/mini" / FORM).read_text(encoding="utf-8")

# code -> (edit that breaks the rule, file the finding must point at, extra CLI args)
CASES: dict[str, tuple[Callable[[Path], None], str, tuple[str, ...]]] = {
    "REF001": (sub(PROC, "forms: [visit-register]", "forms: [visit-register]\n    procedures: [nowhere]"), PROC, ()),
    "REF002": (sub(PROC, "forms: [visit-register]", "forms: [visit-register, no-such-form]"), PROC, ()),
    "REF003": (sub("sites/garden.yaml", "price_lists: [fees]", "price_lists: [fees, old-fees]"), "sites/garden.yaml", ()),
    "REF004": (sub(PROC, "roles: [clerk]", "roles: [clerk, ghost]"), PROC, ()),
    "REF005": (sub("organisation/roles/clerk.yaml", "department: office", "department: attic"),
               "organisation/roles/clerk.yaml", ()),
    "REF006": (sub(PRICES, "sites: [garden]", "sites: [garden, meadow]"), PRICES, ()),
    "REF007": (sub(PROC, 'see: ["#register"]', 'see: ["#nowhere"]'), PROC, ()),
    "REF008": (sub(PROC, "limits: [callback-24h]", "limits: [callback-24h, ghost-limit]"), PROC, ()),
    "REC001": (sub(PROC, "  - form: visit-register", "  - form: visit-register\n  - form: fees"), PROC, ()),
    "REC002": (sub(FORM, "retention: 2年\n", ""), PROC, ()),
    "REC003": (sub(PROC, "records:\n  - form: visit-register\n", ""), PROC, ()),
    "FRM001": (add("forms/old-register.yaml", UNUSED_FORM.replace("TEST/QR-001", "TEST/QR-002")),
               "forms/old-register.yaml", ()),
    "FRM002": (sub(FORM, "rows: 12", "rows: 12\ncopies:\n  - label: 存根联\n  - label: 客户联\n    omit: [经 办人员]"), FORM, ()),
    "FRM003": (sub(FORM, "rows: 12", "rows: 12\nfields:\n  - label: 联系电话\n  - label: 联系电话\ncopies:\n"
                   "  - label: 存根联\n  - label: 客户联\n    omit: [联系电话]"), FORM, ()),
    "ROL001": (sub(PROC, "roles: [clerk]", "roles: [clerk, boss]"), PROC, ()),
    "ROL002": (sub(PROC, "approver: boss", "approver: clerk"), PROC, ()),
    "ID001": (add("forms/copy-register.yaml", UNUSED_FORM), "forms/copy-register.yaml", ()),
    "ID002": (sub(PROC, "code: TEST/QP-001", "code: TEST/SOP-1"), PROC, ()),
    "ID003": (sub(PROC, "id: callback", "id: register"), PROC, ()),
    "ID004": (sub("organisation/roles/clerk.yaml", "name: 接待员", "name: 总经理"), "organisation/roles/clerk.yaml", ()),
    "PRC001": (sub(PRICES, "approver: boss", "approver: clerk"), PRICES, ()),
    "PRC002": (sub(PRICES, "approved: 2026-03-10", "approved: 2026-05-01"), PRICES, ()),
    "PRC003": (lambda p: None, PRICES, ("--today", "2027-06-01")),
    "PRC004": (sub(PRICES, "    formula: 维修费 + 材料费\n    components:\n      - {name: 维修费, price: 30}\n"
                   "      - {name: 材料费, method: 另计，按《材料报价单》经业主确认}\n", ""), PRICES, ()),
    "PRC005": (sub(PRICES, "    unit: 元/次\n", ""), PRICES, ()),
    "PRC006": (sub(PRICES, "    free: true\n", "    unit: 元/辆·月\n    price: 150\n    pricing: guided\n"), PRICES, ()),
    "PRC007": (sub(PRICES, "    free: true\n", "    unit: 元/平方米·月\n    price: 2.50\n    pricing: guided\n"
                   "    base_price: 1.80\n    float_range: ±10%\n    price_document: 成发改价格〔2025〕7号\n"), PRICES, ()),
    "PRC008": (sub(PRICES, "basis: 依据物业服务合同第八条\n", ""), PRICES, ()),
    "PRC009": (sub(PRICES, "      - {name: 维修费, price: 30}\n", ""), PRICES, ()),
    "PRC010": (sub(PRICES, "scope: {level: site, sites: [garden]}", "scope: {level: region, region: 北京}"),
               "sites/garden.yaml", ()),
    "PRC011": (sub(PRICES, "scope: {level: site, sites: [garden]}", "scope: {level: site, sites: [garden]}\nfee: property"),
               PRICES, ()),
    "PCT001": (sub(PROC, "    limits: [callback-24h]\n",
                   "    limits: [callback-24h]\n    split:\n      basis: 奖励分配\n      shares:\n"
                   "        - {party: 项目经理, percent: 10}\n        - {party: 受理部门, percent: 20}\n"
                   "        - {party: 实施部门, percent: 60}\n"), PROC, ()),
    "LIM001": (sub(PROC, "text: 接待员登记来访信息", "text: 接待员在30分钟内登记来访信息"), PROC, ()),
    "LIM002": (sub(PROC, "text: 处理完毕后24小时内回访", "text: 处理完毕后两日内回访"), PROC, ()),
    "GLO001": (sub(PROC, "purpose: 规范来访接待", "purpose: 规范来访接待和住户投拆"), PROC, ()),
    "DOC001": (sub(FORM, "status: approved", "status: draft"), PROC, ()),
    "DOC002": (sub(PROC, "version: A/0", "version: A/1"), PROC, ()),
    "DOC003": (sub(FORM, "date: 2025-12-01", "date: 2026-12-01"), FORM, ()),
    "DOC004": (sub(PROC, "date: 2025-12-01", "date: 2026-01-05"), PROC, ()),
    "ORG001": (sub(DEPT, "level: 管理处", "level: 管理处\nparent: office"), DEPT, ()),
    "ORG002": (sub("organisation/roles/boss.yaml", "department:", "reports_to: clerk\ndepartment:"),
               "organisation/roles/boss.yaml", ()),
    "GLY001": (sub(PROC, "title: 来访接待规程", "title: 来访接待规程😀"), PROC, ()),
    "GLO002": (sub("glossary.yaml", "variants: [投拆]", "variants: [投拆, 投诉]"), "glossary.yaml", ()),
    "DOC007": (sub("company.yaml", "code_prefix: TEST", "code_prefix: TEST\nhandbook: {code: TEST/QM-001, edition: A/0, "
                   "compiled_by: clerk, reviewed_by: ghost, approved_by: boss}"), "company.yaml", ()),
    "DOC006": (sub(FORM, "status: approved", "status: approved\nsuperseded_by: fees"), FORM, ()),
    "REF009": (lambda p: (add("procedures/visits.yaml", (p / PROC).read_text(encoding="utf-8")
                              .replace("TEST/QP-001", "TEST/QP-002").replace("forms: [visit-register]\n",
                              "forms: [visit-register]\n    procedures: [reception]\n", 1))(p),
                          edit(p, PROC, "forms: [visit-register]\n", "forms: [visit-register]\n    procedures: [visits]\n")),
               PROC, ()),
    "REV000": (lambda p: shutil.rmtree(p / "reviews"), "", ()),
    "REV001": (lambda p: None, PROC, ("--today", "2026-09-01")),
    "REV002": (lambda p: None, PROC, ("--today", "2027-02-01")),
    "REV003": (sub(QUARTER, "document: fees", "document: old-fees"), QUARTER, ()),
    # a procedure sharing the price list's id makes the review entry "document: fees" ambiguous
    "REF010": (lambda p: add("procedures/fees.yaml", (p / PROC).read_text(encoding="utf-8")
                             .replace("TEST/QP-001", "TEST/QP-002"))(p), QUARTER, ()),
    "REV005": (lambda p: (p / QUARTER).write_text((p / QUARTER).read_text(encoding="utf-8") + (
        (p / QUARTER).read_text(encoding="utf-8").split("documents:\n", 1)[1].replace("approved", "retire")),
        encoding="utf-8"), QUARTER, ()),
    "REV004": (sub(QUARTER, "date: 2026-04-01", "date: 2026-07-01"), QUARTER, ()),
    "SUS001": (sub(FORM, "rows: 12", "rows: 14"), PROC, ()),
    "PLC001": (sub(PROC, "text: 接待员登记来访信息", "text: 接待员在{site.gate}登记来访信息"), PROC, ()),
    "EDN001": (add(EDITION, "title: 测试版\nvariants:\n  - procedure: reception\n    variant: nowhere\n"), EDITION, ()),
    "EDN002": (add(EDITION, "title: 测试版\nroles:\n  - {id: clerk, into: boss}\n  - {id: boss, into: clerk}\n"),
               EDITION, ()),
    "EDN004": (lambda p: (add(EDITION, "title: 香港版\nscript: zh-Hant\nregion: HK\n")(p),
                          add("glossary.yaml", (p / "glossary.yaml").read_text(encoding="utf-8")
                              + "conversions:\n  - {simplified: 程序, hk: 程序, forbidden: [程式]}\n")(p),
                          edit(p, PROC, "purpose: 规范来访接待", "purpose: 规范来访接待程式")), PROC, ()),
    "EDN005": (add(EDITION, "title: 测试版\nroles:\n  - {id: clerk, name: 总经理}\n"), EDITION, ()),
    "EDN006": (sub(PROC, "duties: [接待并登记来访]", "duties: [会同接待员登记来访]"), PROC, ()),
    "EDN003": (sub(PROC, "records:\n", "variants:\n  - id: branch-office\n    name: 分公司版\n    source: 测试\n"
                                        "    apply:\n      drop_steps: [nowhere]\nrecords:\n"), PROC, ()),
}


def findings(project: Path, *extra: str) -> tuple[int, list[dict]]:
    args = ("--today", TODAY) if "--today" not in extra else ()
    result = run_cli("--project", str(project), "check", "--format", "json", *args, *extra)
    assert "Traceback" not in result.text
    assert result.code in (0, 1), result.text
    return result.code, json.loads(result.out)["findings"]


def test_every_rule_has_a_case() -> None:
    assert sorted(CASES) == sorted(RULES)


def test_the_passing_fixture_passes_every_rule(mini: Path) -> None:
    code, found = findings(mini)
    assert (code, found) == (0, [])


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires_on_its_failing_fixture(mini: Path, code: str) -> None:
    breaks, rel, extra = CASES[code]
    breaks(mini)
    exit_code, found = findings(mini, *extra)
    hits = [f for f in found if f["code"] == code]
    assert hits, f"{code} did not fire; got {[f['code'] for f in found]}"
    assert any(h["file"] == (rel or None) and (h["line"] or 1) >= 1 for h in hits), hits
    assert all(h["hint"] and h["message"] for h in hits)
    assert exit_code == (1 if RULES[code].severity.value == "error" else exit_code)


def test_an_omit_that_names_nothing_says_which_label_was_meant(mini: Path) -> None:
    CASES["FRM002"][0](mini)
    _, found = findings(mini)
    (hit,) = [f for f in found if f["code"] == "FRM002"]
    assert (hit["file"], hit["line"]) == (FORM, 17) and "「经 办人员」" in hit["message"] and "「经办人」" in hit["message"]


def test_a_successor_written_as_a_title_gets_its_id(mini: Path) -> None:
    add("forms/old-register.yaml", UNUSED_FORM.replace("TEST/QR-001", "TEST/QR-002").replace(
        "status: approved", "status: obsolete\nsuperseded_by: 来访登记表"))(mini)
    result = run_cli("--project", str(mini), "check", "--format", "json", "--today", TODAY)
    (hit,) = json.loads(result.out)["findings"]
    assert result.code == 2 and hit["line"] == 6 and '是否想写 "visit-register"(来访登记表)?' == hit["hint"], hit
    # an id that is close but wrong is a rule finding, with the same help
    edit(mini, "forms/old-register.yaml", "superseded_by: 来访登记表", "superseded_by: visit-registr")
    _, found = findings(mini)
    (hit,) = [f for f in found if f["code"] == "DOC006"]
    assert '是否想写 "visit-register"' in hit["message"], hit


def test_text_output_reads_path_line_col_code(mini: Path) -> None:
    CASES["LIM001"][0](mini)
    result = run_cli("--project", str(mini), "check", "--today", TODAY)
    assert result.code == 1
    assert f"{PROC}:15:11: LIM001 " in result.err
    assert "1 个错误" in result.err


def test_usage_errors_exit_2(mini: Path) -> None:
    assert run_cli("--project", str(mini), "check", "--format", "xml").code == 2
    assert run_cli("--project", str(mini / "nope"), "check").code == 2
    assert run_cli("--project", str(mini), "check", "--rule", "NOPE1").code == 2
    assert run_cli("--project", str(mini), "check", "--today", "tomorrow").code == 2


def test_a_variant_inside_its_own_term_is_one_error_at_the_glossary(mini: Path) -> None:
    edit(mini, "glossary.yaml", "variants: [投拆]", "variants: [投拆]\n  - term: 来访登记表\n    variants: [来访登记]")
    code, found = findings(mini)
    assert code == 1
    assert [(f["code"], f["file"]) for f in found] == [("GLO002", "glossary.yaml")], found


def test_a_colloquial_word_that_is_also_a_variant_is_an_error_at_the_glossary(mini: Path) -> None:
    """A 俗称 is a word search finds the term by and texts may use; a variant is forbidden in texts."""
    edit(mini, "glossary.yaml", "variants: [投拆]", "variants: [投拆]\n    colloquial: [投拆, 告状]")
    code, found = findings(mini)
    assert code == 1
    assert [(f["code"], f["file"]) for f in found] == [("GLO002", "glossary.yaml")], found
    assert "俗称「投拆」又是禁用写法" in found[0]["message"], found


def test_a_self_parent_department_and_a_longer_loop_are_each_reported_once(mini: Path) -> None:
    edit(mini, DEPT, "level: 管理处", "level: 管理处\nparent: head-office")
    edit(mini, "organisation/departments/head-office.yaml", "name: 总经理室", "name: 总经理室\nparent: office")
    code, found = findings(mini)
    loops = [f for f in found if f["code"] == "ORG001"]
    assert code == 1 and len(loops) == 1 and "总经理室" in loops[0]["message"] and "管理处" in loops[0]["message"]


def test_an_approval_on_the_effective_day_passes(mini: Path) -> None:
    edit(mini, PROC, "date: 2025-12-01", "date: 2026-01-01")
    assert findings(mini) == (0, [])


def test_check_gives_the_glyph_verdict_without_the_renderers(mini: Path) -> None:
    """GLY001 runs in `handbook check` with no WeasyPrint, Jinja2 or MkDocs loaded."""
    edit(mini, FORM, "title: 来访登记表", "title: 来访登记表\U0001F4DD")
    probe = ("import sys, runpy; sys.argv = ['generator', '--project', %r, 'check', '--today', %r]\n"
             "try:\n    runpy.run_module('generator', run_name='__main__')\nexcept SystemExit as e:\n    code = e.code\n"
             "print('LOADED', sorted(m for m in ('weasyprint', 'jinja2', 'mkdocs') if m in sys.modules), code)")
    result = run_python(probe % (str(mini), TODAY))
    assert "GLY001" in result.err and f"{FORM}:2:8" in result.err
    assert "LOADED [] 1" in result.out, result.text


def test_glyph_written_as_a_yaml_escape_is_found(mini: Path) -> None:
    """A character the file's text does not show (a YAML escape) is checked like any other."""
    edit(mini, FORM, "title: 来访登记表", 'title: "来访登记表\\U0001F4DD"')
    result = run_cli("--project", str(mini), "check", "--today", TODAY)
    assert "GLY001" in result.err and "U+1F4DD" in result.err and f"{FORM}:2:8" in result.err, result.err


def test_recorded_glyph_coverage_is_the_installed_fonts() -> None:
    """GLY001 reads coverage.json; build reads the fonts. They must agree (re-record when fonts change:
    python -c "from generator.check.glyphs import record; record()")."""
    from generator.check.glyphs import recorded_fonts
    from generator.render.print.fonts import load_fonts

    assert recorded_fonts().covered == load_fonts(None).covered
