"""Warnings about a laid-out form, at its source: blanks too narrow to write in, headings that would
break inside a word, editorial notes written as hints. (A copy's ``omit`` is checked with the sources:
FRM002, FRM003 in generator/check/forms.py.)

Minimum widths and sizes: generator.render.print.formtext (the rules and their sources).
"""

from __future__ import annotations

import re
from typing import Iterator

from generator.findings import Finding, Severity
from generator.model import Form
from generator.model.base import Position
from generator.render.print import formtext as ft
from generator.render.print.formlayout import fill_width
from generator.render.print.views.forms import FormView

KIND_NAMES = {"phone": "电话号码", "idno": "证件号码/账号", "address": "地址", "name": "姓名/名称", "date": "日期",
              "money": "金额", "number": "数字", "text": "文字"}
EDITORIAL = re.compile(r"原表|原文|原始(?:资料|文件)|示例设计|本手册")


def layout_findings(form: Form, view: FormView) -> list[Finding]:
    """PRT022–PRT024 warnings for ``form`` laid out as ``view``."""
    return [Finding(code, f"表单《{form.title}》{message}", where, Severity.warning, HINTS[code])
            for code, message, where in _problems(form, view)]


HINTS = {
    "PRT022": "加大该栏的 width、把它移到单独一行,或写明 type(phone/name/date/money/text);纸张太小时改用 paper: A4",
    "PRT023": "加大该栏的 width,或缩短栏目名称(标题只在词与词之间换行)",
    "PRT024": "关于原始资料或编写的说明写在 notes 中,不印在表单上;hint 只写填表人需要的提示",
}


def _problems(form: Form, view: FormView) -> Iterator[tuple[str, str, Position | None]]:
    fields = [b for line in view.fields for b in line.boxes]
    for source, box in zip(form.fields, fields):
        kind = ft.field_kind(box.label, source.type and source.type.value)
        least = max(ft.BLANK_MIN[kind], fill_width(box.hint, view.metrics) if box.fill_hint else 0.0)
        blank = box.width - box.label_width
        if blank < least - 0.05:
            yield ("PRT022", f"栏目「{box.label}」的填写空白只有 {blank:.1f} mm,{KIND_NAMES[kind]}至少需要 {least:.0f} mm",
                   source.where("label"))
    sections = [b for line in view.sections for b in line.boxes]
    for source, box in zip(form.sections, sections):
        if box.width < ft.SECTION_MIN - 0.05:
            yield ("PRT022", f"填写栏「{box.label}」只有 {box.width:.1f} mm 宽,至少需要 {ft.SECTION_MIN:.0f} mm",
                   source.where("label"))
    for source, col in zip(form.columns, view.columns):
        kind = ft.field_kind(col.label, source.type and source.type.value)
        if col.width < ft.BLANK_MIN[kind] - 0.05:
            yield ("PRT022", f"表格栏「{col.label}」只有 {col.width:.1f} mm 宽,{KIND_NAMES[kind]}至少需要 "
                             f"{ft.BLANK_MIN[kind]:.0f} mm", source.where("label"))
        if not col.words:
            yield ("PRT023", f"表格栏「{col.label}」太窄,标题会在词中间断行", source.where("label"))
    for item in (*form.fields, *form.columns, *form.sections):
        if item.hint and EDITORIAL.search(item.hint):
            yield "PRT024", f"栏目「{item.label}」的提示像编写说明,会印在表单上:「{item.hint}」", item.where("hint")
