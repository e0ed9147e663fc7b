"""Reading printed PDFs the way a reviewer would: page sizes, text per page, fonts, ruled rows."""

from __future__ import annotations

import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from pypdf import PdfReader
from pypdf.generic import ArrayObject, ContentStream

PT_MM = 25.4 / 72


def sizes_mm(path: Path) -> list[tuple[int, int]]:
    """(width, height) of every page, rounded to whole millimetres."""
    return [(round(float(p.mediabox.width) * PT_MM), round(float(p.mediabox.height) * PT_MM))
            for p in PdfReader(path).pages]


def page_texts(path: Path) -> list[str]:
    """Text of each page, without the rotated watermark (草稿 / 示例 / 非受控副本) laid across it."""
    with pdfplumber.open(path) as pdf:
        return [page.filter(_upright).extract_text() or "" for page in pdf.pages]


def _upright(obj: dict) -> bool:
    """Characters drawn without rotation (text matrix b = c = 0)."""
    matrix = obj.get("matrix") or (1, 0, 0, 1)
    return obj.get("object_type") != "char" or (abs(matrix[1]) < 1e-6 and abs(matrix[2]) < 1e-6)


def raw_text(path: Path) -> str:
    """Text in drawing order (pdftotext -raw): table cells stay whole instead of interleaving."""
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def compact(text: str) -> str:
    """Text without whitespace: CJK words are compared regardless of letter-spacing and wrapping."""
    return "".join(text.split())


@dataclass(frozen=True)
class EmbeddedFont:
    name: str
    file_key: str | None  # /FontFile, /FontFile2 or /FontFile3
    subset: bool  # name starts with a six-letter tag: ABCDEF+


def fonts(path: Path) -> list[EmbeddedFont]:
    found: dict[str, EmbeddedFont] = {}
    for page in PdfReader(path).pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            desc = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = desc["/FontDescriptor"].get_object()
            key = next((k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in descriptor), None)
            name = str(font["/BaseFont"]).lstrip("/")
            tag = name.split("+", 1)[0]
            found[name] = EmbeddedFont(name, key, "+" in name and len(tag) == 6 and tag.isupper())
    return list(found.values())


def notdef_glyphs(path: Path) -> int:
    """Glyph id 0 (.notdef, the tofu box) shown anywhere in the document's text operators."""
    reader = PdfReader(path)
    count = 0
    for page in reader.pages:
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator not in (b"Tj", b"TJ"):
                continue
            strings = operands[0] if isinstance(operands[0], ArrayObject) else operands
            for item in strings:
                data = getattr(item, "original_bytes", item if isinstance(item, bytes) else None)
                if data is not None:
                    count += sum(1 for i in range(0, len(data) - 1, 2) if data[i:i + 2] == b"\x00\x00")
    return count


def grid_rows(path: Path, page_index: int = 0, header: str | None = None) -> int:
    """Ruled rows under the shaded header of the form's table, counted from the drawn lines.

    The header band is the tallest row of shaded cells; below it every row boundary is a horizontal
    line across the whole table, one row height apart. Counting stops at the table's bottom.
    """
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[page_index]
        shaded = [r for r in page.rects if r["fill"] and r["height"] > 5 and grey_fill(r)]
        band = max(shaded, key=lambda r: (r["height"], -r["top"]))
        cells = [r for r in shaded if abs(r["top"] - band["top"]) < 0.5]
        left, right = min(r["x0"] for r in cells), max(r["x1"] for r in cells)
        spans: dict[float, float] = defaultdict(float)
        for line in page.lines:
            if abs(line["top"] - line["bottom"]) < 0.1 and line["x0"] >= left - 1 and line["x1"] <= right + 1:
                spans[round(line["top"], 1)] += line["x1"] - line["x0"]
        full = sorted(y for y, length in spans.items() if length > 0.95 * (right - left) and y > band["bottom"] - 1)
    return _equally_spaced(full)


def _equally_spaced(ys: list[float]) -> int:
    """Length of the run of equally spaced lines from the header's bottom edge, minus that edge."""
    if len(ys) < 2:
        return 0
    pitch = ys[1] - ys[0]
    rows = 1
    while rows + 1 < len(ys) and abs(ys[rows + 1] - ys[rows] - pitch) < 0.6:
        rows += 1
    return rows


def grey_fill(rect: dict) -> bool:
    """A light grey fill (the shaded header cells), not a black rule drawn as a filled rectangle."""
    colour = rect.get("non_stroking_color")
    values = colour if isinstance(colour, (list, tuple)) else [colour]
    return bool(values) and all(isinstance(v, (int, float)) and 0.5 < v < 1 for v in values)


@dataclass(frozen=True)
class Line:
    """One visual line of text inside one box (a table cell's line, not the whole row)."""

    text: str
    page: int
    size: float  # font size of the first character, pt


def visual_lines(path: Path, footer_mm: float = 30) -> list[Line]:
    """Every line of upright text on every page, each table cell's lines apart (split where the gap to
    the next character exceeds 0.9 of its size, kerning allowed); the page-number footer (bottom ``footer_mm``) left out."""
    found: list[Line] = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            limit = float(page.height) - footer_mm / PT_MM
            chars = sorted((c for c in page.filter(_upright).chars if c["text"].strip() and c["bottom"] < limit),
                           key=lambda c: c["x0"])
            lines: list[list[dict]] = []
            for char in chars:
                for line in lines:
                    last = line[-1]
                    overlap = min(last["bottom"], char["bottom"]) - max(last["top"], char["top"])
                    if overlap > 0.5 * min(last["size"], char["size"]) and -0.3 * char["size"] < char["x0"] - last["x1"] < 0.9 * char["size"]:
                        line.append(char)
                        break
                else:
                    lines.append([char])
            found.extend(Line("".join(c["text"] for c in line), number, line[0]["size"]) for line in lines)
    return found
