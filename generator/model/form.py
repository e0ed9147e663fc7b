"""Forms (登记表 / 记录表): what an office prints and fills in."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from generator.model.base import Line, Retention, SourceModel, Text
from generator.model.document import Document
from generator.model.scalars import Flag, Int


class Paper(str, Enum):
    A3 = "A3"
    A4 = "A4"
    A5 = "A5"


class Orientation(str, Enum):
    portrait = "portrait"
    landscape = "landscape"


class FieldType(str, Enum):
    """What is written in a blank; sets its least printed width (render/print/formtext.py)."""

    phone = "phone"
    idno = "idno"  # 身份证号, 账号: 18 digits and more
    address = "address"
    name = "name"
    date = "date"
    money = "money"
    number = "number"  # 序号, 数量: a few digits
    text = "text"


class Field_(SourceModel):
    """A labelled blank: a header field or a table column. ``width`` is a relative share."""

    public_fields = frozenset({"label", "width", "hint"})

    label: Line
    width: Int = Field(default=1, ge=1, le=12)
    hint: Line | None = None
    type: FieldType | None = Field(default=None, description="phone / idno / address / name / date / money / number / text; "
                                                             "read from the label when absent (电话 → phone …)")


INSTRUCTIONS_WORDS = frozenset({"填表说明", "填表說明", "填表説明"})  # omit's keyword, in each script an edition converts it to


class Copy(SourceModel):
    public_fields = frozenset({"label", "note"})

    label: Line = Field(description="e.g. 存根联")
    note: Line | None = None
    omit: list[Line] = Field(default_factory=list, description="Labels of fields, boxes or signatures left blank "
                                                               "on this copy (e.g. internal rules on the 客户联); "
                                                               "填表说明 leaves out the instructions")

    @property
    def omits_instructions(self) -> bool:
        """``omit`` names 填表说明 (as written, or as a Traditional edition converted it)."""
        return bool(INSTRUCTIONS_WORDS & set(self.omit))


class Signature(SourceModel):
    public_fields = frozenset({"label", "date"})

    label: Line = Field(description="e.g. 经办人")
    date: Flag = Field(default=True, description="Print 年 月 日 beside the signature")


class Form(Document):
    public_fields = Document.public_fields | {"paper", "orientation", "copies", "serial", "fields", "columns", "rows",
                                              "sections", "signatures", "retention", "instructions"}

    paper: Paper = Paper.A4
    orientation: Orientation = Orientation.portrait
    copies: list[Copy] = Field(default_factory=list, description="Multi-copy forms: one printed page per copy")
    serial: Flag = Field(default=False, description="Print a serial number box (NO.)")
    fields: list[Field_] = Field(default_factory=list, description="Header fields above the table")
    columns: list[Field_] = Field(default_factory=list, description="Table columns")
    rows: Int = Field(default=0, ge=0, le=200, description="Blank rows; 0 fills the page")
    sections: list[Field_] = Field(default_factory=list, description="Free-text boxes below the table")
    signatures: list[Signature] = Field(default_factory=list)
    retention: Retention | None = None
    instructions: list[Text] = Field(default_factory=list, description="填表说明 printed on the form")
