"""Document lifecycle: draft → approved → obsolete (作废), and which documents may be printed.

Source of the rules: ISO 9001:2015 §7.5.3.2 d) and f) — prevent the unintended use of obsolete
documented information, and identify it suitably when it is kept; GB/T 19001-2016 the same article.
What follows from it here:

- a controlled copy (受控文件, the bound handbook with ``--copy N``) holds approved documents only;
- an obsolete document stays on the site, marked 作废 and linked to its successor (``superseded_by``);
- an obsolete document is left out of every print run unless the run asks for it explicitly,
  and is then stamped 作废 on every page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.model.document import Document, Status

if TYPE_CHECKING:
    from generator.model.handbook import AnyDocument, Handbook

OBSOLETE_MARK = "作废"
DRAFT_MARK = "草稿"


def kind_table(book: Handbook, doc: Document) -> dict[str, AnyDocument]:
    """The table (procedures, instructions, forms or price lists) that holds ``doc``; empty if none."""
    for table in (book.procedures, book.instructions, book.forms, book.price_lists):
        if table.get(doc.id) is doc:
            return table  # type: ignore[return-value]
    return {}


def successor(book: Handbook, doc: Document) -> AnyDocument | None:
    """The document of the same kind named by ``doc.superseded_by``, or None."""
    if not doc.superseded_by:
        return None
    return kind_table(book, doc).get(doc.superseded_by)


def predecessors(book: Handbook, doc: Document) -> list[AnyDocument]:
    """Obsolete documents of the same kind that name ``doc`` as their successor, by code."""
    found = [d for d in kind_table(book, doc).values() if d.superseded_by == doc.id and d is not doc]
    return sorted(found, key=lambda d: (d.code, d.id))


def printable(doc: Document, *, controlled: bool = False, include_obsolete: bool = False) -> bool:
    """Whether ``doc`` enters a print run.

    ``controlled``: a controlled copy, approved documents only. Otherwise drafts print (marked 草稿)
    and obsolete documents only with ``include_obsolete`` (stamped 作废).
    """
    if controlled:
        return doc.status is Status.approved
    return doc.status is not Status.obsolete or include_obsolete


def status_mark(doc: object) -> str:
    """草稿 / 作废 for a document that is not in force, else empty."""
    marks: dict[object, str] = {Status.draft: DRAFT_MARK, Status.obsolete: OBSOLETE_MARK}
    return marks.get(getattr(doc, "status", None), "")
