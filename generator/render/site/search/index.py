"""The handbook's search index, written where material's search plugin writes its own.

The plugin hands an instance to the search plugin in place of its ``SearchIndex`` (same two
methods), so the search plugin's file handling, the offline plugin's ``search_index.js`` and the
theme's search box all stay; the theme's worker is replaced by ours (``worker.js``), which
reads this format:

``{"config": {"lang", "separator", "pipeline", "handbook": {...}}, "docs": [...]}`` where

- ``docs[i]`` = one page: ``{"location", "title", "x", "b", "e": [[anchor, title, text], ...]}``: the page's
  URL and title, ``x`` the number of its own text (title, kicker, card), ``b`` its boost (procedures 2), ``k`` its kind when a query can ask for it (``Kind.search_cues``),
  ``e`` its other entries (``entries.py``: sections, steps, branches, price items) with their anchor,
  title and text number;
- ``config.handbook`` = ``{"total", "words": {word: frequency}, "units", "synonyms", "rewrite", "cues", "tails", "sounds", "t2s",
  "vocab", "texts"}``: what the browser needs to cut text and queries the same way (segment.py) and to
  widen a query (words.py); ``texts`` is the table of distinct entry texts (at most ``entries.MAX_TEXT``
  characters each), stored once however many entries share one, each written as numbers of the
  tokens of ``vocab`` (pack.py: a third of the size).

A Traditional edition's index is remade after the site's conversion (fold.py): cut through a
Simplified copy of each text, its word tables written in Traditional characters that fold back,
``t2s`` as code points, and ``"fold": 1``.

Titles and texts are HTML-escaped, as in the theme's own index. The browser cuts each distinct text
once when the index loads, with ``words``: every word the build's cut of these texts and titles used,
so it finds the same words (tests/site/test_browser_search.py compares the two).
The theme passes only ``config`` and ``docs`` to the worker, hence everything sits in those two.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from generator.model import Handbook, kinds
from generator.render.site.search.entries import Entry, entries
from generator.render.site.search.pack import pack
from generator.render.site.search.segment import UNITS, Segmenter, jieba_segmenter
from generator.render.site.search.words import (TITLE_TAILS, kind_cues, quantity_kinds, rewrites, sounds, synonyms,
                                                traditional_pairs)
from generator.render.site.searchdict import words as handbook_words

SEPARATOR = r"[\s\u200b\-]+"  # the theme's highlighter splits the h= parameter by this


@lru_cache(maxsize=2)
def _segmenter(words: tuple[str, ...]) -> Segmenter:
    """The segmenter of a handbook's words, kept with its cuts while the words stay the same."""
    return jieba_segmenter(words)


def folded_segmenter(words: tuple[str, ...]) -> Segmenter:
    """A segmenter with nothing ``used`` yet over jieba's dictionary and ``words`` (fold.py cuts a
    Traditional edition's texts with it)."""
    return _segmenter(words).renewed()


def dump(data: dict[str, Any]) -> str:
    """The index as the file holds it: compact JSON; <, > and & only occur inside JSON strings and are
    written as escapes, so no markup survives in the file."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


@dataclass
class _Previous:
    found: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)


_LAST = _Previous()  # the entries of the last index written in this process (a pure function of title and body)


class HandbookSearchIndex:
    """Collects the entries of every page during the build; ``generate_search_index`` writes JSON."""

    def __init__(self, book: Handbook, lang: list[str] | None = None):
        self.book = book
        self.lang = lang or ["zh"]
        self.segmenter: Segmenter = _segmenter(tuple(handbook_words(book))).renewed()
        self.docs: list[dict[str, Any]] = []
        self.texts: dict[str, int] = {}
        self.found: dict[tuple[str, str], list[Entry]] = {}  # (title, body) -> its entries, this build's

    def add_entry_from_context(self, page: Any) -> None:
        """Index one page (the search plugin calls this for every page, before writing it)."""
        search = (page.meta or {}).get("search") or {}
        if search.get("exclude") or not page.content:
            return
        spec = getattr(page, "spec", None)
        title = spec.title if spec is not None else html.unescape(page.title or "")
        key = (title, page.content)
        found = self.found[key] = self.found.get(key) or _LAST.found.get(key) or entries(title, page.content)
        doc: dict[str, Any] = {"location": page.url, "title": html.escape(title), "x": self._text(found[0].text)}
        boost = float(search.get("boost") or 1)
        if boost != 1:
            doc["b"] = boost
        kind = None if spec is None else kinds.kind_of(spec.obj) or kinds.KINDS.get(spec.lists or "")
        if kind is not None and (kind.search_cues or kind.search_quantity):
            doc["k"] = kind.name
        self.segmenter.words(title)
        doc["e"] = [[e.anchor, html.escape(e.title), self._text(e.text)] for e in found[1:]]
        for e in found[1:]:
            self.segmenter.words(e.title)  # title words reach the browser's dictionary
        self.docs.append(doc)

    def _text(self, text: str) -> int:
        """The text's number in the shared table (each distinct text stored, and cut, once)."""
        number = self.texts.get(text)
        if number is None:
            number = self.texts[text] = len(self.texts)
            self.segmenter.words(text)
        return number

    def generate_search_index(self, prev: Any = None) -> str:
        _LAST.found = self.found  # the next build in this process (handbook serve) reuses unchanged pages' entries
        used = dict(self.segmenter.used)  # before packing: its cuts must not widen the dictionary
        vocab, texts = pack(list(self.texts), self.segmenter.han)
        same, rewrite, cues = synonyms(self.book), rewrites(self.book), kind_cues()
        # Traditional input is converted for the words a query may hold: the index's, and the synonyms',
        # rewrites' and kind cues' (錢 of 幾多錢: no text holds 钱, 多少钱 is a cue)
        asked = [*same, *(w for ws in same.values() for w in ws), *rewrite, *rewrite.values(),
                 *(c for cs in cues.values() for c in cs)]
        chars = {c for w in [*used, *asked] for c in w}
        data = {
            "config": {
                "lang": self.lang, "separator": SEPARATOR, "pipeline": [],
                "handbook": {
                    "total": self.segmenter.total,
                    "words": used,
                    "units": list(UNITS),
                    "synonyms": same,
                    "rewrite": rewrite,
                    "cues": cues, "quantity": quantity_kinds(),
                    "tails": list(TITLE_TAILS),
                    "sounds": list(sounds()),
                    "t2s": traditional_pairs(chars),
                    "vocab": vocab,
                    "texts": texts,
                },
            },
            "docs": self.docs,
        }
        return dump(data)

