"""The registry of source kinds: the one table that says what kinds of document the handbook has.

Every later stage derives what it needs from here: the loader (where the sources of a kind live and
which model validates them), identity and references (a document is ``(kind, id)``), the site (URL
folder, catalogue, navigation, labels, page template), the print stage, the review packet and the
audience view (whether a kind may reach the public build at all). Adding a kind is one ``register``
call plus its model (and, if the generic page does not suit it, a template).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from generator.model.base import SourceModel
from generator.model.document import Document


class Exposure(str, Enum):
    """How much of a kind the public (residents') build may show. Anything not declared is ``none``."""

    none = "none"  # never in the public build
    names = "names"  # only the names of entries that public documents mention; no pages
    pages = "pages"  # pages for entries that are public (documents: ``visibility: public``; others: all)


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of source.

    ``name`` is the identity half of ``(kind, id)`` and the word used in ``RefTo(name)``.
    A kind lives either in ``folder`` (one entry per file, the file name is the id) or in ``file``
    (one file; ``entries`` unpacks it into id-keyed entries, or it is a single object without id).
    """

    name: str
    model: type[SourceModel]
    label: str  # Chinese label: 规程, 表单 …
    order: int  # position in catalogues, navigation, packet lists
    folder: str | None = None
    file: str | None = None
    entries: Callable[[Any], Iterable[SourceModel]] | None = None  # file kinds with id-keyed entries
    item: type[SourceModel] | None = None  # the entry model when it differs from ``model``
    code: str | None = None  # document code type: LYWG/<code>-NNN
    url: str | None = None  # URL folder of its pages; None: no pages
    catalogue: str | None = None  # title of its catalogue page (一览)
    intro: str = ""  # one sentence under the catalogue title
    nav: str | None = None  # navigation section title (None: the kind's pages are not in the nav)
    template: str = "entity"  # page body template (site templates folder), ``entity`` is generic
    theme: str = "main.html"  # theme template the page renders in
    boost: float | None = None  # search ranking
    search_cues: tuple[str, ...] = ()  # query words asking for this kind of page (多少钱: a price list); a
    # one-character cue (表, 单) counts only at the end of the query (维修单; not 单元, 表扬)
    search_quantity: bool = False  # a query that is a quantity alone (50元, 24小时) asks for this kind
    part: str | None = None  # title of its part in the bound handbook (None: not bound)
    exposure: Exposure = Exposure.none
    public_by_default: bool = False  # for models without a ``visibility`` field: are entries public?

    @property
    def entry_model(self) -> type[SourceModel]:
        return self.item or self.model

    @property
    def is_document(self) -> bool:
        """A controlled document (受控文件): code, version, approval and history."""
        return issubclass(self.entry_model, Document)

    @property
    def has_steps(self) -> bool:
        return "steps" in self.entry_model.model_fields

    @property
    def single(self) -> bool:
        """One object without id (company.yaml, glossary.yaml)."""
        return self.file is not None and self.entries is None


KINDS: dict[str, Kind] = {}
_BY_TYPE: dict[type, Kind] = {}


def register(kind: Kind) -> Kind:
    """Add ``kind`` to the registry (raises ValueError when its name, folder or file is taken)."""
    for other in KINDS.values():
        if other.name == kind.name or (kind.folder and other.folder == kind.folder) or (
                kind.file and other.file == kind.file):
            raise ValueError(f"kind {kind.name!r} clashes with {other.name!r}")
    KINDS[kind.name] = kind
    _BY_TYPE[kind.entry_model] = kind
    return kind


def unregister(name: str) -> None:
    """Remove a kind (tests that add a throwaway kind)."""
    kind = KINDS.pop(name)
    _BY_TYPE.pop(kind.entry_model, None)


def kinds() -> list[Kind]:
    """Every kind in display order."""
    return sorted(KINDS.values(), key=lambda k: (k.order, k.name))


def collections() -> list[Kind]:
    """Kinds whose entries have ids (a folder of files, or one file of entries)."""
    return [k for k in kinds() if not k.single]


def document_kinds() -> list[Kind]:
    return [k for k in kinds() if k.is_document]


def kind_of(obj: object) -> Kind | None:
    """The kind an object is an entry of (None for parts of entries: steps, items …)."""
    for cls in type(obj).__mro__:
        if cls in _BY_TYPE:
            return _BY_TYPE[cls]
    return None


def normal_name(written: str) -> str:
    """A kind as an editor may write it: ``price-list``, ``price_list`` or the label ``收费标准``."""
    wanted = written.strip().replace("-", "_")
    for kind in KINDS.values():
        if wanted in (kind.name, kind.label):
            return kind.name
    return wanted


def get(name: str) -> Kind:
    """The kind called ``name`` (KeyError names the known kinds)."""
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"unknown kind {name!r}; known: {', '.join(KINDS)}") from None


# -- the handbook's own kinds ----------------------------------------------------------------------
# Imported here, after the registry, so that models never import the registry's users.
from generator.model.form import Form  # noqa: E402
from generator.model.glossary import Glossary, Limit, Limits  # noqa: E402
from generator.model.organisation import Company, Department, Role, Site  # noqa: E402
from generator.model.planned import PlannedDocument, PlannedDocuments  # noqa: E402
from generator.model.price_list import PriceList  # noqa: E402
from generator.model.procedure import Instruction, Procedure  # noqa: E402
from generator.model.review import Review  # noqa: E402
from generator.model.edition import Edition  # noqa: E402

register(Kind("company", Company, "公司", 0, file="company.yaml", exposure=Exposure.names))
register(Kind("procedure", Procedure, "规程", 10, folder="procedures", code="QP", url="procedures",
              catalogue="规程制度一览", intro="全部标准作业规程、管理制度、工作流程与指引，按类别排列。",
              nav="规程制度", template="procedure", theme="procedure.html", boost=2, exposure=Exposure.pages,
              part="标准作业规程与管理制度",
              search_cues=("怎么办", "怎么处理", "如何处理", "怎么做", "流程", "程序", "步骤", "规程", "制度", "规定", "办法")))
register(Kind("instruction", Instruction, "作业指导书", 20, folder="instructions", code="WI", url="instructions",
              catalogue="作业指导书一览", intro="维修、保养等具体作业的操作方法和验收标准，按归口部门排列。",
              nav="作业指导书", template="instruction", theme="procedure.html", exposure=Exposure.pages,
              part="作业指导书", search_cues=("怎么修", "修理方法", "维修方法", "安装方法", "怎么装", "怎么换")))
register(Kind("form", Form, "表单", 30, folder="forms", code="QR", url="forms", catalogue="表单一览",
              intro="各规程使用的登记表、记录表和单据，按归口部门排列；每张表单都可下载打印版 PDF。",
              nav="表单", template="form", theme="document.html", exposure=Exposure.pages,
              search_cues=("表", "单", "登记", "表格", "单子", "单据", "台账", "登记本", "记录表", "模板")))
register(Kind("price_list", PriceList, "收费标准", 40, folder="price-lists", code="PL", url="price-lists",
              catalogue="收费标准一览",
              intro="各项有偿服务的收费标准。标有“示例价格”的收费标准仅作示例，不得对外公示。",
              nav="收费标准", template="price_list", theme="document.html", exposure=Exposure.pages,
              search_cues=("多少钱", "多少", "几多钱", "几多", "几钱", "价格", "价钱", "价目", "收费标准", "几块钱", "几块",
                           "几元", "怎么收费", "收多少", "贵不贵", "费用标准", "收费表", "价钱表", "价格表", "价目表", "收费")))
register(Kind("site", Site, "项目", 50, folder="sites", url="sites", catalogue="项目一览",
              intro="公司管理的各个项目（小区）及其执行的收费标准和公示文件。", nav="项目", template="site",
              exposure=Exposure.pages, public_by_default=True))
register(Kind("department", Department, "部门", 60, folder="organisation/departments", url="departments",
              catalogue="部门一览", intro="公司的组织机构，按上下级排列。", template="department",
              exposure=Exposure.names, search_cues=("职责", "部门职责", "负责什么", "管什么")))
register(Kind("role", Role, "岗位", 61, folder="organisation/roles", url="roles", catalogue="岗位一览",
              intro="各部门的岗位；每个岗位页面列出其职责、权限和在各规程中承担的步骤。", template="role",
              exposure=Exposure.names, search_cues=("职责", "岗位职责", "负责什么", "干什么", "做什么", "管什么")))
register(Kind("limit", Limits, "时限与限额", 70, file="limits.yaml", item=Limit,
              entries=lambda limits: limits.limits, exposure=Exposure.names, search_quantity=True,
              search_cues=("时限", "限额", "上限", "以上", "以下", "超过", "最多", "最长", "多久", "多长时间", "期限")))
register(Kind("planned", PlannedDocuments, "待编写文件", 75, file="planned.yaml", item=PlannedDocument,
              entries=lambda planned: planned.planned, url="planned", catalogue="待编写文件一览",
              intro="原始资料列出标题、但正文尚未编写的文件，按归口部门排列；编写完成并批准后从本表移除。",
              nav="待编写文件", boost=0.2))  # a title only: in search after every written document
register(Kind("glossary", Glossary, "术语表", 80, file="glossary.yaml"))
register(Kind("review", Review, "复审记录", 90, folder="reviews"))
register(Kind("edition", Edition, "版本", 95, folder="editions"))  # generator.model.edition_view
