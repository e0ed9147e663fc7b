"""Which price lists apply to a site, and how a price reads: one answer for the checker, the site
and the notices.

- ``site_price_lists``: the lists in force at a site (the ones it names and the ones whose scope
  covers it); the site page, the price-list page, the notices and the rules all ask this function.
- ``money``: a price as written in the source (0.5283 stays 0.5283, 2.50 stays 2.50): never rounded
  (《明码标价和禁止价格欺诈规定》(2022) 第十九条: no presentation that misleads about the real price).
- ``parse_float_range`` / ``FloatRange.bounds``: the allowed band of a 政府指导价 item, base ± float
  (《物业服务收费管理办法》(发改价格〔2003〕1864号) 第七条: 基准价和浮动幅度).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from generator.model.price_list import Fee, PriceList

if TYPE_CHECKING:
    from generator.model.handbook import Handbook
    from generator.model.organisation import Site

FEE_ORDER = {fee: n for n, fee in enumerate(Fee)}  # 物业服务费 first, as a resident looks for it


def site_price_lists(book: Handbook, site: Site) -> list[PriceList]:
    """Price lists in force at ``site``, 物业服务费 first: those it names and those whose scope
    covers it (company-wide, its region, or naming it); obsolete (作废) lists never apply."""
    chosen = {pl_id: book.price_lists[pl_id] for pl_id in site.price_lists if pl_id in book.price_lists}
    for pl in book.price_lists.values():
        if covers(pl, site):
            chosen.setdefault(pl.id, pl)
    return in_fee_order([pl for pl in chosen.values() if pl.status.value != "obsolete"])


def price_list_sites(book: Handbook, pl: PriceList) -> list[Site]:
    """The sites where ``pl`` applies (the inverse of site_price_lists), by site id."""
    return [book.sites[s] for s in sorted(book.sites)
            if any(p.id == pl.id for p in site_price_lists(book, book.sites[s]))]


def covers(pl: PriceList, site: Site) -> bool:
    """Whether the scope of ``pl`` (company, region or named sites) takes in ``site``."""
    scope = pl.scope
    if scope.level.value == "company":
        return True
    if scope.level.value == "region":
        return bool(scope.region) and scope.region == site.region
    return site.id in scope.sites


def money(value: Decimal) -> str:
    """A price as written: ``Decimal("0.5283")`` -> "0.5283", ``Decimal("2.50")`` -> "2.50", 150 -> "150".
    No rounding and no padding: the digits of the source are the price."""
    return format(value, "f")


@dataclass(frozen=True, slots=True)
class Float:
    """One direction of a float: ``amount`` in percent of the base or in 元; None = 不限 (no limit)."""

    amount: Decimal | None
    percent: bool

    def of(self, base: Decimal) -> Decimal | None:
        if self.amount is None:
            return None
        return base * self.amount / 100 if self.percent else self.amount


@dataclass(frozen=True, slots=True)
class FloatRange:
    """A parsed 浮动幅度: how far above and below the base price a charge may go."""

    up: Float
    down: Float

    def bounds(self, base: Decimal) -> tuple[Decimal, Decimal | None]:
        """(lowest, highest) allowed price in 元; highest None when 上浮不限. Never below 0."""
        up, down = self.up.of(base), self.down.of(base)
        low = Decimal(0) if down is None else max(Decimal(0), base - down)
        return tidy(low, base), None if up is None else tidy(base + up, base)


_NUM = r"(\d+(?:\.\d+)?)"
_UNIT = r"(%|元)?"
_BOTH = re.compile(rf"(?:±|\+/?-|上下浮动|上下浮|浮动)(?:不超过|不得超过)?{_NUM}{_UNIT}")
_UP = re.compile(rf"(?:\+|上浮)(?:不超过|不得超过)?(?:{_NUM}{_UNIT}|(不限))")
_DOWN = re.compile(rf"(?:-|下浮)(?:不超过|不得超过)?(?:{_NUM}{_UNIT}|(不限))")
_WIDE = str.maketrans({"％": "%", "＋": "+", "－": "-", "−": "-", "–": "-", "—": "-", "，": ",", "、": ",",
                       "；": ",", ";": ",", "/": ",", "／": ","})


def parse_float_range(text: str) -> FloatRange | None:
    """``±10%``, ``上下浮动10%``, ``±0.20元``, ``上浮10%，下浮20%``, ``+10%/-5%``, ``上浮10%，下浮不限``,
    also with 基准价 before or 以内 after (``在基准价基础上上下浮动不超过10%``).

    A bare number is in 元; a direction not written does not float (上浮10% alone: no 下浮).
    Returns None when the text is not one of these forms.
    """
    flat = re.sub(r"\s+", "", text).replace("+/-", "±").translate(_WIDE)
    flat = re.sub(r"^(?:在)?基准价(?:基础上)?|(?:以内|之内|范围内)$", "", flat)  # 基准价上下浮动10%以内
    if m := _BOTH.fullmatch(flat):
        both = Float(Decimal(m[1]), m[2] == "%")
        return FloatRange(both, both)
    none = Float(Decimal(0), True)
    up = down = none
    for part in filter(None, flat.split(",")):
        if m := _UP.fullmatch(part):
            up = Float(None if m[3] else Decimal(m[1]), m[2] == "%")
        elif m := _DOWN.fullmatch(part):
            down = Float(None if m[3] else Decimal(m[1]), m[2] == "%")
        else:
            return None
    return None if up is none and down is none else FloatRange(up, down)


def tidy(value: Decimal, like: Decimal) -> Decimal:
    """``value`` with the decimals of ``like`` when that is exact (1.80 × 0.9 -> 1.62, not 1.6200)."""
    exact = value.quantize(Decimal(1).scaleb(int(like.as_tuple().exponent)))
    return exact if exact == value else value.normalize()


def in_fee_order(lists: list[PriceList]) -> list[PriceList]:
    """``lists`` in notice order: 物业服务费, 停车, 代收代缴, services; then by code."""
    return sorted(lists, key=lambda pl: (FEE_ORDER[pl.fee], pl.code, pl.id))
