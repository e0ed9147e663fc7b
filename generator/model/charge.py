"""How one price item reads, the same on the site and on the notice board.

《物业服务收费明码标价规定》(发改价检〔2004〕1428号) 第六条: the notice states 收费标准 and 计费方式;
for 政府指导价 also 基准收费标准、浮动幅度 and the actual charge. So:

- a fixed price reads ``20 元/盏`` (the unit glued to the amount, the amount as written);
- a formula reads as its formula and then each part (维修费 20 元/盏；材料费 另计，按《材料报价单》…),
  never as one bare amount that looks all-in;
- a guided price reads as the charged amount, then 基准价, 浮动幅度 with the allowed band, and the
  price authority's document.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.model.price_list import Component, PriceItem, Pricing
from generator.model.prices import money, parse_float_range

FREE = "免费"


@dataclass(frozen=True, slots=True)
class Part:
    """One formula component: its name, its amount with unit (may be empty) and how it is charged."""

    name: str
    amount: str
    method: str

    @property
    def text(self) -> str:
        return " ".join(t for t in (self.name, self.amount, self.method) if t)


@dataclass(frozen=True, slots=True)
class Charge:
    """What the price column says: ``main`` (免费 / 20 元/盏 / the formula), then ``parts`` (one line
    per formula component) and ``guided`` (基准价, 浮动幅度, 定价文件) — empty tuples when not used."""

    main: str
    parts: tuple[Part, ...] = ()
    guided: tuple[str, ...] = ()
    free: bool = False

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(t for t in (self.main, *(p.text for p in self.parts), *self.guided) if t)


def amount(value: Decimal, unit: str | None) -> str:
    """``20`` and ``元/盏`` -> "20 元/盏"; a unit without 元 (次) -> "20 元/次"; no unit -> "20 元"."""
    text = money(value)
    if not unit:
        return f"{text} 元"
    return f"{text} {unit}" if unit.startswith("元") else f"{text} 元/{unit}"


def charge(item: PriceItem) -> Charge:
    """The price of ``item`` as it is posted (see the module text)."""
    if item.free:
        return Charge(FREE, free=True)
    parts = tuple(component(c, item.unit) for c in item.components)
    if item.formula:
        main = item.formula if item.price is None else f"{amount(item.price, item.unit)}（{item.formula}）"
    else:
        main = amount(item.price, item.unit) if item.price is not None else ""
    return Charge(main, parts, guided(item))


def component(part: Component, unit: str | None) -> Part:
    """维修费 20 元/盏 · 材料费 另计，按《材料报价单》经业主确认 (price, method or both)."""
    return Part(part.name, amount(part.price, part.unit or unit) if part.price is not None else "", part.method or "")


def guided(item: PriceItem) -> tuple[str, ...]:
    """基准价 150 元/辆·月 · 浮动幅度 ±10%（135–165 元） · 定价文件 …; empty for a market price."""
    if item.pricing is not Pricing.guided:
        return ()
    lines = []
    if item.base_price is not None:
        lines.append(f"基准价 {amount(item.base_price, item.unit)}")
    if item.float_range:
        span = parse_float_range(item.float_range)
        band = ""
        if span is not None and item.base_price is not None:
            low, high = span.bounds(item.base_price)
            band = f"（{money(low)}–{money(high)} 元）" if high is not None else f"（不低于 {money(low)} 元）"
        lines.append(f"浮动幅度 {item.float_range}{band}")
    if item.price_document:
        lines.append(f"定价文件 {item.price_document}")
    return tuple(lines)
