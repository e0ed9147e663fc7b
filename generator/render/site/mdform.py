"""A page body in the page tree's Markdown form: its table-of-contents headings as Markdown headings.

Engines that read Markdown (plain MkDocs, ProperDocs, Zensical: all through Python-Markdown) make a
page's table of contents from Markdown headings only; a heading inside an HTML block is raw HTML to
them, and our bodies are HTML. So in the tree:

- each heading the plugin's table of contents lists (``render.toc_tokens``: h1-h3 with an id and a
  permalink) is written as ``## title {#id}`` (attr_list); with the toc extension's permalink ``¶``
  titled 本节链接 (the tree's mkdocs.yml) it comes out as the plugin writes it;
- each element that holds such a heading opens with a self-closing start tag on its own
  (``<div class="hb-sections" />``): Markdown ends its HTML block there, while browsers ignore the
  slash on a non-void element and open it as before; its end tag stands alone between blank lines,
  which Markdown passes through as it is.

Everything else stays as the HTML it was, so the page shows the same DOM. Heading text is
backslash-escaped where Markdown would read it as markup (entities and tags are left alone).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from generator.render.site.render import HEADING

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!>]")  # Python-Markdown's escapable characters
_TEXT = re.compile(r"(<[^>]*>|&#?\w+;)")  # tags and entities in heading text: left as they are


def markdown_body(html: str) -> str:
    """``html`` (a page body) with its table-of-contents headings as Markdown headings (see above)."""
    blocks, at = [], 0
    for start, end, text in sorted(_Scan.edits(html)):
        blocks += [html[at:start], text]
        at = end
    blocks.append(html[at:])
    # each edit is a block of its own: blank lines around it, none added or kept elsewhere
    return "\n\n".join(block.strip("\n") for block in blocks if block.strip())


def _heading(level: int, ident: str, text: str) -> str:
    parts = _TEXT.split(text.strip())
    escaped = "".join(part if n % 2 else _SPECIAL.sub(lambda m: "\\" + m.group(0), part)
                      for n, part in enumerate(parts))
    return f"{'#' * level} {escaped} {{#{ident}}}"


class _Scan(HTMLParser):
    """Finds the headings to rewrite and the elements holding them: (start, end, replacement) edits."""

    def __init__(self, html: str):
        self.starts: list[tuple[str, int, int]] = []  # every element: tag, start and end offset of its start tag
        super().__init__(convert_charrefs=False)
        self.html = html
        self.lines = [0] + [m.end() for m in re.finditer("\n", html)]
        self.open: list[tuple[str, int, int]] = []  # tag, start and end offset of its start tag
        self.holders: set[int] = set()  # start offsets of elements holding a heading
        self.closes: dict[int, tuple[int, int]] = {}  # holder start -> its end tag's span
        self.result: list[tuple[int, int, str]] = []

    @classmethod
    def edits(cls, html: str) -> list[tuple[int, int, str]]:
        scan = cls(html)
        scan.feed(html)
        scan.close()
        for tag, start, end in [(t, s, e) for t, s, e in scan.starts if s in scan.holders]:
            scan.result.append((start, end, f"{html[start:end - 1].rstrip()} />"))
            if start in scan.closes:
                close_start, close_end = scan.closes[start]
                scan.result.append((close_start, close_end, f"</{tag}>"))
        return scan.result

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        start = self._offset()
        text = self.get_starttag_text() or ""
        end = start + len(text)
        if tag in ("h1", "h2", "h3"):
            found = HEADING.match(self.html, start)
            close = self.html.find(f"</{tag}>", start)
            if found is not None and close >= 0 and found.end() <= close:
                ident, title = found.group(2), found.group(3)
                tail = self.html[found.end():close]
                if re.fullmatch(rf' href="#{re.escape(ident)}"[^>]*>¶</a>', tail):
                    self.holders.update(s for _, s, _ in self.open)
                    self.result.append((start, close + len(tag) + 3, _heading(int(tag[1]), ident, title)))
        self.open.append((tag, start, end))
        self.starts.append((tag, start, end))

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        for n in range(len(self.open) - 1, -1, -1):
            if self.open[n][0] == tag:
                self.closes[self.open[n][1]] = (start, start + len(f"</{tag}>"))
                del self.open[n:]
                break
