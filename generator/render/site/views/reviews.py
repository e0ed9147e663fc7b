"""Review results published on the site (复审规定): the revisions page, review status, this quarter.

Periods are calendar quarters, the period of the quarterly review. "Today" is the build
context's (``handbook build --today``), so tests can pin the current quarter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.check.reviews import last_reviews, suspects
from generator.model import Handbook, Review, ReviewKind
from generator.model.fingerprint import fingerprint
from generator.model.handbook import AnyDocument, Key
from generator.model.review import DocumentReview

if TYPE_CHECKING:  # the index builds the review tables of this module
    from generator.render.site.index import Revision, SiteIndex

Quarter = tuple[int, int]  # (year, 1..4)
CHINESE = "一二三四"


def quarter_of(day: dt.date) -> Quarter:
    return day.year, (day.month - 1) // 3 + 1


def quarter_label(quarter: Quarter) -> str:
    return f"{quarter[0]}年第{CHINESE[quarter[1] - 1]}季度"


PERIOD_ENTRIES = 100  # history entries per part of a quarter (about the page budget of pages.py)


@dataclass
class Period:
    """One calendar quarter: its review records and its history entries, newest first."""

    quarter: Quarter
    reviews: list[Review] = field(default_factory=list)
    entries: list[Revision] = field(default_factory=list)
    part: int = 1  # a quarter with very many entries continues in further parts

    @property
    def label(self) -> str:
        return quarter_label(self.quarter) + ("（续）" if self.part > 1 else "")

    @property
    def anchor(self) -> str:
        return f"q-{self.quarter[0]}-{self.quarter[1]}" + (f"-{self.part}" if self.part > 1 else "")

    def cost(self) -> int:
        """Rough bytes of HTML, for splitting a long page."""
        return 300 + 420 * len(self.entries) + sum(300 + 260 * len(r.documents) for r in self.reviews)


def periods(ix: SiteIndex) -> list[Period]:
    """Every quarter with a revision or a review, newest first."""
    found: dict[Quarter, Period] = {}
    for rev in ix.revisions:  # already newest first
        found.setdefault(quarter_of(rev.date), Period(quarter_of(rev.date))).entries.append(rev)
    for review in sorted(ix.book.reviews.values(), key=lambda r: (r.date, r.id), reverse=True):
        found.setdefault(quarter_of(review.date), Period(quarter_of(review.date))).reviews.append(review)
    result: list[Period] = []
    for quarter in sorted(found, reverse=True):
        period = found[quarter]
        chunks = [period.entries[i:i + PERIOD_ENTRIES] for i in range(0, len(period.entries), PERIOD_ENTRIES)]
        result.append(Period(quarter, period.reviews, chunks[0] if chunks else []))
        result += [Period(quarter, [], chunk, part) for part, chunk in enumerate(chunks[1:], start=2)]
    return result


def this_quarter(ix: SiteIndex, today: dt.date) -> tuple[str, list[Revision]]:
    """The label of today's quarter and its history entries, newest first."""
    quarter = quarter_of(today)
    return quarter_label(quarter), [r for r in ix.revisions if quarter_of(r.date) == quarter and r.date <= today]


@dataclass(frozen=True, slots=True)
class ReviewStatus:
    """A document's review status: last reviews by kind, whether its content is still the reviewed one."""

    quarterly: tuple[Review, DocumentReview] | None
    expert: tuple[Review, DocumentReview] | None
    current: bool | None  # None: never reviewed
    recheck: list[AnyDocument]  # referenced documents changed after their last review


@dataclass
class ReviewTables:
    """Last reviews and suspect references, computed once per build."""

    quarterly: dict[Key, tuple[Review, DocumentReview]]
    expert: dict[Key, tuple[Review, DocumentReview]]
    latest: dict[Key, tuple[Review, DocumentReview]]
    recheck: dict[Key, list[Key]]  # referencing document -> changed documents it references

    @classmethod
    def build(cls, book: Handbook) -> ReviewTables:
        recheck: dict[Key, list[Key]] = {}
        for changed, sources in sorted(suspects(book).items()):
            for source in sources:
                recheck.setdefault(source, []).append(changed)
        return cls(last_reviews(book, ReviewKind.quarterly), last_reviews(book, ReviewKind.expert),
                   last_reviews(book), recheck)

    def status(self, book: Handbook, doc: AnyDocument) -> ReviewStatus:
        key = book.key(doc)
        last = self.latest.get(key)
        current = None if last is None else last[1].fingerprint == fingerprint(doc)
        changed = [d for d in (book.get(*k) for k in self.recheck.get(key, [])) if d is not None]
        return ReviewStatus(self.quarterly.get(key), self.expert.get(key), current, changed)


def revisions_page(ix: SiteIndex, items: list[Period]) -> dict[str, Any]:
    return {"periods": items, "quarter_label": quarter_label}
