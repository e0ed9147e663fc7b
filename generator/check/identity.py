"""Identity: codes are unique and follow the code scheme; step ids are unique in a document."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from generator.check.registry import Context, Problem, rule
from generator.model import Handbook, kinds


@rule("ID001", "文档编号必须唯一", "每个文档一个编号;复制文件后记得改 code")
def codes_unique(book: Handbook, ctx: Context) -> Iterator[Problem]:
    counts = Counter(doc.code for doc in book.documents())
    for doc in book.documents():
        if counts[doc.code] > 1:
            yield Problem(f"编号 {doc.code} 被 {counts[doc.code]} 个文档使用", doc.where("code"))


@rule("ID002", "文档编号必须符合编号规则", "格式为 公司前缀/类型-三位或更多数字:规程 QP、作业指导书 WI、表单 QR、收费标准 PL,如 LYWG/QR-046")
def codes_follow_scheme(book: Handbook, ctx: Context) -> Iterator[Problem]:
    pattern = re.escape(book.company.code_prefix) if book.company else "[A-Z]+"
    shown = book.company.code_prefix if book.company else "前缀"
    for kind in kinds.document_kinds():
        for doc in book.table(kind.name).values():
            code = kind.code or "[A-Z]+"
            if not re.fullmatch(rf"{pattern}/{code}-\d{{3,}}", doc.code, re.ASCII):
                yield Problem(f"编号 \"{doc.code}\" 不符合规则 {shown}/{kind.code or 'XX'}-NNN", doc.where("code"))


@rule("ID003", "同一文档内步骤 id 必须唯一", "给重复的步骤换一个 id")
def step_ids_unique(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for doc in (obj for kind, obj in book.entries() if kind.has_steps):
        seen: set[str] = set()
        for n in book.steps(doc):
            ids = [n.step.id] + ([n.branch.id] if n.branch and n.branch.id and n.step is n.branch.steps[0] else [])
            for ident in filter(None, ids):
                if ident in seen:
                    yield Problem(f"步骤 id \"{ident}\" 在本文档中重复", n.step.where("id"))
                seen.add(ident)


@rule("ID004", "岗位、部门名称必须唯一", "同一名称只定义一次;别称写在 aliases 中")
def names_unique(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for table in (book.roles, book.departments):
        counts = Counter(item.name for item in table.values())
        for item in table.values():
            if counts[item.name] > 1:
                yield Problem(f"名称「{item.name}」重复定义", item.where("name"))
