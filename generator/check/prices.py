"""Price lists: approved by someone allowed to, on time, every item priced with a unit."""

from __future__ import annotations

from typing import Iterator

from generator.check.registry import Context, Problem, rule
from generator.dates import add_months
from generator.model import Grant, Handbook, Pricing

DEFAULT_REVISION_MONTHS = 12
REVISION_LIMIT = "price-list-revision"  # limits.yaml id; the seeds say 每年至少修订一次


@rule("PRC001", "收费标准必须由有定价批准权的岗位批准", "approver 写有 approve-price-list 权限的岗位(如总经理)")
def price_list_approver_has_authority(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for pl in book.price_lists.values():
        role = book.roles.get(pl.approver or "")
        if pl.approver is None:
            yield Problem(f"收费标准《{pl.title}》没有批准人 approver", pl.where())
        elif role is not None and Grant.approve_price_list not in role.grants:
            yield Problem(f"「{role.name}」没有批准收费标准的权限", pl.where("approver"))


@rule("PRC002", "批准日期不能晚于生效日期", "收费标准须先批准、后生效;已批准的须写 approved 日期")
def approval_before_effective(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for pl in book.price_lists.values():
        if pl.approved is None:
            if pl.status.value == "approved":
                yield Problem(f"已批准的收费标准《{pl.title}》没有批准日期 approved", pl.where("status"))
        elif pl.approved > pl.effective:
            yield Problem(f"批准日期 {pl.approved} 晚于生效日期 {pl.effective}", pl.where("approved"))


@rule("PRC003", "收费标准每年至少修订一次", "复核价格后更新 version、approved 和 history")
def revised_within_a_year(book: Handbook, ctx: Context) -> Iterator[Problem]:
    limit = book.limits.get(REVISION_LIMIT)
    months = int(limit.value) if limit else DEFAULT_REVISION_MONTHS
    for pl in book.price_lists.values():
        if pl.status.value != "approved":
            continue
        dates = [d for d in (pl.approved, pl.effective, *(h.date for h in pl.history)) if d]
        last = max(dates)
        if add_months(last, months) < ctx.today:
            yield Problem(f"《{pl.title}》最近一次修订是 {last},已超过 {months} 个月", pl.where("version"))


@rule("PRC004", "每个收费项目必须标价或明确免费", "写 price(金额)或 free: true,二者只能选一")
def items_priced_or_free(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for pl in book.price_lists.values():
        for item in pl.items:
            priced = item.price is not None or item.formula is not None or item.base_price is not None
            if not priced and not item.free:
                yield Problem(f"项目「{item.name}」既没有价格也没有标明免费", item.where())
            elif item.free and (item.price not in (None, 0)):
                yield Problem(f"项目「{item.name}」标明免费却写了价格 {item.price}", item.where("price"))


@rule("PRC005", "每个收费项目必须有计费单位", "写 unit,如 元/次、元/小时、元/户·月")
def items_have_unit(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for pl in book.price_lists.values():
        for item in pl.items:
            if not item.free and not item.unit:
                yield Problem(f"项目「{item.name}」没有计费单位 unit", item.where())


@rule("PRC006", "政府指导价必须写明基准价和浮动幅度", "pricing: guided 时填写 base_price 与 float_range(如 ±10%)")
def guided_prices_complete(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for pl in book.price_lists.values():
        for item in pl.items:
            if item.pricing is Pricing.guided and (item.base_price is None or not item.float_range):
                yield Problem(f"项目「{item.name}」是政府指导价,但缺少基准价或浮动幅度", item.where("pricing"))
