"""The organisation chart is a tree: no department is its own ancestor, no post reports to itself.

A department whose ``parent`` leads back to itself has no place in the chart (the site's department
tree starts from departments without a parent and would never reach it); a reporting line that
loops has no one at its top to escalate to.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Iterator, TypeVar

from generator.check.registry import Context, Problem, rule
from generator.model import Handbook

T = TypeVar("T")


def _loops(table: Mapping[str, T], up: Callable[[T], str | None]) -> Iterator[list[str]]:
    """Each cycle of the ``up`` links among ``table``'s entries, once, starting at its smallest id."""
    reported: set[str] = set()
    for start in sorted(table):
        path: list[str] = []
        node: str | None = start
        while node is not None and node in table and node not in path and node not in reported:
            path.append(node)
            node = up(table[node])
        if node is not None and node in path:
            cycle = path[path.index(node):]
            reported.update(cycle)
            first = min(cycle)
            at = cycle.index(first)
            yield cycle[at:] + cycle[:at]
        reported.update(path)


def _loop_problems(table: Mapping[str, Any], field: str, what: str, link: str) -> Iterator[Problem]:
    """One problem per cycle of ``field`` links in ``table`` (departments or roles), at its first member."""
    for cycle in _loops(table, lambda entry: getattr(entry, field)):
        head = table[cycle[0]]
        if len(cycle) == 1:
            yield Problem(f"{what}「{head.name}」的{link}是它自己", head.where(field))
        else:
            path = " → ".join(table[member].name for member in cycle + cycle[:1])
            yield Problem(f"{what}的{link}形成了循环: {path}", head.where(field))


@rule("ORG001", "部门的上级不能形成循环(包括以自己为上级)", "改正 parent:最高一级的部门不写 parent")
def department_parents_form_a_tree(book: Handbook, ctx: Context) -> Iterator[Problem]:
    yield from _loop_problems(book.departments, "parent", "部门", "上级部门")


@rule("ORG002", "岗位的直接上级不能形成循环(包括向自己汇报)", "改正 reports_to:最高一级的岗位不写 reports_to")
def reporting_lines_end(book: Handbook, ctx: Context) -> Iterator[Problem]:
    yield from _loop_problems(book.roles, "reports_to", "岗位", "直接上级")
