"""A form's copies (联次) leave out only what the form has, and say unambiguously what."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from generator.check.registry import Context, Problem, rule
from generator.findings import Severity
from generator.model import Form, Handbook
from generator.model.form import INSTRUCTIONS_WORDS  # omit's keyword for the instructions, in each script



@rule("FRM002", "联次的 omit 只能写本表已有的表头栏目、填写栏、签名或“填表说明”",
      "改正 omit 中的名称,与 fields、sections、signatures 中的 label 一字不差;写错的名称不会留空,该栏照样印在这一联上")
def omit_names_exist(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for form in book.forms.values():
        labels = _omittable(form)
        for copy in form.copies:
            for name in copy.omit:
                if name not in labels:
                    near = _near(name, labels)
                    hint = f"(是否指「{near}」?)" if near else ""
                    yield Problem(f"表单《{form.title}》联次「{copy.label}」的 omit 写了本表没有的「{name}」{hint}",
                                  copy.where("omit"))


@rule("FRM003", "联次 omit 所写的名称在表上只应出现一次", "同名的几栏会在这一联上一起留空;若只想留空其中一栏,先把栏目名称改得各不相同"
      "(如 甲方联系电话、乙方联系电话)", Severity.warning)
def omit_names_are_unique(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for form in book.forms.values():
        counts = Counter(_labels(form))
        for copy in form.copies:
            for name in copy.omit:
                if counts[name] > 1:
                    yield Problem(f"表单《{form.title}》联次「{copy.label}」omit 的「{name}」在表上有 {counts[name]} 处,"
                                  f"都会留空", copy.where("omit"))


def _labels(form: Form) -> list[str]:
    """Every label a copy can leave blank, once per place it is printed."""
    return [*(f.label for f in (*form.fields, *form.sections)), *(s.label for s in form.signatures)]


def _omittable(form: Form) -> set[str]:
    return {*_labels(form), *INSTRUCTIONS_WORDS}


def _near(name: str, labels: set[str]) -> str | None:
    """The label ``name`` most likely means (spaces, width and case ignored; close spelling)."""
    from generator.suggest import did_you_mean

    return did_you_mean(name, {label: [] for label in labels})
