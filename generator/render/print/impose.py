"""A5 forms two to an A4 sheet, with cut marks, for offices that print on A4 and cut (2-up imposition).

Each A5 page is placed twice on one A4 sheet — side by side for A5 portrait (A4 landscape), one above
the other for A5 landscape (A4 portrait) — so a ream of A4 cut once gives two pads. Short cut marks sit
at both ends of the cut line, in the A5 pages' blank margins (the forms keep 10 mm or more there).
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import ContentStream

from generator.findings import Finding, Severity
from generator.render.print.cache import write_atomic

MM = 72 / 25.4
MARK = 6 * MM  # length of a cut mark, pt
A5_SHORT, A5_LONG = 148 * MM, 210 * MM
A4_SHORT, A4_LONG = 210 * MM, 297 * MM


def is_a5(pdf: bytes) -> bool:
    """Whether every page of ``pdf`` is A5 (either orientation)."""
    pages = PdfReader(BytesIO(pdf)).pages
    return bool(pages) and all(sorted((round(float(p.mediabox.width)), round(float(p.mediabox.height))))
                               == [round(A5_SHORT), round(A5_LONG)] for p in pages)


def two_up(pdf: bytes) -> bytes:
    """``pdf`` (A5 pages) imposed two to an A4 sheet, each page twice, with cut marks."""
    writer = PdfWriter()
    for page in PdfReader(BytesIO(pdf)).pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        side_by_side = h > w  # A5 portrait -> A4 landscape
        sheet = PageObject.create_blank_page(width=A4_LONG if side_by_side else A4_SHORT,
                                             height=A4_SHORT if side_by_side else A4_LONG)
        step = w if side_by_side else h
        edge = (A4_LONG - 2 * step) / 2  # A4 is 1 mm longer than two A5: half a millimetre each end
        for offset in (edge, edge + step):
            sheet.merge_transformed_page(page, Transformation().translate(offset if side_by_side else 0.0,
                                                                          0.0 if side_by_side else offset))
        writer.add_page(sheet)
        _cut_marks(writer.pages[-1], A4_LONG / 2, side_by_side)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _cut_marks(sheet: PageObject, at: float, vertical: bool) -> None:
    """Two short hairlines on the cut line ``at`` pt from the left (vertical) or bottom edge."""
    width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
    if vertical:
        segments = ((at, 0.0, at, MARK), (at, height - MARK, at, height))
    else:
        segments = ((0.0, at, MARK, at), (width - MARK, at, width, at))
    ops = "q 0 G 0.3 w " + " ".join(f"{x1:.2f} {y1:.2f} m {x2:.2f} {y2:.2f} l S" for x1, y1, x2, y2 in segments) + " Q"
    contents = sheet.get_contents()
    data = (contents.get_data() if contents is not None else b"") + b"\n" + ops.encode("ascii")
    stream = ContentStream(None, None)
    stream.set_data(data)
    sheet.replace_contents(stream)


def impose_files(paths: list[Path]) -> tuple[list[Path], list[Finding]]:
    """Write ``<name>-2up.pdf`` beside every A5 PDF of ``paths``: the files written, and a PRT026
    warning naming the PDFs left as they are (A4 and A3 forms fill their sheet already)."""
    written, other = [], []
    for path in paths:
        pdf = path.read_bytes()
        if is_a5(pdf):
            target = path.with_name(f"{path.stem}-2up.pdf")
            write_atomic(target, two_up(pdf))
            written.append(target)
        else:
            other.append(path.stem)
    if not other:
        return written, []
    named = "、".join(other) if len(other) <= 5 else f"{'、'.join(other[:5])} 等 {len(other)} 份"
    return written, [Finding("PRT026", f"--two-up:{named} 不是 A5 表单,没有拼版(原样打印)", None,
                             Severity.warning, "两张拼一张 A4 只适用于 paper: A5 的表单")]
