"""Traditional-Chinese editions: the converter, the glossary's term table, and what a reader sees.

The converter is opencc-purepy (pure Python OpenCC; ``s2hk`` for Hong Kong, ``s2twp`` for Taiwan
with its phrases). The glossary's ``conversions`` table (glossary.yaml) overrides it for terms it
gets wrong or the region words differently: a term of the table is kept out of the converter's
reach (a private-use placeholder) and written as the table says. ``forbidden`` renderings (程式 for
程序) must never appear in converted text (rule EDN004).

Shapes: ``Converter.convert(str) -> str``; ``convert_view(book, converter) -> Handbook`` (every
text field, like generator.model.edition_view); ``convert_tree(folder, converter)`` rewrites the
text files of a built site (HTML, search index, sitemap) in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from generator.model.edition import Edition, Region, Script
from generator.model.glossary import Conversion
from generator.model.handbook import Handbook

CONFIGS = {Region.hk: "s2hk", Region.tw: "s2twp"}
_PRIVATE = 0xF0000  # Supplementary Private Use Area-A: no converter dictionary maps it


@dataclass
class Converter:
    """Simplified -> Traditional for one region, with the glossary's term table applied first."""

    region: Region
    table: list[Conversion] = field(default_factory=list)

    @cached_property
    def _opencc(self) -> Any:
        from opencc_purepy import OpenCC

        return OpenCC(CONFIGS[self.region])

    @cached_property
    def terms(self) -> dict[str, str]:
        """Simplified term -> its region's rendering, for the terms the table words for this region."""
        return {c.simplified: value for c in self.table if (value := self.rendering(c))}

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        words = sorted(self.terms, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, words))) if words else None

    def rendering(self, conversion: Conversion) -> str | None:
        return conversion.hk if self.region is Region.hk else conversion.tw

    def raw(self, text: str) -> str:
        """What the converter alone makes of ``text``."""
        return str(self._opencc.convert(text))

    def convert(self, text: str) -> str:
        if not text or text.isascii():
            return text
        if self._pattern is None:
            return self.raw(text)
        kept: list[str] = []

        def protect(match: re.Match[str]) -> str:
            kept.append(self.terms[match.group()])
            return chr(_PRIVATE + len(kept) - 1)
        converted = self.raw(self._pattern.sub(protect, text))
        return re.sub("[\U000F0000-\U000FFFFD]", lambda m: kept[ord(m.group()) - _PRIVATE], converted)

    def forbidden(self, text: str) -> list[str]:
        """The table's forbidden renderings that ``text`` contains."""
        return [word for c in self.table for word in c.forbidden if word in text]


def converter_for(book: Handbook, edition: Edition | None) -> Converter | None:
    """The converter of a Traditional edition (None for Simplified ones)."""
    if edition is None or edition.script is Script.hans:
        return None
    glossary = book.glossary
    return Converter(edition.region, list(glossary.conversions) if glossary else [])


def convert_view(book: Handbook, converter: Converter) -> Handbook:
    """``book`` with every text a reader sees converted (ids, codes and references untouched)."""
    from generator.model.edition_view import Rewriter

    rewriter = Rewriter({}, convert=converter.convert)
    tables = {kind: {ident: rewriter.model(obj) for ident, obj in table.items()} for kind, table in book.tables.items()}
    singles = {kind: rewriter.model(obj) for kind, obj in book.singles.items()}
    return Handbook(root=book.root, tables=tables, singles=singles, texts=book.texts)


TEXT_FILES = (".html", ".xml", ".json", ".js")
_HAN = re.compile(r"[\u3400-\u9fff]")
_HAN_ESCAPE = re.compile(r"(?<!\\)\\u([0-9a-fA-F]{4})")
_HTML_LANG = re.compile(r'(<html\b[^>]*\blang=")[^"]*(")')


def convert_tree(folder: Path, converter: Converter, lang: str) -> int:
    """Convert the text files of a built site in place; pages say ``lang``. Returns files changed.

    Fixed labels of the templates and the theme reach the reader too, so the built files are
    converted, not only the sources. The search index (JSON, and the offline copy in a script)
    escapes its characters as ``\\uXXXX``: Han escapes are written out as characters first, which
    JSON and JavaScript read alike. Files without Chinese text are left alone.
    """
    changed = 0
    for path in sorted(folder.rglob("*")):
        if path.suffix not in TEXT_FILES or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        new = unescape_han(text) if path.suffix in (".json", ".js") else text
        if not _HAN.search(new):
            continue
        new = converter.convert(new)
        if path.suffix == ".html":
            new = _HTML_LANG.sub(rf"\g<1>{lang}\g<2>", new, count=1)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def unescape_han(text: str) -> str:
    """``\\u4f7f`` -> 使 for Han characters (other escapes stay as they are)."""
    return _HAN_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if _HAN.match(chr(int(m.group(1), 16))) else m.group(),
                           text)
