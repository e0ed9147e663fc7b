"""Graphviz's SVG made fit for where it is shown: inline in a page, opened alone, or printed.

Graphviz writes an XML prolog, comments, ``<title>`` elements and ids (``node1``, ``edge1`` …) that
could clash with a page's anchors; all go. Its sizes are points; a page shows one unit as one CSS
pixel, so the 14-unit labels read at 14 px and the chart is never shrunk (it scrolls sideways where
wider than the screen). The sentinel colours of dot.py become ``currentColor`` on a page (the
chart follows the light or dark scheme; boxes are translucent tints of the text colour) and black
on grey for print. All text stays real ``<text>``: searchable, convertible (a Traditional edition
converts the built files), and selectable in the PDF.
"""

from __future__ import annotations

import re

from generator.render.flowchart.dot import BOX, FONT, GROUP, INK, QUESTION

PAGE_FONTS = f"{FONT},Noto Sans CJK,Source Han Sans SC,PingFang SC,Microsoft YaHei,sans-serif"
PRINT_SCALE = 0.72  # printed labels: 14 units × 0.72 = 10 pt
_DROP = re.compile(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->|<title>.*?</title>|\s(?:id|class)=\"[^\"]*\"", re.S)
_ROOT = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"\s+viewBox="([^"]*)"[^>]*>')
_BACKGROUND = re.compile(r'<polygon fill="transparent" stroke="transparent"[^>]*/>\n?')
_TITLE_ATTR = re.compile(r'\sxlink:title="[^"]*"')
_LINK = re.compile(r"</?a\b[^>]*>\n?")
_BLANK = re.compile(r"\n\s*\n")
_TINTS = {BOX: "0.05", GROUP: "0.035", QUESTION: "0.12"}
_PRINTED = {INK: "#000000", BOX: "#ffffff", GROUP: "#f4f4f4", QUESTION: "#e8e8e8"}


def _clean(raw: str) -> tuple[str, str, str, str]:
    """(width, height, viewBox, body without the root element) of Graphviz's SVG."""
    root = _ROOT.search(raw)
    if root is None:
        raise ValueError("not an SVG written by Graphviz")
    body = raw[root.end():raw.rindex("</svg>")]
    body = _BACKGROUND.sub("", _TITLE_ATTR.sub("", _DROP.sub("", body)))
    return root.group(1), root.group(2), root.group(3), _BLANK.sub("\n", body).strip()


def _page_colours(body: str) -> str:
    body = body.replace(f'font-family="{FONT}"', f'font-family="{PAGE_FONTS}"')
    for colour, opacity in _TINTS.items():
        body = body.replace(f'fill="{colour}"', f'fill="currentColor" fill-opacity="{opacity}"')
    return body.replace(f'"{INK}"', '"currentColor"')


def inline(raw: str, title: str = "流程图") -> str:
    """The ``<svg>`` element a page inlines (HTML syntax; links to the page's step anchors)."""
    w, h, box, body = _clean(raw)
    body = _page_colours(body).replace("xlink:href=", "href=")
    return (f'<svg class="hb-flow__svg" width="{w}" height="{h}" viewBox="{box}" role="img" '
            f'aria-label="{title}">\n{body}\n</svg>')


def standalone(raw: str, page: str = "index.html") -> str:
    """The chart as an SVG file of its own, beside its page (links lead to ``page``#step); its own
    style sheet follows the reader's light or dark setting. Opened alone, a browser zooms it."""
    w, h, box, body = _clean(raw)
    body = _page_colours(body).replace('xlink:href="#', f'xlink:href="{page}#')
    style = ("svg{color:#1b1b1b;background:#fff}"
             "@media (prefers-color-scheme:dark){svg{color:#e8e8e8;background:#1e2129}}")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'width="{w}" height="{h}" viewBox="{box}">\n<style>{style}</style>\n{body}\n</svg>\n')


def printed(raw: str, family: str) -> str:
    """The ``<svg>`` element for WeasyPrint: black on white and grey, ``family`` (the print
    stage's subset face), no links, labels at 10 pt."""
    w, h, box, body = _clean(raw)
    body = _LINK.sub("", body).replace(f'font-family="{FONT}"', f'font-family="{family}"')
    for colour, printed_as in _PRINTED.items():
        body = body.replace(f'"{colour}"', f'"{printed_as}"')
    width, height = float(w) * PRINT_SCALE, float(h) * PRINT_SCALE
    return (f'<svg class="flowchart" xmlns="http://www.w3.org/2000/svg" width="{width:.1f}pt" '
            f'height="{height:.1f}pt" viewBox="{box}">\n{body}\n</svg>')
