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

WORDS: dict[Enum, str] = {
    Status.draft: "草稿", Status.approved: "现行有效", Status.obsolete: "作废",
    Visibility.internal: "内部", Visibility.public: "可对外公示",
    Category.sop: "标准作业规程", Category.policy: "管理制度", Category.workflow: "工作流程",
    Category.guide: "指引与参考",
    PlannedKind.procedure: "规程", PlannedKind.instruction: "作业指导书", PlannedKind.form: "表单",
    Paper.A3: "A3 纸", Paper.A4: "A4 纸", Paper.A5: "A5 纸",
    Orientation.portrait: "纵向", Orientation.landscape: "横向",
    FieldType.phone: "电话", FieldType.idno: "证件号码", FieldType.address: "地址", FieldType.name: "姓名",
    FieldType.date: "日期", FieldType.money: "金额", FieldType.number: "数字", FieldType.text: "文字",
    # 《明码标价和禁止价格欺诈规定》第六条: the 价格形式 of each item (market-regulated or government-guided)
    Pricing.market: "市场调节价", Pricing.guided: "政府指导价",
    Level.company: "全公司", Level.region: "区域", Level.site: "项目",
    Fee.property: "物业服务费", Fee.parking: "停车服务费", Fee.utilities: "代收代缴费用", Fee.services: "有偿服务",
    Building.low_rise: "多层", Building.high_rise: "高层", Building.villa: "别墅", Building.commercial: "商业",
    Building.parking: "车位",
    ReviewKind.quarterly: "季度复审", ReviewKind.expert: "年度专家评审",
    Decision.approved: "通过", Decision.revise: "修订后通过", Decision.retire: "不通过/废止",
    Grant.approve_price_list: "批准收费标准", Grant.approve_procedure: "批准规程",
    Grant.approve_service_items: "批准服务项目", Grant.waive_fee: "减免服务费",
    Grant.approve_vehicle_repair: "批准车辆维修",
    Script.hans: "简体中文", Script.hant: "繁体中文",
    Region.cn: "中国内地", Region.hk: "香港", Region.tw: "台湾",
    Audience.staff: "员工", Audience.public: "公众",
}

ALIASES: dict[Enum, tuple[str, ...]] = {
    Status.draft: ("草案",), Status.approved: ("已批准", "批准", "现行"), Status.obsolete: ("废止", "已废止"),
    Visibility.public: ("公开",), Category.guide: ("指引",), Level.company: ("公司",),
    ReviewKind.quarterly: ("季度内部复审",), ReviewKind.expert: ("专家评审",),
    Decision.approved: ("已批准",), Decision.retire: ("不通过", "废止"),
    Grant.approve_price_list: ("审批收费标准",), Grant.approve_procedure: ("审批规程",),
    Grant.approve_service_items: ("审批服务项目",), Grant.waive_fee: ("减免费用",),
    Grant.approve_vehicle_repair: ("审批车辆维修",), Audience.public: ("公开", "居民"),
    Script.hans: ("简体",), Script.hant: ("繁体", "繁體"),
}


def word(value: Enum) -> str:
    """The word readers see for ``value`` (``Status.draft`` → 草稿); its raw value when it has none."""
    return WORDS.get(value, str(value.value))


def words_of(enum: type[Enum]) -> dict[str, str]:
    """``{value: word}`` for every member of ``enum``, for templates that hold raw values."""
    return {str(member.value): word(member) for member in enum}


def said(member: Enum) -> tuple[str, ...]:
    """Every word an editor may type for ``member``: its word, the parts of a 甲/乙 word, its aliases."""
    shown = word(member)
    return (shown, *shown.split("/"), *ALIASES.get(member, ()))
