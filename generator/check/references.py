"""References resolve: every id a source names exists, in the table of the right kind, and only once."""

from __future__ import annotations

from typing import Iterator

from generator.check.registry import Context, Problem, rule
from generator.findings import Severity
from generator.load.names import field_label
from generator.model import Handbook, Ref, kinds
from generator.model.procedure import Record, Step
from generator.suggest import hint_for, names_of


def _label(kind: str) -> str:
    if kind == "step":
        return "步骤所在的文档"
    if kind == "document":
        return "文档"
    return kinds.get(kind).label if kind in kinds.KINDS else kind


def _dangling(book: Handbook, wanted: tuple[str, ...]) -> Iterator[Problem]:
    for ref in book.references():
        if ref.kind not in wanted or isinstance(ref.holder, Record):
            continue
        if not book.candidates(ref):
            meant = hint_for(ref.target, names_of(book.table(ref.kind)))
            yield Problem(f"{field_label(ref.field)}: 找不到{_label(ref.kind)} \"{ref.target}\""
                          + (f";{meant}" if meant else ""),
                          ref.holder.where(ref.field))


@rule("REF001", "引用的规程或作业指导书必须存在", "检查 id 拼写,或先在 procedures/、instructions/ 中建立该文档")
def procedures_resolve(book: Handbook, ctx: Context) -> Iterator[Problem]:
    yield from _dangling(book, ("procedure", "instruction"))


@rule("REF002", "引用的表单必须存在", "检查 id 拼写,或先在 forms/ 中建立该表单")
def forms_resolve(book: Handbook, ctx: Context) -> Iterator[Problem]:
    yield from _dangling(book, ("form",))


@rule("REF003", "引用的收费标准必须存在", "检查 id 拼写,或先在 price-lists/ 中建立该收费标准")
def price_lists_resolve(book: Handbook, ctx: Context) -> Iterator[Problem]:
    yield from _dangling(book, ("price_list",))


@rule("REF004", "引用的岗位必须存在", "岗位定义在 organisation/roles/,文件名即 id")
def roles_resolve(book: Handbook, ctx: Context) -> Iterator[Problem]:
    yield from _dangling(book, ("role",))


@rule("REF005", "引用的部门必须存在", "部门定义在 organisation/departments/,文件名即 id")
def departments_resolve(book: Handbook, ctx: Context) -> Iterator[Problem]:
    yield from _dangling(book, ("department",))


@rule("REF006", "引用的项目(小区)必须存在", "项目定义在 sites/,文件名即 id")
def sites_resolve(book: Handbook, ctx: Context) -> Iterator[Problem]:
    yield from _dangling(book, ("site",))


@rule("REF007", "引用的步骤必须存在", "步骤引用写作 规程id#步骤id;被引用的步骤需要有 id 字段")
def steps_resolve(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for ref in book.references():
        if ref.kind != "step":
            continue
        found = book.candidates(ref)
        doc_id, _, step_id = ref.target.partition("#")
        if not found:
            yield Problem(f"{ref.field}: 找不到文档 \"{doc_id}\"(步骤引用 {ref.target})", ref.holder.where(ref.field))
        elif len(found) == 1 and step_id not in book.step_ids(book.get(*found[0])):
            yield Problem(f"{ref.field}: 文档 \"{doc_id}\" 中没有 id 为 \"{step_id}\" 的步骤", ref.holder.where(ref.field))


@rule("REF008", "引用的时限/限额必须在 limits.yaml 中定义", "在 limits.yaml 中增加该限值,或改用已有的 id")
def limits_resolve(book: Handbook, ctx: Context) -> Iterator[Problem]:
    yield from _dangling(book, ("limit",))


@rule("REF010", "引用不得有歧义:同一 id 属于两种文档时要写明是哪一种",
      "复审记录中加 kind(如 kind: procedure);步骤引用改用不重名的文档,或给其中一个文档改 id")
def references_unambiguous(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for ref in book.references():
        found = book.candidates(ref)
        if len(found) > 1:
            which = "、".join(f"{kinds.get(k).label}({kinds.get(k).folder}/{i}.yaml)" for k, i in found)
            yield Problem(f"{ref.field}: \"{ref.target_id}\" 有歧义,可能是 {which}", ref.holder.where(ref.field))


@rule("REF009", "规程的步骤之间不应循环委托", "两个规程互相要求“按对方办理”会让执行人原地打转;保留一个方向,另一方向改为 see 步骤引用",
      Severity.warning)
def no_procedure_cycles(book: Handbook, ctx: Context) -> Iterator[Problem]:
    graph: dict[str, list[Ref]] = {}
    for ref in book.references():
        # only steps delegate ("按《X》办理"); related-document lists may well point both ways
        if (ref.kind == "procedure" and isinstance(ref.holder, Step) and ref.target in book.procedures
                and ref.source_kind == "procedure"):
            graph.setdefault(ref.source.id, []).append(ref)  # type: ignore[attr-defined]
    reported: set[frozenset[str]] = set()
    for start in sorted(graph):
        for cycle in _cycles_from(start, graph):
            members = frozenset(r.source.id for r in cycle)  # type: ignore[attr-defined]
            if members not in reported:
                reported.add(members)
                path = " → ".join([cycle[0].source.id] + [r.target for r in cycle])  # type: ignore[attr-defined]
                yield Problem(f"规程循环引用: {path}", cycle[0].holder.where(cycle[0].field))


def _cycles_from(start: str, graph: dict[str, list[Ref]]) -> Iterator[list[Ref]]:
    stack: list[tuple[str, list[Ref]]] = [(start, [])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for ref in graph.get(node, []):
            if ref.target == start:
                yield path + [ref]
            elif ref.target not in seen:
                seen.add(ref.target)
                stack.append((ref.target, path + [ref]))
