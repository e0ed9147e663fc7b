"""Placeholders in text name a known site field (generator.model.placeholders)."""

from __future__ import annotations

from typing import Iterator

from generator.check.registry import Context, Problem, rule
from generator.model import Handbook
from generator.model.base import walk_models
from generator.model.placeholders import SITE_FIELDS, unknown_placeholders

_KNOWN = "、".join(f"{{site.{name}}}" for name in SITE_FIELDS)


@rule("PLC001", "文字中的占位符必须是已知的项目字段",
      f"可用的占位符: {_KNOWN};由项目(sites/)填入,公司通用的版本用中性说法")
def placeholders_are_known(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for _, entry in book.entries():
        text = book.texts.get(entry.where().file, "{") if entry.where() else "{"
        if "{" not in text:
            continue
        for node in walk_models(entry):
            for name, value in vars(node).items():
                for item in value if isinstance(value, list) else [value]:
                    if type(item) is str and "{" in item:
                        for unknown in unknown_placeholders(item):
                            yield Problem(f"{name}: 不认识的占位符 {unknown}", node.where(name))
