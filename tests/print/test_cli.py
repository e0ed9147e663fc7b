"""The clerk's commands: numbered batches, and notices refused unless they may be posted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import edit
from generator.cli import main
from generator.findings import Severity
from generator.load import load_or_raise
from generator.render.print import build_prints

from .conftest import POSTED, SITE_URL
from .pdfkit import compact, page_texts, raw_text

GARDEN = "price-lists/garden-fees.yaml"


def handbook(project: Path, *args: str) -> int:
    return main(["--project", str(project), *args, "--out", str(project / "out")])


def test_numbered_batch_prints_one_page_per_copy_per_number(office: Path, capsys) -> None:  # noqa: ANN001
    assert handbook(office, "forms", "--serial-from", "000101", "--count", "5", "request-slip") == 0
    path = office / "out" / "forms" / "request-slip-NO000101-000105.pdf"
    assert str(path) in capsys.readouterr().out
    pages = [compact(t) for t in page_texts(path)]
    assert len(pages) == 15  # laid out on one sheet first, then the whole batch in one render
    for index, page in enumerate(pages):
        number, copy = divmod(index, 3)
        assert f"NO.{101 + number:06d}" in page
        assert ("第一联存根联", "第二联责任单位联", "第三联客户联")[copy] in page
        assert "第1页共1页" in page


@pytest.mark.parametrize("args, message", [
    (["--serial-from", "000101", "--count", "3", "visit-register"], "没有 NO. 编号框"),
    (["--serial-from", "0101", "--count", "3"], "只写一个 FORM-ID"),
    (["--serial-from", "98", "--count", "5", "request-slip"], "超出了 2 位数字"),
    (["--serial-from", "00A1", "--count", "5", "request-slip"], "写数字"),
    (["--count", "5", "request-slip"], "要一起用"),
    (["no-such-form"], "没有这个表单 id"),
])
def test_bad_batch_requests_are_usage_errors(office: Path, capsys, args: list[str], message: str) -> None:  # noqa: ANN001
    assert handbook(office, "forms", *args) == 2
    assert message in capsys.readouterr().err
    assert not (office / "out").exists()


def test_real_notice_prints(office: Path, capsys) -> None:  # noqa: ANN001
    assert handbook(office, "notices", "garden", "--date", POSTED.isoformat()) == 0, capsys.readouterr().err
    assert len(list((office / "out" / "notices" / "garden").glob("*.pdf"))) == 4


@pytest.mark.parametrize("change, why", [
    (("version: A/1", "version: A/1\nsample: true"), "sample: true"),
    (("status: approved", "status: draft"), "status: draft"),
])
def test_sample_or_draft_price_list_is_refused_unless_draft(office: Path, capsys, change, why: str) -> None:  # noqa: ANN001
    edit(office, GARDEN, *change)
    assert handbook(office, "notices", "garden", "--date", POSTED.isoformat()) == 1
    err = capsys.readouterr().err
    assert f"{GARDEN}:" in err and why in err and "PRT003" in err and "没有打印任何文件" in err
    assert not (office / "out").exists()
    assert handbook(office, "notices", "garden", "--date", POSTED.isoformat(), "--draft") == 0
    text = compact(raw_text(office / "out" / "notices" / "garden" / "price-notice-a4.pdf"))
    assert "草稿" in text and "不得作为正式公示张贴" in text


def test_posting_less_than_a_month_ahead_is_flagged(office: Path, capsys) -> None:  # noqa: ANN001
    assert handbook(office, "notices", "garden", "--date", "2026-03-15") == 1
    err = capsys.readouterr().err
    assert f"{GARDEN}:4:" in err and "PRT004" in err and "不足一个月" in err and "第十条" in err


def test_price_rule_errors_refuse_the_notice(office: Path, capsys) -> None:  # noqa: ANN001
    edit(office, GARDEN, "approver: boss", "approver: clerk")
    assert handbook(office, "notices", "garden", "--date", POSTED.isoformat()) == 1
    assert "PRC001" in capsys.readouterr().err


def test_build_stamps_sample_lists_and_warns(office: Path) -> None:
    edit(office, GARDEN, "version: A/1", "version: A/1\nsample: true")
    report = build_prints(load_or_raise(office), office / "site", site_url=SITE_URL, today=dt.date(2026, 3, 20))
    garden = [f for f in report.findings if f.position and f.position.file == GARDEN]
    assert {f.code for f in garden} == {"PRT003", "PRT004"}
    assert all(f.severity is Severity.warning for f in garden)
    assert len(garden) == 2
    text = compact(raw_text(office / "site" / "pdf" / "notices" / "garden" / "price-notice-a3.pdf"))
    assert "示例" in text and "草稿" not in text


def test_a_list_posted_on_many_sites_is_reported_once(office: Path) -> None:
    edit(office, "price-lists/region-fees.yaml", "version: A/0", "version: A/0\nsample: true")
    report = build_prints(load_or_raise(office), office / "site", site_url=SITE_URL, today=POSTED)
    region = [f for f in report.findings if f.position and f.position.file == "price-lists/region-fees.yaml"]
    assert [f.code for f in region] == ["PRT003"]  # on garden and tower, two sizes each: one finding


def test_unknown_site_is_a_usage_error(office: Path, capsys) -> None:  # noqa: ANN001
    assert handbook(office, "notices", "nowhere") == 2
    assert "没有这个项目 id" in capsys.readouterr().err
