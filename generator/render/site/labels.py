"""Chinese words for the model's enumerations, as the staff read them."""

from __future__ import annotations

from generator.model import charge, kinds

CATEGORY = {"sop": "标准作业规程", "policy": "管理制度", "workflow": "工作流程", "guide": "指引与参考"}
STATUS = {"draft": "草案", "approved": "现行有效", "obsolete": "作废"}
VISIBILITY = {"internal": "内部", "public": "可对外公示"}
PRICING = {"market": "市场调节价", "guided": "政府指导价"}
LEVEL = {"company": "全公司", "region": "区域", "site": "项目"}
FEE = {fee.value: text for fee, text in charge.FEE.items()}
BUILDING = {kind.value: text for kind, text in charge.BUILDING.items()}
ORIENTATION = {"portrait": "纵向", "landscape": "横向"}
REVIEW_KIND = {"quarterly": "季度复审", "expert": "年度专家评审"}
DECISION = {"approved": "通过", "revise": "修订后通过", "retire": "不通过/废止"}
GRANTS = {
    "approve-price-list": "批准收费标准",
    "approve-procedure": "批准规程",
    "approve-service-items": "批准服务项目",
    "waive-fee": "减免服务费",
    "approve-vehicle-repair": "批准车辆维修",
}


def kind_label(kind: str) -> str:
    """Chinese label of a registry kind (generator.model.kinds): 规程, 表单 …"""
    found = kinds.KINDS.get(kind)
    return found.label if found else kind

FIELD = {  # where a reference sits, for "referenced by" lists
    "forms": "步骤引用", "procedures": "引用", "instructions": "引用", "price_lists": "引用",
    "see": "参见", "form": "记录", "records": "记录", "owner": "归口", "approver": "批准",
    "price_lists_site": "执行",
}
