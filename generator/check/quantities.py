"""Finding time spans and money amounts in Chinese running text: 24小时, 五分钟, 两日, 50元."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMBER = r"\d+(?:\.\d+)?|[零一二两三四五六七八九十百]+"
_UNITS = {"分钟": "分钟", "小时": "小时", "个工作日": "工作日", "工作日": "工作日", "日": "日", "天": "日",
          "周": "周", "个月": "个月", "元": "元"}
TIME_UNITS = frozenset({"分钟", "小时", "工作日", "日", "周", "个月"})
QUANTITY = re.compile(rf"({_NUMBER})\s*(分钟|小时|个工作日|工作日|天|日|周|个月|元)")


def chinese_number(text: str) -> Decimal:
    """'24' -> 24, '五' -> 5, '十五' -> 15, '二十四' -> 24, '两百' -> 200."""
    if text[0].isdigit():
        return Decimal(text)
    total, current = 0, 0
    for char in text:
        if char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            current = _DIGITS[char]
    return Decimal(total + current)


def quantities(text: str) -> Iterator[tuple[Decimal, str, str]]:
    """Yield (value, normalised unit, matched text) for every quantity in ``text``."""
    for match in QUANTITY.finditer(text):
        number, unit = match.groups()
        if unit == "日" and match.end() < len(text) and text[match.end()] in "期常":
            continue  # 日期, 日常 are not spans
        yield chinese_number(number), _UNITS[unit], match.group(0)


def normalise_unit(unit: str) -> str:
    return _UNITS.get(unit, unit.split("/")[0].split("每")[0])
