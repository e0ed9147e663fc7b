"""Named limits and splits: a number stated in a step comes from the limit table; splits add up."""

from __future__ import annotations

from typing import Iterator

from generator.check.quantities import TIME_UNITS, normalise_unit, quantities
from generator.check.registry import Context, Problem, rule
from generator.model import Handbook, NumberedStep


def _steps(book: Handbook) -> Iterator[NumberedStep]:
    """Every numbered step of every kind of document that has steps."""
    for kind, doc in book.entries():
        if kind.has_steps:
            yield from book.steps(doc)


@rule("PCT001", "比例分配之和必须为 100%", "调整 split.shares 中的 percent,使合计为 100")
def splits_add_up(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for n in _steps(book):
        if n.step.split:
            total = sum(share.percent for share in n.step.split.shares)
            if total != 100:
                yield Problem(f"步骤 {n.number} 的「{n.step.split.basis}」合计 {total}%,不是 100%", n.step.where("split"))


@rule("LIM001", "步骤中的时限必须引用时限表", "在 limits.yaml 定义该时限,并在步骤的 limits 中引用其 id")
def time_limits_are_named(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for n in _steps(book):
        named = {(book.limits[i].value, normalise_unit(book.limits[i].unit)) for i in n.step.limits if i in book.limits}
        for value, unit, shown in quantities(n.step.text or ""):
            if unit in TIME_UNITS and (value, unit) not in named:
                yield Problem(f"步骤 {n.number} 写了时限「{shown}」,但没有引用时限表中的对应限值", n.step.where("text"))


@rule("LIM002", "步骤文字必须与所引用的限值一致", "改正步骤文字中的数字,或引用正确的限值;两个规程不能各说各的")
def limits_agree_with_text(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for n in _steps(book):
        stated = {(value, unit) for value, unit, _ in quantities(n.step.text or "")}
        for limit_id in n.step.limits:
            limit = book.limits.get(limit_id)
            if limit is None:
                continue
            if (limit.value, normalise_unit(limit.unit)) not in stated:
                yield Problem(f"步骤 {n.number} 引用限值「{limit.name}」({limit.text}),但文字中没有写出该数值",
                              n.step.where("limits"))
