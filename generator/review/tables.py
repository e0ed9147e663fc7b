"""Changes of list-like content as Chinese tables with whole old and new values.

A reviewer reads a price change as 「家电维修 · 收费标准 · 30 元/次 → 35 元/次」, one row, not a
character diff of a field dump. Price-list items are matched by name, form fields, columns, boxes,
signatures and copies by label; each changed property is one row with the whole old and new value.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any, Iterable

from generator.model import Form, PriceItem, PriceList, Status, Visibility
from generator.model.charge import charge
from generator.model.base import SourceModel
from generator.model.handbook import AnyDocument
from generator.model.words import word, words_of

ITEM_LABELS = {  # PriceItem fields, in the order of a price notice (明码标价规定 第六条)
    "category": "类别", "building": "物业类型", "grade": "服务等级", "content": "服务内容", "standard": "服务标准",
    "price": "收费标准", "unit": "计费单位", "free": "免费", "formula": "计费方式", "pricing": "价格管理形式",
    "base_price": "基准价", "float_range": "浮动幅度", "price_document": "定价文件", "cost": "成本价", "note": "备注",
}
FORM_PART_LABELS = {"label": "名称", "width": "宽度", "hint": "填写提示", "type": "类型", "date": "签名日期",
                    "note": "用途", "omit": "本联不印"}
FORM_PARTS = (("fields", "表头栏目"), ("columns", "表格栏"), ("sections", "填写栏"), ("signatures", "签名"),
              ("copies", "联次"))
# the metadata rows hold the dumped values (status: "approved"); the item and form rows hold members
METADATA_VALUES = words_of(Status) | words_of(Visibility)


@dataclass(frozen=True)
class Row:
    part: str  # 家电维修 / 表头栏目「联系电话」
    what: str  # 收费标准 / 新增 / 删除
    old: str
    new: str


def change_rows(old: AnyDocument | None, new: AnyDocument | None) -> tuple[str, list[Row]]:
    """(the content these rows replace in a redline, the rows) — ("", []) for other documents."""
    if isinstance(new, PriceList) or isinstance(old, PriceList):
        return "items", list(_matched(_items(old), _items(new), "收费项目", ITEM_LABELS))
    if isinstance(new, Form) or isinstance(old, Form):
        rows = [row for name, label in FORM_PARTS
                for row in _matched(_parts(old, name), _parts(new, name), label, FORM_PART_LABELS)]
        return "form", rows
    return "", []


def shown(value: Any) -> str:
    """A value as a reader writes it: 30 → 30, True → 是, guided → 政府指导价, lists joined by 、."""
    if value is None or value == [] or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, (list, tuple)):
        return "、".join(shown(v) for v in value)
    if isinstance(value, Enum):
        return word(value)
    return METADATA_VALUES.get(str(value), str(value))


def _items(doc: AnyDocument | None) -> dict[str, SourceModel]:
    return {item.name: item for item in doc.items} if isinstance(doc, PriceList) else {}


def _parts(doc: AnyDocument | None, name: str) -> dict[str, SourceModel]:
    return {part.label: part for part in getattr(doc, name, [])} if isinstance(doc, Form) else {}


def _matched(before: dict[str, SourceModel], after: dict[str, SourceModel], noun: str,
             labels: dict[str, str]) -> Iterable[Row]:
    renamed = _renamed(before, after)
    for key in [*after, *(k for k in before if k not in after and k not in renamed.values())]:
        a, b = before.get(renamed.get(key, key)), after.get(key)
        part = f"{noun}「{key}」"
        if key in renamed:
            yield Row(part, "名称", renamed[key], key)
        if a is None:
            yield Row(part, "新增", "—", _summary(b, labels))
        elif b is None:
            yield Row(part, "删除", _summary(a, labels), "—")
        else:
            for field, label in labels.items():
                if field in type(a).model_fields and field != "label" and _value(a, field) != _value(b, field):
                    yield Row(part, label, _value(a, field), _value(b, field))


def _renamed(before: dict[str, Any], after: dict[str, Any]) -> dict[str, str]:
    """New name -> old name of entries that kept their place but not their name (事由 → 来访事由)."""
    old_keys, new_keys = list(before), list(after)
    return {new: old_keys[i] for i, new in enumerate(new_keys) if new not in before and i < len(old_keys)
            and old_keys[i] not in after}


def _value(obj: SourceModel, field: str) -> str:
    value = getattr(obj, field)
    if field == "price" and isinstance(obj, PriceItem):  # the price column as posted: parts and band included
        return "；".join(charge(obj).lines) or "—"
    if field == "price" and value is not None:
        unit = getattr(obj, "unit", None) or "元"
        return f"{shown(value)} {unit}" if unit.startswith("元") else f"{shown(value)} 元/{unit}"
    return shown(value)


def _summary(obj: SourceModel | None, labels: dict[str, str]) -> str:
    """Every property of a new or removed entry, 标签：值, one after another."""
    if obj is None:
        return "—"
    parts = [f"{label}：{_value(obj, field)}" for field, label in labels.items()
             if field in type(obj).model_fields and getattr(obj, field) not in (None, False, [], "")
             and field not in ("label",)]
    return "；".join(parts) or "—"
