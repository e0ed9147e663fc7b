"""Editions (editions/NAME.yaml) and the procedure variants they choose make sense together.

Ids an edition names are references, so the reference rules (REF004 roles, REF005 departments,
REF001 procedures, REF006 sites) already report a dangling one at the edition's line; these rules
add what a reference cannot say.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from generator.check.registry import Context, Problem, rule
from generator.model import Handbook
from generator.model.base import Position, walk_models
from generator.model.edition import Edition
from generator.model.procedure import Procedure


def _editions(book: Handbook) -> list[Edition]:
    return list(book.table("edition").values())


@rule("EDN001", "版本选用的规程版本差异必须存在", "variants 中的 variant 写规程 variants 下某一项的 id")
def chosen_variants_exist(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for edition in _editions(book):
        for choice in edition.variants:
            proc = book.procedures.get(choice.procedure)
            if proc is None:
                continue  # REF001 reports it
            ids = [v.id for v in proc.variants if v.id]
            if choice.variant not in ids:
                offered = "、".join(ids) or "(该规程没有可选的版本差异)"
                yield Problem(f"规程「{proc.title}」没有 id 为 \"{choice.variant}\" 的版本差异;可选: {offered}",
                              choice.where("variant"))


@rule("EDN002", "版本中每个岗位、部门、规程只能改一次,且不能合并到自身或形成循环",
      "同一 id 只写一项;合并链(甲并入乙、乙并入甲)改为都并入同一个岗位或部门")
def changes_are_single(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for edition in _editions(book):
        for label, changes in (("岗位", edition.roles), ("部门", edition.departments)):
            counts = Counter(c.id for c in changes)
            into = {c.id: c.into for c in changes if c.into}
            for change in changes:
                if counts[change.id] > 1:
                    yield Problem(f"{label} \"{change.id}\" 在本版本中改了不止一次", change.where("id"))
                elif change.into is not None and _cycles(change.id, into):
                    yield Problem(f"{label} \"{change.id}\" 合并到 \"{change.into}\" 后绕回自身", change.where("into"))
        counts = Counter(c.procedure for c in edition.variants)
        for choice in edition.variants:
            if counts[choice.procedure] > 1:
                yield Problem(f"规程 \"{choice.procedure}\" 在本版本中选了不止一个版本差异", choice.where("procedure"))


def _body_text(proc: Procedure) -> str:
    """Every text of the procedure outside its variants, one per line."""
    body = proc.model_copy(update={"variants": []})
    values = [v for node in walk_models(body) for v in vars(node).values()]
    return "\n".join(t for v in values for t in (v if isinstance(v, list) else [v]) if type(t) is str)


def _cycles(start: str, into: dict[str, str]) -> bool:
    seen, target = {start}, into[start]
    while target in into:
        if target in seen:
            return True
        seen.add(target)
        target = into[target]
    return target == start


@rule("EDN003", "版本差异(variants[].apply)指明的步骤、附录和文字必须存在,可选的版本差异要有唯一的 id",
      "drop_steps 写本规程某一步骤的 id;appendices 写某一附录的标题;wording 的 old 照抄正文中的文字;"
      "每个 variants 项的 id 各不相同")
def variant_changes_resolve(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for proc in book.procedures.values():
        ids = Counter(v.id for v in proc.variants if v.id)
        steps = book.step_ids(proc)
        titles = {a.title for a in proc.appendices}
        for variant in proc.variants:
            if variant.id and ids[variant.id] > 1:
                yield Problem(f"版本差异 id \"{variant.id}\" 重复", variant.where("id"))
            change = variant.apply
            if change is None:
                continue
            for step in change.drop_steps:
                if step not in steps:
                    yield Problem(f"drop_steps: 本规程没有 id 为 \"{step}\" 的步骤", change.where("drop_steps"))
            text = _body_text(proc)
            for wording in change.wording:
                if wording.old not in text:
                    yield Problem(f"wording: 本规程中没有「{wording.old}」这段文字", wording.where("old"))
            for title in change.appendices or []:
                if title not in titles:
                    yield Problem(f"appendices: 本规程没有标题为「{title}」的附录", change.where("appendices"))


@rule("EDN004", "繁体版本转换后的文字不得含有术语表禁止的写法",
      "在 glossary.yaml 的 conversions 中为该词写明 hk / tw 的正确写法,或改写原文;handbook edition-diff 列出转换器与术语表的差异")
def converted_text_has_no_forbidden_terms(book: Handbook, ctx: Context) -> Iterator[Problem]:
    from generator.script import converter_for, forbidden_uses

    regions = {e.region: e for e in _editions(book) if e.script.value == "zh-Hant"}
    for region, edition in sorted(regions.items()):
        converter = converter_for(book, edition)
        if converter is None:
            continue
        for rel, line, word in forbidden_uses(book, converter):
            yield Problem(f"第 {line} 行转换为繁体({region.value})后含有术语表禁止的「{word}」", Position(rel, line, 1))


@rule("EDN005", "版本改名后的岗位、部门名称不能与另一岗位、部门的名称或别称重复",
      "要把它并入那个岗位或部门,写 into: 该项的 id;否则另选一个名称")
def renames_are_unique(book: Handbook, ctx: Context) -> Iterator[Problem]:
    """A rename to a name another role (department) keeps in the edition is reported at the rename:
    in the edition's view the two would be one name for two posts (ID004 at the sources otherwise)."""
    for edition in _editions(book):
        for label, kind, changes in (("岗位", "role", edition.roles), ("部门", "department", edition.departments)):
            merged = {c.id for c in changes if c.into}
            renamed = {c.id: c.name for c in changes if c.name}
            table = book.table(kind)
            for change in changes:
                if not change.name or change.id not in table:
                    continue
                for ident, entry in table.items():
                    if ident == change.id or ident in merged:
                        continue
                    names = [renamed.get(ident, entry.name), *getattr(entry, "aliases", [])]
                    if change.name in names:
                        yield Problem(f"{label} \"{change.id}\" 改名为「{change.name}」,与{label}「{renamed.get(ident, entry.name)}」"
                                      f"(id: {ident})重名", change.where("name"))


PARTNER_WORDS = ("会同", "协助", "配合", "协同")  # a duty done together with another post


@rule("EDN006", "岗位的职责不能写与自己会同、协助:合并岗位后常见",
      "在所选版本差异的 wording 中改写这条职责(如「会同管理处主任制定收费标准」改为「制定收费标准」),或不合并这两个岗位")
def duties_name_another_post(book: Handbook, ctx: Context) -> Iterator[Problem]:
    """A duty that says 「会同X」 in the row of X itself: after an edition merges X's partner into X
    (市场拓展部版: 公共事务部主管 and 管理处主任 both become 市场拓展部主管), checked on the edition's view."""
    for proc in book.procedures.values():
        for duty in proc.responsibilities:
            role = book.roles.get(duty.role)
            if role is None:
                continue
            for name in (role.name, *role.aliases):
                hit = next((f"{w}{name}" for text in duty.duties for w in PARTNER_WORDS if f"{w}{name}" in text), None)
                if hit:
                    yield Problem(f"《{proc.title}》中岗位「{role.name}」的职责写着「{hit}」:与自己会同", duty.where("duties"))
                    break
