"""Site placeholders in text: a step says ``{site.entrance}`` where the sources once named one site.

``fill_placeholders(book)`` returns the handbook with every placeholder replaced, so no reader ever
sees one: from the site when the build covers exactly one site (an edition with ``sites: [one]``),
otherwise with the neutral wording below (a company-wide handbook covers many sites). Rule PLC001
(generator.check.placeholders) reports a placeholder that is not in ``SITE_FIELDS``.
"""

from __future__ import annotations

import re
from typing import Any

from generator.model.base import SourceModel
from generator.model.handbook import Handbook
from generator.model.organisation import Site

# placeholder field -> (how the site gives it, the neutral wording of a company-wide edition)
SITE_FIELDS: dict[str, str] = {
    "name": "本小区",
    "entrance": "小区入口处",
    "address": "本小区地址",
    "service_phone": "服务中心电话",
    "complaint_hotline": "投诉电话",
}
PLACEHOLDER = re.compile(r"\{([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)\}")


def site_words(site: Site | None) -> dict[str, str]:
    """``{site.field}`` -> its text for ``site`` (None: the neutral wording)."""
    words = {}
    for name, neutral in SITE_FIELDS.items():
        value = getattr(site, name, None) if site is not None else None
        if name == "entrance" and site is not None and not value:
            value = f"{site.name}入口处"
        words[f"{{site.{name}}}"] = value or neutral
    return words


def fill_placeholders(book: Handbook) -> Handbook:
    """``book`` with site placeholders filled (from its one site, else neutral wording)."""
    from generator.model.edition_view import Rewriter

    sites = list(book.sites.values())
    rewriter = Rewriter({}, site_words(sites[0] if len(sites) == 1 else None))

    def filled(obj: Any) -> Any:  # only entries whose source file has a placeholder are copied
        where = obj.where() if isinstance(obj, SourceModel) else None
        return rewriter.model(obj) if where is None or "{site." in book.texts.get(where.file, "{site.") else obj
    tables = {kind: {ident: filled(obj) for ident, obj in table.items()} for kind, table in book.tables.items()}
    singles = {kind: filled(obj) for kind, obj in book.singles.items()}
    return Handbook(root=book.root, tables=tables, singles=singles, texts=book.texts)


def unknown_placeholders(text: str) -> list[str]:
    """The placeholders in ``text`` that are not site fields, as written (``{site.gate}``)."""
    known = {f"site.{name}" for name in SITE_FIELDS}
    return [f"{{{m.group(1)}}}" for m in PLACEHOLDER.finditer(text) if m.group(1) not in known]
