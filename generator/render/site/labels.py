"""Chinese words for the model's enumerations, as the staff read them."""

from __future__ import annotations

from generator.model import Decision, Grant, ReviewKind, Status, Visibility, kinds
from generator.model.form import Orientation
from generator.model.price_list import Building, Fee, Level, Pricing
from generator.model.procedure import Category
from generator.model.words import words_of

# {raw value: word} for the templates, which hold the raw values (doc.status.value); the words: model.words
CATEGORY = words_of(Category)
STATUS = words_of(Status)
VISIBILITY = words_of(Visibility)
PRICING = words_of(Pricing)
LEVEL = words_of(Level)
FEE = words_of(Fee)
BUILDING = words_of(Building)
ORIENTATION = words_of(Orientation)
REVIEW_KIND = words_of(ReviewKind)
DECISION = words_of(Decision)
GRANTS = words_of(Grant)


def kind_label(kind: str) -> str:
    """Chinese label of a registry kind (generator.model.kinds): 规程, 表单 …"""
    found = kinds.KINDS.get(kind)
    return found.label if found else kind

FIELD = {  # where a reference sits, for "referenced by" lists
    "forms": "步骤引用", "procedures": "引用", "instructions": "引用", "price_lists": "引用",
    "see": "参见", "form": "记录", "records": "记录", "owner": "归口", "approver": "批准",
    "price_lists_site": "执行",
}
