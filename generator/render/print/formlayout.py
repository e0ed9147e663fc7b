"""The layout of a form page in millimetres: header fields and free-text boxes on a 12-unit grid,
table column widths, signature lines, and how many blank rows fill what is left of the page.

Every height here is also the height the template gives the block, so the row count is right
before WeasyPrint runs; fit.py measures the laid-out pages and corrects the rare miss.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from generator.render.print.formtext import hint_size, is_option, word_lines, words, words_width
from generator.render.print.geometry import PT, FormMetrics, Page, line_height, lines, text_em

GRID = 12  # header fields and sections use a 12-unit grid, like the widths authors give them
PAD = 1.2  # cell padding, mm
LEADING = 1.3
SAFETY = 0.0  # mm kept free at the page bottom (the estimate is within ~0.3 mm; fit.py settles the rest)
LINE_BORDERS = 0.2  # mm the collapsed inner rules (0.2 mm) add to a line of boxes
FRAME = 0.9  # mm the outer frame (0.45 mm each side) takes from a block of lines, across and down
EDGE = FRAME  # what the frame adds to the block's height
TABLE_EDGE = 0.78  # mm the ruled table's borders add to its header and rows
WRAP_ALLOWANCE = 0.7  # mm a wrapped cell adds beyond its line boxes (borders, line-box rounding)
_FILL_CHARS = set("年月日时分秒至　 □是否万仟佰拾元角")
DATE_TEXT = "　　年　　月　　日"  # printed after a signature line (letter-spaced 0.1 em)


@dataclass(frozen=True, slots=True)
class Box:
    """A labelled blank (header field) or a free-text box (section)."""

    label: str
    hint: str
    width: float
    label_width: float
    fill_hint: bool  # hint is a fill-in template such as 年 月 日: printed right-aligned, full size
    one_line: bool  # the fill-in hint fits beside the label without wrapping

    @property
    def hint_class(self) -> str:
        """fill (a template), opt (options and clauses: body text) or hint (a note on how to fill)."""
        return "fill" if self.fill_hint else ("opt" if is_option(self.hint) else "hint")


@dataclass(frozen=True, slots=True)
class BoxLine:
    boxes: tuple[Box, ...]
    height: float

    @property
    def cell(self) -> float:
        """Height given to the cells: the collapsed inner rules (half of 0.2 mm above and below) add the rest."""
        return self.height - LINE_BORDERS


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    hint: str
    width: float
    words: tuple[str, ...] = ()  # the heading cut between words: a line breaks only there (empty: too narrow)

    @property
    def hint_class(self) -> str:
        return "opt" if is_option(self.hint) else "hint"


@dataclass(frozen=True, slots=True)
class Signature:
    label: str
    date: bool
    width: float


@dataclass(frozen=True, slots=True)
class SignatureLine:
    items: tuple[Signature, ...]
    height: float


def is_fill_hint(hint: str) -> bool:
    return bool(hint) and set(hint) <= _FILL_CHARS


Item = tuple[str, str, int, float]  # label, hint, grid units, least width of the blank (mm)


def grid_lines(items: list[Item], width: float, m: FormMetrics, min_height: float,
               writing: int = 0) -> tuple[BoxLine, ...]:
    """Pack (label, hint, units, least blank) into lines of 12 units that fit width.

    Each box gets its share of the line (the last box takes what is left), then boxes whose blank
    would fall under its least width take room from those with room to spare; a box that does not
    fit beside the others starts a new line. ``writing`` = 0 lays out header fields (label cell
    beside the blank); n > 0 lays out free-text boxes with room for n handwritten lines.
    """
    packed: list[list[tuple[str, str, int, float]]] = []
    used, needed = GRID, 0.0
    for label, hint, units, least in items:
        units = min(max(units, 1), GRID)
        need = least if writing else _label_natural(label, m) + max(least, fill_width(hint, m) if is_fill_hint(hint) else 0.0)
        if used + units > GRID or needed + need > width + 1e-6:
            packed.append([])
            used, needed = 0, 0.0
        packed[-1].append((label, hint, units, need))
        used += units
        needed += need
    return tuple(_box_line(line, width, m, min_height, writing) for line in packed)


def _widths(line: list[tuple[str, str, int, float]], width: float) -> list[float]:
    """Shares of ``width`` by units (the last takes the rest), raised to each box's need."""
    shares = [width * units / GRID for _, _, units, _ in line[:-1]]
    shares.append(width - sum(shares))
    return _widen(shares, [min(need, width) for *_, need in line])


