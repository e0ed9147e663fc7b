"""Audiences: the staff handbook holds everything; the public one only what residents may see.

``public_view`` returns a new handbook without internal documents, and without the internal fields
of public ones (cost prices, reward splits, editors' notes, merged-variant notes). Renderers given
the public view cannot leak what is not in it.
"""

from __future__ import annotations

from dataclasses import replace
from enum import Enum
from typing import Any

from generator.model.base import SourceModel, walk_models
from generator.model.document import Visibility
from generator.model.handbook import Handbook


class Audience(str, Enum):
    staff = "staff"
    public = "public"


# Fields never shown to the public, wherever they occur.
INTERNAL_FIELDS = frozenset({"cost", "split", "notes", "variants", "history", "approved_by", "grants"})


def view(book: Handbook, audience: Audience) -> Handbook:
    return book if audience is Audience.staff else public_view(book)


def public_view(book: Handbook) -> Handbook:
    def public(table: dict[str, Any]) -> dict[str, Any]:
        return {k: _strip(v) for k, v in table.items() if v.visibility is Visibility.public}

    procedures, instructions = public(book.procedures), public(book.instructions)
    forms, price_lists = public(book.forms), public(book.price_lists)
    # Per kind: a public price list may share its id with an internal procedure.
    kept = {"procedures": set(procedures), "instructions": set(instructions), "forms": set(forms),
            "price_lists": set(price_lists)}
    for doc in [*procedures.values(), *instructions.values()]:
        _drop_links(doc, kept)
    sites = {k: _strip(s).model_copy(update={"price_lists": [p for p in s.price_lists if p in price_lists]})
             for k, s in book.sites.items()}
    # Roles and departments keep their names only: duties, authorities and notes are internal.
    roles = {k: r.model_copy(update={"duties": [], "authorities": [], "grants": [], "notes": [], "reports_to": None})
             for k, r in book.roles.items()}
    departments = {k: d.model_copy(update={"duties": [], "notes": []}) for k, d in book.departments.items()}
    public = replace(book, procedures=procedures, instructions=instructions, forms=forms,
                     price_lists=price_lists, sites=sites, roles=roles, departments=departments, reviews={},
                     texts={}, _references=None, _steps={})
    # Only the limits public documents refer to (a cash-handling limit of an internal rule stays inside).
    stated = {ref.target for ref in public.references() if ref.kind == "limit"}
    return replace(public, limits={k: v for k, v in book.limits.items() if k in stated}, _references=None)


def _strip(obj: Any) -> Any:
    """A deep copy of ``obj`` with the internal fields reset to empty (positions kept)."""
    if isinstance(obj, SourceModel):
        updates = {}
        for name in type(obj).model_fields:
            value = getattr(obj, name)
            if name in INTERNAL_FIELDS:
                updates[name] = [] if isinstance(value, list) else None
            elif isinstance(value, (SourceModel, list)):
                updates[name] = _strip(value)
        return obj.model_copy(update=updates)  # the copy keeps the position (SourceModel.__copy__)
    if isinstance(obj, list):
        return [_strip(item) for item in obj]
    return obj


def _drop_links(obj: Any, kept: dict[str, set[str]]) -> None:
    """Remove links to documents the public does not get (nothing of them is shown, not even the title)."""
    steps = kept["procedures"] | kept["instructions"]
    for node in walk_models(obj):
        for name, ids in kept.items():
            value = getattr(node, name, None)
            if isinstance(value, list) and value and isinstance(value[0], str):
                object.__setattr__(node, name, [i for i in value if i in ids])
        if hasattr(node, "see"):
            object.__setattr__(node, "see", [r for r in node.see if r.startswith("#") or r.partition("#")[0] in steps])
        if hasattr(node, "records"):
            object.__setattr__(node, "records", [r for r in node.records if r.form in kept["forms"]])
