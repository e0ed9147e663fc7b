"""A page record (generator.render.site.records) as an MkDocs page: no Markdown, the body is the record's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.render.site.records import PageRecord, SiteRecords

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


class HandbookPage(Page):
    """MkDocs reads, renders and writes it like any page; reading and rendering are the record's.

    ``meta`` is the record's front matter (``meta.title`` feeds the <title> element and the header);
    ``spec`` its page spec (the preview reads which document a page shows).
    """

    def __init__(self, record: PageRecord, records: SiteRecords, file: File, config: MkDocsConfig):
        super().__init__(record.title, file, config)
        self.record, self.records, self.spec = record, records, record.spec

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        self.meta = dict(self.record.meta)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        body = self.records.render(self.record)
        self.content = body.html
        self.toc = get_toc(body.toc)  # type: ignore[arg-type]
        self.present_anchor_ids = set()
