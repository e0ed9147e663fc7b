"""Page geometry in millimetres: paper sizes, the measures of a printed form, and text-height estimates.

The templates take every size from here, so Python knows the height of each block and can work out
how many blank rows fill a page before WeasyPrint lays it out (layout then confirms it, see fit.py).
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

PT = 0.3527778  # millimetres per point
PX = 25.4 / 96  # millimetres per CSS pixel

PAPERS: dict[str, tuple[float, float]] = {"A3": (297.0, 420.0), "A4": (210.0, 297.0), "A5": (148.0, 210.0)}


@dataclass(frozen=True, slots=True)
class Page:
    width: float
    height: float
    top: float
    right: float
    bottom: float
    left: float

    @property
    def content_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def content_height(self) -> float:
        return self.height - self.top - self.bottom


def paper(size: str, landscape: bool) -> tuple[float, float]:
    width, height = PAPERS[size]
    return (height, width) if landscape else (width, height)


@dataclass(frozen=True, slots=True)
class FormMetrics:
    """The measures of a printed form on one paper size (mm and pt)."""

    font: float  # body size, pt
    title: float  # title size, pt
    small: float  # hints, margin boxes, pt
    row: float  # height of a blank table row
    field: float  # height of a line of header fields
    section: float  # height of a free-text box
    signature: float  # height of a line of signature blocks
    gap: float  # vertical space between blocks
    margins: tuple[float, float, float, float]  # top, right, bottom, left


# Measures by paper (the same in both orientations).
_METRICS = {
    "A5": FormMetrics(9.0, 14.0, 9.0, 8.0, 8.0, 18.0, 9.0, 2.0, (11.0, 10.0, 11.0, 12.0)),
    "A4": FormMetrics(10.5, 18.0, 9.0, 8.0, 8.0, 24.0, 10.0, 3.0, (14.0, 12.0, 14.0, 16.0)),
    "A3": FormMetrics(12.0, 22.0, 9.0, 9.0, 9.0, 30.0, 12.0, 4.0, (16.0, 14.0, 16.0, 20.0)),
}
COPY_STRIP = 7.0  # extra right margin holding the vertical copy label (第一联 存根联)
BINDING = 10.0  # extra left margin of a multi-copy form: its pads are bound (装订) at the left edge


def form_metrics(size: str) -> FormMetrics:
    return _METRICS[size]


def form_page(size: str, landscape: bool, copies: bool) -> Page:
    width, height = paper(size, landscape)
    top, right, bottom, left = form_metrics(size).margins
    return Page(width, height, top, right + (COPY_STRIP if copies else 0.0), bottom, left + (BINDING if copies else 0.0))


def text_em(text: str) -> float:
    """Width of ``text`` in em: CJK, full-width and ambiguous characters (□ ① ×: full width in a CJK
    face) 1 em, others about half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.56 for c in text)


def lines(text: str, width_mm: float, size_pt: float) -> int:
    """Lines ``text`` wraps into in a box ``width_mm`` wide (greedy; ≥ 1 for any text)."""
    if not text:
        return 0
    per_line = max(1.0, width_mm / (size_pt * PT))
    return max(1, math.ceil(text_em(text) / per_line - 1e-9))


def line_height(size_pt: float, leading: float = 1.5) -> float:
    return size_pt * PT * leading
