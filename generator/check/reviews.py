"""Reviews (复审规定): quarterly internal review, yearly expert review, suspect references."""

from __future__ import annotations

from typing import Iterator

from generator.check.registry import Context, Problem, rule
from generator.dates import add_months
from generator.findings import Severity
from generator.model import DocumentReview, Handbook, Review, ReviewKind, Status
from generator.model.fingerprint import fingerprint

QUARTER_MONTHS, EXPERT_MONTHS = 3, 12


def last_reviews(book: Handbook, kind: ReviewKind | None = None) -> dict[str, tuple[Review, DocumentReview]]:
    """Document id -> its most recent review entry (of ``kind``, or of any kind)."""
    latest: dict[str, tuple[Review, DocumentReview]] = {}
    for review in sorted(book.reviews.values(), key=lambda r: (r.date, r.id)):
        if kind is None or review.kind is kind:
            for entry in review.documents:
                latest[entry.document] = (review, entry)
    return latest


def suspects(book: Handbook) -> dict[str, set[str]]:
    """Changed-since-review document id -> ids of the documents that reference it."""
    reviewed = last_reviews(book)
    changed = {doc.id for doc in book.documents()
               if doc.id in reviewed and reviewed[doc.id][1].fingerprint != fingerprint(doc)}
    result: dict[str, set[str]] = {}
    for ref in book.references():
        target = ref.target.partition("#")[0] if ref.kind == "step" else ref.target
        if target in changed and ref.source.id != target and ref.kind != "role":
            result.setdefault(target, set()).add(ref.source.id)
    return result


def _overdue(book: Handbook, ctx: Context, kind: ReviewKind, months: int, label: str) -> Iterator[Problem]:
    if not book.reviews:
        return  # no review records yet: reported once by REV000, not per document
    latest = last_reviews(book, kind)
    limit = add_months(ctx.today, -months)
    for doc in book.documents():
        if doc.status is not Status.approved:
            continue
        seen = latest.get(doc.id)
        if seen is None:
            yield Problem(f"《{doc.title}》还没有{label}记录", doc.where())
        elif seen[0].date < limit:
            yield Problem(f"《{doc.title}》上次{label}是 {seen[0].date},已超过 {months} 个月", doc.where())


@rule("REV000", "应有复审记录", "按复审规定每季度复审一次,把结果写入 reviews/(见 docs/review.md)", Severity.warning)
def reviews_exist(book: Handbook, ctx: Context) -> Iterator[Problem]:
    if not book.reviews and any(True for _ in book.documents()):
        yield Problem("reviews/ 中还没有任何复审记录", None)


@rule("REV001", "每季度内部复审一次", "安排季度复审,并在 reviews/ 中记录", Severity.warning)
def quarterly_review_due(book: Handbook, ctx: Context) -> Iterator[Problem]:
    yield from _overdue(book, ctx, ReviewKind.quarterly, QUARTER_MONTHS, "季度复审")


@rule("REV002", "每年外部专家评审一次", "安排年度专家评审(handbook review 生成评审材料)", Severity.warning)
def expert_review_due(book: Handbook, ctx: Context) -> Iterator[Problem]:
    yield from _overdue(book, ctx, ReviewKind.expert, EXPERT_MONTHS, "专家评审")


@rule("REV003", "复审记录中的文档必须存在", "改正 document 的 id,或删除该条")
def reviewed_documents_exist(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for review in book.reviews.values():
        for entry in review.documents:
            if book.document(entry.document) is None:
                yield Problem(f"复审记录引用了不存在的文档 \"{entry.document}\"", entry.where("document"))


@rule("REV004", "复审日期不得晚于今天", "改正 date", Severity.error)
def reviews_not_in_future(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for review in book.reviews.values():
        if review.date > ctx.today:
            yield Problem(f"复审日期 {review.date} 晚于今天", review.where("date"))


@rule("SUS001", "所引用的文档在复审后有改动:需要重新核对", "核对本文档对它的引用,然后在复审记录中登记被引用文档的新指纹",
      Severity.warning)
def suspect_references(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for target, sources in sorted(suspects(book).items()):
        changed = book.document(target)
        for source_id in sorted(sources):
            source = book.document(source_id)
            if source is not None and changed is not None:
                yield Problem(f"《{source.title}》引用的《{changed.title}》在上次复审后有改动,需要重新核对",
                              source.where())
