"""Planned documents (待编写文件): documents the source material names but whose text is lost.

Seed 003 (服务中心作业指导书, ../shared/seeds/INDEX.md) lists 17 service-centre workflows of which only
the titles survive. Each is an entry of ``planned.yaml``, so the list is data, not prose: the staff
site lists them as 待编写, and ``owner`` is a checked reference to a department (REF rules).
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import Field

from generator.model.base import Id, Line, RefTo, SourceModel, Text
from generator.model.document import DepartmentRef


class PlannedKind(str, Enum):
    """What the planned document will be once written."""

    procedure = "procedure"  # 规程 / 制度 / 工作流程
    instruction = "instruction"  # 作业指导书
    form = "form"  # 表单


class PlannedDocument(SourceModel):
    """One document still to be written: its title, owning department and where the title comes from.

    ``procedures`` and ``forms`` name existing documents that already cover part of it (checked references).
    Internal only (no ``public_fields``): residents never see a list of unwritten documents.
    """

    id: Id
    title: Line = Field(title="标题")
    planned_as: PlannedKind = Field(default=PlannedKind.procedure, title="拟编类型")
    owner: DepartmentRef = Field(title="归口部门", description="Department that will write and own it")
    source: Line = Field(title="出处", description="The seed and the place that names it")
    procedures: list[Annotated[Id, RefTo("procedure")]] = Field(default_factory=list, title="已有相关规程")
    forms: list[Annotated[Id, RefTo("form")]] = Field(default_factory=list, title="已有相关表单")
    notes: list[Text] = Field(default_factory=list, title="备注")


class PlannedDocuments(SourceModel):
    """``planned.yaml``: the list of planned documents, in the order of their source's index."""

    planned: list[PlannedDocument] = Field(default_factory=list)
