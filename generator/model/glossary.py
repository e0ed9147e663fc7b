"""Canonical terms and named limits: each defined once, referenced everywhere."""

from __future__ import annotations


from pydantic import Field

from generator.model.base import Id, Line, SourceModel, Text
from generator.model.scalars import Number


class Term(SourceModel):
    term: Line
    variants: list[Line] = Field(default_factory=list, description="Forbidden spellings of the term")
    colloquial: list[Line] = Field(default_factory=list, description="What staff call it (俗称): search finds "
                                   "the term by them; allowed in texts, unlike variants")
    definition: Text | None = None


class Conversion(SourceModel):
    """How a term reads in Traditional Chinese where the converter (opencc s2hk / s2twp) gets it wrong
    or the region words it differently; ``forbidden`` are renderings no converted text may contain."""

    simplified: Line
    hk: Line | None = Field(default=None, description="The term in a Hong Kong edition (default: the converter's)")
    tw: Line | None = Field(default=None, description="The term in a Taiwan edition (default: the converter's)")
    forbidden: list[Line] = Field(default_factory=list, description="Renderings a converted text must not contain")
    note: Text | None = None


class Glossary(SourceModel):
    terms: list[Term] = Field(default_factory=list)
    conversions: list[Conversion] = Field(default_factory=list, description="Term table for Traditional editions")


class Limit(SourceModel):
    """A named limit, e.g. callback within 24 hours, cash at most 50 元."""

    public_fields = frozenset({"id", "name", "value", "unit", "text"})

    id: Id
    name: Line
    value: Number
    unit: Line = Field(description="分钟 / 小时 / 日 / 个月 / 元 / 元每月 / 次 …")
    text: Line = Field(description="How the limit is written in running text, e.g. 24小时内")
    source: Line | None = Field(default=None, description="Where the limit comes from")


class Limits(SourceModel):
    limits: list[Limit] = Field(default_factory=list)
