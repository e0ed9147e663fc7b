"""The navigation (MkDocs ``nav``): grouped by kind, category and department, in bounded sections.

A category with many procedures is split by owning department; any group longer than CHUNK is split
into code ranges. With navigation.prune only the open path is rendered, so a page carries at most a
few sections' worth of links however large the handbook grows. Titles are HTML (escaped here).
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape

from generator.render.site.index import SiteIndex
from generator.render.site.labels import CATEGORY
from generator.render.site.urls import page_uri
from generator.render.site.views.lists import catalogue, department_order

GROUP_AT = 12  # more documents than this in a category: group them by department
CHUNK = 30  # at most this many pages in one navigation section

Entry = dict[str, Any]


def navigation(ix: SiteIndex, help_page: str | None) -> list[Entry]:
    """The ``nav`` structure for the MkDocs config: one section per kind with pages, in registry order."""
    sections: list[Entry] = [{"首页": page_uri("home")}]
    paged = {k.name for k in ix.paged_kinds()}
    for kind in ix.paged_kinds():
        docs = [row.obj for row in catalogue(ix, kind.name)]
        if not kind.nav or not docs:
            continue
        if kind.name == "procedure":  # by category (标准作业规程, 管理制度 …), then department
            groups: list[Entry] = [{CATEGORY[key]: _grouped(ix, kind.name, [d for d in docs if d.category.value == key])}
                                   for key in CATEGORY if any(d.category.value == key for d in docs)]
            sections.append({kind.nav: [_page(kind.name)] + groups})
        else:
            sections.append({kind.nav: [_page(kind.name)] + _grouped(ix, kind.name, docs)})
    if {"department", "role"} <= paged:
        sections.append({"组织机构": [_page("department"), {"岗位一览": _page("role")}] + _organisation(ix)})
    reference: list[Entry] = [{"修订记录": page_uri("revisions")}, {"术语表": page_uri("glossary")},
                              {"时限与限额": page_uri("limits")}, {"一致性规则": page_uri("rules")}]
    if help_page:
        reference.append({"使用说明": help_page})
    sections.append({"参考": reference})
    return sections


def _page(kind: str, ident: str | None = None) -> str:
    uri = page_uri(kind, ident)
    assert uri is not None, kind  # only kinds with pages reach the navigation
    return uri


def _grouped(ix: SiteIndex, kind: str, docs: list[Any]) -> list[Entry]:
    if len(docs) <= GROUP_AT or not all(getattr(d, "owner", None) for d in docs):
        return _chunked(kind, docs)
    groups: dict[str, list[Any]] = {}
    for doc in docs:
        groups.setdefault(doc.owner, []).append(doc)
    rank = {d.id: n for n, (d, _) in enumerate(department_order(ix))}
    return [{_name(ix, owner): _chunked(kind, members)}
            for owner, members in sorted(groups.items(), key=lambda g: rank.get(g[0], 1 << 20))]


def _chunked(kind: str, objs: list[Any]) -> list[Entry]:
    entries = [{_title(o): _page(kind, o.id)} for o in objs]
    if len(entries) <= CHUNK:
        return entries
    return [{_range(objs[i:i + CHUNK]): entries[i:i + CHUNK]} for i in range(0, len(entries), CHUNK)]


def _organisation(ix: SiteIndex) -> list[Entry]:
    entries: list[Entry] = []
    for dept, _ in department_order(ix):
        roles = sorted((ix.book.roles[r] for r in ix.dept_roles.get(dept.id, [])), key=lambda r: r.name)
        page = _page("department", dept.id)
        entries.append({str(escape(dept.name)): [page] + _chunked("role", roles)} if roles
                       else {str(escape(dept.name)): page})
    return entries


def _title(obj: Any) -> str:
    return str(escape(getattr(obj, "title", None) or obj.name))


def _range(objs: list[Any]) -> str:
    first, last = objs[0], objs[-1]
    if hasattr(first, "code"):
        return str(escape(f"{first.code} – {last.code}"))
    return str(escape(f"{first.name} – {last.name}"))


def _name(ix: SiteIndex, dept_id: str) -> str:
    dept = ix.book.departments.get(dept_id)
    return str(escape(dept.name if dept else dept_id))
