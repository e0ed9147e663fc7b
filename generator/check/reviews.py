"""Reviews (复审规定): quarterly internal review, yearly expert review, suspect references."""

from __future__ import annotations

from typing import Iterator

from generator.check.registry import Context, Problem, rule
from generator.dates import add_months
from generator.findings import Severity
from generator.model import DocumentReview, Handbook, Review, ReviewKind, Status, kinds
from generator.model.handbook import Key
from generator.model.fingerprint import fingerprint

QUARTER_MONTHS, EXPERT_MONTHS = 3, 12


def reviewed(book: Handbook, entry: DocumentReview) -> Key | None:
    """The document a review entry means, as (kind, id); None when missing or ambiguous (REV003, REF010)."""
    found = book.named(entry.document, [kinds.normal_name(entry.kind)] if entry.kind else None)
    return found[0] if len(found) == 1 else None


def last_reviews(book: Handbook, kind: ReviewKind | None = None) -> dict[Key, tuple[Review, DocumentReview]]:
    """(kind, id) of a document -> its most recent review entry (of ``kind``, or of any kind)."""
    latest: dict[Key, tuple[Review, DocumentReview]] = {}
    for review in sorted(book.reviews.values(), key=lambda r: (r.date, r.id)):
        if kind is None or review.kind is kind:
            for entry in review.documents:
                key = reviewed(book, entry)
                if key is not None:
                    latest[key] = (review, entry)
    return latest


def suspects(book: Handbook) -> dict[Key, set[Key]]:
    """Changed-since-review document -> the documents that reference it, all as (kind, id)."""
    reviewed_last = last_reviews(book)
    changed = {key for doc in book.documents()
               if (key := book.key(doc)) in reviewed_last and reviewed_last[key][1].fingerprint != fingerprint(doc)}
    result: dict[Key, set[Key]] = {}
    for ref in book.references():
        source = book.key(ref.source)
        if ref.kind == "role" or not kinds.get(source[0]).is_document:
            continue
        for target in book.candidates(ref):
            if target in changed and source != target:
                result.setdefault(target, set()).add(source)
    return result


def _overdue(book: Handbook, ctx: Context, kind: ReviewKind, months: int, label: str) -> Iterator[Problem]:
    if not book.reviews:
        return  # no review records yet: reported once by REV000, not per document
    latest = last_reviews(book, kind)
    limit = add_months(ctx.today, -months)
    for doc in book.documents():
        if doc.status is not Status.approved:
            continue
        seen = latest.get(book.key(doc))
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


@rule("REV003", "复审记录中的文档必须存在", "改正 document 的 id 或 kind(procedure、instruction、form、price_list),或删除该条")
def reviewed_documents_exist(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for review in book.reviews.values():
        for entry in review.documents:
            kind = kinds.normal_name(entry.kind) if entry.kind else None
            if kind is not None and (kind not in kinds.KINDS or not kinds.get(kind).is_document):
                names = "、".join(f"{k.name}({k.label})" for k in kinds.document_kinds())
                yield Problem(f"kind \"{entry.kind}\" 不是文档种类;可写 {names}", entry.where("kind"))
            elif not book.named(entry.document, [kind] if kind else None):
                elsewhere = "、".join(f"{kinds.get(k).label}({k})" for k, _ in book.named(entry.document))
                why = f";该 id 属于{elsewhere},改正 kind" if elsewhere else ""
                yield Problem(f"复审记录引用了不存在的文档 \"{entry.document}\"" + (f"(kind: {entry.kind})" if kind else "")
                              + why, entry.where("document"))


@rule("REV005", "同一次复审中一个文档只记一条", "把同一文档的几条合并为一条,结论只写一个")
def one_entry_per_document(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for review in book.reviews.values():
        seen: dict[Key, DocumentReview] = {}
        for entry in review.documents:
            key = reviewed(book, entry)
            if key is None:
                continue
            if key in seen:
                first = seen[key]
                yield Problem(f"文档 \"{entry.document}\" 在本次复审中已记过一条(结论 {first.decision.value}),"
                              f"这里又记为 {entry.decision.value}", entry.where("document"))
            else:
                seen[key] = entry


@rule("REV004", "复审日期不得晚于今天", "改正 date", Severity.error)
def reviews_not_in_future(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for review in book.reviews.values():
        if review.date > ctx.today:
            yield Problem(f"复审日期 {review.date} 晚于今天", review.where("date"))


@rule("SUS001", "所引用的文档在复审后有改动:需要重新核对", "核对本文档对它的引用,然后在复审记录中登记被引用文档的新指纹",
      Severity.warning)
def suspect_references(book: Handbook, ctx: Context) -> Iterator[Problem]:
    for target, sources in sorted(suspects(book).items()):
        changed = book.get(*target)
        for key in sorted(sources):
            source = book.get(*key)
            if source is not None and changed is not None:
                yield Problem(f"《{source.title}》引用的《{changed.title}》在上次复审后有改动,需要重新核对",
                              source.where())
