"""Canonical terms: a forbidden variant of a glossary term must not appear anywhere in the sources."""

from __future__ import annotations

import re
from typing import Iterator

from generator.check.registry import Context, Problem, rule
from generator.model import Handbook
from generator.model.base import Position


@rule("GLO001", "不得使用术语的禁用写法", "按 glossary.yaml 改用规范术语")
def glossary_variants_flagged(book: Handbook, ctx: Context) -> Iterator[Problem]:
    if not book.glossary:
        return
    # a variant inside its own term would flag every correct use; GLO002 reports it once, at the glossary
    canonical = {v: t.term for t in book.glossary.terms for v in t.variants if v and v not in t.term}
    if not canonical:
        return
    pattern = re.compile("|".join(re.escape(v) for v in sorted(canonical, key=len, reverse=True)))
    for file, text in sorted(book.texts.items()):
        if file == "glossary.yaml":
            continue  # the one place the variants are written down on purpose
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            yield Problem(f"「{match.group()}」应写作「{canonical[match.group()]}」", Position(file, line, col))


@rule("GLO002", "术语表本身要自洽", "禁用写法不能等于或包含在它的规范术语里,也不能是另一条规范术语;每个术语只写一次;"
      "俗称不能同时是禁用写法")
def glossary_is_consistent(book: Handbook, ctx: Context) -> Iterator[Problem]:
    if not book.glossary:
        return
    terms = {t.term for t in book.glossary.terms}
    forbidden = {v for t in book.glossary.terms for v in t.variants}
    seen: set[str] = set()
    for term in book.glossary.terms:
        if term.term in seen:
            yield Problem(f"术语「{term.term}」重复定义", term.where("term"))
        seen.add(term.term)
        for variant in term.variants:
            if variant == term.term:
                yield Problem(f"禁用写法「{variant}」就是规范术语本身", term.where("variants"))
            elif variant in term.term:
                yield Problem(f"禁用写法「{variant}」包含在规范术语「{term.term}」之中,每处正确的用法都会被误报",
                              term.where("variants"))
            elif variant in terms:
                yield Problem(f"禁用写法「{variant}」又是另一条规范术语", term.where("variants"))
        for word in term.colloquial:
            if word in forbidden:
                yield Problem(f"俗称「{word}」又是禁用写法:搜索要找它,检查又不许写它", term.where("colloquial"))
