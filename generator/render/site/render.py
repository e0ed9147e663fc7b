"""Page bodies: Jinja2 templates (autoescape on) fed by the views, with links relative to the page."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Callable, Collection

from jinja2 import Environment, FileSystemLoader, StrictUndefined

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
from generator.render.site.urls import NOTICES, form_pdf, notice_pdf, page_uri, page_url, relative_url, step_anchor
from generator.render.site.views import VIEWS, documents, lists, organisation, reviews  # noqa: F401 (views register)
from generator.render.site.views.links import kind_of

TEMPLATES = Path(__file__).parent / "templates"
_TAG = re.compile(r"<[^>]*>")
HEADING = re.compile(r'<h([1-3]) id="([^"]+)">(.*?)<a class="headerlink"', re.S)

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
    """URLs from the page being rendered (source URI ``here``) to any page, anchor or file of the
    site; ``pages``: the source URIs of every page; ``directory_urls``: the engine's URL layout."""

    def __init__(self, pages: Collection[str], here: str, ix: SiteIndex, directory_urls: bool = False):
        self.pages, self.here, self.ix, self.directory_urls = pages, here, ix, directory_urls
        self.url = page_url(here, directory_urls)

    def page(self, kind: str, ident: str | None = None, anchor: str | None = None) -> str | None:
        """URL of an entity's page (or a kind's catalogue); None when the site has no such page."""
        return self.uri(page_uri(kind, ident), anchor)

    def uri(self, uri: str | None, anchor: str | None = None) -> str | None:
        if not uri or uri not in self.pages:
            return None
        fragment = f"#{anchor}" if anchor else ""
        if uri == self.here and fragment:
            return fragment
        return relative_url(page_url(uri, self.directory_urls), self.url) + fragment

    def static(self, path: str) -> str:
        """A file the build puts into the site outside the engine (the PDFs), relative to this page."""
        return relative_url(path, self.url)

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
    """Renders one page body; the environment and the index are shared by every page of a build.
    ``pages``: the source URIs of every page of the site (links to other URIs are left out)."""

    def __init__(self, ix: SiteIndex, pages: Collection[str], directory_urls: bool = False):
        self.ix, self.pages, self.directory_urls = ix, pages, directory_urls
        self.env = environment()

    def render(self, spec: PageSpec) -> tuple[str, list[dict[str, Any]]]:
        """(the body HTML of ``spec``'s page, its headings as table-of-contents tokens: toc_tokens)."""
        view = SINGLE_PAGES.get(spec.kind) or VIEWS[spec.kind]
        context = view(self.ix, spec)
        template = self.env.get_template(f"{spec.kind}.html")
        html = template.render(spec=spec, L=Links(self.pages, spec.uri, self.ix, self.directory_urls), ix=self.ix, book=self.ix.book,
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
    for level, ident, name in HEADING.findall(html):
        token = {"level": int(level), "id": ident, "name": _TAG.sub("", name).strip(), "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root
