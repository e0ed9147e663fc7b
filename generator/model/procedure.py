"""Procedures (标准作业规程 / 管理制度) and work instructions (作业指导书)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import Field, model_validator

from generator.model.base import Id, Line, RefTo, Retention, SourceModel, StepRef, Text
from generator.model.document import DepartmentRef, Document, RoleRef
from generator.model.scalars import Flag, Number


class Share(SourceModel):
    """One part of a split that must add up to 100 (e.g. the reward split)."""

    party: Line
    role: RoleRef | None = None
    percent: Number = Field(ge=0, le=100)


class Split(SourceModel):
    basis: Line
    shares: list[Share] = Field(min_length=1)


class Links(SourceModel):
    """Typed references a step, appendix or document makes to other sources."""

    public_fields = frozenset({"forms", "procedures", "instructions", "price_lists", "see", "external"})

    forms: list[Annotated[Id, RefTo("form")]] = Field(default_factory=list)
    procedures: list[Annotated[Id, RefTo("procedure")]] = Field(default_factory=list)
    instructions: list[Annotated[Id, RefTo("instruction")]] = Field(default_factory=list)
    price_lists: list[Annotated[Id, RefTo("price_list")]] = Field(default_factory=list)
    see: list[Annotated[StepRef, RefTo("step")]] = Field(default_factory=list, description="Steps referred to (参见): doc-id#step-id or #step-id")
    external: list[Line] = Field(default_factory=list, description="Documents named in the sources but not in the handbook")


class Step(Links):
    """A step of a procedure. Numbers are generated from position; ``id`` is for anchors and links."""

    public_fields = Links.public_fields | {"id", "title", "text", "roles", "limits", "condition", "items", "steps",
                                           "branches"}

    id: Id | None = None
    title: Line | None = None
    text: Text | None = None
    roles: list[RoleRef] = Field(default_factory=list, description="Acting roles")
    limits: list[Annotated[Id, RefTo("limit")]] = Field(default_factory=list, description="Named time or money limits stated in this step")
    condition: Line | None = Field(default=None, description="When this step applies (如果…)")
    items: list[Text] = Field(default_factory=list, description="Listed items: a) b) c)")
    split: Split | None = None
    steps: list[Step] = Field(default_factory=list)
    branches: list[Branch] = Field(default_factory=list)

    @model_validator(mode="after")
    def _has_content(self) -> Step:
        if not (self.title or self.text):
            raise ValueError("步骤至少要有 title 或 text")
        return self


class Branch(SourceModel):
    """One alternative path, taken when its condition holds."""

    public_fields = frozenset({"id", "condition", "steps"})

    id: Id | None = None
    condition: Line
    steps: list[Step] = Field(min_length=1)


class Responsibility(SourceModel):
    public_fields = frozenset({"role", "duties", "department"})

    role: RoleRef
    duties: list[Text] = Field(min_length=1)
    department: DepartmentRef | None = Field(
        default=None, description="The department the role works in for this procedure (default: the role's own)")


class Principle(SourceModel):
    public_fields = frozenset({"title", "text"})

    title: Line
    text: Text | None = None


class Record(SourceModel):
    """A record the procedure produces: always a form, kept for a retention period."""

    public_fields = frozenset({"form", "retention", "keeper", "filing"})

    form: Annotated[Id, RefTo("form")]
    retention: Retention | None = Field(default=None, description="Overrides the form's retention")
    keeper: DepartmentRef | None = Field(default=None, description="Department that files the record")
    filing: Line | None = Field(default=None, description="How and when it is filed, e.g. 次年年初归档")


class Appendix(Links):
    public_fields = Links.public_fields | {"title", "text", "items"}

    title: Line
    text: Text | None = None
    items: list[Text] = Field(default_factory=list)


class Definition(SourceModel):
    public_fields = frozenset({"term", "text"})

    term: Line
    text: Text


class Swap(SourceModel):
    """In one variant, the work of role (or department) ``id`` is done by ``into``."""

    id: Id
    into: Id


class RoleSwap(Swap):
    id: RoleRef
    into: RoleRef


class DepartmentSwap(Swap):
    id: DepartmentRef
    into: DepartmentRef


class Wording(SourceModel):
    """In one variant, the words ``old`` of the procedure's text read ``new``."""

    old: Line
    new: Line


