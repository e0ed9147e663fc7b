"""``handbook notices --explain SITE``: the 公示说明 check of one site's price notice.

For each item 《物业服务收费明码标价规定》(发改价检〔2004〕1428号) 第六条 asks a notice to show, where
the notice shows it and what it shows there, read from the same view the PDF is made from
(views.notices.notice_view); plus 第十条 (posted a month before it applies). docs/price-notice.md is
the same table in prose. A missing item is marked ✗ and makes the command exit 1.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from generator.dates import add_months
from generator.model import Handbook, Site
from generator.model.prices import site_price_lists
from generator.render.print.views.notices import NoticeView, PriceSection, Row, notice_view

NO_URL = ""  # no QR code is drawn for the check, so no site address is needed


@dataclass(frozen=True, slots=True)
class Check:
    item: str  # the Art. 6 item, e.g. 收费依据
    where: str  # where the notice shows it
    shown: str  # what it shows (a sample), or what is missing
    ok: bool


def explain(book: Handbook, site: Site, posted: dt.date) -> list[Check]:
    """The Art. 6 / Art. 10 checks of ``site``'s price notice posted on ``posted`` (A4 and A3 show the same)."""
    lists = site_price_lists(book, site)
    view, _ = notice_view(book, site, lists, "price", "A4", site_url=NO_URL, posted=posted, stamp="")
    rows = [(sec.title, row) for sec in view.sections for row in sec.rows]
    paid = [(title, row) for title, row in rows if not row.free]
    guided = [(title, row) for title, row in paid if row.charge.guided]
    checks = [
        _one("物业服务企业名称", "红色版头和落款", view.company),
        _one("收费对象", "导语", "本项目业主及物业使用人" if view.sections else ""),
        _rows("收费项目", "收费项目表「服务项目」栏", rows, lambda r: r.name),
        _rows("服务内容", "收费项目表「服务内容与服务标准」栏", rows, lambda r: r.content),
        _rows("服务标准", "收费项目表「服务内容与服务标准」栏（标准：…）", rows, lambda r: r.standard),
        _rows("计费方式", "「收费标准」栏：金额连同计费单位，或计价公式及各组成部分", paid,
              lambda r: r.charge.main if (r.unit or r.charge.parts) else ""),
        _rows("收费标准", "「收费标准」栏（粗体）", rows, lambda r: r.charge.main),
        _rows("价格管理形式", "「价格形式」栏", paid, lambda r: r.pricing),
        _rows("政府指导价的基准价、浮动幅度和实际收费", "「收费标准」栏：实际收费、基准价、浮动幅度、定价文件",
              guided, lambda r: "；".join(r.charge.lines) if len(r.charge.guided) >= 3 else ""),
        _sections("收费依据", "每个收费标准表下「收费依据」", view, lambda s: s.basis),
        _sections("计费起始时间", "每个收费标准表下「执行日期：自…起执行」", view, lambda s: s.effective),
        _one("价格举报电话", "联系方式框「价格举报电话」", view.price_hotline),
        _one("公示日期", "落款日期（右空四字）", view.posted),
    ]
    unposted = [pl.title for pl in lists if pl.sample or pl.status.value != "approved"]
    checks.append(Check("可正式张贴", "收费标准均已批准(status: approved)且非示例(sample: false)",
                        f"草稿或示例：{'、'.join(unposted)}" if unposted else "均已批准", not unposted and not site.sample))
    early = [pl.title for pl in lists if posted <= pl.effective < add_months(posted, 1)]
    checks.append(Check("提前一个月公示（第十条）", "各收费标准的执行日期与公示日期",
                        f"不足一个月：{'、'.join(early)}" if early else f"公示于{view.posted}，均在执行前一个月以上或已执行",
                        not early))
    return checks


def _one(item: str, where: str, value: str) -> Check:
    return Check(item, where, value or "未填写", bool(value))


def _rows(item: str, where: str, rows: list[tuple[str, Row]], value: Callable[[Row], str]) -> Check:
    missing = [row.name for _, row in rows if not value(row)]
    if not rows:
        return Check(item, where, "无此类项目", True)
    if missing:
        return Check(item, where, f"{len(missing)} 项缺少：{'、'.join(missing[:6])}{'…' if len(missing) > 6 else ''}", False)
    return Check(item, where, f"{len(rows)} 项齐全，如「{rows[0][1].name}」：{value(rows[0][1])}", True)


def _sections(item: str, where: str, view: NoticeView, value: Callable[[PriceSection], str]) -> Check:
    missing = [sec.title for sec in view.sections if not value(sec)]
    if not view.sections:
        return Check(item, where, "本项目没有适用的收费标准", False)
    if missing:
        return Check(item, where, f"缺少：{'、'.join(missing)}", False)
    return Check(item, where, "；".join(f"《{sec.title}》{_short(value(sec))}" for sec in view.sections), True)


def _short(text: str, size: int = 24) -> str:
    return text if len(text) <= size else text[:size] + "…"


def format_checks(site: Site, posted: dt.date, checks: list[Check]) -> str:
    """The report as printed: one line per item, ✓ or ✗, where, and what is shown (or missing)."""
    lines = [f"{site.name}（{site.id}）收费标准公示 · 《物业服务收费明码标价规定》第六条、第十条 · 公示日期 {posted}"]
    for check in checks:
        lines.append(f"{'✓' if check.ok else '✗'} {check.item}\n    位置: {check.where}\n    内容: {check.shown}")
    bad = sum(not c.ok for c in checks)
    lines.append(f"{len(checks) - bad}/{len(checks)} 项符合" + (f",{bad} 项缺少,见 docs/price-notice.md" if bad else ""))
    return "\n".join(lines)


def explain_command(book: Handbook, site_ids: list[str], posted: dt.date) -> int:
    """Print the check of each site; 0 when every item is shown, 1 when one is missing."""
    code = 0
    for site_id in site_ids:
        site = book.sites[site_id]
        checks = explain(book, site, posted)
        print(format_checks(site, posted, checks))
        code = max(code, 0 if all(c.ok for c in checks) else 1)
    return code