def _box_line(line: list[tuple[str, str, int, float]], width: float, m: FormMetrics, min_height: float,
              writing: int) -> BoxLine:
    boxes = []
    for (label, hint, _, _need), w in zip(line, _widths(line, width)):
        fill = is_fill_hint(hint)
        label_w = w if writing else _label_width(label, hint if fill else "", w, m)
        boxes.append(Box(label, hint, w, label_w, fill, fill and fill_width(hint, m) <= w - label_w))
    height = max([min_height] + [_section_height(b, m, writing) if writing else _field_height(b, m) for b in boxes])
    return BoxLine(tuple(boxes), height)


def stretch(lines_: tuple[BoxLine, ...], spare: float) -> tuple[BoxLine, ...]:
    """Share ``spare`` millimetres equally among the lines (free-text boxes grow to the page bottom)."""
    if spare <= 0 or not lines_:
        return lines_
    extra = spare / len(lines_)
    return tuple(BoxLine(line.boxes, line.height + extra) for line in lines_)


def fill_width(hint: str, m: FormMetrics) -> float:
    """Width of a fill-in template such as 年 月 日 (its writing room included, see formtext.date_room)."""
    return text_em(hint) * m.font * PT + 2 * PAD


def _label_natural(label: str, m: FormMetrics) -> float:
    return text_em(label) * m.font * PT + 2 * PAD + 0.8


def _label_width(label: str, fill_hint: str, w: float, m: FormMetrics) -> float:
    """The label keeps one line when the blank still has room; otherwise it wraps."""
    natural = _label_natural(label, m)
    blank = max(10.0, fill_width(fill_hint, m) if fill_hint else 0.0)
    return max(min(natural, w - blank), min(natural, 0.35 * w))


def _field_height(box: Box, m: FormMetrics) -> float:
    body = line_height(m.font, LEADING)
    label_h = lines(box.label, box.label_width - 2 * PAD, m.font) * body + 2 * PAD
    value_w = box.width - box.label_width
    if box.fill_hint:
        hint_h = (1 if box.one_line else lines(box.hint, value_w - 2 * PAD, m.font)) * body + 2 * PAD
    else:
        size = hint_size(box.hint, m.font, m.small)
        hint_h = lines(box.hint, value_w - 2 * PAD, size) * line_height(size, LEADING) + 2 * PAD
    return max(label_h, hint_h) + WRAP_ALLOWANCE * (max(label_h, hint_h) > m.field)


def _section_height(box: Box, m: FormMetrics, writing: int) -> float:
    """Label and hint run on as one paragraph at the top, then room for ``writing`` lines."""
    size = hint_size(box.hint, m.font, m.small) if box.hint else m.font
    body = line_height(max(m.font, size), LEADING)
    text = text_em(box.label + "：") * m.font + text_em(box.hint) * size
    text_lines = max(1, math.ceil(text * PT / (box.width - 2 * PAD) - 1e-9))
    return text_lines * body + 2 * PAD + writing * line_height(m.font, LEADING) * 1.4


