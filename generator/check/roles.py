"""Roles: who acts is responsible, and who approves holds the authority to."""

from __future__ import annotations

from typing import Iterator

from generator.check.registry import Context, Problem, rule
from generator.model import Grant, Handbook


@rule("ROL001", "步骤中的执行岗位必须列在规程的职责中", "在 responsibilities 中为该岗位写明职责")
def acting_roles_are_responsible(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for proc in book.procedures.values():
        responsible = {r.role for r in proc.responsibilities}
        for n in book.steps(proc):
            for role in n.step.roles:
                if role in book.roles and role not in responsible:
                    name = book.roles[role].name
                    yield Problem(f"步骤 {n.number} 由「{name}」执行,但职责中没有该岗位", n.step.where("roles"))


@rule("ROL002", "规程与作业指导书的批准人必须有批准权", "批准人岗位的 grants 需包含 approve-procedure")
def procedure_approver_has_authority(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for doc in [*book.procedures.values(), *book.instructions.values(), *book.forms.values()]:
        role = book.roles.get(doc.approver or "")
        if doc.status.value == "approved" and doc.approver is None:
            yield Problem(f"已批准的文档《{doc.title}》没有写批准人 approver", doc.where("status"))
        elif role is not None and Grant.approve_procedure not in role.grants:
            yield Problem(f"「{role.name}」没有批准规程/表单的权限", doc.where("approver"))
