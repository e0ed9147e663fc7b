"""`handbook notices --explain SITE`: where the notice shows each item of 明码标价规定 Art. 6."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, edit

from .test_cli import handbook

ART6 = ("物业服务企业名称", "收费对象", "收费项目", "服务内容", "服务标准", "计费方式", "收费标准", "价格管理形式",
        "政府指导价的基准价、浮动幅度和实际收费", "收费依据", "计费起始时间", "价格举报电话")


def explain(project: Path, capsys: pytest.CaptureFixture[str], *edits: tuple[str, str, str]) -> tuple[int, str]:
    for rel, old, new in edits:
        edit(project, rel, old, new)
    code = handbook(project, "notices", "garden", "--explain", "--date", "2026-03-01")
    return code, capsys.readouterr().out


def test_explain_names_every_article_6_item_and_where_it_is(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = explain(office, capsys)
    for item in ART6:
        assert f"✓ {item}\n" in out or f"✗ {item}\n" in out, item
    assert "✓ 收费依据" in out and "依据物业服务合同第八条" in out
    assert "✓ 政府指导价的基准价、浮动幅度和实际收费" in out and "浮动幅度 ±10%（1.62–1.98 元）" in out
    assert "✗ 服务标准" in out and "借用雨伞" in out  # the region list's items have no 服务标准
    assert code == 1
    assert not (office / "out").exists()  # explains, prints nothing


def test_explain_passes_when_every_item_is_shown(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    region, garden = "price-lists/region-fees.yaml", "price-lists/garden-fees.yaml"
    code, out = explain(office, capsys,
                        (region, "    content: A4纸单面黑白复印\n", "    content: A4纸单面黑白复印\n    standard: 字迹清晰\n"),
                        (region, "    content: 雨天向住户免费借用雨伞\n", "    content: 雨天向住户免费借用雨伞\n    standard: 登记借还\n"),
                        (garden, "    content: 按供电部门价格代收公共照明用电\n",
                         "    content: 按供电部门价格代收公共照明用电\n    standard: 按月公布用量\n"),
                        (garden, "    content: 代住户订购桶装饮用水并送货上门\n",
                         "    content: 代住户订购桶装饮用水并送货上门\n    standard: 当日送达\n"))
    assert "✗" not in out, out
    assert code == 0


def test_explain_reports_a_missing_basis(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = explain(office, capsys, ("price-lists/garden-fees.yaml", "basis: 依据物业服务合同第八条，经业主委员会征询意见后制定\n", ""))
    assert "✗ 收费依据\n    位置: 每个收费标准表下「收费依据」\n    内容: 缺少：东城花园有偿服务收费标准" in out


def test_the_public_explanation_page_covers_every_item() -> None:
    page = (ROOT / "docs" / "price-notice.md").read_text(encoding="utf-8")
    for item in ART6:
        assert item in page, item
    assert "--explain" in page
