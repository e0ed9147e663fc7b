"""The Chinese word for every value of the model's enumerations: one table for every reader.

The site (badges, cards), the notices (价格形式), the review packet's tables, the loader's messages
(``draft(草稿)``) and the generic page all show a value through ``word``. ``ALIASES`` are further
words an editor may type for a value (``已批准`` for ``approved``); the loader turns them into a hint,
never into the value itself (generator.load.validate).
"""

from __future__ import annotations

from enum import Enum

from generator.model.document import Status, Visibility
from generator.model.edition import Audience, Region, Script
from generator.model.form import FieldType, Orientation, Paper
from generator.model.organisation import Grant
from generator.model.planned import PlannedKind
from generator.model.price_list import Building, Fee, Level, Pricing
from generator.model.procedure import Category
from generator.model.review import Decision, ReviewKind

# Per enumeration: its members are str-valued, so Status.approved == Decision.approved as dict keys;
# the words are therefore looked up by (enumeration, value), never by the member alone.
WORDS: dict[type[Enum], dict[str, str]] = {
    Status: {"draft": "草稿", "approved": "现行有效", "obsolete": "作废"},
    Visibility: {"internal": "内部", "public": "可对外公示"},
    Category: {"sop": "标准作业规程", "policy": "管理制度", "workflow": "工作流程", "guide": "指引与参考"},
    PlannedKind: {"procedure": "规程", "instruction": "作业指导书", "form": "表单"},
    Paper: {"A3": "A3 纸", "A4": "A4 纸", "A5": "A5 纸"},
    Orientation: {"portrait": "纵向", "landscape": "横向"},
    FieldType: {"phone": "电话", "idno": "证件号码", "address": "地址", "name": "姓名", "date": "日期", "money": "金额",
                "number": "数字", "text": "文字"},
    # 《明码标价和禁止价格欺诈规定》第六条: the 价格形式 of each item (market-regulated or government-guided)
    Pricing: {"market": "市场调节价", "guided": "政府指导价"},
    Level: {"company": "全公司", "region": "区域", "site": "项目"},
    Fee: {"property": "物业服务费", "parking": "停车服务费", "utilities": "代收代缴费用", "services": "有偿服务"},
    Building: {"low-rise": "多层", "high-rise": "高层", "villa": "别墅", "commercial": "商业", "parking": "车位"},
    ReviewKind: {"quarterly": "季度复审", "expert": "年度专家评审"},
    Decision: {"approved": "通过", "revise": "修订后通过", "retire": "不通过/废止"},
    Grant: {"approve-price-list": "批准收费标准", "approve-procedure": "批准规程", "approve-service-items": "批准服务项目",
            "waive-fee": "减免服务费", "approve-vehicle-repair": "批准车辆维修"},
    Script: {"zh-Hans": "简体中文", "zh-Hant": "繁体中文"},
    Region: {"CN": "中国内地", "HK": "香港", "TW": "台湾"},
    Audience: {"staff": "员工", "public": "公众"},
}

ALIASES: dict[type[Enum], dict[str, tuple[str, ...]]] = {
    Status: {"draft": ("草案",), "approved": ("已批准", "批准", "现行"), "obsolete": ("废止", "已废止")},
    Visibility: {"public": ("公开",)},
    Category: {"guide": ("指引",)},
    Level: {"company": ("公司",)},
    ReviewKind: {"quarterly": ("季度内部复审",), "expert": ("专家评审",)},
    Decision: {"approved": ("已批准",), "retire": ("不通过", "废止")},
    Grant: {"approve-price-list": ("审批收费标准",), "approve-procedure": ("审批规程",),
            "approve-service-items": ("审批服务项目",), "waive-fee": ("减免费用",),
            "approve-vehicle-repair": ("审批车辆维修",)},
    Audience: {"public": ("公开", "居民")},
    Script: {"zh-Hans": ("简体",), "zh-Hant": ("繁体", "繁體")},
}


def word(value: Enum) -> str:
    """The word readers see for ``value`` (``Status.draft`` → 草稿); its raw value when it has none."""
    return WORDS.get(type(value), {}).get(str(value.value), str(value.value))


def words_of(enum: type[Enum]) -> dict[str, str]:
    """``{value: word}`` for every member of ``enum``, for templates that hold raw values."""
    return {str(member.value): word(member) for member in enum}


def said(member: Enum) -> tuple[str, ...]:
    """Every word an editor may type for ``member``: its word, the parts of a 甲/乙 word, its aliases."""
    shown = word(member)
    return (shown, *shown.split("/"), *ALIASES.get(type(member), {}).get(str(member.value), ()))
