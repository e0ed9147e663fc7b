"""Canonical terms: a forbidden variant of a glossary term must not appear in any text."""

from __future__ import annotations

import re
from typing import Iterator

from generator.check.registry import Context, Problem, rule
from generator.model import Handbook
from generator.model.base import SourceModel, walk_models


def _texts(book: Handbook) -> Iterator[tuple[SourceModel, str, str]]:
    """(object, field, text) for every string field of every source object."""
    roots = [*book.documents(), *book.roles.values(), *book.departments.values(), *book.sites.values()]
    for root in roots:
        for obj in walk_models(root):
            for name in type(obj).model_fields:
                value = getattr(obj, name)
                if isinstance(value, str):
                    yield obj, name, value
                elif isinstance(value, list):
                    for item in value:
                        if isinstance(item, str):
                            yield obj, name, item


@rule("GLO001", "不得使用术语的禁用写法", "按 glossary.yaml 改用规范术语")
def glossary_variants_flagged(book: Handbook, ctx: Context) -> Iterator[Problem]:
    if not book.glossary:
        return
    canonical = {v: t.term for t in book.glossary.terms for v in t.variants}
    if not canonical:
        return
    pattern = re.compile("|".join(re.escape(v) for v in sorted(canonical, key=len, reverse=True)))
    for obj, field, text in _texts(book):
        for match in pattern.finditer(text):
            yield Problem(f"{field}: 「{match.group()}」应写作「{canonical[match.group()]}」", obj.where(field))
