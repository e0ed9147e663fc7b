"""Where each kind of source lives and which model validates it."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import (Company, Department, Form, Glossary, Instruction, Limits, PriceList,
                             Procedure, Role, Site)
from generator.model.review import Review
from generator.model.base import SourceModel


@dataclass(frozen=True, slots=True)
class Kind:
    name: str  # the Handbook attribute / reference kind
    folder: str | None  # a folder of one-entity files, or None for a single file
    file: str | None
    model: type[SourceModel]
    label: str  # Chinese label for messages and pages


COLLECTIONS: tuple[Kind, ...] = (
    Kind("department", "organisation/departments", None, Department, "部门"),
    Kind("role", "organisation/roles", None, Role, "岗位"),
    Kind("site", "sites", None, Site, "项目"),
    Kind("procedure", "procedures", None, Procedure, "规程"),
    Kind("instruction", "instructions", None, Instruction, "作业指导书"),
    Kind("form", "forms", None, Form, "表单"),
    Kind("price_list", "price-lists", None, PriceList, "收费标准"),
    Kind("review", "reviews", None, Review, "复审记录"),
)
SINGLES: tuple[Kind, ...] = (
    Kind("company", None, "company.yaml", Company, "公司"),
    Kind("glossary", None, "glossary.yaml", Glossary, "术语表"),
    Kind("limits", None, "limits.yaml", Limits, "时限与限额表"),
)
ALL_KINDS = COLLECTIONS + SINGLES
