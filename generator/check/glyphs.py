"""Every character of the sources can be printed: what ``build`` refuses (PRT001), ``check`` reports.

The print fonts (Noto Serif/Sans CJK SC, see generator.render.print.fonts) have no emoji, no
private-use characters and not every rare ideograph; a character they lack would print as a tofu
box, so ``build`` stops. This rule finds the same characters at ``check`` time, at the field that
holds them, from the coverage of fonts-noto-cjk recorded in coverage.json: no fontconfig call and no
font file read at check time (they would cost a fifth of a second), the same verdict on a CI job
without fonts, and no WeasyPrint, Jinja2 or MkDocs imported. tests/test_rules.py compares the
recording with the installed fonts, so a font update that changes coverage fails the tests.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from generator.check.registry import Context, Problem, rule
from generator.load.names import field_label
from generator.model import Handbook
from generator.model.base import SourceModel, walk_models
from generator.render.print.fonts import _INVISIBLE, GLYPH_HINT, FontSet

RECORDED = Path(__file__).with_name("coverage.json")


@lru_cache(maxsize=1)
def recorded_fonts() -> FontSet:
    """The print fonts' coverage as recorded in coverage.json (a test keeps it equal to the installed fonts')."""
    ranges = json.loads(RECORDED.read_text(encoding="utf-8"))["ranges"]
    return FontSet((), frozenset(p for start, end in ranges for p in range(start, end + 1)))


def _printed(book: Handbook) -> Iterator[SourceModel]:
    """Every object whose text goes onto paper (reviews only reach the review packet, checked there),
    but for those from a source file whose every character prints (no value can hold another one)."""
    for table in (book.procedures, book.instructions, book.forms, book.price_lists, book.roles, book.departments,
                  book.sites, book.limits):
        for top in table.values():
            if not _file_prints(book, top):
                yield from walk_models(top)
    for single in (book.company, book.glossary):
        if single is not None and not _file_prints(book, single):
            yield from walk_models(single)


def _file_prints(book: Handbook, top: SourceModel) -> bool:
    """Whether the text of ``top``'s source file has only printable characters and no backslash (a
    YAML escape such as ``\\U0001F600`` makes a character the text does not show)."""
    where = top.where()
    text = book.texts.get(where.file) if where is not None else None
    return text is not None and _all_printed(text)


@lru_cache(maxsize=4096)  # unchanged files, loaded again (handbook serve), are not read again
def _all_printed(text: str) -> bool:
    return "\\" not in text and _drawn().issuperset(map(ord, text))


@lru_cache(maxsize=1)
def _drawn() -> frozenset[int]:
    """Code points that print: the recorded coverage and the invisible ones (line breaks …)."""
    return recorded_fonts().covered | {ord(c) for c in _INVISIBLE}


@rule("GLY001", "文字中不得有印刷字体无法显示的字符", GLYPH_HINT)
def printable(book: Handbook, ctx: Context) -> Iterator[Problem]:
    fonts = recorded_fonts()
    covered = fonts.covered
    for obj in _printed(book):
        for name in type(obj).model_fields:
            value = getattr(obj, name)
            texts = [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)] \
                if isinstance(value, list) else []
            missing = [c for text in texts if not covered.issuperset(map(ord, text)) for c in fonts.missing(text)]
            if missing:
                shown = "、".join(f"「{c}」U+{ord(c):04X}" for c in dict.fromkeys(missing))
                yield Problem(f"{field_label(name)} 含有印刷字体无法显示的字符 {shown}(生成 PDF 时会被拒绝)",
                              obj.where(name))


def record() -> None:
    """Write coverage.json from the installed print fonts (after a font update)."""
    from generator.render.print.fonts import _ranges, load_fonts

    fonts = load_fonts(None)
    body = {"fonts": "Noto Serif CJK SC / Noto Sans CJK SC, regular and bold (fonts-noto-cjk): code points in all four",
            "ranges": _ranges(set(fonts.covered))}
    RECORDED.write_text(json.dumps(body, separators=(",", ":")), encoding="utf-8")
