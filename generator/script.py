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

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Iterable

from generator.model.edition import Edition, Region, Script
from generator.model.glossary import Conversion
from generator.model.handbook import Handbook

CONFIGS = {Region.hk: "s2hk", Region.tw: "s2twp"}
# The same conversion character by character (no phrase table): what a phrase-level change is measured against
PLAIN_CONFIGS = {Region.hk: "s2hk", Region.tw: "s2tw"}
MEMORY_VERSION = "1"  # bump when Converter.convert changes what it makes of a run
_OPENCC: dict[str, Any] = {}
_PRIVATE = 0xF0000  # Supplementary Private Use Area-A: no converter dictionary maps it
_RUN = re.compile(r"[^\x00-\x7f]+")


@dataclass
class Converter:
    """Simplified -> Traditional for one region, with the glossary's term table applied first."""

    region: Region
    table: list[Conversion] = field(default_factory=list)
    memory: Path | None = None  # folder keeping conversions between builds (keep()); None: this process only

    @property
    def _opencc(self) -> Any:
        config = CONFIGS[self.region]
        if config not in _OPENCC:  # one per process: print workers receive converters by pickle
            from opencc_purepy import OpenCC

            _OPENCC[config] = OpenCC(config)
        return _OPENCC[config]

    def __getstate__(self) -> dict[str, Any]:
        return {"region": self.region, "table": self.table, "memory": None}  # not the compiled caches

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

    def plain(self, text: str) -> str:
        """``text`` converted character by character, without the converter's phrase table."""
        config = PLAIN_CONFIGS[self.region]
        if config not in _OPENCC:
            from opencc_purepy import OpenCC

            _OPENCC[config] = OpenCC(config)
        return str(_OPENCC[config].convert(text))

    @cached_property
    def _memory_file(self) -> Path | None:
        """convert-REGION-HASH.json: the hash covers the term table and the converter's version, so a
        changed table or converter never reads an old answer."""
        if self.memory is None:
            return None
        import opencc_purepy

        table = json.dumps([c.model_dump() for c in self.table], ensure_ascii=False, sort_keys=True)
        salt = f"{MEMORY_VERSION}\n{getattr(opencc_purepy, '__version__', '')}\n{self.region.value}\n{table}"
        return self.memory / f"convert-{self.region.value}-{hashlib.sha1(salt.encode()).hexdigest()[:16]}.json"

    @cached_property
    def _memo(self) -> dict[str, str]:
        """Run -> its conversion; read from the memory file when there is one."""
        path = self._memory_file
        try:
            data = json.loads(path.read_text(encoding="utf-8")) if path is not None and path.exists() else {}
        except (OSError, ValueError):
            data = {}
        return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)} \
            if isinstance(data, dict) else {}

    @cached_property
    def _used(self) -> set[str]:
        return set()

    def keep(self) -> None:
        """Write the conversions to the memory file, so the next build of the edition converts only
        text that changed. Those this process did not use stay while the file holds at most ten
        times what it used (a print command uses only the handbook's text, a build the site's too;
        edited sources leave old runs behind); beyond that only the used ones are kept. Never fails
        a build."""
        path = self._memory_file
        if path is None or not self._used:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            for old in path.parent.glob(f"convert-{self.region.value}-*.json"):
                if old != path:
                    old.unlink()
            used = self._used if len(self._memo) > 10 * len(self._used) else self._memo
            kept = {run: self._memo[run] for run in sorted(used) if run in self._memo}
            path.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass  # a read-only project builds without it

    def convert(self, text: str) -> str:
        """``text`` in the region's script. Only runs of non-ASCII characters are converted (markup
        and codes pass untouched; no phrase spans ASCII), each distinct run once: a site repeats its
        navigation on every page, a handbook its role names in every step."""
        if not text or text.isascii():
            return text
        return _RUN.sub(self._run, text)

    def _run(self, match: re.Match[str]) -> str:
        run = match.group()
        done = self._memo.get(run)
        if done is None:
            done = self._memo[run] = self._convert_run(run)
            self._memo.setdefault(done, done)  # converted once is converted: never again (the built site's pass)
            self._used.add(done)
        self._used.add(run)
        return done

    def _convert_run(self, text: str) -> str:
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


