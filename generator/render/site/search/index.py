"""The handbook's search index, written where material's search plugin writes its own.

The plugin hands an instance to the search plugin in place of its ``SearchIndex`` (same two
methods), so the search plugin's file handling, the offline plugin's ``search_index.js`` and the
theme's search box all stay; the theme's worker is replaced by ours (``search-worker.js``), which
reads this format:

``{"config": {"lang", "separator", "pipeline", "handbook": {...}}, "docs": [...]}`` where

- ``docs[i]`` = ``{"location", "title", "text", "k", "b"}``: an entry of ``entries.py`` (``location``
  = page URL + ``#anchor``; the page's own entry first, without anchor), ``title`` and ``text`` HTML-escaped
  as in the theme's own index (``text`` at most ``entries.MAX_TEXT`` characters before escaping), ``k`` its words (segment.py, each once, space separated), ``b``
  the page's boost (procedures 2);
- ``config.handbook`` = ``{"total", "words": {word: frequency}, "units", "synonyms", "rewrite", "t2s"}``: what the
  browser needs to cut a query the same way (segment.py) and widen it (words.py).

The theme passes only ``config`` and ``docs`` to the worker, hence everything sits in those two.
"""

from __future__ import annotations

import html
import json
from typing import Any

from generator.model import Handbook
from generator.render.site.search.entries import entries
from generator.render.site.search.segment import UNITS, Segmenter, jieba_segmenter
from generator.render.site.search.words import rewrites, synonyms, traditional_pairs
from generator.render.site.searchdict import words as handbook_words

SEPARATOR = r"[\s\u200b\-]+"  # the theme's highlighter splits the h= parameter by this


class HandbookSearchIndex:
    """Collects the entries of every page during the build; ``generate_search_index`` writes JSON."""

    def __init__(self, book: Handbook, lang: list[str] | None = None):
        self.book = book
        self.lang = lang or ["zh"]
        self.segmenter: Segmenter = jieba_segmenter(handbook_words(book))
        self.docs: list[dict[str, Any]] = []

    def add_entry_from_context(self, page: Any) -> None:
        """Index one page (the search plugin calls this for every page, before writing it)."""
        search = (page.meta or {}).get("search") or {}
        if search.get("exclude") or not page.content:
            return
        spec = getattr(page, "spec", None)
        title = spec.title if spec is not None else html.unescape(page.title or "")
        boost = float(search.get("boost") or 1)
        url = page.url
        for entry in entries(title, page.content):
            text = entry.text
            seen = dict.fromkeys(self.segmenter.words(f"{entry.title} {text}"))
            self.segmenter.words(entry.title)  # title words reach the browser's dictionary
            doc: dict[str, Any] = {
                "location": f"{url}#{entry.anchor}" if entry.anchor else url,
                "title": html.escape(entry.title if entry.kind != "page" else title),
                "text": html.escape(text),
                "k": " ".join(seen),
            }
            if boost != 1:
                doc["b"] = boost
            self.docs.append(doc)

    def generate_search_index(self, prev: Any = None) -> str:
        used = self.segmenter.used
        chars = {c for w in used for c in w}
        data = {
            "config": {
                "lang": self.lang, "separator": SEPARATOR, "pipeline": [],
                "handbook": {
                    "total": self.segmenter.total,
                    "words": used,
                    "units": list(UNITS),
                    "synonyms": synonyms(self.book),
                    "rewrite": rewrites(self.book),
                    "t2s": traditional_pairs(chars),
                },
            },
            "docs": self.docs,
        }
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        # <, > and & only occur inside JSON strings: written as escapes, no markup survives in the file
        return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")

