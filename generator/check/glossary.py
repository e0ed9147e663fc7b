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
    canonical = {v: t.term for t in book.glossary.terms for v in t.variants}
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
