"""Document control: approved documents stand on approved ones, and say how they got here."""

from __future__ import annotations

from typing import Iterator

from generator.check.registry import Context, Problem, rule
from generator.model import Handbook, Status, kinds
from generator.model.lifecycle import successor
from generator.suggest import hint_for, names_of


@rule("DOC001", "已批准的文档不得引用草稿或作废的文档", "先批准被引用的文档,或改为引用替代文件(superseded_by),或去掉该引用")
def approved_references_approved(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for ref in book.references():
        source = ref.source
        if getattr(source, "status", None) is not Status.approved:
            continue
        found = book.candidates(ref)
        target = book.get(*found[0]) if len(found) == 1 and kinds.get(found[0][0]).is_document else None
        if ref.kind == "document" or target is None:
            continue
        if target.status is not Status.approved:
            state = "草稿" if target.status is Status.draft else "作废的"
            yield Problem(f"已批准的《{getattr(source, 'title', '')}》引用了{state}《{target.title}》",
                          ref.holder.where(ref.field))


@rule("DOC002", "当前版本必须有修订记录", "在 history 中增加一条与 version 相同的记录(日期、作者、摘要、批准人)")
def current_version_in_history(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for doc in book.documents():
        if doc.status is Status.approved and doc.version not in {h.version for h in doc.history}:
            yield Problem(f"《{doc.title}》的版本 {doc.version} 没有对应的修订记录", doc.where("version"))


@rule("DOC003", "修订记录日期不得晚于今天,且按时间先后排列", "改正 history 中的日期或顺序")
def history_in_order(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for doc in book.documents():
        previous = None
        for entry in doc.history:
            if entry.date > ctx.today:
                yield Problem(f"修订记录 {entry.version} 的日期 {entry.date} 晚于今天", entry.where("date"))
            if previous and entry.date < previous:
                yield Problem(f"修订记录 {entry.version} 的日期早于前一条", entry.where("date"))
            previous = entry.date


@rule("DOC004", "已批准文档的批准日期不得晚于生效日期", "先批准、后生效:改正当前版本修订记录的日期,或推迟 effective")
def approved_before_effective(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for doc in book.documents():
        if doc.status is not Status.approved:
            continue
        current = [h for h in doc.history if h.version == doc.version]
        if current and current[-1].date > doc.effective:
            entry = current[-1]
            yield Problem(f"《{doc.title}》版本 {doc.version} 的批准(修订记录)日期 {entry.date} 晚于生效日期 {doc.effective}",
                          entry.where("date"))


@rule("DOC006", "作废文件的替代文件(superseded_by)必须是同类的现行或草稿文件",
      "只在 status: obsolete 的文件中写 superseded_by,值为同类文件(规程、作业指导书、表单或收费标准)的 id;"
      "替代文件本身也作废时,改为指向最新的现行文件")
def superseded_by_names_a_successor(book: Handbook, ctx: Context) -> Iterator[Problem]:
    """ISO 9001 §7.5.3.2: an obsolete document must lead the reader to the one in force."""
    for doc in book.documents():
        if not doc.superseded_by:
            continue
        where = doc.where("superseded_by")
        target = successor(book, doc)
        if doc.status is not Status.obsolete:
            yield Problem(f"《{doc.title}》写了 superseded_by,但状态不是 obsolete(作废)", where)
        elif target is None:
            meant = hint_for(doc.superseded_by, names_of(book.tables[book.key(doc)[0]]))
            yield Problem(f"《{doc.title}》的替代文件 {doc.superseded_by!r} 不存在(须为同类文件的 id)"
                          + (f";{meant}" if meant else ""), where)
        elif target is doc:
            yield Problem(f"《{doc.title}》不能以自身为替代文件", where)
        elif target.status is Status.obsolete:
            yield Problem(f"《{doc.title}》的替代文件《{target.title}》也已作废", where)


@rule("DOC007", "规程汇编的编制、审核、批准岗位必须存在", "在 company.yaml 的 handbook 中写 organisation/roles/ 中已有岗位的 id")
def compilation_roles_exist(book: Handbook, ctx: Context) -> Iterator[Problem]:
    """The cover of the bound handbook names these posts (ISO 9001 §7.5.2 b: review and approval)."""
    compilation = book.company.handbook if book.company else None
    if compilation is None:
        return
    for field in ("compiled_by", "reviewed_by", "approved_by"):
        role = getattr(compilation, field)
        if role not in book.roles:
            yield Problem(f"company.yaml handbook.{field} 的岗位 {role!r} 不存在", compilation.where(field))
