"""Which pages the site has: one spec per page, made from the handbook before anything renders.

Long listings (catalogues, a role's steps across hundreds of procedures, a department's documents)
are split into parts of bounded size, so no page grows with the handbook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence, TypeVar

from generator.model import Status
from generator.model.kinds import Kind
from generator.render.site.index import SiteIndex
from generator.render.site.urls import continued_uri, page_uri, single_uri
from generator.render.site.views.lists import Row, catalogue
from generator.render.site.views.organisation import department_docs, role_groups
from generator.render.site.views.reviews import Period, periods

BUDGET = 45_000  # bytes of listing per page; the theme and navigation add the rest
T = TypeVar("T")



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
    lists: str | None = None  # the kind whose whole file the page lists (limits: limit), for search

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
    specs = [PageSpec(single_uri("home"), "home", "首页", boost=HOME_BOOST)]
    for kind in ix.paged_kinds():
        if kind.catalogue and (book.table(kind.name) or not ix.public):  # residents get no empty lists
            specs += paged(_uri(kind.name), "catalogue", kind.catalogue, kind.name, catalogue(ix, kind.name), Row.cost)
    for kind in ix.paged_kinds():
        for obj in book.table(kind.name).values():
            specs += _entry_pages(ix, kind, obj)
    revisions = paged(single_uri("revisions"), "revisions", "修订记录", None, periods(ix), Period.cost)
    ix.review_pages = {r.id: spec.uri for spec in revisions for period in spec.items for r in period.reviews}
    specs += revisions
    specs += [PageSpec(single_uri("glossary"), "glossary", "术语表"),
              PageSpec(single_uri("limits"), "limits", "时限与限额", lists="limit"),
              PageSpec(single_uri("rules"), "rules", "一致性规则")]
    return specs


def _entry_pages(ix: SiteIndex, kind: Kind, obj: Any) -> list[PageSpec]:
    """The page (or the parts of a long page) of one entry."""
    uri = _uri(kind.name, obj.id)
    title = getattr(obj, "title", None) or getattr(obj, "name", None) or obj.id
    if kind.template == "department":
        return paged(uri, "department", title, obj, department_docs(ix, obj.id), lambda d: 420 + 3 * len(d.title))
    if kind.template == "role":
        return paged(uri, "role", title, obj, role_groups(ix, obj.id), lambda g: g.cost())
    return [PageSpec(uri, kind.template, title, obj, theme=kind.theme, boost=search_boost(obj, kind.boost))]


HOME_BOOST = 0.5  # the home page's words (负责, 收费标准 …) describe the handbook: found after every page about the query
OBSOLETE_BOOST = 0.1  # search ranking of an obsolete (作废) document: found, but after every document in force


def search_boost(doc: Any, normal: float | None = None) -> float | None:
    """The search boost of a document page: ``normal``, or OBSOLETE_BOOST once it is obsolete."""
    return OBSOLETE_BOOST if getattr(doc, "status", None) is Status.obsolete else normal


def _uri(kind: str, ident: str | None = None) -> str:
    uri = page_uri(kind, ident)
    assert uri is not None, kind  # paged_kinds has only kinds with a URL folder
    return uri
