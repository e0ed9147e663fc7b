"""Review records (复审记录): who reviewed which documents, when, with what decision."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import Field, field_validator

from generator.model.base import Id, Line, RefTo, SourceModel, Text
from generator.model.scalars import Date, Flag


class ReviewKind(str, Enum):
    quarterly = "quarterly"  # 季度内部复审
    expert = "expert"  # 年度外部专家评审


class Decision(str, Enum):
    approved = "approved"  # 通过
    revise = "revise"  # 修订后通过
    retire = "retire"  # 不通过 / 废止


class Reviewer(SourceModel):
    name: Line
    affiliation: Line


class DocumentReview(SourceModel):
    document: Annotated[Id, RefTo("document")]
    kind: Line | None = Field(default=None, description="The document's kind (procedure, instruction, form, price_list), "
                                                      "needed only when documents of two kinds share the id")
    decision: Decision
    fingerprint: Line = Field(pattern=r"^sha256:[0-9a-f]{16}$",
                              description="Fingerprint of the content reviewed (handbook review --fingerprints)")
    comments: list[Text] = Field(default_factory=list)


class Review(SourceModel):
    id: str = Field(default="", exclude=True)
    kind: ReviewKind
    date: Date
    reviewers: list[Reviewer] = Field(min_length=1)
    scope: Text
    documents: list[DocumentReview] = Field(default_factory=list, description="The documents reviewed; "
                                            "`documents:` with nothing under it (every line commented) is none yet")
    sample: Flag = False
    notes: list[Text] = Field(default_factory=list)

    @field_validator("documents", mode="before")
    @classmethod
    def _none_yet(cls, value: object) -> object:
        """``documents:`` left empty (the skeleton's entries all still commented out) means no entry yet."""
        return [] if value is None else value
