"""The organisation: company, departments, roles and the sites (小区) it manages."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import Field

from generator.model.base import Id, Line, RefTo, SourceModel, Text, Version
from generator.model.document import DepartmentRef, RoleRef
from generator.model.scalars import Code, Flag


class Compilation(SourceModel):
    """The bound handbook as one controlled document (规程汇编, ISO 9001 §7.5.2): its code, edition
    and who compiled, reviewed and approved it (编制 / 审核 / 批准, printed on the cover)."""

    code: Line = Field(description="Compilation code (汇编编号), e.g. LYWG/QM-001")
    edition: Version = Field(description="Edition (版次), e.g. A/0; raise it when the set of documents changes")
    compiled_by: Id = Field(description="Role id that compiles the handbook (编制)")
    reviewed_by: Id = Field(description="Role id that reviews it (审核)")
    approved_by: Id = Field(description="Role id that approves it (批准)")


class Company(SourceModel):
    """company.yaml: the operator of the handbook."""

    public_fields = frozenset({"name", "short_name", "code_prefix", "price_hotline", "address", "phone"})

    name: Line
    short_name: Line
    code_prefix: Code = Field(description="Prefix of every document code, e.g. LYWG")
    price_hotline: Line = Field(default="12315", description="Price complaint hotline (价格举报电话)")
    address: Line | None = None
    phone: Line | None = None
    handbook: Compilation | None = Field(default=None, description="The bound handbook as a controlled document "
                                                                   "(汇编编号, 版次, 编制/审核/批准)")


class Grant(str, Enum):
    """Machine-checkable authorities a role can hold, beside its prose 权限."""

    approve_price_list = "approve-price-list"
    approve_procedure = "approve-procedure"
    approve_service_items = "approve-service-items"
    waive_fee = "waive-fee"
    approve_vehicle_repair = "approve-vehicle-repair"


class Department(SourceModel):
    public_fields = frozenset({"id", "name"})

    id: str = Field(default="", exclude=True)
    name: Line
    level: Line = Field(description="公司 / 区域公司 / 管理处 / 项目 etc.")
    parent: DepartmentRef | None = None
    duties: list[Text] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)


class Role(SourceModel):
    public_fields = frozenset({"id", "name"})

    id: str = Field(default="", exclude=True)
    name: Line
    department: DepartmentRef
    reports_to: RoleRef | None = None
    duties: list[Text] = Field(default_factory=list)
    authorities: list[Text] = Field(default_factory=list, description="权限, as prose")
    grants: list[Grant] = Field(default_factory=list, description="Authorities the checker relies on")
    aliases: list[Line] = Field(default_factory=list, description="Other titles for the same post in the sources")
    notes: list[Text] = Field(default_factory=list)


class Site(SourceModel):
    """A managed project (小区 / 项目)."""

    public_fields = frozenset({"id", "name", "address", "region", "service_phone", "complaint_hotline",
                               "entrance", "price_lists", "sample"})

    id: str = Field(default="", exclude=True)
    name: Line
    address: Line
    region: Line
    service_phone: Line
    complaint_hotline: Line
    entrance: Line | None = Field(default=None, description="Where visitors and ambulances are met, e.g. 瑞金广场入口处 "
                                                            "(step text names it as {site.entrance})")
    price_lists: list[Annotated[Id, RefTo("price_list")]] = Field(default_factory=list,
                                                                  description="Price lists in force at this site")
    sample: Flag = False
    notes: list[Text] = Field(default_factory=list)
