"""Numbers, dates and flags read from the text the editor wrote, by the schema's rules, not YAML 1.1's.

The loader hands every unquoted value to the model as the text written (only ``~``/``null``/an empty
value become ``None``), so a text field keeps ``02163210456``, ``8:30`` or ``yes`` exactly. A field
that wants a number, a date or a flag parses that text here, strictly: anything YAML 1.1 would read
differently from what a person means (``010`` octal, ``1:30`` base 60, ``1e309``, ``.inf``,
``20260301``, ``yes``) is refused with a Chinese message saying what to write. Errors are
``PydanticCustomError`` of type ``AMBIGUOUS`` (a YAML 1.1 reading: SCH004) or ``INVALID`` (SCH003).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BeforeValidator, StringConstraints
from pydantic_core import PydanticCustomError

MIN_YEAR, MAX_YEAR = 1900, 2999  # a handbook's dates; beyond them calendar arithmetic overflows
AMBIGUOUS, INVALID = "yaml_ambiguous", "value_invalid"  # error types, reported as SCH004 / SCH003
MAX_DIGITS = 15  # prices, percentages and limits; more digits is a typing slip, not a price

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_NUMBER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_LOOSE_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_TRUE, _FALSE = {"true", "True", "TRUE"}, {"false", "False", "FALSE"}
_YES = {"yes", "Yes", "YES", "on", "On", "ON", "y", "Y", "是", "对"}
_NO = {"no", "No", "NO", "off", "Off", "OFF", "n", "N", "否", "不"}


def _fail(message: str, ambiguous: bool = False) -> PydanticCustomError:
    """A Chinese error; ``ambiguous``: YAML 1.1 would have read the text as something else."""
    return PydanticCustomError(AMBIGUOUS if ambiguous else INVALID, message)


def _ascii_digits(text: str) -> str:
    """``text`` with full-width digits, signs and points made ASCII (only to suggest a fix)."""
    return text.translate({ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９．－＋"})


def _number_advice(text: str, what: str) -> PydanticCustomError:
    """Why ``text`` is not a plain number, and what to write instead."""
    plain = _ascii_digits(text.strip())
    if plain != text.strip():
        return _fail(f"「{text}」用了全角数字或符号;{what}只能用半角数字,应写作 {plain}", ambiguous=True)
    lowered = text.strip().lower().lstrip("+-")
    if lowered in {".inf", "inf", "infinity", ".nan", "nan"}:
        return _fail(f"「{text}」不是有限的数;{what}应写成普通数字,如 30 或 12.5", ambiguous=True)
    if re.fullmatch(r"[-+]?[0-9]+(?::[0-5]?[0-9])+(?:\.[0-9]*)?", text):
        return _fail(f"「{text}」带冒号,YAML 1.1 会当作六十进制数;{what}应写成一个数,如 90 或 1.5", ambiguous=True)
    if re.fullmatch(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][-+]?[0-9]+", text):
        try:
            shown = format(Decimal(text), "f")
        except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
            shown = ""
        if not shown or len(shown) > MAX_DIGITS + 2:
            return _fail(f"「{text}」是科学计数法,而且大得不合理;{what}应写成普通数字,如 30 或 12.5", ambiguous=True)
        return _fail(f"「{text}」是科学计数法;{what}应写成普通数字 {shown}", ambiguous=True)
    if re.fullmatch(r"[-+]?0[0-9_]+(?:\.[0-9]+)?", text):
        return _fail(f"「{text}」以 0 开头,YAML 1.1 会当作八进制数;{what}应写作 {text.lstrip('0') or '0'}"
                     "(若这是编号或电话,请给它加引号)", ambiguous=True)
    if re.fullmatch(r"[-+]?0[xXoObB][0-9a-fA-F_]+|[-+]?[0-9][0-9_]*_[0-9_]*", text):
        return _fail(f"「{text}」是十六进制/八进制/带下划线的写法;{what}应写成普通十进制数字", ambiguous=True)
    if re.fullmatch(r"[-+]?[0-9]+\.|[-+]?\.[0-9]+", text):
        return _fail(f"「{text}」小数点前后都要有数字,如 0.5、12.0")
    return _fail(f"「{text}」不是数字;{what}应写成数字,如 30 或 12.5")


def to_int(value: Any) -> Any:
    """Whole number from text like ``12`` or ``-3``; ints pass; anything else is refused."""
    if isinstance(value, bool):
        raise _fail(f"「{value}」是真/假值,这里应写整数")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        if _INT.fullmatch(text) and len(text.lstrip("+-")) <= MAX_DIGITS:
            return int(text)
        if _INT.fullmatch(text):
            raise _fail(f"「{text}」位数太多(最多 {MAX_DIGITS} 位)")
        if re.fullmatch(r"[-+]?[0-9]+\.0*", text):
            raise _fail(f"「{text}」应写成整数 {text.split('.')[0]}")
        raise _number_advice(text, "整数")
    return value  # a list or mapping: pydantic's own type error follows


def to_number(value: Any) -> Any:
    """Decimal from text like ``30``, ``-2`` or ``12.50``; refuses YAML 1.1 readings and huge numbers."""
    if isinstance(value, bool):
        raise _fail(f"「{value}」是真/假值,这里应写数字")
    if isinstance(value, float):  # only from an explicit !!float tag
        if value != value or value in (float("inf"), float("-inf")):
            raise _fail("不是有限的数;应写成普通数字,如 30 或 12.5", ambiguous=True)
        value = repr(value)
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str):
        text = value.strip()
        if not _NUMBER.fullmatch(text):
            raise _number_advice(text, "数值")
        if len(text.lstrip("+-").replace(".", "")) > MAX_DIGITS:
            raise _fail(f"「{text}」位数太多(最多 {MAX_DIGITS} 位数字)")
        return Decimal(text)
    return value


def to_flag(value: Any) -> Any:
    """``true`` or ``false`` (any case); ``yes``/``no``/``on``/``off`` are refused with the fix."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        if text in _YES or text in _NO:
            meant = "true" if text in _YES else "false"
            raise _fail(f"「{text}」在 YAML 1.1 与 1.2 中含义不同;是/否只能写 true 或 false,应写作 {meant}", ambiguous=True)
        raise _fail(f"「{text}」不是是/否值;应写 true 或 false")
    if isinstance(value, int):
        raise _fail(f"「{value}」是数字;是/否只能写 true 或 false")
    return value


