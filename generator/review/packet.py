"""The expert-review packet: summary, redlines, unchanged list and comment sheets, as HTML and PDF."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from jinja2 import Environment, FileSystemLoader, select_autoescape

from generator.check import run_rules
from generator.check.reviews import last_reviews, reviewed, suspects
from generator.findings import Finding
from generator.model import Decision, Handbook, ReviewKind, kinds
from generator.model.fingerprint import fingerprint
from generator.model.handbook import AnyDocument, Key
from generator.review import git
from generator.review.changes import Change, DocumentChange, compare
from generator.review.control import load_revision
from generator.review.redline import Redline, redline

if TYPE_CHECKING:
    from generator.render.print import EditionHtml

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass
class OpenFinding:
    review_date: dt.date
    reviewers: str
    doc: AnyDocument
    decision: str
    comments: list[str]


@dataclass
class Packet:
    company: str
    ref: str
    ref_date: str
    today: dt.date
    redlines: list[Redline]  # changed and added documents
    removed: list[DocumentChange]
    unchanged: list[DocumentChange]
    overdue: list[Finding]
    suspect: list[tuple[AnyDocument, list[str]]]  # changed document, what refers to it (编号《名称》 or 项目「名称」)
    open_findings: list[OpenFinding] = field(default_factory=list)
    fingerprints: dict[Key, str] = field(default_factory=dict)  # (kind, id) -> content fingerprint


def build_packet(project: Path, book: Handbook, ref: str, today: dt.date | None = None,
                 issue: Callable[[Handbook], Handbook] | None = None) -> Packet:
    """Compare the handbook with ``ref`` and gather everything the reviewers need.

    ``issue`` (an edition's generator.context.Issue.of) turns both revisions into what that edition's
    readers see, so the redlines carry its names, variant and script; the fingerprints stay those of
    the sources, which review records (reviews/*.yaml) name.
    """
    today = today or dt.date.today()
    commit = git.resolve(project, ref)
    with tempfile.TemporaryDirectory(prefix="handbook-review-") as tmp:
        old = load_revision(project, commit, Path(tmp))
    sources = book
    if issue is not None:
        old, book = issue(old), issue(book)
    changes = compare(old, book)
    findings = run_rules(book, today, ["REV001", "REV002"])
    return Packet(
        company=book.company.name if book.company else "",
        ref=ref, ref_date=git.commit_date(project, commit), today=today,
        redlines=[redline(c) for c in changes if c.change in (Change.changed, Change.added)],
        removed=[c for c in changes if c.change is Change.removed],
        unchanged=[c for c in changes if c.change in (Change.unchanged, Change.metadata)],
        overdue=findings,
        suspect=[(book.get(*t), sorted(_named(book, s) for s in srcs))
                 for t, srcs in sorted(suspects(book).items())],
        open_findings=_open_findings(book),
        fingerprints={sources.key(doc): fingerprint(doc) for doc in sources.documents()},
    )


def _named(book: Handbook, key: Key) -> str:
    """A referring source as the packet names it: a document by code and title, another entry by name."""
    entry = book.get(*key)
    if entry is None:
        return key[1]
    if getattr(entry, "code", None):
        return f"{entry.code}《{entry.title}》"
    return f"{kinds.get(key[0]).label}「{getattr(entry, 'name', key[1])}」"


def _open_findings(book: Handbook) -> list[OpenFinding]:
    """Entries of the last expert review that asked for revision and were not approved since."""
    experts = sorted((r for r in book.reviews.values() if r.kind is ReviewKind.expert), key=lambda r: r.date)
    if not experts:
        return []
    latest = last_reviews(book)
    previous = experts[-1]
    result = []
    for entry in previous.documents:
        key = reviewed(book, entry)
        doc = book.get(*key) if key else None
        newest = latest.get(key) if key else None
        settled = newest is not None and newest[0].date > previous.date and newest[1].decision is Decision.approved
        if doc is not None and entry.decision is not Decision.approved and not settled:
            names = "、".join(f"{r.name}({r.affiliation})" for r in previous.reviewers)
            result.append(OpenFinding(previous.date, names, doc, entry.decision.value, list(entry.comments)))
    return result


def render_html(packet: Packet) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["kind"] = _kind_label
    css = (TEMPLATES / "packet.css").read_text(encoding="utf-8")
    return env.get_template("packet.html.j2").render(p=packet, css=css)


def _kind_label(doc: object) -> str:
    kind = kinds.kind_of(doc)
    return kind.label if kind else ""


def write_packet(packet: Packet, out: Path, project: Path,
                 edition: EditionHtml | None = None) -> tuple[Path, Path | None, list[Finding]]:
    """Write review-packet.html and review-packet.pdf into ``out`` (created if needed).

    The PDF goes through the print pipeline's font check and faces, like every printed document: a
    character the project's fonts cannot draw is a PRT001 error and no PDF is written (path None).
    ``edition``: a Traditional edition's HTML filter (the template's words converted, its region's faces).
    """
    from generator.render.print import cache_dir
    from generator.render.print.fontpack import font_faces_css
    from generator.render.print.fonts import FontProblem, check_html, load_fonts
    from generator.render.print.job import archival_options
    from generator.render.print.pdf import render_document

    out.mkdir(parents=True, exist_ok=True)
    html = render_html(packet)
    if edition is not None:
        html = edition(html)
    html_path, pdf_path = out / "review-packet.html", out / "review-packet.pdf"
    html_path.write_text(html, encoding="utf-8")
    try:
        fonts = load_fonts(cache_dir(project), edition.region if edition is not None else None)
    except FontProblem as problem:
        return html_path, None, problem.findings
    problems = check_html(html, fonts, "generator/review/templates/packet.html.j2", [])
    if problems:
        return html_path, None, problems
    document = render_document(html, font_faces_css(fonts, html), project)
    pdf_path.write_bytes(document.write_pdf(**archival_options(True)))
    return html_path, pdf_path, []