def converter_for(book: Handbook, edition: Edition | None, memory: bool = False) -> Converter | None:
    """The converter of a Traditional edition (None for Simplified ones); ``memory``: it keeps its
    conversions in the project's cache between builds (not with HANDBOOK_NO_CACHE=1)."""
    import os

    from generator.caches import cache_root

    if edition is None or edition.script is Script.hans:
        return None
    glossary = book.glossary
    folder = cache_root(book.root) / "convert" if memory and not os.environ.get("HANDBOOK_NO_CACHE") else None
    return Converter(edition.region, list(glossary.conversions) if glossary else [], folder)


def convert_view(book: Handbook, converter: Converter) -> Handbook:
    """``book`` with every text a reader sees converted (ids, codes and references untouched)."""
    from generator.model.edition_view import Rewriter

    rewriter = Rewriter({}, convert=converter.convert)
    tables = {kind: {ident: rewriter.model(obj) for ident, obj in table.items()} for kind, table in book.tables.items()}
    singles = {kind: rewriter.model(obj) for kind, obj in book.singles.items()}
    return Handbook(root=book.root, tables=tables, singles=singles, texts=book.texts)


TEXT_FILES = (".html", ".xml", ".json", ".js", ".css", ".svg")  # .svg: each flowchart's full-size view
_HAN = re.compile(r"[\u3400-\u9fff]")
_HAN_ESCAPE = re.compile(r"(?<!\\)\\u(3[4-9a-fA-F][0-9a-fA-F]{2}|[4-9][0-9a-fA-F]{3})")  # U+3400-U+9FFF
_HTML_LANG = re.compile(r'(<html\b[^>]*\blang=")[^"]*(")')


def convert_tree(folder: Path, converter: Converter, lang: str, words: Iterable[str] = ()) -> int:
    """Convert the text files of a built site in place; pages say ``lang``. Returns files changed.

    Fixed labels of the templates and the theme reach the reader too, so the built files are
    converted, not only the sources. JSON escapes its characters as ``\\uXXXX`` (the search index and
    its offline copy in a script, the theme's messages in each page's config script): in pages and
    search/, Han escapes are written out as characters first, which JSON and JavaScript read alike.
    Libraries' escapes stay (mermaid's regular expressions name character ranges so). Files
    without Chinese text are left alone. The search index (and its offline copy) is then cut as
    words through Simplified (search/fold.py); ``words``: the handbook's own search words.
    """
    changed = 0
    for path in sorted(folder.rglob("*")):
        if path.suffix not in TEXT_FILES or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        new = unescape_han(text) if path.suffix == ".html" or path.parent.name == "search" else text
        if not _HAN.search(new):
            continue
        new = converter.convert(new)
        if path.parent.name == "search":
            from generator.render.site.search.fold import folded_index

            new = folded_index(text, new, words, simplified_only(converter.region))
        if path.suffix == ".html":
            new = set_lang(new, lang)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def set_lang(html: str, lang: str) -> str:
    """``html`` with its ``<html lang="…">`` saying ``lang`` (zh-HK, zh-TW)."""
    return _HTML_LANG.sub(rf"\g<1>{lang}\g<2>", html, count=1)


def unescape_han(text: str) -> str:
    """``\\u4f7f`` -> 使 for Han characters (other escapes stay as they are)."""
    return _HAN_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


@dataclass(frozen=True, slots=True)
class TermDiff:
    """A term of the table the converter alone renders otherwise: ``raw`` against the table's ``wanted``."""

    simplified: str
    raw: str
    wanted: str | None  # None: the table only forbids renderings of it
    forbidden: list[str]
    uses: int  # how often the sources write the term


def term_diffs(book: Handbook, converter: Converter) -> list[TermDiff]:
    """Every term of the table where the converter's own rendering is not the table's, then every
    other glossary term (``terms``) that the conversion (table rows inside it applied) changes as a
    phrase, not character by character (s2twp: 用户 → 使用者), with ``wanted`` None: a reviewer approves it or adds a table row (edition-diff)."""
    text = "\n".join(book.texts.values())
    diffs = []
    for conversion in converter.table:
        raw, wanted = converter.raw(conversion.simplified), converter.rendering(conversion)
        bad = [word for word in conversion.forbidden if word in raw]
        if (wanted is not None and raw != wanted) or bad:
            diffs.append(TermDiff(conversion.simplified, raw, wanted, bad, text.count(conversion.simplified)))
    listed = {c.simplified for c in converter.table}
    for term in book.glossary.terms if book.glossary else []:
        if term.term in listed:
            continue
        made = converter.convert(term.term)  # with the table's rows inside it (受控文件 keeps 文件)
        if made != converter.plain(term.term):
            diffs.append(TermDiff(term.term, made, None, [], text.count(term.term)))
    return diffs


