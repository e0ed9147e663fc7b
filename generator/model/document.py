"""What every controlled document has: identity, version, approval and change history (ISO 9001 §7.5)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from typing import Any, ClassVar

from pydantic import Field, field_validator

from generator.model.base import Id, Line, RefTo, SourceModel, Text, Version
from generator.model.scalars import Code, Date, Flag

RoleRef = Annotated[Id, RefTo("role")]
DepartmentRef = Annotated[Id, RefTo("department")]


class Status(str, Enum):
    """Life of a controlled document (ISO 9001 §7.5.3: 防止作废文件的非预期使用)."""

    draft = "draft"  # 草稿: not in force, never in a controlled copy
    approved = "approved"  # 现行有效
    obsolete = "obsolete"  # 作废: kept for reference, replaced by ``superseded_by`` when there is a successor


# Earlier sources wrote "retired"; it is refused with this message rather than read silently.
OLD_STATUS = {"retired": "obsolete"}


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

    public_fields = frozenset({"id", "code", "title", "version", "effective", "status", "owner", "visibility", "sample",
                               "superseded_by"})

    id: str = Field(default="", exclude=True, description="Set from the file name by the loader")
    code: Code = Field(description="Document code, e.g. LYWG/QP-001")
    title: Line
    version: Version = Field(description="Edition/revision, e.g. A/0")
    effective: Date = Field(description="Effective date (生效日期)")
    status: Status = Field(default=Status.draft, description="draft 草稿 / approved 现行有效 / obsolete 作废")
    # Ids of a document of the model's own kind (not a RefTo: the kind is whichever this model is);
    # the loader's did-you-mean reads it (generator.load.validate).
    same_kind_ids: ClassVar[frozenset[str]] = frozenset({"superseded_by"})

    superseded_by: Id | None = Field(default=None, description="Id of the document of the same kind that replaces "
                                                               "this obsolete one (替代文件)")
    owner: DepartmentRef = Field(description="Owning department id")
    approver: RoleRef | None = Field(default=None, description="Role id that approves this document")
    visibility: Visibility = Visibility.internal
    sample: Flag = Field(default=False, description="Content invented for illustration (示例), not company data")
    notes: list[Text] = Field(default_factory=list)
    history: list[HistoryEntry] = Field(default_factory=list)

    @field_validator("status", mode="before")
    @classmethod
    def _old_status_word(cls, value: Any) -> Any:
        if isinstance(value, str) and value in OLD_STATUS:
            raise ValueError(f"{value!r} 是旧写法,已停用;作废的文件请写 status: {OLD_STATUS[value]}"
                             "(作废),有替代文件时再写 superseded_by: 替代文件的 id")
        return value

    @property
    def in_force(self) -> bool:
        """Approved: the only status a controlled copy or a posted notice may carry."""
        return self.status is Status.approved
