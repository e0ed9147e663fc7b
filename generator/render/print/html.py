"""Jinja2 templates -> HTML strings. Autoescape is on: every source text is escaped."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from generator.render.print import linebreak
from generator.render.print.fetch import TEMPLATES


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["mm"] = mm
    env.filters["cn_num"] = cn_num
    env.filters["words"] = words
    return env


def words(text: str) -> Markup:
    """``text`` as word spans that do not break inside (formtext.words): a narrow table column breaks
    a heading or a 价格形式 between words (价格 | 形式), never 价格形 | 式."""
    from generator.render.print.formtext import words as cut

    return Markup("".join(f'<span class="w">{escape(w)}</span>' for w in cut(str(text)))) if text else Markup("")


def render_html(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def mm(value: float) -> str:
    """A length for CSS: two decimals, no trailing zeros (stable text for the cache hash)."""
    return f"{value:.2f}".rstrip("0").rstrip(".") + "mm"


def cn_num(number: int) -> str:
    """1 -> 一, 12 -> 十二 (section numbers of notices and the handbook, up to 99)."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(number, 10)
    if not tens:
        return digits[ones]
    return f"{'' if tens == 1 else digits[tens]}十{digits[ones] if ones else ''}"


@lru_cache(maxsize=1)
def templates_version() -> str:
    """Hash of every template and stylesheet: part of each cache key."""
    digest = hashlib.sha256()
    digest.update(Path(linebreak.__file__).read_bytes())  # line breaking changes every page
    for path in sorted(TEMPLATES.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
