"""Notice-board posters of one site: the price notice (收费标准公示, every item 《物业服务收费明码标价规定》
Art. 6 asks for) and the convenience-services announcement (便民服务项目公告: the items of the site's service lists, fee: services),
in A3 and A4.

Which lists a site posts is decided by generator.model.prices.site_price_lists (also used by the site
pages and the rules); how a price reads by generator.model.charge.charge (also used by the site).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from generator.model import Handbook, PriceItem, PriceList, Site
from generator.model.charge import Charge, charge
from generator.model.words import word
from generator.model.price_list import Fee
from generator.model.prices import site_price_lists
from generator.render.print.qr import page_url, qr_data_uri
from generator.render.print.linebreak import widest_atom
from generator.render.print.trace import Traced, Tracer, cn_date
from generator.render.print.views.common import company_name, role_name

__all__ = ["NoticeView", "notice_view", "site_price_lists"]

DEFAULT_HOTLINE = "12315"


@dataclass(frozen=True, slots=True)
class Row:
    category: str
    name: str
    content: str
    standard: str
    unit: str
    charge: Charge  # 免费 / 20 元/盏 / formula and parts / guided price with base, range, document
    pricing: str
    note: str
    building: str = ""  # 物业服务费: 多层 / 高层 / 别墅 / 商业 / 车位
    grade: str = ""  # 物业服务费: 服务等级

    @property
    def free(self) -> bool:
        return self.charge.free


@dataclass(frozen=True, slots=True)
class PriceSection:
    """One price list on a notice, with the basis of its prices and a QR code to its page."""

    title: str
    fee: str  # property | parking | utilities | services
    area: str  # 物业服务费: 计费面积
    code: str
    version: str
    effective: str
    approved: str
    approver: str
    basis: str
    url: str
    qr: str
    rows: tuple[Row, ...]
    price_width: int = 0  # % of the table the 收费标准 column needs for its widest unbreakable price

    def widths(self, price: int, give: int) -> tuple[int, int]:
        """(price, content) column widths in %: ``price`` widened to what the prices need, the
        difference taken from the content column (``give``), which wraps."""
        wanted = max(price, self.price_width)
        return wanted, give - (wanted - price)


@dataclass(frozen=True)
class NoticeView:
    kind: str  # price | services
    size: str  # A3 | A4
    title: str
    company: str
    site: str
    address: str
    service_phone: str
    complaint_phone: str
    price_hotline: str
    posted: str
    stamp: str  # 草稿 / 示例 / 草稿 · 示例, printed across every page; empty on a real notice
    draft: bool = False  # a preview: the seal's place is marked (盖章处); never on a posted notice
    sections: tuple[PriceSection, ...] = ()
    paid: tuple[Row, ...] = ()
    free: tuple[Row, ...] = ()
    url: str = ""
    qr: str = ""


def notice_view(book: Handbook, site: Site, lists: list[PriceList], kind: str, size: str, *,
                site_url: str, posted: dt.date, stamp: str) -> tuple[NoticeView, list[Traced]]:
    t = Tracer()
    hotline = t.take(book.company, "price_hotline") if book.company else DEFAULT_HOTLINE
    common: dict[str, Any] = dict(kind=kind, size=size, company=company_name(book, t), site=t.take(site, "name"),
                  address=t.take(site, "address"), service_phone=t.take(site, "service_phone"),
                  complaint_phone=t.take(site, "complaint_hotline"), price_hotline=hotline or DEFAULT_HOTLINE,
                  posted=cn_date(posted), stamp=stamp, draft=bool(stamp))
    if kind == "price":
        sections = tuple(_section(book, pl, t, site_url) for pl in lists)
        return NoticeView(title="收费标准公示", sections=sections, **common), t.items
    rows = [_row(item, t) for pl in lists if pl.fee is Fee.services for item in pl.items]
    url = page_url(site_url, "sites", site.id)
    return NoticeView(title="便民服务项目公告", paid=tuple(r for r in rows if not r.free),
                      free=tuple(r for r in rows if r.free), url=url, qr=qr_data_uri(url), **common), t.items


def _section(book: Handbook, pl: PriceList, t: Tracer, site_url: str) -> PriceSection:
    url = page_url(site_url, "price-lists", pl.id)
    return PriceSection(
        title=t.take(pl, "title"), fee=pl.fee.value, area=t.take(pl, "area"), code=t.take(pl, "code"),
        version=t.take(pl, "version"), effective=cn_date(pl.effective),
        approved=cn_date(pl.approved) if pl.approved else "", approver=role_name(book, pl.approver, t),
        basis=t.take(pl, "basis"), url=url, qr=qr_data_uri(url), rows=(rows := tuple(_row(item, t) for item in pl.items)),
        price_width=_price_width(rows))


# Percent of the table one em of price type takes: 12 pt in 156 mm (A4), 16 pt in ~220 mm (A3), rounded up.
EM_PERCENT = 2.8


def _price_width(rows: tuple[Row, ...]) -> int:
    """The 收费标准 column width (%) the widest price-with-unit of ``rows`` needs, cell padding included."""
    widest = max((widest_atom(line) for row in rows for line in row.charge.lines), default=0.0)
    return math.ceil(widest * EM_PERCENT + 3)


def _row(item: PriceItem, t: Tracer) -> Row:
    for name in ("price", "formula", "base_price", "float_range", "price_document"):
        t.take(item, name)  # recorded for the glyph check at their source lines; charge() words them
    for part in item.components:
        for name in ("name", "price", "unit", "method"):
            t.take(part, name)
    return Row(category=t.take(item, "category"), name=t.take(item, "name"), content=t.take(item, "content"),
               standard=t.take(item, "standard"), unit=t.take(item, "unit"), charge=charge(item),
               pricing=word(item.pricing), note=t.take(item, "note"),
               building=word(item.building) if item.building else "", grade=t.take(item, "grade"))
