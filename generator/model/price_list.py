"""Price lists (收费标准) and their items."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import Field

from generator.model.base import Id, Line, RefTo, SourceModel, Text
from generator.model.document import Document
from generator.model.scalars import Date, Flag, Number


class Pricing(str, Enum):
    market = "market"  # 市场调节价
    guided = "guided"  # 政府指导价


class Level(str, Enum):
    company = "company"
    region = "region"
    site = "site"


class Scope(SourceModel):
    public_fields = frozenset({"level", "region", "sites"})

    level: Level
    region: Line | None = None
    sites: list[Annotated[Id, RefTo("site")]] = Field(default_factory=list)


class PriceItem(SourceModel):
    public_fields = frozenset({"name", "category", "content", "standard", "unit", "price", "free", "formula", "pricing",
                               "base_price", "float_range", "note"})

    name: Line
    category: Line | None = None
    content: Text | None = Field(default=None, description="服务内容")
    standard: Text | None = Field(default=None, description="服务标准")
    unit: Line | None = Field(default=None, description="计费单位, e.g. 元/次")
    price: Number | None = Field(default=None, ge=0)
    free: Flag = Field(default=False, description="Explicitly free (免费)")
    formula: Line | None = Field(default=None, description="e.g. 维修费 + 材料费")
    pricing: Pricing = Pricing.market
    base_price: Number | None = Field(default=None, ge=0, description="政府指导价: 基准价")
    float_range: Line | None = Field(default=None, description="政府指导价: 浮动幅度, e.g. ±10%")
    cost: Number | None = Field(default=None, ge=0, description="Internal cost price; never public")
    note: Line | None = None


class PriceList(Document):
    # The approver is posted on the price notice (1428号 Art. 6), so it is public for price lists.
    public_fields = Document.public_fields | {"scope", "approved", "basis", "items", "approver"}

    scope: Scope
    approved: Date | None = Field(default=None, description="Approval date (批准日期)")
    basis: Text | None = Field(default=None, description="定价依据")
    items: list[PriceItem] = Field(min_length=1)
