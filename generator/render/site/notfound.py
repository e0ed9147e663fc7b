"""The 404 page, working wherever it is shown: opened from disk, or served for any missing URL at any
depth, with the site at the server root or under a sub-path (https://host/handbook/...).

MkDocs renders error pages with root-absolute links (``site_url``'s path: ``/assets/...``), which
load nothing from disk or under another sub-path. Here the page is rendered like a page at the site
root (links relative: ``assets/...``). ``site_overrides/404.html`` starts ``<head>`` with
``<base href="about:blank">``, so the browser's preload scanner, which reads ahead while the script
runs, requests nothing relative to the missing URL; the script then sets that base to the site root:

- from disk: the folder of 404.html;
- served: the nearest folder, going up from the URL, that has the site's ``sitemap.xml`` (an XML
  answer with status 200), so a site under folders named like its own (``/sites/handbook/``) is
  found; failing that (no answer), the path up to the first segment that is one of the site's
  top-level folders; failing that, the folder of the URL.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils import is_error_template, normalize_url


def top_folders(files: Files) -> list[str]:
    """The site's top-level folders (procedures, forms, assets, search …), for the 404 page's script."""
    return sorted({f.url.split("/")[0] for f in files if "/" in f.url})


def relative_error_page(context: Any, name: str, config: MkDocsConfig, folders: list[str]) -> Any:
    """For an error template: URLs relative to the site root, and the folder list; else unchanged."""
    if not is_error_template(name):
        return context
    context["base_url"] = "."
    context["extra_css"] = [normalize_url(str(p), None, ".") for p in config.extra_css]
    context["extra_javascript"] = [normalize_url(str(s), None, ".") for s in config.extra_javascript]
    context["hb_top_folders"] = folders
    return context
