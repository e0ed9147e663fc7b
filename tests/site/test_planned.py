"""Planned documents (待编写) and sample acceptance criteria as the staff site shows them."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from sitekit import ROOT, page_of, real_site  # noqa: F401 (fixture)

from generator.load import load_or_raise


class Rows(HTMLParser):
    """The text of each table row of a page, cell by cell."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None and self.rows:
            self.rows[-1].append(re.sub(r"\s+", " ", "".join(self.cell)).strip())
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def rows(site: Path, url: str) -> list[list[str]]:
    parser = Rows()
    parser.feed((site / url / "index.html").read_text(encoding="utf-8"))
    return parser.rows


def test_planned_catalogue_lists_every_title_as_not_written(real_site: Path) -> None:
    book = load_or_raise(ROOT)
    planned = list(book.table("planned").values())
    body = [r for r in rows(real_site, "planned") if r and r[0] != "名称"]
    assert [r[0] for r in body] == [f"{p.title} 待编写" for p in planned]
    for row, p in zip(body, planned):
        assert p.source in row[2]
    page = page_of(real_site, f"planned/{planned[0].id}/")
    assert planned[0].title in page.text and "客户服务中心" in page.text
    assert any("departments/service-centre/" in link for link in page.links), page.links


def test_sample_acceptance_criteria_carry_a_badge(real_site: Path) -> None:
    book = load_or_raise(ROOT)
    for doc in book.instructions.values():
        table = [r for r in rows(real_site, f"instructions/{doc.id}") if len(r) == 3 and r[0].isdigit()]
        assert len(table) == len(doc.acceptance), doc.id
        for row, c in zip(table, doc.acceptance):
            assert row[1].endswith("示例") == c.sample, (doc.id, row)
