"""Every scalar field of every kind of source reads its value by the schema's rules, and has a Chinese name."""

from __future__ import annotations

import datetime as dt
import typing
from decimal import Decimal
from enum import Enum
from typing import Any, Iterator

import pytest
from pydantic import BaseModel
from pydantic.functional_validators import BeforeValidator

from generator.model.kinds import kinds
from generator.load.names import FIELD_NAMES
from generator.model.scalars import AMBIGUOUS, to_date, to_flag, to_int, to_number
from pydantic_core import PydanticCustomError

STRICT = {to_int, to_number, to_flag, to_date}


def _fields() -> Iterator[tuple[str, str, Any]]:
    seen: set[type] = set()
    todo: list[type[BaseModel]] = [kind.model for kind in kinds()]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            if info.exclude:
                continue
            yield model.__name__, name, info
            for leaf in _leaves(info.annotation):
                if isinstance(leaf, type) and issubclass(leaf, BaseModel):
                    todo.append(leaf)


def _leaves(tp: Any) -> Iterator[Any]:
    args = typing.get_args(tp)
    if typing.get_origin(tp) is typing.Annotated:
        yield tp
    elif args:
        for arg in args:
            yield from _leaves(arg)
    else:
        yield tp


def _reader(leaf: Any) -> Any:
    if typing.get_origin(leaf) is typing.Annotated:
        base, *meta = typing.get_args(leaf)
        strict = [m.func for m in meta if isinstance(m, BeforeValidator)]
        return (base, strict[0] if strict else None)
    return (leaf, None)


def test_no_number_date_or_flag_field_is_read_by_pydantic_or_yaml_alone() -> None:
    """int, Decimal, float, bool and date fields must use Int, Number, Flag and Date (generator.model.scalars)."""
    loose = []
    for model, name, info in _fields():
        outer = [m.func for m in info.metadata if isinstance(m, BeforeValidator)]  # pydantic moves it here
        for leaf in _leaves(info.annotation):
            base, reader = _reader(leaf)
            if base in (int, float, Decimal, bool, dt.date, dt.datetime) and (reader or next(iter(outer), None)) \
                    not in STRICT:
                loose.append(f"{model}.{name}: {base.__name__}")
    assert not loose, loose


def test_every_field_has_a_chinese_name() -> None:
    assert not sorted({name for _, name, _ in _fields()} - set(FIELD_NAMES))


@pytest.mark.parametrize("reader, written, value", [
    (to_int, "12", 12), (to_int, "-3", -3), (to_int, "0", 0), (to_number, "30", Decimal(30)),
    (to_number, "12.50", Decimal("12.50")), (to_number, "0.5", Decimal("0.5")), (to_flag, "true", True),
    (to_flag, "False", False), (to_date, "2026-03-01", dt.date(2026, 3, 1)), (to_date, "2024-02-29", dt.date(2024, 2, 29)),
])
def test_plain_values_read(reader: Any, written: str, value: Any) -> None:
    assert reader(written) == value


@pytest.mark.parametrize("reader, written, ambiguous, fix", [
    (to_int, "010", True, "10"), (to_int, "0o17", True, ""), (to_int, "1_000", True, ""), (to_int, "１２", True, "12"),
    (to_int, "12.5", False, ""), (to_number, "1e309", True, ""), (to_number, "2.5E2", True, "250"),
    (to_number, ".inf", True, ""), (to_number, "NaN", True, ""), (to_number, "1:30", True, ""),
    (to_number, "0030", True, "30"), (to_number, "30.", False, ""), (to_number, "30 元", False, ""),
    (to_flag, "yes", True, "true"), (to_flag, "NO", True, "false"), (to_flag, "off", True, "false"),
    (to_flag, "1", False, "true"), (to_date, "20260301", True, "2026-03-01"), (to_date, "2026-3-1", False, "2026-03-01"),
    (to_date, "2026-02-29", False, "28"), (to_date, "2026-00-10", False, ""), (to_date, "9999-12-31", False, ""),
    (to_date, dt.datetime(2026, 3, 1, 8), False, "2026-03-01"), (to_date, "１９９９-０１-０１", True, "1999-01-01"),
])
def test_refused_values_say_what_to_write(reader: Any, written: Any, ambiguous: bool, fix: str) -> None:
    with pytest.raises(PydanticCustomError) as caught:
        reader(written)
    assert (caught.value.type == AMBIGUOUS) is ambiguous
    assert fix in caught.value.message()
    assert any("\u4e00" <= c <= "\u9fff" for c in caught.value.message())


def test_enums_have_chinese_words() -> None:
    from generator.model.document import Status
    from generator.model.price_list import Building, Fee
    from generator.model.review import Decision
    from generator.model.words import ALIASES, WORDS, said, word
    enums = {leaf for _, _, info in _fields() for leaf in _leaves(info.annotation)
             if isinstance(leaf, type) and issubclass(leaf, Enum)}
    for enum in enums:
        assert set(WORDS.get(enum, {})) == {str(m.value) for m in enum}, enum  # every value has its word
        spoken = [w for m in enum for w in set(said(m))]
        assert len(spoken) == len(set(spoken)), enum  # within one enumeration, a word means one value
    assert all(set(ALIASES[e]) <= set(WORDS[e]) for e in ALIASES)
    # equal values of different enumerations keep their own words (str enums compare equal as keys)
    assert (word(Status.approved), word(Decision.approved)) == ("现行有效", "通过")
    assert (word(Fee.parking), word(Building.parking)) == ("停车服务费", "车位")