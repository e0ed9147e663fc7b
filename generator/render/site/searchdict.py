"""A jieba user dictionary of the handbook's own words, so search keeps them whole.

Without it jieba cuts 客户需求处理单 into 客户 / 需求 / 处理 / 单, and a search for the form's name
finds nothing. Words: glossary terms, role names (and their other titles), department names, form
titles. Procedure titles are left out on purpose: as whole tokens they would hide the words inside
them (a search for 投诉 must still find 住户投诉处理标准作业规程).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from generator.model import Handbook

_HAN = re.compile(r"[\u4e00-\u9fff]")


def words(book: Handbook) -> list[str]:
    found: list[str] = []
    if book.glossary:
        found += [t.term for t in book.glossary.terms]
    for role in book.roles.values():
        found += [role.name, *role.aliases]
    found += [d.name for d in book.departments.values()]
    found += [f.title for f in book.forms.values()]
    return sorted({w for w in found if _usable(w)})


def _usable(word: str) -> bool:
    """jieba reads one word per line, up to the first space: whole Chinese words only."""
    return len(word) >= 2 and bool(_HAN.search(word)) and not any(c.isspace() for c in word)


def write_user_dict(book: Handbook, path: Path) -> Path:
    """Write the dictionary (only when it changed, so a rebuild leaves the file alone)."""
    text = "".join(f"{w}\n" for w in words(book))
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


class RememberedCuts:
    """Stands in for the jieba module inside the theme's search plugin: the same cut, remembered.

    The search plugin segments every run of Chinese characters on every page; most runs repeat
    (role and form names, set phrases) within a build and across `mkdocs serve` rebuilds. Results
    are kept per dictionary: a changed word list starts afresh.
    """

    LIMIT = 500_000  # entries; a safety valve, far above a real handbook

    def __init__(self, module: Any):
        self.module = module
        self.words: str | None = None
        self.cuts: dict[Any, tuple[str, ...]] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self.module, name)

    def cut(self, text: Any, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs:
            return self.module.cut(text, *args, **kwargs)
        found = self.cuts.get(text)
        if found is None:
            if len(self.cuts) >= self.LIMIT:
                self.cuts.clear()
            found = self.cuts[text] = tuple(self.module.cut(text))
        return found

    def use_words(self, words: str) -> None:
        if words != self.words:
            self.cuts.clear()
            self.words = words


def remember_cuts(dictionary: Path) -> None:
    """Make the search plugin's segmentation remember its results (no-op if its layout differs)."""
    if os.environ.get("HANDBOOK_NO_CUT_CACHE"):
        return
    try:
        from material.plugins.search import plugin as search
    except ImportError:
        return
    current = getattr(search, "jieba", None)
    if current is None:
        return
    if not isinstance(current, RememberedCuts):
        current = search.jieba = RememberedCuts(current)
    current.use_words(dictionary.read_text(encoding="utf-8"))
