"""The sources say what the seed documents say (../shared/seeds/, INDEX.md), and mark what they add.

Each test reads the real sources through the loader and holds them against the seed's wording,
quoted here with its place, so that a later edit that changes a seed value fails here.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import MINI, ROOT, run_cli
from generator.load import load_or_raise
from generator.model import Handbook
from generator.model.procedure import Criterion, Instruction

# Seed 003 (服务中心作业指导书), 目录 › 工作流程: the 17 titles, in order; their text is lost.
SEED_003_WORKFLOWS = [
    "来访客户接待流程", "办理入伙手续流程", "搬出物品放行办理规程", "装修申报登记流程", "受理预约服务工作流程",
    "受理投诉工作流程", "通知流程", "特色服务操作规程", "与业主沟通办法", "回访业主工作流程", "社区文化工作制度",
    "社区文化活动组织程序", "收费管理规程", "服务中心催收工作规程", "财务收费语言流程", "年度社区文化活动计划表",
    "社区文化活动记录表",
]


@pytest.fixture(scope="module")
def book() -> Handbook:
    return load_or_raise(ROOT)


def allows(measure: str, count: int) -> bool:
    """Whether a measure of the form ``名称 ≤ 1`` / ``< 2`` / ``= 1`` / ``0 处`` admits ``count``."""
    match = re.search(r"(≤|<=|<|=|≥|>)\s*(\d+)", measure)
    assert match, f"no comparison in {measure!r}"
    op, bound = match.group(1), int(match.group(2))
    return {"≤": count <= bound, "<=": count <= bound, "<": count < bound, "=": count == bound,
            "≥": count >= bound, ">": count > bound}[op]


def criteria(book: Handbook, ident: str, word: str) -> list[Criterion]:
    found = [c for c in book.instructions[ident].acceptance if word in c.text or word in (c.measure or "")]
    assert found, f"{ident}: no acceptance criterion about {word}"
    return found


def test_water_pipe_allows_at_most_one_union(book: Handbook) -> None:
    # Seed 004, 常规性特约服务工作细则 八、3.1): 整个给水管路安装只允许一个活接头 — at most one, none is fine.
    for c in criteria(book, "water-pipe", "活接"):
        assert c.measure and allows(c.measure, 0) and allows(c.measure, 1) and not allows(c.measure, 2), c.measure


def test_gas_water_heater_ignition_is_tried_three_to_five_times(book: Handbook) -> None:
    # Seed 004, 五、2.6): 开机点火正常,反复试3至5次 — a test of 3 to 5 tries, not one ignition each.
    for c in criteria(book, "gas-water-heater", "点火"):
        measure = c.measure or ""
        if "点火" not in measure:
            continue
        numbers = [int(n) for n in re.findall(r"\d+", measure)]
        assert numbers[:2] == [3, 5], measure
        assert not re.search(r"一次点着|均.次", measure), measure


def test_parcel_collection_is_an_extra_charge(book: Handbook) -> None:
    # Seed 004, 小区物业便利服务及特约服务方案 4.2: 居民领取快递时需支付额外服务费.
    doc = book.procedures["living-services-plan"]
    said = [item for step in doc.steps for sub in step.steps for item in sub.items if "快递代收" in item and "收" in item]
    fees = [s for s in said if "支付" in s]
    assert fees and all("额外" in s for s in fees), fees


# What each instruction's seed text states as a completion check (seed 004, 常规性特约服务工作细则).
# Anything else in its acceptance list was added when it was structured and must be marked sample.
SEED_CHECKS = {
    "fluorescent-lamp": ("闪烁", "规格"),
    "tap-valve": ("渗水", "灵活", "漏水"),
    "water-pipe": ("活接", "垂直偏差", "横向偏差", "热水管", "管卡", "渗漏"),
    "switch": ("开闭",),
    "gas-water-heater": ("3至5次", "电磁阀"),
    "gas-stove": (),
    "cistern": (),
    "tile-drilling": (),
}


def test_added_acceptance_criteria_are_marked_sample(book: Handbook) -> None:
    assert set(SEED_CHECKS) == set(book.instructions), "a new instruction: say what its seed states"
    for ident, words in SEED_CHECKS.items():
        doc: Instruction = book.instructions[ident]
        for c in doc.acceptance:
            from_seed = any(w in c.text for w in words)
            assert c.sample != from_seed, f"{ident}: 「{c.text}」 sample={c.sample}"
        if any(c.sample for c in doc.acceptance):
            assert any("示例" in n for n in doc.notes), f"{ident}: notes must say which criteria are sample"


UNSTATED = re.compile(r"原文(件)?未(作|单列|列|规定)|未作规定|示例设计|整理时补充|暂定|版式为|版面")


def test_forms_with_invented_layout_or_retention_are_sample(book: Handbook) -> None:
    invented = [f for f in book.forms.values() if any(UNSTATED.search(n) for n in f.notes)]
    assert len(invented) >= 3
    assert [f.id for f in invented if not f.sample] == []


def test_planned_documents_are_the_seed_003_workflows(book: Handbook) -> None:
    planned = list(book.table("planned").values())
    assert [p.title for p in planned] == SEED_003_WORKFLOWS
    for p in planned:
        assert p.owner in book.departments, p.id
        assert "服务中心作业指导书" in p.source and p.title in p.source, p.source  # seed 003
    written = {d.title for d in book.procedures.values()} | {d.title for d in book.forms.values()}
    # The titles that already have a document of the same name point to it.
    for p in planned:
        if p.title in written:
            assert p.procedures or p.forms, f"{p.id}: name the existing document"


def test_a_planned_document_must_name_an_existing_department(tmp_path: Path) -> None:
    project = tmp_path / "mini"
    shutil.copytree(MINI, project)
    (project / "planned.yaml").write_text(
        "planned:\n  - id: visitor-reception\n    title: 来访客户接待流程\n    owner: no-such-dept\n"
        "    source: seed 003\n", encoding="utf-8")
    result = run_cli("--project", str(project), "check", "--today", "2026-06-01")
    assert result.code == 1, result.text
    line = next(x for x in result.err.splitlines() if "no-such-dept" in x)
    assert line.startswith("planned.yaml:4:12: REF"), line
    (project / "planned.yaml").write_text(
        "planned:\n  - id: visitor-reception\n    title: 来访客户接待流程\n    owner: office\n"
        "    source: seed 003\n", encoding="utf-8")
    ok = run_cli("--project", str(project), "check", "--today", "2026-06-01")
    assert "planned.yaml" not in ok.err, ok.err
