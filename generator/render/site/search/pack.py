"""The index's texts written as numbers of a shared vocabulary: a third of their size in UTF-8.

A Chinese character takes three bytes in UTF-8; the same handful of thousand words fills every text.
So each text is cut into tokens (Han runs by the search segmenter's cut; Latin words, digit runs,
spaces and other characters one token each), the distinct tokens form ``vocab`` (most frequent first)
and a text becomes the string of its tokens' numbers, each in a short code of printable ASCII:

- 90 digit characters: printable ASCII without ``"``, ``\\`` (JSON would escape them) and ``<``,
  ``>``, ``&`` (the index escapes them as ``\\u003c`` …); the first ``END`` (60) end a number, the
  other 30 lead it;
- a number n is written ``lead… end``: ``end = n % 60``, then the rest in bijective base 30, so the
  60 most frequent tokens take one character, the next 1,800 two, the next 54,000 three.

At 1000 distinct procedures this takes the texts from 5.1 MB to about 1.8 MB
(benchmarks/search_bench.py --distinct). ``worker.js`` (``unpack``) reads it back; the tokens are
escaped as the texts were, so the joined text is exactly ``html.escape`` of the original.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from typing import Callable, Sequence

DIGITS = "".join(c for c in map(chr, range(0x20, 0x7F)) if c not in '"\\<>&')
END = 60
LEAD = len(DIGITS) - END  # 30
_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[A-Za-z]+|[0-9]+|\s+|.", re.S)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def code(n: int) -> str:
    """The short code of token number ``n`` (0 → ' ', 60 → lead 0 + end 0, …)."""
    out = DIGITS[n % END]
    q = n // END
    while q > 0:
        q -= 1
        out = DIGITS[END + q % LEAD] + out
        q //= LEAD
    return out


def decode(codes: str) -> list[int]:
    """Token numbers of a code string (the inverse of joining ``code``; worker.js does the same)."""
    numbers, q = [], 0
    for ch in codes:
        k = DIGITS.index(ch)
        if k >= END:
            q = q * LEAD + (k - END) + 1
        else:
            numbers.append(q * END + k)
            q = 0
    return numbers


def tokens(text: str, cut: Callable[[str], Sequence[str]]) -> list[str]:
    """``text`` as tokens whose concatenation is ``text``; ``cut`` splits a run of Han characters."""
    out: list[str] = []
    for match in _TOKEN.finditer(text):
        piece = match.group()
        out += cut(piece) if _HAN.match(piece) else [piece]
    return out


def pack(texts: Sequence[str], cut: Callable[[str], Sequence[str]]) -> tuple[list[str], list[str]]:
    """(vocabulary of HTML-escaped tokens, one code string per text) for ``texts``."""
    split = [tokens(t, cut) for t in texts]
    counts = Counter(tok for toks in split for tok in toks)
    vocab = [tok for tok, _ in counts.most_common()]
    number = {tok: n for n, tok in enumerate(vocab)}
    return [html.escape(tok) for tok in vocab], ["".join(code(number[tok]) for tok in toks) for toks in split]


def unpack(handbook: dict[str, list[str]]) -> list[str]:
    """The (HTML-escaped) texts of an index's ``config.handbook``: what worker.js reads back."""
    vocab = handbook["vocab"]
    return ["".join(vocab[n] for n in decode(codes)) for codes in handbook["texts"]]
