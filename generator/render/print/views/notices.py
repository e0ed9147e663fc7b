"""Notice-board posters of one site: the price notice (收费标准公示, every item 《物业服务收费明码标价规定》
Art. 6 asks for) and the convenience-services announcement (便民服务项目公告), in A3 and A4."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.model import Handbook, PriceItem, PriceList, Pricing, Site
from generator.render.print.qr import page_url, qr_data_uri
from generator.render.print.trace import Traced, Tracer, cn_date
from generator.render.print.views.common import company_name, role_name

PRICING = {Pricing.market: "市场调节价", Pricing.guided: "政府指导价"}
DEFAULT_HOTLINE = "12315"


@dataclass(frozen=True, slots=True)
class Row:
    category: str
    name: str
    content: str
    standard: str
    unit: str
    price: str  # 30 / 免费 / the formula / 基准价 … 浮动 …
    method: str  # 计费方式 when a formula says how the fee is made up
    pricing: str
    guided: str  # 政府指导价: 基准价 and 浮动幅度
    note: str


@dataclass(frozen=True, slots=True)
class PriceSection:
    """One price list on a notice, with the basis of its prices and a QR code to its page."""

    title: str
    code: str
    version: str
    effective: str
    approved: str
    approver: str
    basis: str
    url: str
    qr: str
    rows: tuple[Row, ...]


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
    sections: tuple[PriceSection, ...] = ()
    paid: tuple[Row, ...] = ()
    free: tuple[Row, ...] = ()
    url: str = ""
    qr: str = ""


def site_price_lists(book: Handbook, site: Site) -> list[PriceList]:
    """Price lists in force at ``site``: those it names and those whose scope covers it."""
    chosen = {pl_id: book.price_lists[pl_id] for pl_id in site.price_lists if pl_id in book.price_lists}
    for pl in book.price_lists.values():
        if _covers(pl, site):
            chosen.setdefault(pl.id, pl)
    return sorted((pl for pl in chosen.values() if pl.status.value != "obsolete"), key=lambda pl: (pl.code, pl.id))


def _covers(pl: PriceList, site: Site) -> bool:
    scope = pl.scope
    if scope.level.value == "company":
        return True
    if scope.level.value == "region":
        return bool(scope.region) and scope.region == site.region
    return site.id in scope.sites


def notice_view(book: Handbook, site: Site, lists: list[PriceList], kind: str, size: str, *,
                site_url: str, posted: dt.date, stamp: str) -> tuple[NoticeView, list[Traced]]:
    t = Tracer()
    hotline = t.take(book.company, "price_hotline") if book.company else DEFAULT_HOTLINE
    common = dict(kind=kind, size=size, company=company_name(book, t), site=t.take(site, "name"),
                  address=t.take(site, "address"), service_phone=t.take(site, "service_phone"),
                  complaint_phone=t.take(site, "complaint_hotline"), price_hotline=hotline or DEFAULT_HOTLINE,
                  posted=cn_date(posted), stamp=stamp)
    if kind == "price":
        sections = tuple(_section(book, pl, t, site_url) for pl in lists)
        return NoticeView(title="收费标准公示", sections=sections, **common), t.items
    rows = [_row(item, t) for pl in lists for item in pl.items]
    url = page_url(site_url, "sites", site.id)
    return NoticeView(title="便民服务项目公告", paid=tuple(r for r in rows if r.price != "免费"),
                      free=tuple(r for r in rows if r.price == "免费"), url=url, qr=qr_data_uri(url),
                      **common), t.items


def _section(book: Handbook, pl: PriceList, t: Tracer, site_url: str) -> PriceSection:
    url = page_url(site_url, "price-lists", pl.id)
    return PriceSection(
        title=t.take(pl, "title"), code=t.take(pl, "code"), version=t.take(pl, "version"),
        effective=cn_date(pl.effective), approved=cn_date(pl.approved) if pl.approved else "",
        approver=role_name(book, pl.approver, t), basis=t.take(pl, "basis"), url=url, qr=qr_data_uri(url),
        rows=tuple(_row(item, t) for item in pl.items))


def _row(item: PriceItem, t: Tracer) -> Row:
    return Row(category=t.take(item, "category"), name=t.take(item, "name"), content=t.take(item, "content"),
               standard=t.take(item, "standard"), unit=t.take(item, "unit"), price=_price(item, t),
               method=t.take(item, "formula") if item.price is not None else "",
               pricing=PRICING[item.pricing], guided=_guided(item, t), note=t.take(item, "note"))


def _price(item: PriceItem, t: Tracer) -> str:
    if item.free:
        return "免费"
    if item.price is not None:
        return t.take(item, "price")
    if item.formula:
        return t.take(item, "formula")
    return "见价格形式" if item.base_price is not None else ""


def _guided(item: PriceItem, t: Tracer) -> str:
    if item.pricing is not Pricing.guided:
        return ""
    parts = [f"基准价 {t.take(item, 'base_price')} 元" if item.base_price is not None else "",
             f"浮动幅度 {t.take(item, 'float_range')}" if item.float_range else ""]
    return "，".join(p for p in parts if p)
