"""``handbook new KIND ID``: a valid, commented skeleton of a new source, ready to fill in.

The skeleton of each kind is ``skeletons/<kind>.yaml`` (placeholders ``{code}``, ``{title}``,
``{today}``, ``{owner}``, ``{schema}``, ``{id}``). It takes the next free document code of its type
(company prefix / QP-NNN), today's date, ``status: draft`` and the department that owns most
documents of the kind, so the new file passes ``handbook check`` as written.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

from generator.load.schemas import schema_name
from generator.model import Handbook, kinds
from generator.model.base import ID_RE

SKELETONS = Path(__file__).parent / "skeletons"


class NewSourceError(Exception):
    """Why the skeleton cannot be written (a Chinese sentence)."""


def resolve_kind(name: str) -> kinds.Kind:
    """A kind by its name (procedure, price_list / price-list) or its Chinese label (规程, 收费标准)."""
    wanted = name.replace("-", "_")
    for kind in kinds.kinds():
        if wanted in (kind.name, kind.label) and (SKELETONS / f"{kind.name}.yaml").is_file():
            return kind
    known = "、".join(f"{k.name}({k.label})" for k in kinds.kinds() if (SKELETONS / f"{k.name}.yaml").is_file())
    raise NewSourceError(f"不能新建「{name}」:可以新建的种类有 {known}")


def new_source(book: Handbook, kind: kinds.Kind, ident: str, title: str | None, today: dt.date) -> Path:
    """Write ``<folder>/<ident>.yaml`` for a new entry of ``kind``; returns its path."""
    if not ID_RE.match(ident) or len(ident) > 64:
        raise NewSourceError(f"\"{ident}\" 不能作 id:只能用小写字母、数字和连字符,如 renovation-permit")
    assert kind.folder is not None  # kinds with a skeleton live in a folder
    path = book.root / kind.folder / f"{ident}.yaml"
    if path.exists() or ident in book.table(kind.name):
        raise NewSourceError(f"{kind.folder}/{ident}.yaml 已经存在:换一个 id,或直接编辑该文件")
    values = {
        "id": ident,
        "code": next_code(book, kind),
        "title": json.dumps(title or f"新{kind.label}(待命名)", ensure_ascii=False),
        "today": today.isoformat(),
        "owner": _owner(book, kind),
        "approver": min((r.id for r in book.roles.values() if "approve-price-list" in {g.value for g in r.grants}),
                        default="待填写岗位id"),
        "schema": "/".join([".."] * len(Path(kind.folder).parts) + ["schemas", schema_name(kind)]),
        "documents": _review_lines(book) if kind.name == "review" else "",
    }
    text = (SKELETONS / f"{kind.name}.yaml").read_text(encoding="utf-8").format(**values)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def next_code(book: Handbook, kind: kinds.Kind) -> str:
    """The next free document code of ``kind``: one above the highest number in use (LYWG/QP-031)."""
    prefix = book.company.code_prefix if book.company else "XX"
    if not kind.code:
        return ""
    pattern = re.compile(rf"^{re.escape(prefix)}/{kind.code}-(\d+)$")
    numbers = [int(m.group(1)) for doc in book.table(kind.name).values() if (m := pattern.match(doc.code))]
    return f"{prefix}/{kind.code}-{max(numbers, default=0) + 1:03d}"


def _review_lines(book: Handbook) -> str:
    """One commented review entry per document in force, with its current fingerprint, to uncomment."""
    from generator.model import Status
    from generator.model.fingerprint import fingerprint

    lines = []
    for doc in book.documents():
        if doc.status is Status.obsolete:
            continue
        kind, ident = book.key(doc)
        lines.append(f"  # - {{document: {ident}, kind: {kind}, decision: approved, fingerprint: {fingerprint(doc)}}}"
                     f"  # {doc.code}《{doc.title}》{doc.version}")
    return "\n".join(lines) or "  # (还没有现行文档)"


def _owner(book: Handbook, kind: kinds.Kind) -> str:
    """The department owning most entries of the kind (or any department, for the first one)."""
    owners = Counter(getattr(e, "owner", None) or getattr(e, "department", None) for e in book.table(kind.name).values())
    owners.pop(None, None)
    if owners:
        return str(owners.most_common(1)[0][0])
    return min(book.departments, default="待填写部门id")
