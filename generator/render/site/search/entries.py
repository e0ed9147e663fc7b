"""Cut a rendered page into search entries: the page itself, each section, each step, each price item.

An entry is what a search result links to. Units, found in the page body by their markup:

- the page (``location`` = the page URL): its title, kicker and metadata card, text before the first section;
- a section, ``<h2 id>`` / ``<h3 id>``: its heading and the text up to the next heading (a form's
  field tables 表头栏目 / 表格栏目 / 填写栏 are such sections);
- a step, ``<li class="hb-step" id>``: its number and title, its text, badges and references
  (sub-steps are entries of their own); a branch ``<section class="hb-branch" id>`` (情形①) likewise;
- a price item, ``<tr id>``: its name, content, standard and charge.

Text inside ``data-search-exclude`` (catalogue listings, flowchart source, a form's PDF button), heading
permalinks, table heads (栏目 宽度比例 填写提示: the same in every table of a kind) and the labels of a
document's card (``dl.hb-card--doc`` ``dt``, hints: the same on every page of a kind) is left out.
Entries keep at most ``MAX_TEXT`` characters of text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

MAX_TEXT = 400
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})


@dataclass
class Entry:
    """One search entry: ``anchor`` is '' for the page itself."""

    anchor: str
    title: str
    kind: str  # page | section | step | item
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())[:MAX_TEXT]


class _Cutter(HTMLParser):
    def __init__(self, title: str):
        super().__init__(convert_charrefs=True)
        self.page = Entry("", title, "page")
        self.entries = [self.page]
        self.section: Entry = self.page
        self.stack: list[tuple[str, Entry | None, str]] = []  # (tag, entry opened by it, role)
        self.skip = 0  # depth inside excluded markup
        self.heading: Entry | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        role = ""
        entry: Entry | None = None
        if self.skip or "data-search-exclude" in a or "headerlink" in classes or tag in ("pre", "thead") \
                or (tag == "dt" or "hb-hint" in classes) and self._in_card():
            role = "skip"
            self.skip += 1
        elif tag == "dl" and "hb-card--doc" in classes:
            role = "card"
        elif tag in ("h2", "h3") and a.get("id"):
            entry = self.section = self.heading = Entry(a["id"], "", "section")
            self.entries.append(entry)
        elif tag == "h1":
            role = "title"
            self.skip += 1  # the page title is the page entry's title already
        elif (tag == "li" and "hb-step" in classes or "hb-branch" in classes or tag == "tr") and a.get("id"):
            entry = Entry(a["id"], "", "item" if tag == "tr" else "step")
            self.entries.append(entry)
        elif {"hb-step__no", "hb-step__title", "hb-branch__head"} & set(classes):
            role = "step-title"
        elif tag == "strong" and (container := self._container()) is not None and container.kind == "item" \
                and not container.title:  # the item's name: a formula part's amount is no title (it is not all-in)
            role = "item-title"
        self.stack.append((tag, entry, role))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, entry, role = self.stack.pop()
            if role in ("skip", "title"):
                self.skip -= 1
            if entry is not None and entry is self.heading:
                self.heading = None
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.skip or not data.strip():
            return
        if self.heading is not None:
            self.heading.title += data.strip()
            return
        target = self._container() or self.section
        role = self.stack[-1][2] if self.stack else ""
        if role in ("step-title", "item-title") and target.kind in ("step", "item"):
            target.title = f"{target.title} {data.strip()}".strip()
            if role == "step-title":
                return
        target.parts.append(data)

    def _in_card(self) -> bool:
        """Inside a document's card, whose labels (文件编号, 批准人 …) stand on every page of a kind (a
        site's card is not one: its 投诉电话 names the number)."""
        return any(role == "card" for _, _, role in self.stack)

    def _container(self) -> Entry | None:
        for _, entry, _ in reversed(self.stack):
            if entry is not None and entry.kind in ("step", "item"):
                return entry
        return None


def entries(title: str, html: str) -> list[Entry]:
    """The search entries of one page body, page first; sections without text or title are dropped."""
    cutter = _Cutter(title)
    cutter.feed(html)
    cutter.close()
    for e in cutter.entries:
        if e.kind == "step" and not e.title:
            e.title = e.anchor
    return [e for e in cutter.entries if e.kind in ("page", "step") or e.parts]
