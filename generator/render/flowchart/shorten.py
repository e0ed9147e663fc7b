"""Short labels: a text cut to a number of characters with "…", never inside a number, a Latin word
or a number with its unit (拨打120急救 stays 拨打120…, never 拨打1…; 收费50元 never 收费50…),
at a pause (，、；) when one lies close before the limit.
"""

from __future__ import annotations

import re

from generator.render.site.search.segment import UNITS

PAUSES = "，、；：。,;: "
_WORD = re.compile(r"[0-9A-Za-z]+(?:[.:/%-][0-9A-Za-z]+)*%?")  # 120, 24h, 3.5, GB/T, 8:30
_WITH_UNIT = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:%s)" % "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True)))


def shorten(text: str, limit: int) -> str:
    """``text`` if it has at most ``limit`` characters, else a prefix of at most ``limit - 1`` plus "…".

    The cut never falls inside a run of digits or Latin letters nor between a number and its unit
    (segment.UNITS); it moves back to a pause within the last third when there is one. If the whole
    prefix is one unbreakable run, the run is kept whole (the label is then longer than ``limit``).
    """
    if len(text) <= limit:
        return text
    cut = limit - 1
    for unbroken in (*_WORD.finditer(text), *_WITH_UNIT.finditer(text)):
        start, end = unbroken.span()
        if start < cut < end:
            cut = start if start > 0 else end
    pause = max(text.rfind(p, 0, cut) for p in PAUSES)
    if pause >= cut * 2 // 3:
        cut = pause
    head = text[:cut].rstrip(PAUSES)
    return text if len(head) >= len(text) else head + "…"

