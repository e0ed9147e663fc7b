"""Glyph coverage: the fonts the print templates use, found once through fontconfig, and a check
that every character going onto paper exists in all of them (never a silent tofu box).

The cmap of each font file is read with fontTools and cached on disk (a CJK font takes ~0.4 s to
read), keyed by the file's path, face index, size and modification time.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable

from generator.findings import Finding
from generator.render.print.trace import Traced

# The families every print template names (serif for titles and body, sans for labels), both weights.
FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC")
# A Traditional edition prints with the faces of its region (generator.model.edition.Region): the
# glyph shapes Hong Kong and Taiwan readers expect. Its jobs' HTML names them (print.EditionHtml).
REGION_FAMILIES = {"HK": ("Noto Serif CJK HK", "Noto Sans CJK HK"), "TW": ("Noto Serif CJK TC", "Noto Sans CJK TC")}
WEIGHTS = ("regular", "bold")
INSTALL_HINT = "安装中文字体: apt-get install fonts-noto-cjk(或在项目目录运行 make build)"
GLYPH_HINT = "改用常用字符;生僻字可换成同义常用字,或在括号中注明读音"
# Characters that never draw a glyph of their own (line breaks, zero-width marks).
_INVISIBLE = set("\n\r\t\u200b\u200c\u200d\u200e\u200f\u2060\ufeff")


@dataclass(frozen=True, slots=True)
class Face:
    family: str
    weight: str
    path: str
    index: int

    @property
    def stamp(self) -> str:
        stat = Path(self.path).stat()
        return f"{self.path}:{self.index}:{stat.st_size}:{stat.st_mtime_ns}"


@dataclass(frozen=True)
class FontSet:
    faces: tuple[Face, ...]
    covered: frozenset[int]  # code points present in every face

    @property
    def version(self) -> str:
        """Changes whenever a font file changes: part of every cache key."""
        return hashlib.sha256("|".join(f.stamp for f in self.faces).encode()).hexdigest()[:16]

    @property
    def names(self) -> str:
        return " / ".join(FAMILIES)

    def missing(self, text: str) -> list[str]:
        """Characters of ``text`` no face can draw, each once, in order."""
        seen: dict[str, None] = {}
        for char in text:
            if char not in seen and not self.draws(char):
                seen[char] = None
        return list(seen)

    def draws(self, char: str) -> bool:
        if char in _INVISIBLE or ord(char) in self.covered:
            return True
        return unicodedata.category(char) == "Zs" and 0x20 in self.covered


class FontProblem(Exception):
    def __init__(self, findings: list[Finding]):
        super().__init__("; ".join(f.message for f in findings))
        self.findings = findings


_LOADED: dict[tuple[Path | None, str | None], FontSet] = {}


def load_fonts(cache_dir: Path | None = None, region: str | None = None) -> FontSet:
    """Resolve the print fonts via fontconfig and read their coverage (memoised per process).

    ``region`` (HK, TW): the Traditional faces of Noto CJK stand in for the templates' families.
    """
    if (cache_dir, region) not in _LOADED:
        faces = resolve_faces(region)
        sets = [_cmap(face, cache_dir) for face in faces]
        _LOADED[(cache_dir, region)] = FontSet(tuple(faces), frozenset(set.intersection(*sets)))
    return _LOADED[(cache_dir, region)]


def resolve_faces(region: str | None = None) -> list[Face]:
    """The font file behind each family and weight; FontProblem when one is not installed."""
    if shutil.which("fc-match") is None:
        raise FontProblem([Finding("PRT002", "找不到 fc-match(fontconfig),无法定位字体", hint=INSTALL_HINT)])
    faces, problems = [], []
    for family in REGION_FAMILIES.get(region or "", FAMILIES):
        for weight in WEIGHTS:
            pattern = f"{family}:weight={'bold' if weight == 'bold' else 'regular'}"
            out = subprocess.run(["fc-match", "--format=%{file}\n%{index}\n%{family}", pattern],
                                 capture_output=True, text=True, check=False).stdout.split("\n")
            if len(out) < 3 or family not in out[2].split(","):
                got = out[2] if len(out) >= 3 else "(无)"
                problems.append(Finding("PRT002", f"未安装字体「{family}」({weight});fontconfig 给出的是「{got}」",
                                        hint=INSTALL_HINT))
                continue
            faces.append(Face(family, weight, out[0], int(out[1] or 0)))
    if problems:
        raise FontProblem(problems)
    return faces


def _cmap(face: Face, cache_dir: Path | None) -> set[int]:
    key = hashlib.sha256(face.stamp.encode()).hexdigest()[:24]
    cached = cache_dir / "fonts" / f"{key}.json" if cache_dir else None
    if cached and cached.is_file():
        try:
            return _expand(json.loads(cached.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):  # a damaged entry is read again from the font
            pass
    from fontTools.ttLib import TTFont

    with TTFont(face.path, fontNumber=face.index, lazy=True) as font:
        points = set(font.getBestCmap())
    if cached:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(json.dumps(_ranges(points)), encoding="utf-8")
        except OSError:  # a read-only project: no cache, same result
            pass
    return points


def _ranges(points: set[int]) -> list[list[int]]:
    ranges: list[list[int]] = []
    for point in sorted(points):
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return ranges


def _expand(ranges: list[list[int]]) -> set[int]:
    return {p for start, end in ranges for p in range(start, end + 1)}


def check_texts(texts: Iterable[Traced], fonts: FontSet) -> list[Finding]:
    """One finding per source field holding characters the fonts cannot draw."""
    findings = []
    for item in texts:
        missing = fonts.missing(item.text)
        if missing:
            findings.append(Finding("PRT001", f"字段 \"{item.field}\" 含有字体 {fonts.names} 无法显示的字符 "
                                    f"{_describe(missing)}", item.position, hint=GLYPH_HINT))
    return findings


def check_html(html: str, fonts: FontSet, template: str, reported: Iterable[Traced]) -> list[Finding]:
    """Safety net over the final HTML: characters not already reported come from a template."""
    known = {char for item in reported for char in fonts.missing(item.text)}
    extractor = _TextOf()
    extractor.feed(html)
    text = "".join(extractor.parts) + css_literals("".join(extractor.styles))
    missing = [c for c in fonts.missing(text) if c not in known]
    if not missing:
        return []
    return [Finding("PRT001", f"模板 {template} 含有字体 {fonts.names} 无法显示的字符 {_describe(missing)}",
                    hint=GLYPH_HINT)]


def _describe(chars: list[str]) -> str:
    return "、".join(f"「{c}」(U+{ord(c):04X} {unicodedata.name(c, '未命名字符')})" for c in chars[:5]) + (
        f" 等 {len(chars)} 个" if len(chars) > 5 else "")


class _TextOf(HTMLParser):
    """Text content of an HTML document, without <style> and <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.styles: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:  # noqa: ANN001
        if tag in ("style", "script"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data: str) -> None:
        (self.styles if self._skip else self.parts).append(data)


_CSS_CONTENT = re.compile(r'content:\s*"([^"]*)"')


def css_literals(css: str) -> str:
    """The literal strings of ``content:`` declarations (margin-box labels) in a stylesheet."""
    return "".join(_CSS_CONTENT.findall(css))
