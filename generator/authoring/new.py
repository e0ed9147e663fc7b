"""``handbook new KIND ID``: a draft source that passes ``handbook check``, to fill in.

The skeleton takes the next free document code of its type (rule ID002: ``<prefix>/<QP|WI|QR|PL>-NNN``),
today's date as its effective and history date, ``status: draft``, and an existing department and
role wherever one is required; every text to write is marked 待填写. Errors (unknown kind, id not
valid or already taken) exit 2 with a Chinese message; the project is left as it was.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any, Callable

from generator.load import load_handbook
from generator.load.folders import os_reason
from generator.model import Grant, Handbook
from generator.model.base import ID_RE

# kind -> (folder, schema file, document-code type or None)
KINDS: dict[str, tuple[str, str, str | None]] = {
    "procedure": ("procedures", "procedure", "QP"), "instruction": ("instructions", "instruction", "WI"),
    "form": ("forms", "form", "QR"), "price-list": ("price-lists", "price-list", "PL"),
    "department": ("organisation/departments", "department", None), "role": ("organisation/roles", "role", None),
    "site": ("sites", "site", None),
}
TODO = "待填写"


def next_code(book: Handbook, kind_code: str) -> str:
    """The next free ``<prefix>/<kind_code>-NNN`` (three digits at least) after the highest in use."""
    prefix = book.company.code_prefix if book.company else "XX"
    numbers = [int(m.group(1)) for doc in book.documents()
               if (m := re.fullmatch(rf"{re.escape(prefix)}/{kind_code}-(\d+)", doc.code))]
    return f"{prefix}/{kind_code}-{max(numbers, default=0) + 1:03d}"


def skeleton(book: Handbook, kind: str, ident: str, today: dt.date) -> str:
    """The YAML text of a new draft source of ``kind`` named ``ident``."""
    folder, schema, code_type = KINDS[kind]
    up = "../../" if folder.count("/") else "../"
    lines = [f"# yaml-language-server: $schema={up}schemas/{schema}.schema.json"]
    department = next(iter(sorted(book.departments)), "office")
    if code_type:
        lines += [f"code: {next_code(book, code_type)}", f"title: {TODO}({ident})", "version: A/0",
                  f"effective: {today.isoformat()}", "status: draft", f"owner: {department}"]
        if kind == "price-list":
            approver = _role_with(book, Grant.approve_price_list)
            lines += [f"approver: {approver}"] if approver else []
    lines += _BODIES[kind](book, ident, department)
    if code_type:
        lines += ["history:", f"  - {{version: A/0, date: {today.isoformat()}, author: {TODO}, summary: 首版}}"]
    return "\n".join(lines) + "\n"


def _role_with(book: Handbook, grant: Grant) -> str | None:
    return next((rid for rid, role in sorted(book.roles.items()) if grant in role.grants), None)


_BODIES: dict[str, Callable[[Handbook, str, str], list[str]]] = {
    "procedure": lambda b, i, d: [f"purpose: {TODO}:本规程的目的", f"scope: {TODO}:适用范围",
                                  "steps:", f"  - text: {TODO}:第一步做什么"],
    "instruction": lambda b, i, d: [f"purpose: {TODO}:本作业指导书的目的", "steps:", f"  - text: {TODO}:第一步",
                                    "acceptance:", f"  - text: {TODO}:可测量的验收标准"],
    "form": lambda b, i, d: ["columns:", "  - label: 日期", f"  - label: {TODO}", "retention: 2年"],
    "price-list": lambda b, i, d: ["scope: {level: company}", "items:", f"  - name: {TODO}({i})",
                                   "    unit: 元/次", "    price: 0", "sample: true"],
    "department": lambda b, i, d: [f"name: {TODO}({i})", "level: 管理处", f"parent: {d}"],
    "role": lambda b, i, d: [f"name: {TODO}({i})", f"department: {d}"],
    "site": lambda b, i, d: [f"name: {TODO}({i})", f"address: {TODO}", f"region: {TODO}",
                             f"service_phone: {TODO}", f"complaint_hotline: {TODO}", "sample: true"],
}


def create(project: Path, kind: str, ident: str, today: dt.date) -> tuple[int, str]:
    """Write the skeleton; returns (exit code, Chinese message)."""
    if kind not in KINDS:
        return 2, f"不认识的类型「{kind}」;可选: {'、'.join(KINDS)}"
    if not ID_RE.match(ident) or len(ident) > 64:
        return 2, f"「{ident}」不是合法 id:只能用小写字母、数字和连字符,如 resident-help"
    folder = project / KINDS[kind][0]
    taken = [p for p in (folder / f"{ident}.yaml", folder / f"{ident}.yml") if p.exists() or p.is_symlink()]
    if taken:
        return 2, f"{taken[0].relative_to(project).as_posix()} 已经存在;换一个 id,或直接编辑该文件"
    book, _ = load_handbook(project, cache=False)
    path = folder / f"{ident}.yaml"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(skeleton(book, kind, ident, today))
    except OSError as exc:
        return 2, f"无法写入 {path.relative_to(project).as_posix()}: {os_reason(exc)}"
    return 0, f"已生成 {path.relative_to(project).as_posix()}(草稿);把「{TODO}」换成实际内容后运行 handbook check"


def register(subs: Any, command: Callable[[str], Callable[[Any], Any]], date_type: Callable[[str], dt.date]) -> None:
    """Add ``handbook new`` to the command line (the thin registration the CLI calls)."""
    new = subs.add_parser("new", help="write a draft source to start from: next free code, today's date",
                          description="Write a new draft source (procedure, instruction, form, price-list, "
                                      "department, role, site) that passes `handbook check`.")
    new.add_argument("kind", metavar="KIND", help=f"one of: {', '.join(KINDS)}")
    new.add_argument("id", metavar="ID", help="the new id = file name, e.g. resident-help")
    new.add_argument("--today", type=date_type, default=None, metavar="YYYY-MM-DD", help="date to write (default: today)")

    @command("new")
    def _new(args: argparse.Namespace) -> int:
        code, message = create(args.project.resolve(), args.kind, args.id, args.today or dt.date.today())
        print(message, file=sys.stderr if code else sys.stdout)
        return code
