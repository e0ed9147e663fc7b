"""Price lists (收费标准) and their items.

Prices are read as written (scalars.Number keeps the source's digits) and printed as written
(generator.model.prices.money): never rounded.
"""

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


class Fee(str, Enum):
    """What a list charges for; a notice shows its sections in this order (what a resident looks for first)."""

    property = "property"  # 物业服务费 (《物业服务收费管理办法》): per ㎡ of floor area per month
    parking = "parking"  # 停车服务费
    utilities = "utilities"  # 代收代缴 (水、电、气): passed through at the supplier's price
    services = "services"  # 有偿服务、特约服务、便民服务


class Building(str, Enum):
    """Building types a 物业服务费 is set for."""

    low_rise = "low-rise"  # 多层
    high_rise = "high-rise"  # 高层
    villa = "villa"  # 别墅
    commercial = "commercial"  # 商业
    parking = "parking"  # 车位


class Scope(SourceModel):
    public_fields = frozenset({"level", "region", "sites"})

    level: Level
    region: Line | None = None
    sites: list[Annotated[Id, RefTo("site")]] = Field(default_factory=list)


class Component(SourceModel):
    """One part of a formula price (维修费 20 元/盏; 材料费 另计, 按《材料报价单》经业主确认)."""

    public_fields = frozenset({"name", "price", "unit", "method"})

    name: Line = Field(description="The part as named in the formula, e.g. 维修费")
    price: Number | None = Field(default=None, ge=0, description="Its price, when fixed")
    unit: Line | None = Field(default=None, description="Its unit; the item's unit when absent")
    method: Line | None = Field(default=None, description="How it is charged when it has no fixed price, "
                                                          "e.g. 另计，按《材料报价单》经业主确认")


class PriceItem(SourceModel):
    public_fields = frozenset({"name", "category", "content", "standard", "unit", "price", "free", "formula",
                               "components", "pricing", "base_price", "float_range", "price_document", "building",
                               "grade", "note"})

    name: Line
    category: Line | None = None
    content: Text | None = Field(default=None, description="服务内容")
    standard: Text | None = Field(default=None, description="服务标准")
    unit: Line | None = Field(default=None, description="计费单位, e.g. 元/次")
    price: Number | None = Field(default=None, ge=0, description="收费标准; for 政府指导价 the charged price")
    free: Flag = Field(default=False, description="Explicitly free (免费)")
    formula: Line | None = Field(default=None, description="e.g. 维修费 + 材料费")
    components: list[Component] = Field(default_factory=list, description="Each part of the formula, priced")
    pricing: Pricing = Pricing.market
    base_price: Number | None = Field(default=None, ge=0, description="政府指导价: 基准价")
    float_range: Line | None = Field(default=None, description="政府指导价: 浮动幅度, e.g. ±10%, 上浮10%, ±0.20元")
    price_document: Line | None = Field(default=None, description="政府指导价: 价格主管部门的定价文件(名称和文号)")
    building: Building | None = Field(default=None, description="物业服务费: 建筑类型")
    grade: Line | None = Field(default=None, description="物业服务费: 服务等级, e.g. 一级")
    cost: Number | None = Field(default=None, ge=0, description="Internal cost price; never public")
    note: Line | None = None


class PriceList(Document):
    # The approver is posted on the price notice (1428号 Art. 6), so it is public for price lists.
    public_fields = Document.public_fields | {"scope", "fee", "area", "approved", "basis", "items", "approver"}

    scope: Scope
    fee: Fee = Field(default=Fee.services, description="What the list charges for (物业服务费 first on a notice)")
    area: Line | None = Field(default=None, description="物业服务费: 计费面积, e.g. 建筑面积")
    approved: Date | None = Field(default=None, description="Approval date (批准日期)")
    basis: Text | None = Field(default=None, description="收费依据")
    items: list[PriceItem] = Field(min_length=1)
