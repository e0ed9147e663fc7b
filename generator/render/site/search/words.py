"""What search knows beyond the page text: synonyms and the Traditional→Simplified table.

Synonyms (a query word → words to look for as well):

- glossary variants → the term (``glossary.yaml`` ``variants``: 投拆 finds 投诉), see ``rewrites``;
- a role's other titles ↔ its name (``organisation/roles`` ``aliases``: 接待员 finds 服务中心接待员);
- ``COLLOQUIAL``: words staff say that the sources do not use (保安 for 安全员, 前台 for 总服务台).
  Search-only: the consistency rules do not see them, and nothing in the sources changes.

What kind of page a query asks for (``Kind.search_cues`` in the registry of kinds: 复印多少钱 a price
list, 住户求助登记 a form) and
what a title says only of its kind (``TITLE_TAILS``: 住户求助服务管理标准作业规程 is about 住户求助) are
search-only tables too; the worker uses them to break near ties between a topic's procedure, form
and price list.

Typos of a pinyin input method (安全圆, 会议事) are put right with ``sounds``: the characters of each
syllable, so the worker prefers the index word whose different character sounds the same.

Traditional input (會議室, 服務) is converted character by character with OpenCC's tables (the
``opencc-purepy`` package, at build time; the site ships only the pairs whose Simplified character
occurs in its index, nothing is fetched when a page is read). A Traditional edition's index is cut
through the same table (fold.py).
"""

from __future__ import annotations

from functools import lru_cache

from typing import Iterable

from generator.model import Handbook, kinds
from generator.render.site.search.segment import normalize

