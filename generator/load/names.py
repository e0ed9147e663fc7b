"""The Chinese names of source fields and choice values, for messages and hints.

Editors think in 目的 and 生效日期, not in ``purpose`` and ``effective``: every message names a field
as ``目的(purpose)``, and a key written in Chinese is mapped back to the field it means. A test
keeps this table complete for every field of every kind of source.
"""

from __future__ import annotations

from enum import Enum

FIELD_NAMES: dict[str, str] = {
    "apply": "变体内容", "audience": "读者范围", "company": "公司", "compiled_by": "编制岗位",
    "conversions": "繁体用词表", "drop_steps": "删去的步骤", "edition": "版次/版本", "entrance": "入口", "homes": "岗位所在部门",
    "follows": "所用变体", "forbidden": "禁用写法", "handbook": "规程汇编", "hk": "香港用词", "into": "并入",
    "new": "新名称", "old": "原名称", "omit": "本联不印", "procedure": "规程", "reviewed_by": "审核岗位",
    "script": "文字", "simplified": "简体", "site_title": "网站标题", "superseded_by": "替代文件",
    "tw": "台湾用词", "type": "类型", "variant": "变体", "wording": "措辞替换",
    "acceptance": "验收标准", "address": "地址", "affiliation": "单位", "aliases": "别称",
    "appendices": "附录", "area": "计费面积", "building": "建筑类型", "components": "计费组成",
    "fee": "收费类别", "grade": "服务等级", "method": "计价方法", "price_document": "定价文件", "approved": "批准日期", "approved_by": "批准岗位", "approver": "审批岗位",
    "author": "编写人", "authorities": "权限", "base_price": "基准价", "basis": "依据",
    "branches": "分支", "category": "类别", "channels": "渠道", "code": "文件编号",
    "code_prefix": "编号前缀", "columns": "表格列", "comments": "意见", "complaint_hotline": "投诉电话",
    "condition": "条件", "content": "服务内容", "copies": "联次", "cost": "成本价", "date": "日期",
    "decision": "结论", "definition": "定义", "definitions": "术语定义", "department": "所属部门",
    "departments": "部门", "document": "文件", "documents": "文件", "duties": "职责",
    "effective": "生效日期", "external": "外部文件", "fields": "表头栏目", "filing": "归档方式",
    "fingerprint": "内容指纹", "float_range": "浮动幅度", "form": "表单", "forms": "表单",
    "formula": "计费公式", "free": "免费", "free_services": "免费服务", "grants": "授权",
    "hint": "填写提示", "history": "修订记录", "id": "标识", "instructions": "作业指导书/填表说明",
    "items": "条目", "keeper": "保管部门", "kind": "复审类型", "label": "名称", "level": "层级",
    "limits": "时限/限额", "materials": "材料", "measure": "量化指标", "name": "名称", "note": "备注",
    "notes": "备注", "orientation": "方向", "owner": "归口部门", "paid_services": "有偿服务",
    "paper": "纸张", "parent": "上级部门", "party": "分配对象", "percent": "百分比", "phone": "电话",
    "planned": "待编写文件", "planned_as": "拟编类型",
    "price": "价格", "price_hotline": "价格举报电话", "price_lists": "收费标准", "pricing": "定价方式",
    "principles": "原则", "procedures": "规程", "purpose": "目的", "records": "记录", "region": "地区",
    "related": "相关文件", "reports_to": "直接上级", "responsibilities": "职责分工", "retention": "保存期限",
    "reviewers": "评审人", "role": "岗位", "roles": "岗位", "rows": "空行数", "sample": "示例",
    "scope": "适用范围", "sections": "填写栏", "see": "参见", "serial": "流水号", "service_phone": "服务电话",
    "shares": "分配份额", "short_name": "简称", "signatures": "签字栏", "site": "项目", "sites": "项目",
    "source": "出处", "split": "分配", "standard": "服务标准", "status": "状态", "steps": "步骤",
    "summary": "修订摘要", "colloquial": "俗称", "term": "术语", "terms": "术语", "text": "内容", "title": "标题", "tools": "工具",
    "unit": "单位", "value": "数值", "variants": "变体", "version": "版本", "visibility": "公开范围",
    "width": "宽度",
}

# Other Chinese words editors use for a field (keys written in Chinese are mapped through these too).
FIELD_SYNONYMS: dict[str, str] = {
    "编号": "code", "文件编码": "code", "名字": "name", "生效时间": "effective", "实施日期": "effective",
    "范围": "scope", "适用于": "scope", "版本号": "version", "部门": "owner", "负责部门": "owner",
    "主管部门": "owner", "审批人": "approver", "批准人": "approver", "批准": "approved", "说明": "notes",
    "收费项目": "items", "收费依据": "basis", "项目名称": "name", "单价": "price", "计费单位": "unit", "保存期": "retention",
    "上级": "parent", "汇报对象": "reports_to", "别名": "aliases", "禁用词": "variants", "口语": "colloquial", "叫法": "colloquial", "电话号码": "phone",
}


def field_label(name: str | int) -> str:
    """``目的(purpose)`` for a field name; list positions read ``第 3 项``."""
    if isinstance(name, int):
        return f"第 {name + 1} 项"
    chinese = FIELD_NAMES.get(name)
    return f"{chinese}({name})" if chinese else name


def field_path(loc: tuple[str | int, ...]) -> str:
    """A field's place in a file, in words: ``步骤(steps) 第 2 项 › 岗位(roles)``."""
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int) and parts:
            parts[-1] += f" 第 {part + 1} 项"
        else:
            parts.append(field_label(part))
    return " › ".join(parts) or "(文件顶层)"


def field_for_chinese(key: str, allowed: list[str]) -> str | None:
    """The field among ``allowed`` that a Chinese key such as ``目的`` means, if any."""
    key = key.strip().rstrip(":：")
    for name in allowed:
        if FIELD_NAMES.get(name) == key or key in FIELD_NAMES.get(name, "").split("/"):
            return name
    meant = FIELD_SYNONYMS.get(key)
    return meant if meant in allowed else None


def choices(enum: type[Enum]) -> str:
    """``draft(草稿)、approved(现行有效)`` for an enum's values (words: generator.model.words)."""
    from generator.model.words import word

    return "、".join(f"{m.value}({word(m)})" if word(m) != m.value else str(m.value) for m in enum)


def enum_for_chinese(text: str, enum: type[Enum]) -> str | None:
    """The enum value a Chinese label such as ``已批准`` means."""
    from generator.model.words import said

    for member in enum:
        if text in said(member):
            return str(member.value)
    return None