def to_date(value: Any) -> Any:
    """A date from text ``YYYY-MM-DD`` (ASCII digits), within 1900–2999; the error names the fix."""
    if isinstance(value, dt.datetime):
        raise _fail(f"「{value}」带了时间;这里只写日期,应写作 {value.date().isoformat()}")
    if isinstance(value, dt.date):
        return _in_range(value, value.isoformat())
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return value
    text = value.strip()
    match = _DATE.fullmatch(text)
    if match is None:
        raise _date_advice(text)
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise _fail(f"「{text}」的月份 {month} 不存在;月份是 01–12")
    try:
        day_written = dt.date(year, month, day)
    except ValueError:
        last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day if year < 9999 else 31
        raise _fail(f"「{text}」不存在:{year} 年 {month} 月只有 {last} 天") from None
    return _in_range(day_written, text)  # its own message: years outside 1900–2999


def _in_range(day: dt.date, text: str) -> dt.date:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise _fail(f"「{text}」超出合理范围;日期应在 {MIN_YEAR}–{MAX_YEAR} 年之间")
    return day


def _date_advice(text: str) -> PydanticCustomError:
    plain = _ascii_digits(text)
    if plain != text and _DATE.fullmatch(plain):
        return _fail(f"「{text}」用了全角数字或符号;日期只能用半角数字,应写作 {plain}", ambiguous=True)
    if re.fullmatch(r"[0-9]{8}", plain):
        return _fail(f"「{text}」是连写的数字;日期应写作 {plain[:4]}-{plain[4:6]}-{plain[6:]}", ambiguous=True)
    loose = _LOOSE_DATE.fullmatch(plain)
    if loose:
        year, month, day = loose.groups()
        return _fail(f"「{text}」格式不对;日期应写作 {year}-{int(month):02d}-{int(day):02d}")
    stamped = re.match(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[ Tt]", plain)
    if stamped:
        return _fail(f"「{text}」带了时间;这里只写日期,应写作 {stamped.group(1)}")
    return _fail(f"「{text}」不是日期;日期写作 YYYY-MM-DD,如 2026-03-01")


Int = Annotated[int, BeforeValidator(to_int)]
Number = Annotated[Decimal, BeforeValidator(to_number)]
Flag = Annotated[bool, BeforeValidator(to_flag)]
Date = Annotated[dt.date, BeforeValidator(to_date)]
# Codes (LYWG/QP-010) and versions (A/0) are matched by machines and people alike: ASCII only.
Code = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[\x21-\x7e]+$")]