COLLOQUIAL: dict[str, tuple[str, ...]] = {
    "保安": ("安全员", "安全处"), "门卫": ("安全员",), "门岗": ("安全员",), "巡逻": ("安全员",),
    "前台": ("总服务台员工", "总服务台", "服务中心接待员"), "客服": ("客户服务中心", "客服人员"),
    "师傅": ("维修人员",), "维修工": ("维修人员",), "电工": ("维修人员",), "水电工": ("维修人员",),
    "修理": ("维修",), "修": ("维修",), "坏了": ("维修", "报修"), "漏水": ("渗漏",),
    "堵了": ("疏通",), "堵塞": ("疏通",), "价钱": ("收费",), "价格": ("收费", "价"), "多少钱": ("收费",), "几多钱": ("收费",),
    "收钱": ("收费", "收银"), "交钱": ("缴费", "收费"), "物业费": ("管理服务费", "物业服务费"),
    "开会": ("会议",), "马桶": ("坐便器",), "下水道": ("下水管道",), "会场": ("会议室",), "老板": ("总经理",), "经理": ("总经理", "项目经理"),
    "病人": ("急救",), "受伤": ("急救",), "救护车": ("120", "急救"), "报警": ("110", "治安"),
    "小偷": ("盗窃", "治安"), "偷": ("盗窃",), "被偷": ("盗窃",), "被盗": ("盗窃",), "失窃": ("盗窃",), "打劫": ("抢劫",), "着火": ("火灾", "灾害"), "失火": ("火灾", "灾害"), "差评": ("投诉",),
    "不满意": ("投诉",), "意见": ("投诉",), "回电": ("回访",), "回电话": ("回访",), "单子": ("表", "单"),
    "表格": ("表",), "登记本": ("登记表",), "租房": ("出租",), "停车": ("车位", "车辆"), "车": ("车辆",),
    "报纸": ("报刊",), "杂志": ("报刊",), "灯管": ("日光灯",), "燃气灶": ("煤气灶",),
    # emergencies as a caller says them (住户求助服务管理标准作业规程: 急救病人的求助处理)
    "救命": ("求助", "急救"), "求救": ("求助", "急救"), "帮忙": ("求助",), "晕倒": ("急救", "病人"),
    "昏倒": ("急救", "病人"), "摔倒": ("急救", "病人"), "摔伤": ("急救", "病人"), "生病": ("病人", "急救"),
    "急病": ("急救", "病人"), "发病": ("急救", "病人"), "不舒服": ("病人",), "看病": ("就医",),
    "送医": ("就医", "医院"), "急救车": ("救护车", "120"), "叫救护车": ("120", "急救"),
    # services under the names residents use (有偿便民服务, 代办 …)
    "送水": ("桶装水", "饮用水"), "订水": ("桶装水", "饮用水"), "矿泉水": ("桶装水", "饮用水"),
    "上网": ("宽带网",), "网线": ("宽带网",), "宽带": ("宽带网",), "车辆保险": ("车险",), "保险": ("车险",),
    "打印": ("打字复印",), "复印": ("打字复印",), "贴海报": ("张贴广告",), "海报": ("广告",),
    "租房子": ("出租", "委托租售"), "卖房": ("委托租售",),
    "催费": ("催缴",), "欠费": ("催缴",), "物业费没交": ("催缴",), "不交": ("催缴",), "没交": ("催缴",),
    "拖欠": ("催缴",), "打分": ("满意度",), "物管费": ("物业服务费", "管理服务费"), "物业管理费": ("物业服务费", "管理服务费"), "管理费": ("管理服务费", "物业服务费"),
    "出纳": ("收银员",),
    # everyday words for the people, things and troubles the documents name otherwise
    "保洁员": ("保洁", "清洁"), "清洁工": ("保洁", "清洁"), "管家": ("物业管理员", "专属客户经理"),
    "楼管": ("物业管理员",), "收费处": ("收银员", "收费员"), "收银": ("收银员",), "交费": ("缴费",),
    "灯泡": ("日光灯",), "停电": ("跳闸", "开关"), "没电": ("跳闸", "开关"), "爆管": ("水管", "渗漏"),
    "换锁": ("门锁",), "开锁": ("门锁",), "钟点工": ("家政", "保姆"), "干洗": ("洗衣",),
    "收房": ("入伙",), "交房": ("入伙",), "入住": ("入伙",), "抱怨": ("投诉",), "吐槽": ("投诉",),
    "困人": ("电梯", "求助"), "冒烟": ("火灾", "火警"), "走失": ("求助",), "车祸": ("交通意外",),
    "月卡": ("车位", "停车费"), "临时停车": ("停车费", "停车场"), "出门条": ("放行",), "放行条": ("放行",),
    "交给": ("转交", "交"), "上交": ("转交",), "收了": ("收到", "收取"), "收到钱": ("收到", "收取"),
    "谁批": ("审批", "批准"), "找谁批": ("审批", "批准"), "跳楼": ("急救", "求助"), "自杀": ("急救", "求助"),
    "修理工": ("维修人员",),
    "收款员": ("收费员", "收银员"), "弄坏": ("损坏",), "搞坏": ("损坏",), "抽烟": ("吸烟",), "班长": ("安全处值班领班",),
    "水桶": ("桶装水",), "报表": ("统计表", "月报表"),
    "预订": ("预约",), "预定": ("预约",), "倒茶": ("茶水",), "月报": ("月报表",), "代缴": ("代办",),
    # Hong Kong usage (staff of a Traditional edition type them; written here in Simplified, converted with the index)
    "水喉": ("水龙头",), "电掣": ("开关",), "掣": ("开关",), "煤气炉": ("煤气灶",), "石油气炉": ("煤气灶",),
    "厕所": ("坐便器",), "屎坑": ("坐便器",), "光管": ("日光灯",), "灯胆": ("灯泡", "日光灯"),
    "升降机": ("电梯",), "保安员": ("安全员",), "管理员": ("物业管理员", "安全员"), "管理处职员": ("管理处",),
    "投诉热线": ("投诉",), "影印": ("复印",), "救伤车": ("救护车", "120", "急救"), "通渠": ("疏通", "下水管道"), "收楼": ("入伙",), "坏咗": ("维修", "报修"), "冷气": ("空调",), "车位租": ("车位",),
}

def kind_cues() -> dict[str, list[str]]:
    """Kind name → the query words asking for its pages (``Kind.search_cues`` of the registry of kinds)."""
    return {k.name: list(k.search_cues) for k in kinds.kinds() if k.search_cues}


def quantity_kinds() -> list[str]:
    """The kinds a query that is a quantity alone asks for (``Kind.search_quantity``: 50元 → 时限与限额)."""
    return [k.name for k in kinds.kinds() if k.search_quantity]


