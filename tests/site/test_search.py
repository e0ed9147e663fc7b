"""The search index keeps the handbook's own words whole (jieba user dictionary)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sitekit import ROOT, real_site  # noqa: F401 (fixture)

from generator.load import load_or_raise
from generator.render.site.searchdict import words


def tokens(site: Path) -> set[str]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    found: set[str] = set()
    for doc in index["docs"]:
        for field in ("title", "text"):
            found.update(t for t in separator.split(re.sub(r"<[^>]+>", " ", doc[field])) if t)
    return found


def test_domain_terms_are_whole_tokens(real_site: Path) -> None:
    found = tokens(real_site)
    for term in ("客户需求处理单", "专属客户经理"):
        assert term in found, term


def test_dictionary_holds_roles_forms_departments_and_glossary() -> None:
    book = load_or_raise(ROOT)
    listed = set(words(book))
    assert {"客户需求处理单", "专属客户经理"} <= listed
    assert all(role.name in listed for role in book.roles.values() if len(role.name) > 1)
    assert all(form.title in listed for form in book.forms.values() if " " not in form.title)


def test_offline_search_index_is_inlined(real_site: Path) -> None:
    script = (real_site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert script.startswith("var __index = {")
