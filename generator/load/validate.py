"""Plain data -> model objects; pydantic errors -> positioned findings in plain words."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.findings import Finding
from generator.load.yamlsource import Source
from generator.model.base import SourceModel


def validate(source: Source, model: type[SourceModel]) -> tuple[SourceModel | None, list[Finding]]:
    """Validate; every model object learns its position from the source's marks as it is made."""
    try:
        obj = model.model_validate(source.data, context=source.marks)
    except ValidationError as exc:
        return None, [_finding(source, model, err) for err in exc.errors(include_url=False)]
    return obj, []


def _finding(source: Source, model: type[BaseModel], err: dict[str, Any]) -> Finding:
    loc = tuple(err["loc"])
    kind = err["type"]
    field = ".".join(str(p) for p in loc) or "(文件顶层)"
    if kind == "extra_forbidden":
        name = str(loc[-1])
        pos = source.position(loc, key=True)
        allowed = _fields_at(model, loc[:-1])
        guess = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        hint = f"是否想写 \"{guess[0]}\"?" if guess else ("可用字段: " + ", ".join(allowed) if allowed else None)
        return Finding("SCH001", f"未知字段 \"{field}\"", pos, hint=hint)
    if kind == "missing":
        parent = loc[:-1]
        pos = source.position(parent)
        return Finding("SCH002", f"缺少必填字段 \"{field}\"", pos, hint=_describe(model, loc))
    pos = source.position(loc)
    return Finding("SCH003", f"字段 \"{field}\" 的值无效: {_explain(err)}", pos, hint=_describe(model, loc))


_MESSAGES = {
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表(每项以 - 开头)",
    "dict_type": "应为键值映射(field: value)",
    "model_type": "应为键值映射(field: value)",
    "date_type": "应为日期,格式 YYYY-MM-DD",
    "date_parsing": "应为日期,格式 YYYY-MM-DD",
    "date_from_datetime_parsing": "应为日期,格式 YYYY-MM-DD",
    "string_too_short": "不能为空",
    "too_short": "至少需要 {min_length} 项",
    "string_too_long": "太长(上限 {max_length} 字)",
    "greater_than_equal": "不能小于 {ge}",
    "less_than_equal": "不能大于 {le}",
}


def _explain(err: dict[str, Any]) -> str:
    kind, ctx = err["type"], err.get("ctx") or {}
    given = err.get("input")
    shown = repr(given) if not isinstance(given, (dict, list)) else type(given).__name__
    if len(shown) > 60:
        shown = shown[:57] + "..."
    if kind == "enum":
        return f"{shown} 不是可选值;可选: {ctx.get('expected')}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if "a-z0-9" in pattern and "#" in pattern:
            return f"{shown} 不是步骤引用;格式为 文档id#步骤id 或 #步骤id"
        if "a-z0-9" in pattern:
            return f"{shown} 不是合法 id;只能用小写字母、数字和连字符,如 front-desk"
        if "A-Z" in pattern:
            return f"{shown} 不是合法版本号;格式如 A/0、A/1、B/0"
        if "年" in pattern:
            return f"{shown} 不是合法保存期限;格式如 2年、6个月、永久"
        return f"{shown} 格式不符({pattern})"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    template = _MESSAGES.get(kind)
    if template:
        return f"{shown}: " + template.format(**ctx) if given is not None else template.format(**ctx)
    return f"{shown}: {err['msg']}"


def _model_at(model: Any, loc: tuple) -> Any:
    """The model class found by walking ``loc`` from ``model`` (lists and optionals unwrapped)."""
    current = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return None
    return _unwrap(current)


def _unwrap(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        non_none = [a for a in typing.get_args(tp) if a is not type(None)]
        return _unwrap(non_none[0]) if len(non_none) == 1 else tp
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    return tp


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    target = _model_at(model, loc)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return [n for n, f in target.model_fields.items() if not f.exclude]
    return []


def _describe(model: type[BaseModel], loc: tuple) -> str | None:
    parent = _model_at(model, loc[:-1]) if loc else None
    if isinstance(parent, type) and issubclass(parent, BaseModel) and isinstance(loc[-1], str):
        info = parent.model_fields.get(loc[-1])
        if info and info.description:
            return f"{loc[-1]}: {info.description}"
    return None
