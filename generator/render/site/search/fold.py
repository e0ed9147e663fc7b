"""A Traditional edition's search index, cut as words: through a Simplified copy of each text.

The search dictionary (jieba's and the handbook's words) is Simplified, so a Traditional text cut
with it falls apart into characters (會議室 → 會 | 議 | 室). A Traditional edition's index is
therefore remade once the built site has been converted (generator.script.convert_tree), from its
final Traditional texts:

- each text and title is **folded** to Simplified character by character (``fold_table``: OpenCC's
  t2s, tw2s and hk2s, one character to one, so the copy has the text's length and every position
  of a word in the copy is its position in the text); the copy is cut with the normal dictionary
  (segment.py), so 會議室 is the one word 会议室;
- the index's words (dictionary, and so the browser's posting lists and frequencies) are those
  Simplified words, and so are its synonyms, rewrites, kind cues, title endings, units and
  sound groups, taken exact from the index as the build wrote it, before the conversion;
- texts and titles stay as the reader sees them, in Traditional; the packed texts' tokens are the
  Traditional pieces of the same cut.

A Traditional site ships no Simplified character (tests/scriptscan.py), so the Simplified words are
written with ``spelling``: each Simplified-only character as one Traditional character that folds
back to it (议 as 議), which the worker folds back when the index loads; the folding table goes as
code points (``t2s``), as the query table of a Traditional edition always did. ``fold: 1`` tells the
worker to fold every text, title and table before it cuts (``setup`` in worker.js), and each query.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from typing import Any, Iterable

from generator.render.site.search.pack import pack, unpack
from generator.render.site.search.words import simplified_pairs

# The tables of config.handbook that hold search words (Simplified) besides the dictionary
WORD_TABLES = ("synonyms", "rewrite", "cues", "tails", "units", "sounds")


@lru_cache(maxsize=1)
def fold_table() -> dict[str, str]:
    """Traditional or variant character → its one Simplified character (words.simplified_pairs: OpenCC's
    t2s, tw2s, hk2s; every pair is one character to one, so folding keeps a text's length)."""
    return dict(simplified_pairs())


def fold(text: str, table: dict[str, str] | None = None) -> str:
    """``text`` with every character folded to Simplified (same length; others unchanged)."""
    table = fold_table() if table is None else table
    return "".join(table.get(c, c) for c in text)


def spelling(simplified_only: frozenset[str]) -> dict[str, str]:
    """Simplified-only character → the Traditional character written for it in a Traditional index:
    the first in code point order that folds back to it and is no Simplified-only character itself."""
    out: dict[str, str] = {}
    for traditional, simple in sorted(fold_table().items()):
        if simple in simplified_only and simple not in out and traditional not in simplified_only:
            out[simple] = traditional
    return out


def folded_index(original: str, converted: str, extra_words: Iterable[str], simplified_only: frozenset[str]) -> str:
    """The converted index file (``search_index.json``, or its offline copy ``var __index = {…}``) cut
    through Simplified; ``original``: the same file before the conversion (its word tables are
    exact); ``extra_words``: the handbook's own words (searchdict.words) in either script. A file that
    is no handbook index (no ``config.handbook``) is returned as converted."""
    from generator.render.site.search.index import dump, folded_segmenter

    try:
        head, data, tail = _parts(converted)
        kept = _parts(original)[1]["config"]["handbook"]
        hb: dict[str, Any] = data["config"]["handbook"]
    except (ValueError, KeyError, TypeError):
        return converted
    cutter = folded_segmenter(tuple(sorted({fold(w) for w in extra_words})))
    texts = [html.unescape(t) for t in unpack(hb)]
    for text in texts:
        cutter.words(fold(text))
    shown = set("".join(texts))
    for doc in data["docs"]:
        for title in [doc["title"], *(e[1] for e in doc["e"])]:
            title = html.unescape(title)
            shown.update(title)
            cutter.words(fold(title))
    used = dict(cutter.used)
    hb["vocab"], hb["texts"] = pack(texts, lambda run: _pieces(run, cutter.han(fold(run))))
    write = spelling(simplified_only)

    def spelt(value: Any) -> Any:
        if isinstance(value, str):
            return "".join(write.get(c, c) for c in value)
        if isinstance(value, list):
            return [spelt(v) for v in value]
        if isinstance(value, dict):
            return {spelt(k): spelt(v) for k, v in value.items()}
        return value

    hb["words"] = spelt(used)
    for name in WORD_TABLES:
        if name in kept:
            hb[name] = spelt(kept[name])
    # a sound group's Simplified-only character that no Traditional one folds to (迳: 逕 folds to 径)
    # is never in a folded text; left out, as it cannot be written
    hb["sounds"] = ["".join(c for c in group if c not in simplified_only) for group in hb.get("sounds", [])]
    simple = {c for w in used for c in w} | {c for name in WORD_TABLES for c in json.dumps(kept.get(name), ensure_ascii=False)}
    hb["t2s"] = [ord(c) for t, s in sorted(fold_table().items()) if s in simple or t in shown for c in (t, s)]
    hb["fold"] = 1
    return head + dump(data) + tail


def _pieces(run: str, words: Iterable[str]) -> list[str]:
    """The pieces of ``run`` as long as ``words`` (the cut of its folded copy, same length)."""
    out, at = [], 0
    for word in words:
        out.append(run[at:at + len(word)])
        at += len(word)
    return out


def _parts(text: str) -> tuple[str, dict[str, Any], str]:
    """(what stands before the JSON object, the object, what follows it) of an index file."""
    start = text.index("{")
    data, end = json.JSONDecoder().raw_decode(text, start)
    return text[:start], data, text[end:]

