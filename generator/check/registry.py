"""The rule catalogue: each consistency rule is a small named function with a code."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from generator.findings import Finding, Severity
from generator.model import Handbook
from generator.model.base import Position


@dataclass(frozen=True, slots=True)
class Context:
    today: dt.date


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule yields: a message and where; the rule adds its code, severity and hint."""

    message: str
    position: Position | None


RuleFunc = Callable[[Handbook, Context], Iterable[Problem]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    severity: Severity
    title: str
    hint: str
    func: RuleFunc

    def run(self, book: Handbook, ctx: Context) -> Iterator[Finding]:
        for problem in self.func(book, ctx):
            yield Finding(self.code, problem.message, problem.position, self.severity, self.hint)


RULES: dict[str, Rule] = {}


def rule(code: str, title: str, hint: str, severity: Severity = Severity.error) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule under ``code``; ``title`` and ``hint`` are shown to the sources' editors."""

    def register(func: RuleFunc) -> RuleFunc:
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        RULES[code] = Rule(code, severity, title, hint, func)
        return func

    return register


def run_rules(book: Handbook, today: dt.date | None = None, only: Iterable[str] | None = None) -> list[Finding]:
    """Run every rule (or those in ``only``) and return their findings, sorted by place."""
    ctx = Context(today or dt.date.today())
    wanted = set(only) if only else None
    findings = [f for code, r in sorted(RULES.items()) if wanted is None or code in wanted for f in r.run(book, ctx)]
    return sorted(findings, key=_order)


def _order(finding: Finding) -> tuple:
    pos = finding.position
    return (pos.file, pos.line, pos.col, finding.code) if pos else ("", 0, 0, finding.code)