def columns(items: list[tuple[str, str, int, float]], width: float, m: FormMetrics) -> tuple[Column, ...]:
    """Columns by their shares, widened so no heading breaks inside a word and no blank is under
    its least width (taken from columns with room to spare; kind minimums give way first)."""
    total = sum(max(units, 1) for _, _, units, _ in items) or 1
    shares = [width * max(units, 1) / total for _, _, units, _ in items]
    heading = [words_width(words(label), m.font) + 2 * PAD + 0.3 for label, _, _, _ in items]
    for needs in ([max(h, least) for h, (*_, least) in zip(heading, items)], heading):
        if sum(needs) <= width:
            shares = _widen(shares, needs)
            break
    return tuple(Column(label, hint, w, words(label) if words_width(words(label), m.font) <= w - 2 * PAD else ())
                 for (label, hint, _, _), w in zip(items, shares))


def _widen(shares: list[float], needs: list[float]) -> list[float]:
    """``shares`` (summing to a width) with each raised to its need, the room taken from the others'
    spare in proportion (the needs sum to no more than the width)."""
    short = sum(max(n - s, 0.0) for n, s in zip(needs, shares))
    spare = sum(max(s - n, 0.0) for n, s in zip(needs, shares))
    if short <= 0 or spare <= 0:
        return shares
    take = min(1.0, short / spare)
    return [n if s < n else s - (s - n) * take for n, s in zip(needs, shares)]


def header_height(cols: tuple[Column, ...], m: FormMetrics) -> float:
    body = line_height(m.font, LEADING)
    tallest = 0.0
    for c in cols:
        size = hint_size(c.hint, m.font, m.small)
        label_lines = word_lines(c.words, c.width - 2 * PAD, m.font) if c.words else lines(c.label, c.width - 2 * PAD, m.font)
        tallest = max(tallest, label_lines * body + lines(c.hint, c.width - 2 * PAD, size) * line_height(size, LEADING))
    return max(m.row, tallest + 2 * PAD)


def signature_lines(items: list[tuple[str, bool]], width: float, m: FormMetrics) -> tuple[SignatureLine, ...]:
    """Signature blocks (label, a line to sign on, 年 月 日) spread over as few lines as fit."""
    font = m.font * PT
    natural = [(label, date, text_em(label + "：") * font + signature_blank(m)
                + (text_em(DATE_TEXT) * 1.1 * font if date else 0.0) + 4.0) for label, date in items]
    packed: list[list[tuple[str, bool, float]]] = []
    used = width
    for label, date, need in natural:
        if used + need > width:
            packed.append([])
            used = 0.0
        packed[-1].append((label, date, need))
        used += need
    out = []
    for line in packed:
        spare = (width - sum(n for _, _, n in line)) / len(line)
        out.append(SignatureLine(tuple(Signature(lb, d, n + spare) for lb, d, n in line), m.signature))
    return tuple(out)


def signature_blank(m: FormMetrics) -> float:
    """Length of the line to sign on: about eight characters."""
    return 8 * m.font * PT


def instructions_height(items: list[str], width: float, m: FormMetrics) -> float:
    if not items:
        return 0.0
    small = line_height(m.small, LEADING)
    return small + sum(lines(item, width - 3 * m.small * PT, m.small) for item in items) * small


def head_height(title: str, width: float, m: FormMetrics) -> float:
    return line_height(m.font, LEADING) + lines(title, width * 0.6, m.title) * line_height(m.title, 1.25) + m.gap


@dataclass(frozen=True, slots=True)
class Blocks:
    """Heights of everything on a form page except the blank rows."""

    head: float
    fields: float
    table_head: float
    sections: float
    signatures: float
    instructions: float
    gap: float
    count: int  # gaps: one after each block, except the last block of the page

    @property
    def total(self) -> float:
        return (self.head + self.fields + self.table_head + self.sections + self.signatures
                + self.instructions + self.gap * self.count)


def blank_rows(page: Page, blocks: Blocks, m: FormMetrics) -> int:
    """As many blank rows as fit below and around the other blocks (at least one)."""
    free = page.content_height - blocks.total - SAFETY
    return max(1, math.floor(free / m.row + 1e-9))
