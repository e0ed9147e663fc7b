"""What every controlled document has: identity, version, approval and change history (ISO 9001 §7.5)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import Field

from generator.model.base import Id, Line, RefTo, SourceModel, Text, Version
from generator.model.scalars import Code, Date, Flag

RoleRef = Annotated[Id, RefTo("role")]
DepartmentRef = Annotated[Id, RefTo("department")]


class Status(str, Enum):
    draft = "draft"
    approved = "approved"
    retired = "retired"


class Visibility(str, Enum):
    internal = "internal"
    public = "public"


class HistoryEntry(SourceModel):
    """One line of a revision history (修订记录)."""

    version: Version
    date: Date
    author: Line
    summary: Text
    approved_by: RoleRef | None = Field(default=None, description="Role id of the approver")


class Document(SourceModel):
    """Fields shared by procedures, work instructions, forms and price lists.

    ``id`` is not written in the file: it is the file name, so it can never drift.
    """

    public_fields = frozenset({"id", "code", "title", "version", "effective", "status", "owner", "visibility", "sample"})

    id: str = Field(default="", exclude=True, description="Set from the file name by the loader")
    code: Code = Field(description="Document code, e.g. LYWG/QP-001")
    title: Line
    version: Version = Field(description="Edition/revision, e.g. A/0")
    effective: Date = Field(description="Effective date (生效日期)")
    status: Status = Status.draft
    owner: DepartmentRef = Field(description="Owning department id")
    approver: RoleRef | None = Field(default=None, description="Role id that approves this document")
    visibility: Visibility = Visibility.internal
    sample: Flag = Field(default=False, description="Content invented for illustration (示例), not company data")
    notes: list[Text] = Field(default_factory=list)
    history: list[HistoryEntry] = Field(default_factory=list)
