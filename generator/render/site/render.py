"""Page bodies: Jinja2 templates (autoescape on) fed by the views, with links relative to the page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from generator.check import RULES
from generator.load.codes import LOADER_CODES
from generator.model.prices import money
from generator.render.site import labels
from generator.render.site.index import SiteIndex
from generator.render.site.pages import CATALOGUES, PageSpec
from generator.render.site.urls import NOTICES, form_pdf, notice_pdf, page_uri, step_anchor
from generator.render.site.views import documents, lists, organisation, reviews
from generator.render.site.views.links import kind_of

TEMPLATES = Path(__file__).parent / "templates"
_TAG = re.compile(r"<[^>]*>")
_HEADING = re.compile(r'<h([1-3]) id="([^"]+)">(.*?)<a class="headerlink"', re.S)

Context = Callable[[SiteIndex, PageSpec], dict[str, Any]]
CONTEXTS: dict[str, Context] = {
    "home": lambda ix, spec: lists.home(ix),
    "catalogue": lambda ix, spec: {"kind": spec.obj, "intro": CATALOGUES[spec.obj][1],
                                   "groups": lists.grouped(spec.items)},
    "procedure": lambda ix, spec: documents.procedure(ix, spec.obj),
    "instruction": lambda ix, spec: documents.instruction(ix, spec.obj),
    "form": lambda ix, spec: documents.form(ix, spec.obj),
    "price_list": lambda ix, spec: documents.price_list(ix, spec.obj),
    "site": lambda ix, spec: organisation.site(ix, spec.obj),
    "department": lambda ix, spec: organisation.department(ix, spec.obj),
    "role": lambda ix, spec: organisation.role(ix, spec.obj),
    "glossary": lambda ix, spec: {"terms": ix.book.glossary.terms if ix.book.glossary else []},
    "limits": lambda ix, spec: {"limits": sorted(ix.book.limits.values(), key=lambda l: l.id)},
    "revisions": lambda ix, spec: reviews.revisions_page(ix, spec.items),
    "rules": lambda ix, spec: {"rules": [r for _, r in sorted(RULES.items())], "loader": LOADER_CODES},
}


class Links:
    """URLs from the page being rendered to any page, anchor or file of the site."""

    def __init__(self, files: Files, here: File, ix: SiteIndex):
        self.files, self.here, self.ix = files, here, ix

    def page(self, kind: str, ident: str | None = None, anchor: str | None = None) -> str | None:
        """URL of an entity's page (or a kind's catalogue); None when the site has no such page."""
        return self.uri(page_uri(kind, ident), anchor)

    def uri(self, uri: str, anchor: str | None = None) -> str | None:
        target = self.files.get_file_from_path(uri)
        if target is None:
            return None
        fragment = f"#{anchor}" if anchor else ""
        if target is self.here and fragment:
            return fragment
        return target.url_relative_to(self.here) + fragment

    def static(self, path: str) -> str:
        """A file the build puts into the site outside MkDocs (the PDFs), relative to this page."""
        return get_relative_url(path, self.here.url)

    def name(self, kind: str, ident: str) -> str:
        obj = self.ix.book.table(kind).get(ident)
        return str(getattr(obj, "title", None) or getattr(obj, "name", None) or ident)

    def step(self, ref: str, here_doc: str) -> tuple[str | None, str]:
        """(URL, label) of a step reference ``doc#step`` or ``#step``."""
        doc_id, _, step_id = ref.partition("#")
        doc_id = doc_id or here_doc
        number = self.ix.step_numbers.get((doc_id, step_id))
        label = f"步骤 {number}" if number else f"步骤 {step_id}"
        if doc_id != here_doc:
            kind = "procedure" if doc_id in self.ix.book.procedures else "instruction"
            return self.page(kind, doc_id, step_id), f"《{self.name(kind, doc_id)}》{label}"
        return f"#{step_id}", label


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(labels=labels, form_pdf=form_pdf, notice_pdf=notice_pdf, NOTICES=NOTICES,
                       step_anchor=step_anchor, kind_of=kind_of)
    env.filters["money"] = money
    return env


class Renderer:
    """Renders one page body; the environment and the index are shared by every page of a build."""

    def __init__(self, ix: SiteIndex, files: Files, *, mermaid: bool):
        self.ix, self.files = ix, files
        self.env = environment()
        self.env.globals["vendor_mermaid"] = mermaid

    def render(self, spec: PageSpec, file: File) -> tuple[str, list[dict[str, Any]]]:
        context = CONTEXTS[spec.kind](self.ix, spec)
        template = self.env.get_template(f"{spec.kind}.html")
        html = template.render(spec=spec, L=Links(self.files, file, self.ix), ix=self.ix, book=self.ix.book,
                               company=self.ix.book.company, **context)
        return html, toc_tokens(html)


_PRE = re.compile(r"(<pre[\s>].*?</pre>|<textarea[\s>].*?</textarea>)", re.S)
_INDENT = re.compile(r"[ \t]*\n\s*")


def compact(html: str) -> str:
    """Collapse each whitespace run that holds a line break to one line break, outside <pre>.

    The theme's templates indent deeply; this changes no rendering (HTML collapses whitespace, and
    scripts keep their line breaks) and makes pages about a third smaller.
    """
    parts = _PRE.split(html)
    return "".join(part if index % 2 else _INDENT.sub("\n", part) for index, part in enumerate(parts))


def toc_tokens(html: str) -> list[dict[str, Any]]:
    """The page's headings (h1-h3, ours carry ids and permalinks) as MkDocs table-of-contents tokens."""
    root: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for level, ident, name in _HEADING.findall(html):
        token = {"level": int(level), "id": ident, "name": _TAG.sub("", name).strip(), "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root
