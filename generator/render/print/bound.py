"""The bound handbook laid out one document at a time, so each document numbers its own pages.

A controlled document is reissued alone (ISO 9001 §7.5.3: 更改的控制): its pages read 第X页 共Y页 of
that document, not of the book. WeasyPrint counts pages per render, so every document is rendered on
its own, the cover and contents last (they list each document's page count), and the pages of all
renders are joined into one PDF (``Document.copy``; links of the contents keep working).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from weasyprint.document import Document

from generator.render.print.views.handbook import HandbookView

FRONT = "front"


def render_bound(view: HandbookView, render: Callable[[HandbookView], Document]) -> Document:
    """All pages of the handbook: cover and contents, then each document in order.

    ``render`` lays out one view (the caller's fonts, fetcher and base URL).
    """
    pieces = [render(replace(view, only=doc.anchor)) for doc in view.docs()]
    counts = {doc.anchor: len(piece.pages) for doc, piece in zip(view.docs(), pieces)}
    front = render(replace(view, only=FRONT, pages=counts))
    return front.copy([page for doc in (front, *pieces) for page in doc.pages])
