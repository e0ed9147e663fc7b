"""Editions at the command line: find one, check the sources as it sees them, list them.

``handbook check --edition NAME`` and ``handbook build --edition NAME`` both come here: the sources
must pass every rule, then the edition's view (generator.model.edition_view) must pass them too,
so a rename or a variant that leaves a step without a responsible role is caught before a build.
"""

from __future__ import annotations

import datetime as dt

from generator.findings import Finding, Severity
from generator.model import Handbook
from generator.model.base import Position
from generator.model.edition import Edition
from generator.model.edition_view import EDITION_KIND, edition_view


def find_edition(book: Handbook, name: str) -> Edition:
    """The edition ``editions/NAME.yaml``; SourcesFailed (exit 2, CFG006) when there is none."""
    from generator.context import SourcesFailed

    edition = book.table(EDITION_KIND).get(name)
    if edition is None:
        known = "、".join(sorted(book.table(EDITION_KIND))) or "(还没有任何版本)"
        raise SourcesFailed(2, [Finding("CFG006", f"没有版本「{name}」:找不到 editions/{name}.yaml",
                                        Position(f"editions/{name}.yaml", 1, 1),
                                        hint=f"已有的版本: {known};新版本写在 editions/ 下,见 docs/editions.md")])
    return edition


def edition_findings(book: Handbook, name: str, today: dt.date | None = None,
                     only: list[str] | None = None) -> tuple[Edition, Handbook, list[Finding]]:
    """(edition, its view, findings of the sources and of the view), duplicates reported once."""
    from generator.check import run_rules

    edition = find_edition(book, name)
    findings = run_rules(book, today, only)
    if not any(f.severity is Severity.error for f in findings):
        seen = {(f.code, f.position, f.message) for f in findings}
        view = edition_view(book, edition)
        findings += [f for f in run_rules(view, today, only) if (f.code, f.position, f.message) not in seen]
    else:
        view = book
    return edition, view, findings


def checked_edition(book: Handbook, name: str, today: dt.date) -> tuple[Edition, Handbook, list[Finding]]:
    """Like edition_findings, but raise SourcesFailed (exit 1) when any finding is an error."""
    from generator.context import SourcesFailed

    edition, view, findings = edition_findings(book, name, today)
    if any(f.severity is Severity.error for f in findings):
        raise SourcesFailed(1, findings)
    return edition, view, findings
