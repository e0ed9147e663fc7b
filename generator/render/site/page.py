"""A site page made from the sources: no Markdown at all, the body comes from a template."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import escape
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.render.site.pages import PageSpec

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from generator.render.site.render import Renderer


def css_string(text: str) -> str:
    """A quoted CSS string in which only letters, digits and a few safe marks appear literally."""
    safe = " ·/-_.:()"
    return '"' + "".join(ch if ch.isalnum() or ch in safe else f"\\{ord(ch):x} " for ch in text) + '"'


class HandbookPage(Page):
    """MkDocs reads, renders and writes it like any page; reading and rendering are ours.

    Titles are HTML in MkDocs' templates (they come from Markdown headings), so the page title is
    the escaped source title; ``meta.title`` feeds the <title> element and the header.
    """

    def __init__(self, spec: PageSpec, file: File, config: MkDocsConfig, renderer: Renderer):
        super().__init__(str(escape(spec.title)), file, config)
        self.site_name = config.site_name
        self.spec = spec
        self.renderer = renderer

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        self.meta = self._meta()

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content, tokens = self.renderer.render(self.spec, self.file)
        self.toc = get_toc(tokens)  # type: ignore[arg-type]
        self.present_anchor_ids = set()

    def _meta(self) -> dict[str, Any]:
        spec = self.spec
        meta: dict[str, Any] = {"title": str(escape(spec.title)), "template": spec.theme}
        code = getattr(spec.obj, "code", None)
        if code:  # controlled documents: the print header shows code and version
            meta["doc"] = {"code": code, "version": spec.obj.version, "title": spec.obj.title}
            meta["print_title"] = css_string(spec.obj.title)
            meta["print_code"] = css_string(f"{code} · 版本 {spec.obj.version}")
            meta["print_site"] = css_string(self.site_name)
        if spec.boost:
            meta["search"] = {"boost": spec.boost}
        if spec.kind == "catalogue":  # lists of titles: search finds the documents themselves
            meta["search"] = {"exclude": True}
        if spec.kind == "home":
            meta["hide"] = ["navigation", "toc"]
        return meta
