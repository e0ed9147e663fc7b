"""The handbook's own words, so search keeps them whole (search/segment.py adds them to jieba's).

Without them 客户需求处理单 is cut into 客户 / 需求 / 处理 / 单. Words: glossary terms, role names (and
their other titles), department names, form titles. Procedure titles are left out on purpose: as
whole words they would hide the words inside them (投诉 must still find 住户投诉处理标准作业规程 as a
whole word).
"""

from __future__ import annotations

import re

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
