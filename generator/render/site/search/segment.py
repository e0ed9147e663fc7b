"""Cut text into search words: the one algorithm the index and the browser share.

The browser (``worker.js`` beside this file, function ``segment``) runs the
very same steps on a query, with the dictionary the index ships (every word the index uses, with
its frequency), so a query is cut exactly as the pages were:

1. ``normalize``: full-width letters and digits to ASCII (Ｑ→q, ５０→50), ASCII to lower case; one
   character in, one character out.
2. Runs: digits (with a decimal point), Latin letters, Han characters; anything else separates.
3. A number keeps the unit that follows it, spaces allowed between (``50 元`` → ``50元``,
   ``24小时内`` → ``24小时`` + ``内``): the longest unit of ``UNITS`` that starts the next Han run.
4. A Han run is cut like jieba without its HMM (the route of highest summed log frequency over
   dictionary words; a character not in the dictionary is a word with frequency 1; on a tie the
   longer word wins). The dictionary is jieba's, plus the handbook's own words
   (``searchdict.words``) made frequent enough to stay whole.

Because the index's dictionary holds every word on the best routes of the index text, cutting a
text with only those words finds the same route; the browser needs no more. A Traditional edition's
texts are cut the same way, each as its Simplified copy of the same length (fold.py; the worker
folds with the table the index ships, then calls ``segment``).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Callable, Iterable

UNITS = ("元", "角", "分钟", "分", "秒", "小时", "个小时", "天", "日", "个工作日", "工作日", "周", "个月", "月",
         "年", "次", "人", "米", "平方米", "平米", "公斤", "千克", "斤", "件", "台", "盏", "个", "把", "处", "孔",
         "间", "层", "份", "联", "张", "页", "岁", "度", "户", "辆", "套", "组", "项", "位", "名", "本", "吨", "升",
         "毫米", "厘米", "公里", "倍")
_RUN = re.compile(r"[0-9]+(?:\.[0-9]+)?%?|[a-z]+|[\u3400-\u9fff\uf900-\ufaff]+")
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20


def normalize(text: str) -> str:
    """Full-width ASCII to half-width, ASCII letters to lower case (same length as the input)."""
    return text.translate(_FULLWIDTH).translate(_LOWER)


_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


class Segmenter:
    """Cuts text with a frequency dictionary; ``freq(word)`` is 0 for words it does not know.

    ``prefix(fragment)`` says whether some word starts with the fragment (jieba's prefix dictionary);
    ``total`` is the sum of all frequencies. ``used`` collects every word a cut returned, so the
    index can ship exactly the dictionary the browser needs.
    """

    def __init__(self, freq: Callable[[str], int], prefix: Callable[[str], bool], total: float):
        self.freq = freq
        self.prefix = prefix
        self.total = total
        self.log_total = math.log(total)
        self.used: dict[str, int] = {}
        self._cut = lru_cache(maxsize=200_000)(self._cut_han)  # a pure function of the run: shared by renewed()

    def renewed(self) -> Segmenter:
        """The same dictionary and cuts made so far, with nothing ``used`` yet (one per index built)."""
        fresh = Segmenter.__new__(Segmenter)
        fresh.__dict__.update(self.__dict__)
        fresh.used = {}
        return fresh

    def words(self, text: str) -> list[str]:
        """The search words of a text, in order (repeats kept)."""
        text = normalize(text)
        out: list[str] = []
        runs = list(_RUN.finditer(text))
        skip_to = -1
        for i, run in enumerate(runs):
            piece = run.group()
            start = max(run.start(), skip_to)
            if start >= run.end():
                continue
            piece = text[start:run.end()]
            if piece[0].isdigit() and i + 1 < len(runs) and piece[-1] != "%":
                unit = _unit_after(text, run.end(), runs[i + 1])
                if unit:
                    out.append(piece + unit)
                    skip_to = runs[i + 1].start() + len(unit)
                    continue
            if "\u3400" <= piece[0]:
                cut = self._cut(piece)
                used = self.used
                for word in cut:
                    if word not in used:  # in order of first use, whether the run was cut now or before
                        used[word] = self.freq(word) or 1
                out += cut
            else:
                out.append(piece)
        return out

    def han(self, run: str) -> tuple[str, ...]:
        """The words of a run of Han characters (cached; unlike ``words``, they do not join ``used``)."""
        return self._cut(run)

    def _cut_han(self, run: str) -> tuple[str, ...]:
        n = len(run)
        route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
        for i in range(n - 1, -1, -1):
            best = (-math.inf, i)
            j = i
            while j < n:
                frag = run[i:j + 1]
                if j > i and not self.prefix(frag):
                    break
                f = self.freq(frag)
                if f or j == i:
                    cand = (math.log(f or 1) - self.log_total + route[j + 1][0], j)
                    if cand >= best:
                        best = cand
                j += 1
            route[i] = best
        words = []
        i = 0
        while i < n:
            j = route[i][1]
            word = run[i:j + 1]
            words.append(word)
            i = j + 1
        return tuple(words)


def _unit_after(text: str, end: int, following: re.Match[str]) -> str:
    """The unit right after a number (only spaces between), or ''."""
    if text[end:following.start()].strip(" ") or not ("\u3400" <= following.group()[0]):
        return ""
    run = following.group()
    return max((u for u in UNITS if run.startswith(u)), key=len, default="")


def jieba_segmenter(extra_words: Iterable[str]) -> Segmenter:
    """A segmenter over jieba's dictionary and the handbook's words (each made frequent enough to stay
    whole, as jieba's ``suggest_freq`` does), without touching jieba's global state."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict …" lines are English and say nothing to a user

    jieba.dt.check_initialized()
    base: dict[str, int] = jieba.dt.FREQ
    total = float(jieba.dt.total)
    plain = Segmenter(lambda w: base.get(w, 0), lambda w: w in base, total)
    extra: dict[str, int] = {}
    for word in extra_words:
        w = normalize(word)
        p = 1.0
        for part in plain.words(w):
            p *= (base.get(part) or 1) / total
        extra[w] = max(int(p * total) + 1, base.get(w, 0), 1)
    prefixes = {w[:k] for w in extra for k in range(1, len(w) + 1)}
    return Segmenter(lambda w: extra.get(w) or base.get(w, 0),
                     lambda w: w in prefixes or w in base, total)
