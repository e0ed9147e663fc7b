"""What may be posted: the rules a price notice must pass before it goes on the notice board.

- Only approved, real price lists are posted: a draft (status: draft) or an invented one
  (sample: true), or a sample site, is refused unless printed as a stamped 草稿 / 示例.
- 《物业服务收费明码标价规定》第十条: a new standard is posted at least one month before it takes
  effect, so a notice posted less than a month before the effective date is flagged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from generator.dates import add_months
from generator.findings import Finding, Severity
from generator.model import PriceList, Site

REFUSE_HINT = "正式公示只能使用已批准(status: approved)且非示例(sample: false)的收费标准;预览请加 --draft"
ADVANCE_HINT = "《物业服务收费明码标价规定》第十条:收费标准变化须在执行前一个月公示;推迟 effective 或提前公示日期(--date)"


def notice_findings(site: Site, lists: list[PriceList], posted: dt.date, *, strict: bool) -> list[Finding]:
    """Problems that stop a notice from being posted; errors when ``strict``, else warnings."""
    level = Severity.error if strict else Severity.warning
    found: list[Finding] = []
    if site.sample:
        found.append(Finding("PRT003", f"项目「{site.name}」是示例数据(sample: true),不能张贴正式公示",
                             site.where("sample"), level, REFUSE_HINT))
    for pl in lists:
        file = _file(pl)
        if pl.sample:
            found.append(Finding("PRT003", f"收费标准 {file}《{pl.title}》是示例数据(sample: true),价格为虚构,"
                                 "不能张贴公示", pl.where("sample"), level, REFUSE_HINT))
        if pl.status.value != "approved":
            found.append(Finding("PRT003", f"收费标准 {file}《{pl.title}》尚未批准(status: {pl.status.value}),"
                                 "不能张贴公示", pl.where("status"), level, REFUSE_HINT))
        if posted <= pl.effective < add_months(posted, 1):
            found.append(Finding("PRT004", f"收费标准 {file}《{pl.title}》{pl.effective} 起执行,{posted} 公示不足一个月"
                                 "(第十条: 提前一个月公示)", pl.where("effective"), level, ADVANCE_HINT))
    if strict:
        return found
    return [replace(f, message=f.message + ";已加盖水印打印,仅供预览") for f in found]


def stamp(site: Site, lists: list[PriceList], draft: bool) -> str:
    """The diagonal stamp of a notice that is not a real posting: 草稿 and/or 示例."""
    marks = []
    if draft or any(pl.status.value != "approved" for pl in lists):
        marks.append("草稿")
    if site.sample or any(pl.sample for pl in lists):
        marks.append("示例")
    return " · ".join(marks)


def _file(pl: PriceList) -> str:
    pos = pl.where()
    return pos.file if pos else f"price-lists/{pl.id}.yaml"
