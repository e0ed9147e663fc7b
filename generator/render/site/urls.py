"""The site's URL scheme, shared with the print stage: where every page, anchor and PDF lives.

Pages are virtual files ``<folder>/<id>/index.md``, so a page sits at ``<folder>/<id>/`` whether
MkDocs writes directory URLs or (offline build) ``<folder>/<id>/index.html``.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote

from generator.model import kinds

SINGLES: dict[str, str] = {
    "home": "index.md",
    "glossary": "glossary/index.md",
    "limits": "limits/index.md",
    "rules": "rules/index.md",
    "revisions": "revisions/index.md",
}
HANDBOOK_PDF = "pdf/handbook.pdf"
NOTICES: tuple[tuple[str, str], ...] = (
    ("price-notice-a3", "收费标准公示 A3"),
    ("price-notice-a4", "收费标准公示 A4"),
    ("services-notice-a3", "服务项目公示 A3"),
    ("services-notice-a4", "服务项目公示 A4"),
)


def single_uri(name: str) -> str:
    """Source URI of one of the single pages: home, glossary, limits, rules, revisions."""
    return SINGLES[name]


def page_uri(kind: str, ident: str | None = None) -> str | None:
    """Source URI of an entry's page, or of a kind's catalogue when ``ident`` is None.

    ``kind`` is a registry kind (its URL folder) or one of the single pages (home, glossary …);
    None for a kind that has no pages.
    """
    if kind in SINGLES:
        return SINGLES[kind]
    found = kinds.KINDS.get(kind)
    if found is None or found.url is None:
        return None
    return f"{found.url}/{ident}/index.md" if ident else f"{found.url}/index.md"


def continued_uri(first: str, number: int) -> str:
    """Page ``number`` (2, 3 …) of a long listing. ``_`` never occurs in an id, so no clash."""
    if number == 1:
        return first
    return f"{first.removesuffix('index.md')}_page-{number}/index.md"


def step_anchor(number: str) -> str:
    """Anchor of a numbered step: 2.1.3 -> step-2-1-3; 2.1-①.1 -> step-2-1-①-1."""
    return "step-" + number.replace(".", "-")


def form_pdf(form_id: str) -> str:
    return f"pdf/forms/{form_id}.pdf"


def notice_pdf(site_id: str, notice: str) -> str:
    return f"pdf/notices/{site_id}/{notice}.pdf"


def page_url(uri: str, directory_urls: bool = False) -> str:
    """URL, from the site root, of the page whose source is ``uri`` (``procedures/x/index.md``), as
    the engines write it: ``procedures/x/index.html`` (offline layout), or ``procedures/x/`` with
    directory URLs; ``foo.md`` is ``foo.html`` or ``foo/``. Percent-encoded like MkDocs' URLs."""
    folder, name = posixpath.split(uri)
    stem = name.rpartition(".")[0] or name
    if stem == "index" or not directory_urls:
        url = posixpath.join(folder, stem + ".html")
    else:
        url = posixpath.join(folder, stem, "index.html")
    if directory_urls and url.endswith("index.html"):
        url = (posixpath.dirname(url) or ".") + "/"
    return quote(url)


def relative_url(url: str, here: str) -> str:
    """``url`` (from the site root) as seen from the page at ``here`` (a page URL, from the root):
    ``procedures/a/index.html`` from ``procedures/b/index.html`` is ``../a/index.html``. A last part
    of ``here`` with a dot is a file name (its folder counts); a trailing slash of ``url`` is kept."""
    folder, _, last = here.rpartition("/")
    base = folder if "." in last else here
    relative = posixpath.relpath(posixpath.normpath("/" + url), posixpath.normpath("/" + base))
    return relative + "/" if url.endswith("/") and relative != "/" else relative