class RoleHome(SourceModel):
    """In one variant, role ``role`` works in department ``department`` (shown in its 职责 row)."""

    role: RoleRef
    department: DepartmentRef


class VariantApply(SourceModel):
    """What an edition choosing this variant changes in the procedure (generator.model.edition_view).

    The variant's own ``scope``, ``paid_services`` (the items of the step with id ``services``),
    ``free_services`` (a step added after it) and ``channels`` (the step with id ``channels``) are
    used as they are; this block adds what cannot be read from those lists.
    """

    owner: DepartmentRef | None = Field(default=None, description="The responsible department in this variant")
    roles: list[RoleSwap] = Field(default_factory=list, description="Roles whose work another role does")
    departments: list[DepartmentSwap] = Field(default_factory=list, description="Departments named differently")
    drop_steps: list[Id] = Field(default_factory=list, description="Step ids this variant does not have")
    homes: list[RoleHome] = Field(default_factory=list,
                                  description="Roles that work in another department in this variant (部门员工 in 市场拓展部)")
    wording: list[Wording] = Field(default_factory=list, description="Text this variant words differently")
    records: list[Annotated[Id, RefTo("form")]] | None = Field(default=None, description="The records kept (default: all)")
    appendices: list[Line] | None = Field(default=None, description="Titles of the appendices kept (default: all)")
    related: list[Line] | None = Field(default=None, description="Related documents named (default: unchanged)")


class Variant(SourceModel):
    """How one source version of a merged procedure differs; an edition selects it by ``id``."""

    id: Id | None = Field(default=None, description="Editions choose the variant by this id")
    apply: VariantApply | None = None
    name: Line
    source: Line
    scope: Text | None = None
    departments: list[Line] = Field(default_factory=list)
    roles: list[Line] = Field(default_factory=list)
    paid_services: list[Line] = Field(default_factory=list)
    free_services: list[Line] = Field(default_factory=list)
    channels: list[Line] = Field(default_factory=list)
    records: list[Line] = Field(default_factory=list)
    related: list[Line] = Field(default_factory=list)
    appendices: list[Line] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)


class Category(str, Enum):
    sop = "sop"  # 标准作业规程
    policy = "policy"  # 管理制度 / 管理办法
    workflow = "workflow"  # 工作流程
    guide = "guide"  # 指引 / 参考资料 (not a procedure, kept as reference)


class Procedure(Document):
    public_fields = Document.public_fields | {"category", "purpose", "scope", "definitions", "responsibilities",
                                              "principles", "steps", "records", "related", "appendices"}

    category: Category = Category.sop
    purpose: Text
    scope: Text
    definitions: list[Definition] = Field(default_factory=list)
    responsibilities: list[Responsibility] = Field(default_factory=list)
    principles: list[Principle] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
    records: list[Record] = Field(default_factory=list)
    related: Links = Field(default_factory=Links)
    appendices: list[Appendix] = Field(default_factory=list)
    variants: list[Variant] = Field(default_factory=list)
    follows: Line | None = Field(default=None, description="The variant this text follows (an edition sets it)")


class Criterion(SourceModel):
    """A measurable acceptance criterion."""

    public_fields = frozenset({"text", "measure", "sample"})

    text: Text
    measure: Line | None = Field(default=None, description="The measurable part, e.g. ≤3次闪烁")
    sample: Flag = Field(default=False, description="A criterion the source documents do not state (示例), "
                                                    "added when the instruction was structured")


class Instruction(Document):
    """作业指导书: how to do one job, with acceptance criteria."""

    public_fields = Document.public_fields | {"purpose", "scope", "roles", "tools", "materials", "steps", "acceptance",
                                              "related"}

    purpose: Text
    scope: Text | None = None
    roles: list[RoleRef] = Field(default_factory=list, description="Who performs it")
    tools: list[Line] = Field(default_factory=list)
    materials: list[Line] = Field(default_factory=list)
    steps: list[Step] = Field(min_length=1)
    acceptance: list[Criterion] = Field(min_length=1)
    related: Links = Field(default_factory=Links)


Step.model_rebuild()
