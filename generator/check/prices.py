"""Price lists: approved by someone allowed to, on time, every item priced with a unit; 政府指导价
within its band and with its document; 收费依据 posted; formula prices with their parts; the lists of a
site agreeing with their scope; 物业服务费 by building type, grade and area (发改价检〔2004〕1428号
第六条, 发改价格〔2003〕1864号 第七条)."""

from __future__ import annotations

import re
from typing import Iterator

from generator.check.registry import Context, Problem, rule
from generator.dates import add_months
from generator.model import Grant, Handbook, PriceItem, Pricing
from generator.model.price_list import Fee
from generator.model.prices import covers, money, parse_float_range, site_price_lists

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
                yield Problem(f"项目「{item.name}」标明免费却写了价格 {item.price}", item.where())


@rule("PRC005", "每个收费项目必须有计费单位", "写 unit,如 元/次、元/小时、元/户·月")
def items_have_unit(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for pl in book.price_lists.values():
        for item in pl.items:
            if not item.free and not item.unit:
                yield Problem(f"项目「{item.name}」没有计费单位 unit", item.where())


@rule("PRC006", "政府指导价必须写明实际收费、基准价、浮动幅度和定价文件",
      "pricing: guided 时填写 price(实际收费)、base_price、float_range(如 ±10%)和 price_document"
      "(价格主管部门文件名称和文号);依据《物业服务收费明码标价规定》第六条")
def guided_prices_complete(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for item in _guided(book):
        if missing := _missing(item, {"price": "实际收费", "base_price": "基准价", "float_range": "浮动幅度",
                                      "price_document": "定价文件"}):
            yield Problem(f"项目「{item.name}」是政府指导价,缺少{missing}", item.where())


@rule("PRC007", "政府指导价的实际收费必须在基准价浮动幅度之内",
      "把 price 调到允许区间内,或核对 base_price 与 float_range(写法: ±10%、上浮10%,下浮20%、±0.20元);"
      "依据《物业服务收费管理办法》第七条")
def guided_price_within_range(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for item in _guided(book):
        yield from _band_problems(item)


def _band_problems(item: PriceItem) -> Iterator[Problem]:
    """An unreadable float range, or a charged price outside base ± float."""
    span = parse_float_range(item.float_range) if item.float_range else None
    if item.float_range and span is None:
        yield Problem(f"项目「{item.name}」的浮动幅度 float_range「{item.float_range}」无法识别", item.where())
    if span is None or item.price is None or item.base_price is None:
        return
    low, high = span.bounds(item.base_price)
    if item.price < low or (high is not None and item.price > high):
        band = f"{money(low)}–{money(high)}" if high is not None else f"不低于 {money(low)}"
        yield Problem(f"项目「{item.name}」实际收费 price {money(item.price)} 超出允许区间 {band} 元"
                      f"(基准价 {money(item.base_price)},浮动幅度 {item.float_range})", item.where())


@rule("PRC008", "公示的收费标准必须写明收费依据", "填写 basis:收费所依据的合同条款、政府文件或公司批准文件;"
      "《物业服务收费明码标价规定》第六条要求公示收费依据")
def posted_lists_have_basis(book: Handbook, ctx: Context) -> Iterator[Problem]:
    posted = {pl.id for site in book.sites.values() for pl in site_price_lists(book, site)}
    for pl in book.price_lists.values():
        if not pl.basis and (pl.visibility.value == "public" or pl.id in posted):
            yield Problem(f"收费标准《{pl.title}》对外公示,但没有收费依据 basis", pl.where())


@rule("PRC009", "按公式计价的项目必须公示每个组成部分的价格",
      "在 components 中逐项写 name 与 price(如 维修费 20),或写 method 说明计价方法(如 材料费 另计,"
      "按《材料报价单》经业主确认);金额不要写在项目的 price 上,否则会被读成全包价")
def formula_parts_posted(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for item in _items(book):
        if item.formula:
            yield from _formula_problems(item, item.formula)


def _formula_problems(item: PriceItem, formula: str) -> Iterator[Problem]:
    """Parts missing, unpriced or not in the formula; an all-in looking amount beside a formula."""
    if not item.components:
        yield Problem(f"项目「{item.name}」按「{formula}」计价,但没有列出各组成部分 components", item.where())
    elif item.price is not None:
        yield Problem(f"项目「{item.name}」写了 price {money(item.price)} 又按公式计价,读者会当作全包价",
                      item.where())
    named = {part.name for part in item.components}
    for term in formula_terms(formula):
        if item.components and term not in named:
            yield Problem(f"项目「{item.name}」的计价公式中的「{term}」没有在 components 中列出价格或计价方法",
                          item.where())
    for part in item.components:
        if part.price is None and not part.method:
            yield Problem(f"项目「{item.name}」的组成部分 components「{part.name}」既没有价格 price 也没有计价方法 method", item.where())
        elif part.name not in formula:
            yield Problem(f"项目「{item.name}」的组成部分 components「{part.name}」不在计价公式 formula「{formula}」中",
                          item.where())


@rule("PRC010", "项目执行的收费标准须与收费标准的适用范围一致",
      "在收费标准的 scope 中加入该项目(或改为其所在区域),或从项目的 price_lists 中删除")
def site_lists_in_scope(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for site in book.sites.values():
        for pl_id in site.price_lists:
            pl = book.price_lists.get(pl_id)
            if pl is not None and not covers(pl, site):
                yield Problem(f"项目「{site.name}」写明执行《{pl.title}》,但该收费标准的适用范围不包括本项目",
                              site.where("price_lists"))


@rule("PRC011", "物业服务费须按建筑类型、服务等级和计费面积公示",
      "fee: property 的收费标准写 area(如 建筑面积),每个项目写 building(low-rise 多层 / high-rise 高层 / "
      "villa 别墅 / commercial 商业 / parking 车位)和 grade(服务等级)")
def property_fee_complete(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for pl in book.price_lists.values():
        if pl.fee is not Fee.property:
            continue
        if not pl.area:
            yield Problem(f"物业服务费《{pl.title}》没有写计费面积 area", pl.where("fee"))
        for item in pl.items:
            if missing := _missing(item, {"building": "建筑类型", "grade": "服务等级"}):
                yield Problem(f"物业服务费项目「{item.name}」缺少{missing}", item.where())


def formula_terms(formula: str) -> list[str]:
    """The named parts of a formula: 维修费 + 材料费 -> [维修费, 材料费]; 成交月租金 × 50% -> [成交月租金]."""
    terms = (t.strip() for t in re.split(r"[+＋×*xX÷/／（）()]", formula))
    return [t for t in terms if t and not re.fullmatch(r"[\d.%％元\s]+", t)]


def _items(book: Handbook) -> Iterator[PriceItem]:
    for pl in book.price_lists.values():
        yield from pl.items


def _guided(book: Handbook) -> Iterator[PriceItem]:
    return (item for item in _items(book) if item.pricing is Pricing.guided)


def _missing(item: PriceItem, fields: dict[str, str]) -> str:
    """「实际收费 price、定价文件 price_document」: the named fields ``item`` leaves empty ("" when none)."""
    return "、".join(f"{label} {name}" for name, label in fields.items() if getattr(item, name) is None)
