"""What is written in a form's blanks, and how its printed words may wrap.

- Field kinds and the least width a hand needs to write each (mm): an 11-digit phone number in
  ordinary handwriting (≈ 3 mm a digit) needs 35 mm, a Chinese name of 2–4 characters 20 mm, a date
  written 2026.12.31 25 mm, an amount with 元 22 mm, a count or number (序号, 数量) 10 mm, an 18-digit
  ID or account number 55 mm, an address 40 mm, other text 15 mm. A free-text box needs 45 mm.
  The kind is the field's ``type`` or, when absent, read from its label (电话 → phone, 日期 → date …).
- Date and time templates (年 月 日, 时 分) get writing room before each unit: 12 mm before 年,
  8 mm before 月 / 日 / 时 / 分 (GB/T 7408 dates written by hand: 4-digit year, 2-digit parts).
- Options, clauses and messages (□满意 …, long sentences) are read by the customer: they print as
  black body text, at least 10.5 pt (五号, the size of Chinese office documents, GB/T 9704 §7.3);
  other hints at least 9 pt. Nothing on a form is smaller than 9 pt.
- Column headings break only between words (jieba), never inside one: 登记日期 → 登记 | 日期.
"""

from __future__ import annotations

import logging
import math
import re
from functools import lru_cache

from generator.render.print.geometry import PT, text_em

MIN_PT = 9.0  # nothing on a form is printed smaller
OPTION_PT = 10.5  # options, clauses, messages: 五号
SECTION_MIN = 45.0  # mm: a free-text box
BLANK_MIN = {"phone": 35.0, "idno": 55.0, "address": 40.0, "name": 20.0, "date": 25.0, "money": 22.0,
             "number": 10.0, "text": 15.0}
KIND_WORDS = (  # first match wins: 联系电话 is a phone before it is anything else
    ("phone", re.compile(r"电话|手机|传真|联系方式")),
    ("idno", re.compile(r"身份证|证件号|账号|卡号")),
    ("address", re.compile(r"地址|住址")),
    ("number", re.compile(r"^(?:序号|编号|数量|件数|次数|人数|份数)")),
    ("date", re.compile(r"日期|时间|月份|年月|年度|期限|时段")),
    ("money", re.compile(r"金额|费用|[^免]费|价|元|押金|收入|合计|小计")),
    ("name", re.compile(r"姓名|名称|人$|人[（(]|客户|业主|住户|单位|部门|经理|主管|房号|车牌")),
)
ROOM_MM = {"年": 12.0, "月": 8.0, "日": 8.0, "时": 8.0, "分": 8.0}
_UNIT = re.compile(r"(^|[ \u3000]+)([年月日时分])(?=$|[ \u3000至前起止后内）)，。；、])")
_OPTION = re.compile(r"[□○☐◯]")
_SENTENCE = re.compile(r"[；。！？]")
_OPENING, _CLOSING = set("（(《“‘「【"), set("）)》”’」】，、。；：:,;")


def field_kind(label: str, declared: str | None = None) -> str:
    """phone | idno | address | number | date | money | name | text: the declared ``type``, else read from
    the label."""
    if declared:
        return declared
    return next((kind for kind, words in KIND_WORDS if words.search(label)), "text")


def date_room(text: str, size_pt: float) -> str:
    """Blanks before 年 月 日 时 分 widened to writing room, in ideographic spaces of ``size_pt``."""
    em = size_pt * PT

    def room(match: re.Match[str]) -> str:
        return "\u3000" * math.ceil(ROOM_MM[match.group(2)] / em - 1e-9) + match.group(2)

    return _UNIT.sub(room, text)


def is_option(hint: str) -> bool:
    """Options (□ …), clauses and messages — read by the person filling in, not a note to the clerk:
    a hint with a check box, a sentence (；。！) or longer than 20 characters."""
    return bool(_OPTION.search(hint) or _SENTENCE.search(hint)) or text_em(hint) > 20


def hint_size(hint: str, body_pt: float, small_pt: float) -> float:
    return max(OPTION_PT, body_pt) if is_option(hint) else max(MIN_PT, small_pt)


@lru_cache(maxsize=4096)
def words(label: str) -> tuple[str, ...]:
    """``label`` cut where a line may break: between words, brackets kept with their word, a single
    character kept with the word before it (住户确认 → 住户 | 确认; 空桶押金（元） → 空桶 | 押金 | （元）)."""
    import jieba  # a dependency of the site's search; loaded only when a form has a table

    jieba.setLogLevel(logging.WARNING)
    units: list[str] = []
    glue = False  # the previous token opened a bracket: the next one joins it
    for token in jieba.cut(label, HMM=False):
        if units and (glue or token[0] in _CLOSING or (len(token) == 1 and token not in _OPENING)):
            units[-1] += token
        else:
            units.append(token)
        glue = token[-1] in _OPENING
    return tuple(units)


def words_width(units: tuple[str, ...], size_pt: float) -> float:
    """mm the longest unbreakable word needs on one line."""
    return max((text_em(u) for u in units), default=0.0) * size_pt * PT


def word_lines(units: tuple[str, ...], width_mm: float, size_pt: float) -> int:
    """Lines the words fill in ``width_mm`` when breaking only between them (greedy)."""
    if not units:
        return 0
    count, used = 1, 0.0
    for unit in units:
        need = text_em(unit) * size_pt * PT
        if used and used + need > width_mm + 1e-6:
            count, used = count + 1, 0.0
        used += need
    return count
