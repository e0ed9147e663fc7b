"""Chinese line breaking for every PDF (GB/T 15834-2011 标点符号用法 and W3C clreq §3.1.7):

- no line starts with 间隔号 (·), 连接号 (- – — ～ ~) or 分隔号 (/), nor with a closing mark, and none
  ends with an opening mark (Pango already keeps closing and opening marks right, see
  tests/print/test_typesetting.py);
- units (20 元/平方米·月), amounts with their unit, ranges (1.62–1.98 元, ±10%), document codes
  (LYWG/QP-010) and document numbers (〔2004〕1428号) never break inside.

``glue`` wraps each of these in ``<span class="nb">`` (white-space: nowrap) in the text of an HTML
page, never in tags, attributes, <style> or <title>; render_document applies it to every PDF, so
templates need no filter. A mark between two other characters is glued to both neighbours.
"""

from __future__ import annotations

import re

NOWRAP_CSS = ".nb { white-space: nowrap; }"

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_NUM = r"\d+(?:\.\d+)?"
_MARKS = "·・‧•\\-–—―～~/／"
_UNIT = rf"元(?:/[{_CJK}·・]{{1,8}})?"  # 元, 元/次, 元/平方米·月, 元/场次 (a following （半天） may wrap)
_ATOMS = re.compile("|".join((
    r"(?P<url>https?://[^\s<]+)",  # left as it is: its own breaks are after / and -
    rf"[±+\-]?{_NUM}\s?(?:[–—～~\-]\s?{_NUM}\s?)?(?:{_UNIT}|[%％])",  # 20 元/盏, 1.62–1.98 元, ±10%
    rf"{_UNIT}",  # a unit on its own
    r"[A-Z][A-Z0-9]*(?:[/／][A-Z0-9]+)+(?:[\-–—][A-Z0-9]+)*",  # LYWG/QP-010, LYWG/QR—046
    r"[〔［\[]\d{4}[〕］\]]\d+号",  # 〔2004〕1428号
    rf"[^\s<>&;{_MARKS}] ?[{_MARKS}]+ ?[^\s<>&;{_MARKS}]",  # any other mark glued to both neighbours
)))
_SKIP = re.compile(r"(<(style|title|script)\b.*?</\2\s*>|<[^>]*>)", re.S | re.I)


def glue(html: str) -> str:
    """``html`` with every unit, range, code and mark-joined pair in a nowrap span (text only)."""
    parts = _SKIP.split(html)
    out: list[str] = []
    # re.split with two groups yields: text, whole match, inner tag name, text, ...
    for index in range(0, len(parts), 3):
        out.append(_ATOMS.sub(_wrap, parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)


def widest_atom(text: str) -> float:
    """Width in em of the widest piece of ``text`` that glue() keeps on one line (a price with its
    unit, a code); a column narrower than this would let it run over the next one. CJK and marks
    count 1 em, other characters 0.6 em (the bold digits of the Noto CJK faces)."""
    widths = [sum(1.0 if ord(c) > 0x2000 or c in "·・" else 0.6 for c in m.group())
              for m in _ATOMS.finditer(text) if m.lastgroup != "url"]
    return max(widths, default=0.0)


def _wrap(match: re.Match[str]) -> str:
    if match.lastgroup == "url":
        return match.group()
    return f'<span class="nb">{match.group()}</span>'
