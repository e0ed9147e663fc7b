"""Audiences: the staff handbook holds everything; the public one only what residents may see.

``public_view`` returns a new handbook built from what is *declared* public, so it fails closed:

- a kind reaches the public build only as its registry entry's ``exposure`` says (none / names /
  pages; generator.model.kinds) — an unknown or new kind is ``none``;
- an entry of a kind with pages is public when its ``visibility`` is public (kinds without that
  field: the kind's ``public_by_default``);
- a field is kept only when its model lists it in ``public_fields``; every other field is emptied;
- a reference (a field marked ``RefTo``) to anything the public does not get is removed; an object
  that exists only to point at such a target (a record of an internal form) goes with it;
- of kinds exposed by ``names`` (roles, departments, limits) only the entries that public
  documents mention are kept, stripped to their public fields (a name, a limit's value).

Renderers given the public view cannot leak what is not in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pydantic.fields import FieldInfo

from generator.model import kinds
from generator.model.base import RefTo, SourceModel, shape
from generator.model.document import Visibility
from generator.model.handbook import Handbook
from generator.model.kinds import Exposure


class Audience(str, Enum):
    staff = "staff"
    public = "public"


def view(book: Handbook, audience: Audience) -> Handbook:
    return book if audience is Audience.staff else public_view(book)


def public_view(book: Handbook) -> Handbook:
    paged = {kind.name: {ident for ident, obj in book.table(kind.name).items() if _is_public(kind, obj)}
             for kind in kinds.collections() if kind.exposure is Exposure.pages}
    copier = _Copier(paged)
    tables: dict[str, dict[str, Any]] = {}
    for name, idents in paged.items():
        tables[name] = {}
        for ident in idents:
            copier.entry_id = ident
            tables[name][ident] = copier.copy(book.get(name, ident))
    singles = {name: copier.copy(obj) for name, obj in book.singles.items()
               if name in kinds.KINDS and kinds.get(name).exposure is not Exposure.none}
    while copier.pending:  # named entries may name others (none do today; the loop costs nothing)
        name, ident = copier.pending.pop()
        obj = book.get(name, ident)
        if obj is not None:
            copier.entry_id = ident
            tables.setdefault(name, {})[ident] = copier.copy(obj)
    for name in tables:  # keep the source order of every table
        order = list(book.table(name))
        tables[name] = {k: tables[name][k] for k in order if k in tables[name]}
    return Handbook(root=book.root, tables=tables, singles=singles)


def _is_public(kind: kinds.Kind, obj: Any) -> bool:
    if "visibility" in type(obj).model_fields:
        return getattr(obj, "visibility", None) is Visibility.public
    return kind.public_by_default


@dataclass
class _Copier:
    """Copies entries keeping only public fields and references to what the public gets."""

    paged: dict[str, set[str]]
    entry_id: str = ""
    named: set[tuple[str, str]] = field(default_factory=set)
    pending: list[tuple[str, str]] = field(default_factory=list)

    def copy(self, obj: Any) -> Any:
        copied = self._model(obj)
        return copied if copied is not None else self._stripped(obj)

    def _model(self, obj: SourceModel) -> SourceModel | None:
        """A public copy of ``obj``; None when a required reference of it points at something internal."""
        cls = type(obj)
        refs = dict(shape(cls).refs)
        children = set(shape(cls).children)
        updates: dict[str, Any] = {}
        for name, info in cls.model_fields.items():
            value = getattr(obj, name)
            if name not in cls.public_fields:
                updates[name] = _empty(info, value)
            elif name in refs:
                if isinstance(value, list):
                    updates[name] = [t for t in value if self._keep(refs[name], t)]
                elif value and not self._keep(refs[name], value):
                    if info.is_required():
                        return None
                    updates[name] = None
            elif name in children:
                updates[name] = self._children(value)
        return obj.model_copy(update=updates)  # the copy keeps the position (SourceModel.__copy__)

    def _children(self, value: Any) -> Any:
        if isinstance(value, list):
            return [c for c in (self._model(v) if isinstance(v, SourceModel) else v for v in value) if c is not None]
        if isinstance(value, SourceModel):
            return self.copy(value)
        return value

    def _stripped(self, obj: SourceModel) -> SourceModel:
        """A copy of a top-level entry with only public, non-reference fields (its refs all internal)."""
        cls = type(obj)
        return obj.model_copy(update={name: _empty(info, getattr(obj, name)) for name, info in cls.model_fields.items()
                                      if name not in cls.public_fields or name in dict(shape(cls).refs)})

    def _keep(self, mark: RefTo, target: str) -> bool:
        if mark.kind == "step":
            doc_id = target.partition("#")[0]
            return not doc_id or any(doc_id in self.paged.get(k.name, ()) for k in kinds.collections() if k.has_steps)
        if mark.kind == "document":
            return any(target in self.paged.get(k.name, ()) for k in kinds.document_kinds())
        kind = kinds.KINDS.get(mark.kind)
        if kind is None or kind.exposure is Exposure.none:
            return False
        if kind.exposure is Exposure.pages:
            return target in self.paged.get(kind.name, ())
        if (kind.name, target) not in self.named:
            self.named.add((kind.name, target))
            self.pending.append((kind.name, target))
        return True


def _empty(info: FieldInfo, value: Any) -> Any:
    """The empty value of an internal field: its default, else an empty list / text / None."""
    if not info.is_required():
        return info.get_default(call_default_factory=True)
    if isinstance(value, list):
        return []
    return "" if isinstance(value, str) else None
