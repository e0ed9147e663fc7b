"""The build context: the sources loaded and checked once, and everything a stage needs to know.

``handbook build`` makes one context and hands it to the site stage (the MkDocs plugin) and the
print stage; nothing travels through environment variables. Plain ``mkdocs build``/``serve`` has
no context handed to it, so the plugin makes its own with ``make_context``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.findings import Finding, Severity
from generator.model import Handbook
from generator.model.audience import Audience, view

DEFAULT_SITE_URL = "https://handbook.example.com/"


@dataclass(frozen=True)
class BuildContext:
    """What every output stage reads.

    ``book`` is already the audience's view (generator.model.audience); ``findings`` are the
    rule findings (warnings only: a context is never made from sources with errors).
    """

    project: Path
    book: Handbook
    audience: Audience = Audience.staff
    today: dt.date = field(default_factory=dt.date.today)
    site_url: str = DEFAULT_SITE_URL
    findings: list[Finding] = field(default_factory=list)

    @property
    def public(self) -> bool:
        return self.audience is Audience.public


class SourcesFailed(Exception):
    """Loading or checking found errors: ``code`` is the exit code (2 invalid, 1 inconsistent)."""

    def __init__(self, code: int, findings: list[Finding]):
        super().__init__(f"{len(findings)} finding(s)")
        self.code, self.findings = code, findings


def make_context(project: Path, audience: Audience = Audience.staff, today: dt.date | None = None,
                 site_url: str = DEFAULT_SITE_URL, lifelong: bool = False) -> BuildContext:
    """Load and check ``project`` once; raise SourcesFailed when a source is invalid or a rule fails."""
    from generator.check import run_rules
    from generator.load import load_handbook

    project = Path(project).resolve()
    book, problems = load_handbook(project, lifelong=lifelong)
    if problems:
        raise SourcesFailed(2, problems)
    today = today or dt.date.today()
    findings = run_rules(book, today)
    if any(f.severity is Severity.error for f in findings):
        raise SourcesFailed(1, findings)
    return BuildContext(project, view(book, audience), audience, today, site_url, findings)
