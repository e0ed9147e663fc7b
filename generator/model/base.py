"""Shared base for every source object: strict fields and a memory of where it came from."""

from __future__ import annotations

import re
import types
from dataclasses import dataclass
from collections.abc import Iterator
from functools import cache
from typing import Annotated, Any, ClassVar, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationInfo, model_validator


@dataclass(frozen=True, slots=True)
class Position:
    """A place in a source file; line and column count from 1."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


class SourceModel(BaseModel):
    """A strict model: unknown keys are errors, and each object knows its source position.

    The loader validates with a context that maps each YAML mapping (by identity) to its marks:
    ``(file, line, col, {field: (line, col)})``. Positions are made only when asked for.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True)

    # Fields the public (residents') build may show. Fail closed: a field not named here is
    # internal, so a new field never leaks by default (generator.model.audience).
    public_fields: ClassVar[frozenset[str]] = frozenset()

    # A slot, not a pydantic private attribute: those cost an __init__ hook on every object made.
    __slots__ = ("_src",)

    @model_validator(mode="wrap")
    @classmethod
    def _remember_source(cls, data: Any, handler: Any, info: ValidationInfo) -> Any:
        obj = handler(data)
        if info.context is not None:
            marks = info.context.get(id(data))
            if marks is not None:
                object.__setattr__(obj, "_src", marks)
        return obj

    def __copy__(self) -> Any:  # model_copy: the copy keeps the original's position
        copy = super().__copy__()
        if (src := getattr(self, "_src", None)) is not None:
            object.__setattr__(copy, "_src", src)
        return copy

    def where(self, field: str | None = None) -> Position | None:
        """Position of ``field`` (or of the object itself when absent or unknown)."""
        src = getattr(self, "_src", None)
        if src is None:
            return None
        file, line, col, fields = src
        if field is not None and field in fields:
            line, col = fields[field]
        return Position(file, line, col)


# Identifiers are file names: lower-case ASCII words joined by hyphens, nothing that walks paths.
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
# A step reference: "procedure-id#step-id" or "#step-id" for a step of the same document.
StepRef = Annotated[str, StringConstraints(pattern=r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?#[a-z0-9]+(?:-[a-z0-9]+)*$")]
# Versions follow the A/0 convention: an edition letter and a revision number.
VERSION_PATTERN = r"^[A-Z]/[0-9]+$"
Version = Annotated[str, StringConstraints(pattern=VERSION_PATTERN)]
CODE_PREFIX_PATTERN = r"^[A-Z]{2,8}$"  # an edition's document-code prefix: HKPM/QP-001
CodePrefix = Annotated[str, StringConstraints(pattern=CODE_PREFIX_PATTERN)]
# Retention periods: "2年", "6个月", "永久".
Retention = Annotated[str, StringConstraints(pattern=r"^(?:[0-9]+(?:年|个月)|永久)$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20000)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=500)]

ID_RE = re.compile(ID_PATTERN)


def retention_months(value: str) -> int | None:
    """Months in a retention period; ``None`` for 永久 (kept for ever)."""
    if value == "永久":
        return None
    number = int(re.match(r"\d+", value).group())  # type: ignore[union-attr]
    return number * 12 if value.endswith("年") else number


@dataclass(frozen=True, slots=True)
class RefTo:
    """Marks an id field as a reference: ``Annotated[Id, RefTo("form")]``.

    ``kind`` is a registry kind (generator.model.kinds) or ``"step"`` (``doc-id#step-id``). The
    references of the whole handbook are collected from these marks (Handbook.references), so a
    new reference field is resolved, back-linked and audience-filtered without further edits.
    """

    kind: str


@dataclass(frozen=True, slots=True)
class ModelShape:
    """What a model class holds, for walks: reference fields and fields that hold models."""

    refs: tuple[tuple[str, RefTo], ...]
    children: tuple[str, ...]


@cache
def shape(cls: type[SourceModel]) -> ModelShape:
    """Reference and child fields of ``cls`` (computed once per class from its annotations)."""
    refs: list[tuple[str, RefTo]] = []
    children: list[str] = []
    for name, info in cls.model_fields.items():
        marks = [m for m in info.metadata if isinstance(m, RefTo)] + list(_marks(info.annotation))
        if marks:
            refs.append((name, marks[0]))
        if _holds_models(info.annotation):
            children.append(name)
    return ModelShape(tuple(refs), tuple(children))


def _marks(annotation: Any) -> Iterator[RefTo]:
    if get_origin(annotation) is Annotated:
        yield from (m for m in annotation.__metadata__ if isinstance(m, RefTo))
    for arg in get_args(annotation):
        yield from _marks(arg)


def _holds_models(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, SourceModel):
        return True
    origin = get_origin(annotation)
    if origin in (list, tuple, dict, Union, types.UnionType, Annotated):
        return any(_holds_models(arg) for arg in get_args(annotation))
    return False


def walk_models(value: Any) -> Iterator[SourceModel]:
    """Yield every SourceModel inside ``value``, depth first, parents before children."""
    if isinstance(value, SourceModel):
        yield value
        for name in shape(type(value)).children:
            yield from walk_models(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from walk_models(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from walk_models(item)
