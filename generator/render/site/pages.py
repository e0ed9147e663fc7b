"""Which pages the site has: one spec per page, made from the handbook before anything renders.

Long listings (catalogues, a role's steps across hundreds of procedures, a department's documents)
are split into parts of bounded size, so no page grows with the handbook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence, TypeVar

from generator.model import Status
from generator.render.site.index import SiteIndex
from generator.render.site.urls import continued_uri, page_uri
from generator.render.site.views.lists import Row, catalogue
from generator.render.site.views.organisation import department_docs, role_groups
from generator.render.site.views.reviews import Period, periods

BUDGET = 45_000  # bytes of listing per page; the theme and navigation add the rest
T = TypeVar("T")

CATALOGUES = {  # kind -> (title, intro)
    "procedure": ("规程制度一览", "全部标准作业规程、管理制度、工作流程与指引，按类别排列。"),
    "instruction": ("作业指导书一览", "维修、保养等具体作业的操作方法和验收标准，按归口部门排列。"),
    "form": ("表单一览", "各规程使用的登记表、记录表和单据，按归口部门排列；每张表单都可下载打印版 PDF。"),
    "price_list": ("收费标准一览", "各项有偿服务的收费标准。标有“示例价格”的收费标准仅作示例，不得对外公示。"),
    "site": ("项目一览", "公司管理的各个项目（小区）及其执行的收费标准和公示文件。"),
    "department": ("部门一览", "公司的组织机构，按上下级排列。"),
    "role": ("岗位一览", "各部门的岗位；每个岗位页面列出其职责、权限和在各规程中承担的步骤。"),
}


@dataclass
class PageSpec:
    uri: str
    kind: str  # body template name without .html
    title: str
    obj: Any = None
    items: list[Any] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)  # every part of a split listing, in order
    part: int = 1
    theme: str = "main.html"  # the theme template (site_overrides) the page renders in
    boost: float | None = None  # search ranking

    @property
    def in_nav(self) -> bool:
        return self.part == 1


def split(items: Sequence[T], cost: Callable[[T], int], budget: int = BUDGET) -> list[list[T]]:
    """Consecutive parts of ``items`` whose costs stay within ``budget`` (one oversize item alone)."""
    parts: list[list[T]] = [[]]
    used = 0
    for item in items:
        size = cost(item)
        if parts[-1] and used + size > budget:
            parts.append([])
            used = 0
        parts[-1].append(item)
        used += size
    return parts


def paged(uri: str, kind: str, title: str, obj: Any, items: Sequence[T], cost: Callable[[T], int],
          **extra: Any) -> list[PageSpec]:
    parts = split(items, cost)
    uris = [continued_uri(uri, n) for n in range(1, len(parts) + 1)]
    return [PageSpec(u, kind, title if n == 1 else f"{title}（第 {n} 页）", obj, part, uris, n, **extra)
            for n, (u, part) in enumerate(zip(uris, parts), start=1)]


def plan(ix: SiteIndex) -> list[PageSpec]:
    """Every page of the site, in a stable order."""
    book = ix.book
    specs = [PageSpec(page_uri("home"), "home", "首页")]
    for kind, (title, _) in CATALOGUES.items():
        specs += paged(page_uri(kind), "catalogue", title, kind, catalogue(ix, kind), Row.cost)
    specs += [PageSpec(page_uri("procedure", d.id), "procedure", d.title, d, theme="procedure.html",
                       boost=search_boost(d, 2)) for d in book.procedures.values()]
    specs += [PageSpec(page_uri("instruction", d.id), "instruction", d.title, d, theme="procedure.html",
                       boost=search_boost(d)) for d in book.instructions.values()]
    specs += [PageSpec(page_uri("form", d.id), "form", d.title, d, theme="document.html", boost=search_boost(d))
              for d in book.forms.values()]
    specs += [PageSpec(page_uri("price_list", d.id), "price_list", d.title, d, theme="document.html",
                       boost=search_boost(d)) for d in book.price_lists.values()]
    specs += [PageSpec(page_uri("site", s.id), "site", s.name, s) for s in book.sites.values()]
    for dept in book.departments.values():
        specs += paged(page_uri("department", dept.id), "department", dept.name, dept,
                       department_docs(ix, dept.id), lambda d: 420 + 3 * len(d.title))
    for role in book.roles.values():
        specs += paged(page_uri("role", role.id), "role", role.name, role, role_groups(ix, role.id),
                       lambda g: g.cost())
    revisions = paged(page_uri("revisions"), "revisions", "修订记录", None, periods(ix), Period.cost)
    ix.review_pages = {r.id: spec.uri for spec in revisions for period in spec.items for r in period.reviews}
    specs += revisions
    specs += [PageSpec(page_uri("glossary"), "glossary", "术语表"),
              PageSpec(page_uri("limits"), "limits", "时限与限额"),
              PageSpec(page_uri("rules"), "rules", "一致性规则")]
    return specs


OBSOLETE_BOOST = 0.1  # search ranking of an obsolete (作废) document: found, but after every document in force


def search_boost(doc: Any, normal: float | None = None) -> float | None:
    """The search boost of a document page: ``normal``, or OBSOLETE_BOOST once it is obsolete."""
    return OBSOLETE_BOOST if doc.status is Status.obsolete else normal
