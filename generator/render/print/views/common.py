"""What every printed document shows: the company, names of departments and roles, status marks."""

from __future__ import annotations

from generator.model import Handbook
from generator.render.print.trace import Tracer

CN_NUMERALS = "一二三四五六七八九十"
PLACEHOLDER_COMPANY = "（company.yaml 未填写公司名称）"


def company_name(book: Handbook, tracer: Tracer) -> str:
    if book.company is None:
        return PLACEHOLDER_COMPANY
    return tracer.take(book.company, "name")


def department_name(book: Handbook, dept_id: str | None, tracer: Tracer) -> str:
    dept = book.departments.get(dept_id or "")
    return tracer.take(dept, "name") if dept else (dept_id or "")


def role_name(book: Handbook, role_id: str | None, tracer: Tracer) -> str:
    role = book.roles.get(role_id or "")
    return tracer.take(role, "name") if role else (role_id or "")


def ordinal_copy(index: int) -> str:
    """第一联, 第二联 … (index from 0)."""
    return f"第{CN_NUMERALS[index] if index < len(CN_NUMERALS) else index + 1}联"
