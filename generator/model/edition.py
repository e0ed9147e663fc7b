"""Editions (版本): one set of sources issued under another company's names and conventions.

An edition file ``editions/NAME.yaml`` says how one issue of the handbook differs from the
company's own: the company's names and code prefix, departments and roles renamed or merged, which
variant of a multi-variant procedure applies, which sites are included, the audience, the script
and region, and the site title. generator.edition applies it to a Handbook as a pure transform.

Every id an edition names is a reference (``RefTo``), so the reference rules report a rename or
merge that leaves a dangling role or department at the edition file's own line.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import Field, ValidationInfo, field_validator, model_validator

from generator.model.base import CodePrefix, Id, Line, RefTo, SourceModel, Text
from generator.model.document import DepartmentRef, RoleRef


class Script(str, Enum):
    hans = "zh-Hans"  # 简体
    hant = "zh-Hant"  # 繁體


class Region(str, Enum):
    cn = "CN"
    hk = "HK"
    tw = "TW"


class Audience(str, Enum):  # the same values as generator.model.audience.Audience
    staff = "staff"
    public = "public"


class CompanyChange(SourceModel):
    """The company as this edition names it; a field left out keeps company.yaml's value."""

    name: Line | None = None
    short_name: Line | None = None
    code_prefix: CodePrefix | None = Field(
        default=None, description="Prefix of every document code in this edition, e.g. HKPM")
    price_hotline: Line | None = Field(default=None, description="Price complaint hotline (价格举报电话)")


class Change(SourceModel):
    """Rename an entry (``name``) or merge it into another (``into``): its references move there."""

    id: Id
    name: Line | None = Field(default=None, description="Its name in this edition")
    into: Id | None = Field(default=None, description="Id of the entry it is merged into")

    @model_validator(mode="after")
    def _one_change(self) -> Change:
        if (self.name is None) == (self.into is None):
            raise ValueError("每一项要么写 name(改名),要么写 into(合并到另一个),二者取一")
        return self


class RoleChange(Change):
    """A role renamed, or merged into another role (its steps become that role's)."""

    id: RoleRef
    into: RoleRef | None = None


class DepartmentChange(Change):
    """A department renamed, or merged into another department."""

    id: DepartmentRef
    into: DepartmentRef | None = None


class VariantChoice(SourceModel):
    """Which variant (``variants[].id`` of the procedure) this edition uses."""

    procedure: Annotated[Id, RefTo("procedure")]
    variant: Id


class Edition(SourceModel):
    """One edition: ``editions/NAME.yaml``; NAME is its id (``handbook build --edition NAME``)."""

    id: str = Field(default="", exclude=True)
    title: Line = Field(description="The edition's name, e.g. 香港版")
    site_title: Line | None = Field(default=None, description="Title of the edition's site (default: mkdocs.yml)")
    company: CompanyChange = Field(default_factory=CompanyChange)
    audience: Audience = Audience.staff
    region: Region = Region.cn  # before script: script's check reads it
    script: Script = Field(default=Script.hans, validate_default=True)
    departments: list[DepartmentChange] = Field(default_factory=list)
    roles: list[RoleChange] = Field(default_factory=list)
    variants: list[VariantChoice] = Field(default_factory=list)
    sites: list[Annotated[Id, RefTo("site")]] = Field(
        default_factory=list, description="Sites included (default: every site)")
    notes: list[Text] = Field(default_factory=list)

    @field_validator("script")
    @classmethod
    def _script_region(cls, script: Script, info: ValidationInfo) -> Script:
        """Script and region agree (reported at script: the field a Traditional edition writes)."""
        region = info.data.get("region")
        if region is None:
            return script  # an invalid region is reported on its own
        if script is Script.hant and region is Region.cn:
            raise ValueError("地区 region: CN(不写 region 时即为 CN)不是繁体地区:繁体版本(script: zh-Hant)的地区写 region: HK 或 TW;"
                             "中国内地的版本写 script: zh-Hans")
        if script is Script.hans and region is not Region.cn:
            raise ValueError(f"地区 region: {region.value} 要用繁体:写 script: zh-Hant(简体版本的地区只能是 CN)")
        return script

    @field_validator("sites")
    @classmethod
    def _some_sites(cls, sites: list[str]) -> list[str]:
        """``sites: []`` is a mistake, not "all sites": leaving the field out includes every site."""
        if not sites:
            raise ValueError("写了空列表,一个项目也不包括;要包括全部项目就不写 sites,否则列出项目 id")
        return sites

    @property
    def lang(self) -> str:
        """The page language: zh (Simplified, mainland), zh-HK or zh-TW."""
        return "zh" if self.script is Script.hans else f"zh-{self.region.value}"
