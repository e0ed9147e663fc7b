"""Which page bodies a save can change: the documents in the saved files and their neighbours.

A controlled document's page (标准作业规程, 作业指导书, 登记表, 收费标准) shows the document itself
and what it references or what references it: titles, step numbers, "referenced by" lists
(Handbook.references / backlinks). A role's page shows the documents that name the role, a
department's the documents it owns (both references). Every other page (home, catalogues, sites,
glossary, reviews …) may list anything, and is always rendered again. So after a save of document
files only, such a page keeps its body unless its entry is in a saved file, or references one, or
is referenced by one, in the old or the new sources. Anything else saved (company,
glossary, limits, organisation, reviews, a file with no entries, a page added or removed) renders
every body: slower, never wrong. tests/site/test_preview.py compares the result with a full build.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable, Collection, Iterable, Mapping

from generator.model import Handbook
from generator.model import kinds
from generator.model.handbook import Key, Ref, entry_refs


Sources = tuple[Handbook, Mapping[Key, list[Ref]]]  # a handbook and its backlinks (Handbook.backlinks)


def affected(old: Sources, new: Sources, changed: Collection[str]) -> set[Key] | None:
    """The (kind, id) of every document whose page body may differ after ``changed`` (paths relative
    to the project) turned ``old`` into ``new``; None when every page must be rendered again."""
    return affected_by(changed, by_file(old[0]), by_file(new[0]),
                       lambda key: neighbours(*old, key), lambda key: neighbours(*new, key))


def affected_by(changed: Collection[str], old_files: Mapping[str, set[Key]], new_files: Mapping[str, set[Key]],
                old_near: Callable[[Key], Iterable[Key]], new_near: Callable[[Key], Iterable[Key]]) -> set[Key] | None:
    """``affected`` from what it needs of the two handbooks: the entries of each source file and
    each document's neighbours, before and after (``handbook pages`` keeps the old ones on disk)."""
    documents = {k.name for k in kinds.document_kinds()}
    saved: set[Key] = set()
    for path in changed:
        keys = set(old_files.get(path, ())) | set(new_files.get(path, ()))
        if not keys or any(kind not in documents for kind, _ in keys):
            return None
        saved |= keys
    near = set(saved)
    for key in saved:
        near.update(old_near(key))
        near.update(new_near(key))
    return near


def neighbours(book: Handbook, backlinks: Mapping[Key, list[Ref]], key: Key) -> set[Key]:
    """What the entry ``key`` references and what references it."""
    obj = book.get(*key)
    found = {target for ref in (entry_refs(obj) if obj is not None else ()) for target in book.candidates(ref)}
    return found | {book.key(ref.source) for ref in backlinks.get(key, ())}


NEIGHBOURS_ONLY = ("role", "department")  # besides documents: pages that list only documents naming them


def is_document_page(obj: object) -> bool:
    """Whether a page of ``obj`` shows only ``obj`` and what references it or what it references: a
    document's page, a role's (the steps, duties and approvals of the documents naming the role) or a
    department's (the documents it owns). A site's page is not: a price list for every site names none."""
    kind = kinds.kind_of(obj)
    return kind is not None and (kind.is_document or kind.name in NEIGHBOURS_ONLY)


def by_file(book: Handbook) -> dict[str, set[Key]]:
    """Source file (relative path) -> the entries written in it."""
    found: dict[str, set[Key]] = defaultdict(set)
    for _, obj in book.entries():
        where = obj.where()
        if where is not None:
            found[where.file].add(book.key(obj))
    return found
