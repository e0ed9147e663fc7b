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
from generator.model.edition import Edition
from generator.script import Converter

DEFAULT_SITE_URL = "https://handbook.example.com/"


@dataclass(frozen=True)
class BuildContext:
    """What every output stage reads.

    ``book`` is already the edition's and the audience's view (generator.model.edition_view,
    generator.model.audience); ``findings`` are the rule findings (warnings only: a context is never
    made from sources with errors). ``edition`` is the edition built (None: the company's own);
    ``lang`` the page language (zh, zh-HK, zh-TW); ``site_title`` replaces mkdocs.yml's when set.
    """

    project: Path
    book: Handbook
    audience: Audience = Audience.staff
    today: dt.date = field(default_factory=dt.date.today)
    site_url: str = DEFAULT_SITE_URL
    findings: list[Finding] = field(default_factory=list)
    edition: Edition | None = None
    lang: str = "zh"
    site_title: str | None = None
    converter: Converter | None = None  # a Traditional edition's: the built site's text files go through it

    @property
    def public(self) -> bool:
        return self.audience is Audience.public

    @property
    def region(self) -> str | None:
        """The print faces' region (HK, TW) of a Traditional edition, else None (generator.render.print.fonts)."""
        return self.converter.region.value if self.converter is not None else None


class SourcesFailed(Exception):
    """Loading or checking found errors: ``code`` is the exit code (2 invalid, 1 inconsistent)."""

    def __init__(self, code: int, findings: list[Finding]):
        super().__init__(f"{len(findings)} finding(s)")
        self.code, self.findings = code, findings


@dataclass(frozen=True)
class Issue:
    """How one edition issues the handbook: its file, and its converter (None for a Simplified one).

    ``of(book)`` turns loaded sources into what that edition's readers see: the edition's view
    (generator.model.edition_view), site placeholders filled, then the script converted. Every
    output (site, PDFs, notices, bound handbook, review packet) goes through it, so they agree.
    """

    edition: Edition
    converter: Converter | None
    findings: list[Finding] = field(default_factory=list)  # the sources' and the view's (warnings only)

    def of(self, book: Handbook, view: Handbook | None = None) -> Handbook:
        """``book`` as this edition issues it; ``view``: its edition view when already made."""
        from generator.model.edition_view import edition_view
        from generator.model.placeholders import fill_placeholders
        from generator.script import convert_view

        issued = fill_placeholders(view if view is not None else edition_view(book, self.edition))
        if self.converter is None:
            return issued
        converted = convert_view(issued, self.converter)
        self.converter.keep()
        return converted

    @property
    def region(self) -> str | None:
        """The print faces' region (HK, TW) of a Traditional edition, else None."""
        return self.converter.region.value if self.converter is not None else None


def resolve_edition(book: Handbook, name: str, today: dt.date | None = None) -> tuple[Issue, Handbook]:
    """(the edition NAME, its view of ``book``) once the sources and the view pass every rule.

    Raises SourcesFailed: exit 2 (CFG006, listing the editions there are) for an unknown NAME,
    exit 1 when a rule fails on the sources or on the edition's view (generator.edition).
    """
    from generator.edition import checked_edition
    from generator.script import converter_for

    chosen, view, findings = checked_edition(book, name, today or dt.date.today())
    return Issue(chosen, converter_for(book, chosen, memory=True), findings), view


def make_context(project: Path, audience: Audience = Audience.staff, today: dt.date | None = None,
                 site_url: str = DEFAULT_SITE_URL, lifelong: bool = False, edition: str | None = None,
                 check: bool = True) -> BuildContext:
    """Load and check ``project`` once; raise SourcesFailed when a source is invalid or a rule fails.

    With ``edition`` (the NAME of editions/NAME.yaml) the book is that edition's (``Issue.of``),
    checked as the edition sees it, and the edition's audience replaces ``audience``; an edition is
    always checked. ``check=False`` skips the rules for the company's own edition (the print
    commands print a form whatever an unrelated procedure says; they run their own rules).
    """
    from generator.check import run_rules
    from generator.load import load_handbook
    from generator.model.edition_view import without_editions
    from generator.model.placeholders import fill_placeholders

    project = Path(project).resolve()
    book, problems = load_handbook(project, lifelong=lifelong)
    if problems:
        raise SourcesFailed(2, problems)
    today = today or dt.date.today()
    if edition is not None:
        issue, edition_view = resolve_edition(book, edition, today)
        chosen, converter = issue.edition, issue.converter
        audience = Audience(chosen.audience.value)
        book = issue.of(book, edition_view)
        title = chosen.site_title and (converter.convert(chosen.site_title) if converter else chosen.site_title)
        return BuildContext(project, view(book, audience), audience, today, site_url, issue.findings,
                            chosen, chosen.lang, title or _edition_title(book, audience), converter)
    findings = run_rules(book, today) if check else []
    if any(f.severity is Severity.error for f in findings):
        raise SourcesFailed(1, findings)
    book = fill_placeholders(without_editions(book))
    return BuildContext(project, view(book, audience), audience, today, site_url, findings)


def _edition_title(book: Handbook, audience: Audience) -> str | None:
    if book.company is None:
        return None
    return f"{book.company.short_name}{'服务信息公开' if audience is Audience.public else '服务手册'}"
