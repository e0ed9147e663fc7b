"""Confirm a form's page layout on the laid-out document, and correct it when Python's estimate missed.

After WeasyPrint lays a form out we read, for every sheet (copy), how many pages it took and how
much room is left under its last block. A form with ``rows: 0`` must fill exactly one page per
sheet: free space under one row height and no overflow. The search keeps the largest row count
known to fit and the smallest known to overflow, so it always ends (usually after one render).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Callable

from weasyprint.document import Document

from generator.render.print.geometry import PX
from generator.render.print.views.forms import FormView

MAX_RENDERS = 8


@dataclass(frozen=True, slots=True)
class Measure:
    pages: int  # most pages any sheet takes
    free: float  # mm left under the last block of the first sheet's last page
    spill: float  # mm of content that ran onto further pages (first sheet)
    pitch: float | None  # mm from one blank row to the next, if two were laid out


def measure(doc: Document) -> Measure:
    per_sheet: dict[str, list[tuple[float, float]]] = {}
    pitch = None
    for page in doc.pages:
        box = page._page_box
        bottom = box.content_box_y() + box.height
        for child in box.descendants():
            element = getattr(child, "element", None)
            if element is None:
                continue
            if element.get("data-sheet") is not None and type(child).__name__ == "BlockBox":
                end = child.position_y + child.margin_height()
                per_sheet.setdefault(element.get("data-sheet"), []).append((end - box.content_box_y(), bottom - end))
            elif pitch is None and element.get("class") == "blank" and type(child).__name__ == "TableRowBox":
                pitch = child.margin_height() * PX
    first = next(iter(per_sheet.values()), [(0.0, 0.0)])
    return Measure(pages=max((len(v) for v in per_sheet.values()), default=1), free=first[-1][1] * PX,
                   spill=sum(used for used, _ in first[1:]) * PX, pitch=pitch)


def fit(view: FormView, render: Callable[[FormView], Document]) -> tuple[FormView, Document]:
    """Render ``view``, adjusting its blank rows (rows: 0) and its page total until they are right."""
    fits: dict[int, Document] = {}  # row counts known to fit on one page -> their render
    over = math.inf  # smallest row count known to overflow
    for _ in range(MAX_RENDERS):
        doc = render(view)
        m = measure(doc)
        if not view.fill:
            if m.pages == view.sheet_pages:
                return view, doc
            view = replace(view, sheet_pages=m.pages)
            continue
        pitch = m.pitch or view.metrics.row
        if m.pages == 1:
            fits[view.rows] = doc
            if m.free < pitch - 0.05:
                return view, doc
            wanted = view.rows + max(1, math.floor(m.free / pitch))
        else:
            over = min(over, view.rows)
            wanted = view.rows - max(1, math.ceil(m.spill / pitch))
        best = max(fits, default=0)
        wanted = int(min(max(wanted, best + 1), over - 1))
        if best and wanted <= best:  # every count between is known: the best one that fits
            return replace(view, rows=best), fits[best]
        if wanted < 1:  # even one blank row overflows: keep one and let the sheet run on
            return fit(replace(view, fill=False, rows=1), render)
        view = replace(view, rows=wanted)
    return view, doc

