"""Page bodies: Jinja2 templates (autoescape on) fed by the views, with links relative to the page."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Callable

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from generator.check import RULES
from generator.check.reviews import reviewed
from generator.model import lifecycle
from generator.load.codes import LOADER_CODES
from generator.model import kinds
from generator.model.prices import money
from generator.model.review import DocumentReview
from generator.render.site import labels
from generator.render.site.index import SiteIndex
from generator.render.site.pages import PageSpec
from generator.render.site.urls import NOTICES, form_pdf, notice_pdf, page_uri, step_anchor
from generator.render.site.views import VIEWS, documents, lists, organisation, reviews  # noqa: F401 (views register)
from generator.render.site.views.links import kind_of

TEMPLATES = Path(__file__).parent / "templates"
_TAG = re.compile(r"<[^>]*>")
_HEADING = re.compile(r'<h([1-3]) id="([^"]+)">(.*?)<a class="headerlink"', re.S)

Context = Callable[[SiteIndex, PageSpec], dict[str, Any]]
SINGLE_PAGES: dict[str, Context] = {  # the pages that are not an entry's (entries: views.VIEWS)
    "home": lambda ix, spec: lists.home(ix),
    "catalogue": lambda ix, spec: {"kind": spec.obj, "intro": kinds.get(spec.obj).intro,
                                   "groups": lists.grouped(spec.items)},
    "glossary": lambda ix, spec: {"terms": ix.book.glossary.terms if ix.book.glossary else []},
    "limits": lambda ix, spec: {"limits": sorted(ix.book.limits.values(), key=lambda limit: limit.id)},
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

    def uri(self, uri: str | None, anchor: str | None = None) -> str | None:
        target = self.files.get_file_from_path(uri) if uri else None
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

    def step(self, ref: str, here: Any) -> tuple[str | None, str]:
        """(URL, label) of a step reference ``doc#step`` or ``#step`` made in the document ``here``."""
        book = self.ix.book
        step_id = ref.partition("#")[2]
        key = book.step_document(here, ref)
        doc_id = key[1]
        number = self.ix.step_numbers.get((key, step_id))
        label = f"步骤 {number}" if number else f"步骤 {step_id}"
        if key != book.key(here):
            return self.page(key[0], doc_id, step_id), f"《{self.name(key[0], doc_id)}》{label}"
        return f"#{step_id}", label


@functools.cache
def environment() -> Environment:
    """The page-body templates, compiled once per process (a preview builds again and again)."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(labels=labels, form_pdf=form_pdf, notice_pdf=notice_pdf, NOTICES=NOTICES,
                       step_anchor=step_anchor, kind_of=kind_of, is_document=_is_document, lifecycle=lifecycle)
    env.filters["money"] = money
    return env


class Renderer:
    """Renders one page body; the environment and the index are shared by every page of a build."""

    def __init__(self, ix: SiteIndex, files: Files):
        self.ix, self.files = ix, files
        self.env = environment()

    def render(self, spec: PageSpec, file: File) -> tuple[str, list[dict[str, Any]]]:
        view = SINGLE_PAGES.get(spec.kind) or VIEWS[spec.kind]
        context = view(self.ix, spec)
        template = self.env.get_template(f"{spec.kind}.html")
        html = template.render(spec=spec, L=Links(self.files, file, self.ix), ix=self.ix, book=self.ix.book,
                               company=self.ix.book.company, reviewed=self._reviewed, **context)
        return html, toc_tokens(html)


    def _reviewed(self, entry: DocumentReview) -> Any:
        key = reviewed(self.ix.book, entry)
        return self.ix.book.get(*key) if key else None


def _is_document(kind: str) -> bool:
    return kind in kinds.KINDS and kinds.get(kind).is_document


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