def forbidden_uses(book: Handbook, converter: Converter) -> list[tuple[str, int, str]]:
    """(file, line, word) for every source line whose conversion contains a word the table forbids.

    Each source file is converted once as a whole (a term split over a line break is not a term);
    the converter keeps line breaks, so line numbers carry over. Edition files are skipped. The
    answer per file is kept in the project's cache by the hash of the file, the table and the
    region, so ``handbook check`` converts only files that changed.
    """
    words = [w for c in converter.table for w in c.forbidden]
    if not words:
        return []
    cache = _TermCache(book.root, converter)
    found: list[tuple[str, int, str]] = []
    for rel, text in sorted(book.texts.items()):
        if rel == "glossary.yaml":  # its term table names the forbidden words on purpose
            text = text.split("\nconversions:", 1)[0]
        if rel.startswith("editions/") or not _HAN.search(text):
            continue
        hits = cache.get(text)
        if hits is None:
            converted = converter.convert(text)
            hits = [(n, w) for n, line in enumerate(converted.split("\n"), start=1) for w in words if w in line]
            cache.put(text, hits)
        found.extend((rel, n, w) for n, w in hits)
    cache.save()
    return found


class _TermCache:
    """file text hash -> [(line, forbidden word)], for one converter (region and table)."""

    def __init__(self, root: Path, converter: Converter):
        from generator.caches import cache_root

        self.path = cache_root(root) / f"edition-terms-{converter.region.value}.json"  # one per region
        table = json.dumps([c.model_dump() for c in converter.table], ensure_ascii=False, sort_keys=True)
        self.salt = f"{converter.region.value}\n{table}\n"
        try:
            self.entries: dict[str, list[list[Any]]] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}
        self.used: dict[str, list[list[Any]]] = {}

    def _key(self, text: str) -> str:
        return hashlib.sha1((self.salt + text).encode("utf-8")).hexdigest()

    def get(self, text: str) -> list[tuple[int, str]] | None:
        key = self._key(text)
        if key not in self.entries:
            return None
        self.used[key] = self.entries[key]
        return [(int(n), str(w)) for n, w in self.entries[key]]

    def put(self, text: str, hits: list[tuple[int, str]]) -> None:
        self.used[self._key(text)] = [[n, w] for n, w in hits]

    def save(self) -> None:
        if self.used == self.entries:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(self.used, ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass  # a read-only project checks without the cache


@cache
def simplified_only(region: Region = Region.hk) -> frozenset[str]:
    """Characters that are Simplified only, from OpenCC's own tables (the data opencc-purepy ships).

    Keys of STCharacters that are not their own Traditional form, nor the Traditional form of
    another character, nor the region's standard form (HKVariants / TWVariants: Hong Kong writes 户, 説).
    """
    import opencc_purepy

    folder = Path(opencc_purepy.__file__).parent / "dicts"

    def table(name: str) -> dict[str, list[str]]:
        rows = (line.split("\t", 1) for line in (folder / name).read_text(encoding="utf-8").splitlines() if "\t" in line)
        return {key: values.split() for key, values in rows}
    st, variants = table("STCharacters.txt"), table(f"{region.value}Variants.txt")
    traditional = {c for values in [*st.values(), *variants.values()] for v in values for c in v}
    return frozenset(k for k, values in st.items() if len(k) == 1 and k not in values and k not in traditional)


def simplified_in(text: str, region: Region = Region.hk) -> dict[str, int]:
    """Simplified-only character -> how often ``text`` has it (empty: nothing Simplified)."""
    table = simplified_only(region)
    found: dict[str, int] = {}
    for char in text:
        if char in table:
            found[char] = found.get(char, 0) + 1
    return found
