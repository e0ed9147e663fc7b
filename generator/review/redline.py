"""A structured redline of one document: steps added, removed, moved and reworded; fields changed.

Text is compared character by character (Chinese has no spaces to split words on), so a reworded
step shows exactly which characters went and which came.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from typing import Any

from generator.model import Instruction, Procedure
from generator.model.fingerprint import content
from generator.model.handbook import AnyDocument, numbered_steps
from generator.review.changes import Change, DocumentChange
from generator.review.tables import FORM_PARTS, Row, change_rows, shown

SIMILAR = 0.5  # below this two texts are different steps, not one reworded

FIELD_LABELS = {
    "title": "标题", "code": "编号", "purpose": "目的", "scope": "适用范围", "definitions": "定义",
    "responsibilities": "职责", "principles": "原则", "records": "记录", "related": "相关文件",
    "appendices": "附录", "variants": "版本差异", "notes": "备注", "owner": "归口部门", "visibility": "公开范围",
    "category": "类别", "sample": "示例标记", "acceptance": "验收标准", "roles": "岗位", "tools": "工具",
    "materials": "材料", "paper": "纸张", "orientation": "方向", "copies": "联数", "serial": "编号框",
    "fields": "表头栏目", "columns": "表格列", "rows": "空行数", "sections": "文字栏", "signatures": "签名栏",
    "retention": "保存期限", "instructions": "填表说明", "items": "收费项目", "approved": "批准日期",
    "basis": "收费依据", "version": "版本", "effective": "生效日期", "status": "状态", "approver": "批准人",
}


@dataclass(frozen=True)
class Segment:
    op: str  # equal | insert | delete
    text: str


@dataclass
class StepChange:
    kind: str  # added | removed | moved | reworded
    old_number: str | None
    new_number: str | None
    old_text: str
    new_text: str
    old_marked: list[Segment] = field(default_factory=list)
    new_marked: list[Segment] = field(default_factory=list)


@dataclass
class FieldChange:
    name: str
    label: str
    old_marked: list[Segment]
    new_marked: list[Segment]


@dataclass
class Redline:
    change: DocumentChange
    steps: list[StepChange]
    fields: list[FieldChange]
    metadata: list[tuple[str, Any, Any]]
    unchanged_steps: int = 0
    rows: list[Row] = field(default_factory=list)  # price items and form parts: whole old and new values

    @property
    def version_kept(self) -> bool:
        """Content changed but the version was not raised (what ``check --since`` reports as CHG001)."""
        return self.change.change is Change.changed and not self.change.version_bumped


def redline(change: DocumentChange) -> Redline:
    old, new = change.old, change.new
    meta = [(FIELD_LABELS.get(k, k), shown(a), shown(b)) for k, (a, b) in change.metadata_changes.items()]
    steps: list[StepChange] = []
    same = 0
    if isinstance(old, (Procedure, Instruction)) or isinstance(new, (Procedure, Instruction)):
        steps, same = _step_changes(_flat(old), _flat(new))
    covered, rows = change_rows(old, new)
    skip = {"items"} if covered == "items" else {name for name, _ in FORM_PARTS} if covered == "form" else set()
    fields = [f for f in _field_changes(old, new) if f.name not in skip]
    return Redline(change, steps, fields, meta, same, rows)


def mark(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    """Old text with deletions marked, new text with insertions marked."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    before: list[Segment] = []
    after: list[Segment] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            before.append(Segment("equal", old[a1:a2]))
            after.append(Segment("equal", new[b1:b2]))
        else:
            if a2 > a1:
                before.append(Segment("delete", old[a1:a2]))
            if b2 > b1:
                after.append(Segment("insert", new[b1:b2]))
    return before, after


def step_text(step: Any) -> str:
    parts = [p for p in (step.title, step.condition and f"({step.condition})", step.text) if p]
    parts += [f"· {item}" for item in step.items]
    return " ".join(parts)


def _flat(doc: AnyDocument | None) -> list[tuple[str, str | None, str]]:
    if not isinstance(doc, (Procedure, Instruction)):
        return []
    return [(n.number, n.step.id, step_text(n.step)) for n in numbered_steps(doc.steps)]


def _step_changes(old: list[tuple[str, str | None, str]],
                  new: list[tuple[str, str | None, str]]) -> tuple[list[StepChange], int]:
    pairs: dict[int, int] = {}  # new index -> old index
    free_old = set(range(len(old)))
    for matcher in (_by_id, _by_text, _by_similarity):
        for j in range(len(new)):
            if j in pairs:
                continue
            i = matcher(new[j], [(i, old[i]) for i in sorted(free_old)])
            if i is not None:
                pairs[j] = i
                free_old.discard(i)
    changes: list[StepChange] = []
    same = 0
    old_order = [pairs[j] for j in sorted(pairs)]
    in_place = _longest_increasing(old_order)
    for j, (number, _, text) in enumerate(new):
        if j not in pairs:
            changes.append(StepChange("added", None, number, "", text, [], [Segment("insert", text)]))
            continue
        i = pairs[j]
        old_number, _, old_text = old[i]
        if old_text != text:
            a, b = mark(old_text, text)
            changes.append(StepChange("reworded", old_number, number, old_text, text, a, b))
        elif i not in in_place:
            changes.append(StepChange("moved", old_number, number, old_text, text))
        else:
            same += 1
    for i in sorted(free_old):
        number, _, text = old[i]
        changes.append(StepChange("removed", number, None, text, "", [Segment("delete", text)], []))
    return changes, same


def _by_id(item, candidates):
    return next((i for i, o in candidates if item[1] and o[1] == item[1]), None)


def _by_text(item, candidates):
    return next((i for i, o in candidates if o[2] == item[2]), None)


def _by_similarity(item, candidates):
    best, score = None, SIMILAR
    for i, o in candidates:
        ratio = difflib.SequenceMatcher(None, o[2], item[2], autojunk=False).ratio()
        if ratio >= score:
            best, score = i, ratio
    return best


def _longest_increasing(values: list[int]) -> set[int]:
    """The old indices that kept their relative order (the rest moved)."""
    if not values:
        return set()
    tails: list[int] = []
    links: list[int] = [-1] * len(values)
    tail_index: list[int] = []
    for k, v in enumerate(values):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if tails[mid] < v:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(tails):
            tails.append(v)
            tail_index.append(k)
        else:
            tails[lo] = v
            tail_index[lo] = k
        links[k] = tail_index[lo - 1] if lo else -1
    result, k = set(), tail_index[-1]
    while k != -1:
        result.add(values[k])
        k = links[k]
    return result


def _field_changes(old: AnyDocument | None, new: AnyDocument | None) -> list[FieldChange]:
    before = content(old) if old else {}
    after = content(new) if new else {}
    result = []
    for name in sorted(before.keys() | after.keys(), key=lambda n: list(FIELD_LABELS).index(n) if n in FIELD_LABELS else 99):
        if name == "steps" or before.get(name) == after.get(name):
            continue
        a, b = mark(_plain(before.get(name)), _plain(after.get(name)))
        result.append(FieldChange(name, FIELD_LABELS.get(name, name), a, b))
    return result


def _plain(value: Any) -> str:
    """A readable rendering of a field value (lists one per line), not YAML."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return ";".join(f"{FIELD_LABELS.get(k, k)}: {_plain(v)}" for k, v in value.items())
    return json.dumps(value, ensure_ascii=False)
