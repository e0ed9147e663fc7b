"""A print job: one output PDF, described by its template and view (plain, picklable data)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Callable

import weasyprint

from generator.model.base import Position
from generator.render.print.html import render_html, templates_version

RENDER_VERSION = "1"  # bump when the Python side of rendering changes what a PDF looks like
ARCHIVAL = "pdf/a-2b"  # ISO 19005-2 level B: controlled copies, review packets and form masters are kept for years


def archival_options(archival: bool) -> dict[str, Any]:
    """WeasyPrint ``write_pdf`` options: PDF/A-2b (sRGB output intent, XMP metadata, embedded fonts) and
    tagged structure when ``archival``; plain PDF otherwise. Needs WeasyPrint ≥ 70."""
    return {"pdf_variant": ARCHIVAL, "pdf_tags": True} if archival else {}


@dataclass(frozen=True)
class Job:
    out: str  # path under the output folder, e.g. pdf/forms/visit-register.pdf
    template: str
    view: Any
    label: str  # shown in progress and messages, e.g. 表单 来访登记表
    source: Position | None  # where the document comes from, for error messages
    convert: Callable[[str], str] | None = None  # a Traditional edition's converter (generator.script)
    archival: bool = False  # write PDF/A-2b (archival_options)

    @cached_property
    def page(self) -> str:
        """The HTML of the job's own view (rendered once, travels with the job to a worker)."""
        return self._converted(render_html(self.template, v=self.view))

    def html(self, view: Any = None) -> str:
        return self.page if view is None else self._converted(render_html(self.template, v=view))

    def _converted(self, html: str) -> str:
        """The template's own words too (表单编号, 归口部门 …) are in the edition's script."""
        return self.convert(html) if self.convert is not None else html

    def key(self, fonts_version: str) -> str:
        """Content hash: the HTML, the templates, the fonts and the renderer versions."""
        digest = hashlib.sha256()
        for part in (RENDER_VERSION, weasyprint.__version__, templates_version(), fonts_version,
                     ARCHIVAL if self.archival else "", self.html()):
            digest.update(part.encode("utf-8"))
            digest.update(b"\x00")
        return digest.hexdigest()