# Endings of a title that say only what kind of document it is (removed one after another, longest
# first, while three or more characters remain): the rest is its topic, compared with the query.
TITLE_TAILS: tuple[str, ...] = (
    "标准作业规程", "标准作业程序", "作业规程", "工作规程", "标准规程", "规程", "工作流程", "服务流程", "流程",
    "程序", "管理办法", "办法", "管理制度", "制度", "管理规定", "规定", "工作细则", "细则", "收费标准",
    "登记表", "记录表", "统计表", "调查表", "申请表", "计划表", "表", "单", "台账", "管理", "服务", "项目",
    "及相关", "相关", "及",
)


def synonyms(book: Handbook) -> dict[str, list[str]]:
    """Query word → other words that mean the same (normalised; the word itself not repeated)."""
    found: dict[str, dict[str, None]] = {}  # ordered: the first synonym is the likeliest meaning

    def add(word: str, others: Iterable[str]) -> None:
        w = normalize(word)
        found.setdefault(w, {}).update((normalize(o), None) for o in others if normalize(o) != w)

    for role in book.roles.values():
        for alias in role.aliases:
            add(alias, [role.name])
            add(role.name, [alias])
    for word, others in COLLOQUIAL.items():
        add(word, others)
    for term in book.glossary.terms if book.glossary else ():  # glossary.yaml 俗称: the editors' own list
        for word in term.colloquial:
            add(word, [term.term])
    return {w: list(o) for w, o in sorted(found.items()) if o}


def rewrites(book: Handbook) -> dict[str, str]:
    """Glossary variants (forbidden spellings, ``glossary.yaml``) → the term: replaced wherever they
    occur in a query, since a variant may not be cut as one word (客户需求处置单)."""
    if not book.glossary:
        return {}
    return {normalize(v): normalize(t.term) for t in book.glossary.terms for v in t.variants if v != t.term}


def traditional_pairs(simplified: set[str]) -> str:
    """'TS' pairs, concatenated: each Traditional (or Taiwan / Hong Kong variant) character whose
    Simplified form is in ``simplified``, followed by that form. Empty without opencc-purepy."""
    try:
        pairs = simplified_pairs()
    except ImportError:
        return ""
    return "".join(ch + to for ch, to in pairs if to in simplified)


@lru_cache(maxsize=1)
def sounds() -> tuple[str, ...]:
    """Characters that sound alike: one string per pinyin syllable (tones ignored, the fuzzy
    pairs of input methods merged, ``_fuzzy``; a character with several readings, 多音字, under each), over the 6,763 characters of GB 2312 — what a pinyin input
    method offers for one syllable, hence its typos (安全圆 for 安全员, 水笼头 for 水龙头). About 30 KB;
    made with the ``pypinyin`` package at build time."""
    from pypinyin import Style, pinyin

    found: dict[str, list[str]] = {}
    for code in range(0x4E00, 0xA000):
        ch = chr(code)
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        for syllable in dict.fromkeys(_fuzzy(p) for p in pinyin(ch, style=Style.NORMAL, heteronym=True)[0]):
            found.setdefault(syllable, []).append(ch)
    return tuple("".join(chars) for _, chars in sorted(found.items()) if len(chars) > 1)


def _fuzzy(syllable: str) -> str:
    """A syllable as the input methods' 模糊音 hear it: zh/ch/sh as z/c/s, -ang/-eng/-ing as -an/-en/-in
    (收营员 typed for 收银员)."""
    if syllable[:2] in ("zh", "ch", "sh"):
        syllable = syllable[0] + syllable[2:]
    return syllable[:-1] if syllable.endswith("ng") and syllable[-3:] != "ong" else syllable


@lru_cache(maxsize=1)
def simplified_pairs() -> tuple[tuple[str, str], ...]:
    """(Traditional or variant character, its one Simplified character), in code point order: the
    first of opencc's t2s, tw2s, hk2s that changes the character decides (computed once per process)."""
    from opencc_purepy import OpenCC

    chars = [chr(c) for c in range(0x3400, 0xA000)] + [chr(c) for c in range(0xF900, 0xFB00)]
    text = "\n".join(chars)
    tables = [OpenCC(config).convert(text).split("\n") for config in ("t2s", "tw2s", "hk2s")]
    pairs = []
    for i, ch in enumerate(chars):
        for table in tables:
            to = table[i] if i < len(table) else ch
            if to != ch and len(to) == 1:
                pairs.append((ch, to))
                break
    return tuple(pairs)
