"""Records are forms, kept for a known period; every form is used somewhere."""

from __future__ import annotations

from typing import Iterator

from generator.check.registry import Context, Problem, rule
from generator.findings import Severity
from generator.model import Handbook


@rule("REC001", "每项记录都必须是 forms/ 中的表单", "records 中的 form 写表单 id;规程、收费标准不能作为记录")
def records_are_forms(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for proc in book.procedures.values():
        for record in proc.records:
            if record.form in book.forms:
                continue
            what = "不是表单" if book.named(record.form) else "不存在"
            yield Problem(f"记录 \"{record.form}\" {what}", record.where("form"))


@rule("REC002", "每项记录都要有保存期限", "在表单上写 retention(如 2年),或在记录上单独写 retention")
def records_have_retention(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for proc in book.procedures.values():
        for record in proc.records:
            form = book.forms.get(record.form)
            if form is not None and not (record.retention or form.retention):
                yield Problem(f"记录《{form.title}》没有保存期限", record.where())


@rule("REC003", "步骤中填写的表单应列入该规程的记录", "把该表单加入规程的 records", Severity.warning)
def step_forms_are_records(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for proc in book.procedures.values():
        recorded = {r.form for r in proc.records}
        for n in book.steps(proc):
            for form in n.step.forms:
                if form in book.forms and form not in recorded:
                    yield Problem(f"步骤 {n.number} 使用表单 \"{form}\",但它不在 records 中", n.step.where("forms"))


@rule("FRM001", "每张表单都应被某个规程使用", "在使用该表单的规程的 records 或步骤中引用它;不再使用的表单改为 obsolete(作废)",
      Severity.warning)
def forms_are_used(book: Handbook, ctx: Context) -> Iterator[Problem]:
    used = {ref.target for ref in book.references() if ref.kind == "form" and book.key(ref.source) != ("form", ref.target)}
    for form in book.forms.values():
        if form.id not in used and form.status.value != "obsolete":
            yield Problem(f"表单《{form.title}》没有被任何规程引用", form.where())

