"""Traced text: every string a view puts on paper remembers the source file and field it came from.

The glyph check (fonts.py) reads these records, so an uncovered character is reported at
``file:line:col`` with the field name instead of printing as a tofu box.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from generator.model.base import Position, SourceModel


@dataclass(frozen=True, slots=True)
class Traced:
    text: str
    position: Position | None
    field: str


@dataclass
class Tracer:
    """Collects the texts a view takes from the model; ``take`` returns the text itself."""

    items: list[Traced] = field(default_factory=list)

    # Read ``obj.<name>`` (or ``value`` when given), record it with its position, return it as text.
    def take(self, obj: SourceModel, name: str, value: Any = None) -> str:
        raw = getattr(obj, name) if value is None else value
        text = as_text(raw)
        if text:
            self.items.append(Traced(text, obj.where(name), name))
        return text

    # Each string of a list field, recorded at the list's position.
    def take_all(self, obj: SourceModel, name: str) -> list[str]:
        return [self.take(obj, name, item) for item in getattr(obj, name)]


def as_text(value: Any) -> str:
    """Plain text of a model value: dates as 2026年4月1日, decimals without trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return cn_date(value)
    if isinstance(value, Decimal):
        return money(value)
    return cn_quotes(str(value))


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_DOUBLE = re.compile(r'"([^"\n]*)"')
_SINGLE = re.compile(r"'([^'\n]*[\u3400-\u9fff][^'\n]*)'")


def cn_quotes(text: str) -> str:
    """ASCII quotes around Chinese text as Chinese quotes: "维修" -> “维修”, '维修' -> ‘维修’.

    Source: GB/T 15834-2011 §4.1 (引号 “ ” and ‘ ’ in horizontal Chinese text). Only text with a Chinese
    character is touched, so codes and English stay as written; an unpaired quote is left alone.
    """
    if ('"' not in text and "'" not in text) or not _CJK.search(text):
        return text
    return _SINGLE.sub(r"‘\1’", _DOUBLE.sub(r"“\1”", text))


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def money(value: Decimal) -> str:
    """30 -> "30", 2.50 -> "2.50", 1.5 -> "1.50" (prices keep two decimals when not whole)."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return str(value.quantize(Decimal("0.01")))
