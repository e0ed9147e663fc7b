"""The organisation: company, departments, roles and the sites (小区) it manages."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from generator.model.base import Id, Line, SourceModel, Text
from generator.model.scalars import Code, Flag


class Company(SourceModel):
    """company.yaml: the operator of the handbook."""

    name: Line
    short_name: Line
    code_prefix: Code = Field(description="Prefix of every document code, e.g. LYWG")
    price_hotline: Line = Field(default="12315", description="Price complaint hotline (价格举报电话)")
    address: Line | None = None
    phone: Line | None = None


class Grant(str, Enum):
    """Machine-checkable authorities a role can hold, beside its prose 权限."""

    approve_price_list = "approve-price-list"
    approve_procedure = "approve-procedure"
    approve_service_items = "approve-service-items"
    waive_fee = "waive-fee"
    approve_vehicle_repair = "approve-vehicle-repair"


class Department(SourceModel):
    id: str = Field(default="", exclude=True)
    name: Line
    level: Line = Field(description="公司 / 区域公司 / 管理处 / 项目 etc.")
    parent: Id | None = None
    duties: list[Text] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)


class Role(SourceModel):
    id: str = Field(default="", exclude=True)
    name: Line
    department: Id
    reports_to: Id | None = None
    duties: list[Text] = Field(default_factory=list)
    authorities: list[Text] = Field(default_factory=list, description="权限, as prose")
    grants: list[Grant] = Field(default_factory=list, description="Authorities the checker relies on")
    aliases: list[Line] = Field(default_factory=list, description="Other titles for the same post in the sources")
    notes: list[Text] = Field(default_factory=list)


class Site(SourceModel):
    """A managed project (小区 / 项目)."""

    id: str = Field(default="", exclude=True)
    name: Line
    address: Line
    region: Line
    service_phone: Line
    complaint_hotline: Line
    price_lists: list[Id] = Field(default_factory=list, description="Price lists in force at this site")
    sample: Flag = False
    notes: list[Text] = Field(default_factory=list)
