"""The site as records, for any engine: every page's path, front matter and body, the navigation and
the files beside the pages. Nothing here imports MkDocs (a test keeps it so).

``generator.render.site.setup.prepare`` makes a ``SiteRecords`` from a checked build context and the
few settings of ``mkdocs.yml`` the pages read (``EngineSettings``). Then:

- ``handbook pages`` (generator.render.site.tree) writes each record as ``<uri>`` with YAML front
  matter and the body, ``nav.yml`` and the assets;
- the MkDocs plugin (generator.render.site.plugin) turns each record into a virtual file and page,
  the navigation into ``nav`` and the settings into MkDocs' config.

Page bodies are rendered on demand (``SiteRecords.render``), so a caller that keeps unchanged bodies
(the page tree, the preview) renders only the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from markupsafe import escape

from generator.findings import Finding, Severity
from generator.render.site.charts import prerender
from generator.render.site.index import SiteIndex
from generator.render.site.pages import PageSpec
from generator.render.site.render import Renderer


@dataclass(frozen=True)
class EngineSettings:
    """What the records read from the engine's configuration (``mkdocs.yml``).

    ``site_name``: the configured title (the print header names it); ``docs_dir``: the folder of the
    hand-written pages; ``directory_urls``: the engine writes ``x/`` rather than ``x/index.html``
    (False under the offline plugin); ``vendor_dir``: the handbook plugin's option of that name."""

    site_name: str
    docs_dir: Path
    directory_urls: bool = False
    vendor_dir: str | None = None


@dataclass(frozen=True)
class SiteText:
    """What the theme prints from the configuration, when this site replaces it (None: as configured).
    Values are HTML (escaped here), as the theme's templates print them as they are."""

    site_name: str | None = None
    site_description: str | None = None
    copyright: str | None = None
    language: str | None = None  # the theme's language (a Traditional edition's)


@dataclass(frozen=True)
class PageRecord:
    """One page: ``spec.uri`` (``procedures/x/index.md``), its title (HTML) and front matter (``meta``:
    title, template, the print header's values, search settings, hidden parts)."""

    spec: PageSpec
    meta: dict[str, Any]

    @property
    def uri(self) -> str:
        return self.spec.uri

    @property
    def title(self) -> str:
        return str(self.meta["title"])

    @property
    def in_nav(self) -> bool:
        return self.spec.in_nav


@dataclass(frozen=True)
class Body:
    """A page's rendered body (HTML) and its headings (h1-h3) as table-of-contents tokens: dicts of
    ``level``, ``id``, ``name`` (text) and ``children``."""

    html: str
    toc: list[dict[str, Any]]


@dataclass
class SiteRecords:
    """The outcome of a build's preparation: findings, and (when there are no errors) every page.

    ``nav``: the navigation as MkDocs' ``nav`` (titles, HTML, to source URIs); ``assets``: site path
    -> local file to copy (the local iframe-worker); ``polyfills``: scripts the theme loads for search
    from disk; ``help_page``: the hand-written 使用说明's URI when this site has it."""

    findings: list[Finding]
    index: SiteIndex | None = None
    pages: list[PageRecord] = field(default_factory=list)
    nav: list[Any] = field(default_factory=list)
    text: SiteText = field(default_factory=SiteText)
    assets: dict[str, Path] = field(default_factory=dict)
    polyfills: list[str] = field(default_factory=list)
    help_page: str | None = None
    directory_urls: bool = False

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.error]

    @property
    def specs(self) -> list[PageSpec]:
        return [page.spec for page in self.pages]

    @cached_property
    def renderer(self) -> Renderer:
        assert self.index is not None, "no pages: the preparation stopped on errors"
        return Renderer(self.index, frozenset(page.uri for page in self.pages), self.directory_urls)

    def render(self, page: PageRecord) -> Body:
        """The body of ``page`` (its template with its view; links relative to the page)."""
        html, toc = self.renderer.render(page.spec)
        return Body(html, toc)

    def charts(self) -> dict[str, str]:
        """Every flowchart's full-size view, drawn now (Graphviz): {site path beside its page: SVG}."""
        assert self.index is not None, "no pages: the preparation stopped on errors"
        return prerender(self.index, self.specs)


def front_matter(spec: PageSpec, site_name: str) -> dict[str, Any]:
    """The page's meta as the theme and the search read it (``site_overrides`` templates).

    Titles are HTML in the engines' templates (they come from Markdown headings), so the title is the
    escaped source title; controlled documents carry code and version for the print header (CSS
    strings, ``css_string``)."""
    meta: dict[str, Any] = {"title": str(escape(spec.title)), "template": spec.theme}
    code = getattr(spec.obj, "code", None)
    if code:  # controlled documents: the print header shows code and version
        meta["doc"] = {"code": code, "version": spec.obj.version, "title": spec.obj.title}
        meta["print_title"] = css_string(spec.obj.title)
        meta["print_code"] = css_string(f"{code} · 版本 {spec.obj.version}")
        meta["print_site"] = css_string(site_name)
    if spec.boost:
        meta["search"] = {"boost": spec.boost}
    if spec.kind == "catalogue":  # lists of titles: search finds the documents themselves
        meta["search"] = {"exclude": True}
    if spec.kind == "home":
        meta["hide"] = ["navigation", "toc"]
    return meta


def css_string(text: str) -> str:
    """A quoted CSS string in which only letters, digits and a few safe marks appear literally."""
    safe = " ·/-_.:()"
    return '"' + "".join(ch if ch.isalnum() or ch in safe else f"\\{ord(ch):x} " for ch in text) + '"'
