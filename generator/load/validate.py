"""Plain data -> model objects; pydantic errors -> positioned findings in plain Chinese words.

No text of pydantic's reaches the user: every error type is put in Chinese here, fields are named
as ``生效日期(effective)``, and an id written as a title (``装修申请表``) is completed with the id it
means once the whole handbook is loaded (``complete_hints``).
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.findings import Finding
from generator.load.names import FIELD_NAMES, choices, enum_for_chinese, field_for_chinese, field_label, field_path
from generator.load.yamlsource import Source
from generator.model import kinds as kind_registry
from generator.model.base import CODE_PREFIX_PATTERN, VERSION_PATTERN, SourceModel, shape
from generator.model.scalars import AMBIGUOUS
from generator.suggest import hint_for, names_of


@dataclass(frozen=True, slots=True)
class PendingId(Finding):
    """A finding about text written where an id belongs; its hint waits for the whole handbook."""

    written: str = ""
    kinds: tuple[str, ...] = ()


def validate(source: Source, model: type[SourceModel]) -> tuple[SourceModel | None, list[Finding]]:
    """Validate; every model object learns its position from the source's marks as it is made."""
    try:
        obj = model.model_validate(source.data, context=source.marks)
    except ValidationError as exc:
        errors: list[dict[str, Any]] = [dict(err) for err in exc.errors(include_url=False)]
        # a key written in Chinese ("目的") is one mistake: not also "purpose is missing"
        meant = {(*err["loc"][:-1], field_for_chinese(str(err["loc"][-1]), _fields_at(model, err["loc"][:-1])))
                 for err in errors if err["type"] == "extra_forbidden"}
        return None, [_finding(source, model, err) for err in errors
                      if not (err["type"] == "missing" and tuple(err["loc"]) in meant)]
    return obj, []


def complete_hints(book: Any, findings: list[Finding]) -> list[Finding]:
    """Findings with each ``PendingId`` given its "did you mean" from the loaded ``book``'s tables."""
    done: list[Finding] = []
    for finding in findings:
        if isinstance(finding, PendingId):
            names: dict[str, list[str]] = {}
            for kind in finding.kinds:
                names.update(names_of(book.table(kind)))
            hint = hint_for(finding.written, names) or finding.hint
            finding = Finding(finding.code, finding.message, finding.position, finding.severity, hint)
        done.append(finding)
    return done


def _finding(source: Source, model: type[BaseModel], err: Any) -> Finding:  # err: pydantic ErrorDetails
    loc = tuple(err["loc"])
    kind = err["type"]
    field = field_path(loc)
    if kind == "extra_forbidden":
        return _unknown_field(source, model, loc)
    if kind == "missing":
        return Finding("SCH002", f"缺少必填字段 {field}", source.position(loc[:-1]), hint=_describe(model, loc))
    pos = source.position(loc)
    if kind == AMBIGUOUS:
        return Finding("SCH004", f"{field} 的值有歧义: {err['msg']}", pos, hint=_describe(model, loc))
    explained = _explain(model, loc, err)
    if kind == "string_pattern_mismatch" and (_pattern_of(err) == "ascii" or _pattern_of(err) in ("version", "prefix")
                                              and not str(err.get("input", "")).isascii()):
        return Finding("SCH005", f"{field} 的值无效: {explained}", pos,
                       hint="编号、版本号只能用半角字符;把全角的数字、字母和符号改为半角")
    refers_to = _ref_kinds(model, loc)
    if kind == "string_pattern_mismatch" and _pattern_of(err) == "id" and refers_to:
        written = str(err.get("input", ""))
        return PendingId("SCH003", f"{field} 的值无效: {explained}", pos, hint=_describe(model, loc),
                         written=written, kinds=refers_to)
    return Finding("SCH003", f"{field} 的值无效: {explained}", pos, hint=_describe(model, loc))


def _unknown_field(source: Source, model: type[BaseModel], loc: tuple) -> Finding:
    name = str(loc[-1])
    pos = source.position(loc, key=True)
    allowed = _fields_at(model, loc[:-1])
    meant = field_for_chinese(name, allowed)
    hint: str | None
    if "：" in name:
        hint = "把全角冒号「：」改为半角冒号加空格,写作 " + name.split("：", 1)[0].strip() + ": …"
    elif meant:
        hint = f"字段名要用英文:「{name}」应写作 {meant}({FIELD_NAMES.get(meant, meant)})"
    else:
        guess = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        if guess:
            hint = f"是否想写 \"{guess[0]}\"({FIELD_NAMES.get(guess[0], guess[0])})?"
        else:
            hint = "可用字段: " + "、".join(field_label(a) for a in allowed) if allowed else None
    where = f"(在 {field_path(loc[:-1])} 中)" if loc[:-1] else ""
    return Finding("SCH001", f"未知字段「{name}」{where}", pos, hint=hint)


_MESSAGES = {
    "string_type": "应为文本", "string_sub_type": "应为文本", "string_unicode": "应为文本",
    "int_type": "应为整数", "int_parsing": "应为整数", "int_from_float": "应为整数",
    "float_type": "应为数字", "float_parsing": "应为数字", "finite_number": "应为有限的数",
    "decimal_parsing": "应为数字", "decimal_type": "应为数字", "decimal_max_digits": "位数太多",
    "decimal_max_places": "小数位太多", "decimal_whole_digits": "整数位太多",
    "bool_type": "应为 true 或 false", "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表(每项以 - 开头)", "tuple_type": "应为列表(每项以 - 开头)", "set_type": "应为列表",
    "dict_type": "应为键值映射(字段: 值)", "model_type": "应为键值映射(字段: 值)",
    "model_attributes_type": "应为键值映射(字段: 值)", "dataclass_type": "应为键值映射(字段: 值)",
    "date_type": "应为日期,写作 YYYY-MM-DD", "date_parsing": "应为日期,写作 YYYY-MM-DD",
    "date_from_datetime_parsing": "应为日期,写作 YYYY-MM-DD", "date_from_datetime_inexact": "只写日期,不写时间",
    "datetime_type": "应为日期时间", "datetime_parsing": "应为日期时间",
    "string_too_short": "不能为空", "too_short": "至少需要 {min_length} 项", "too_long": "最多 {max_length} 项",
    "string_too_long": "太长(上限 {max_length} 字)",
    "greater_than": "必须大于 {gt}", "greater_than_equal": "不能小于 {ge}",
    "less_than": "必须小于 {lt}", "less_than_equal": "不能大于 {le}", "multiple_of": "必须是 {multiple_of} 的倍数",
    "none_required": "这里不能有值", "is_instance_of": "类型不对", "literal_error": "不是可选值",
    "enum": "不是可选值", "union_tag_invalid": "类型不对", "frozen_field": "不能修改",
    "value_invalid": "{error}",
}


def _shown(given: Any) -> str:
    if isinstance(given, dict):
        return "一个键值映射"
    if isinstance(given, list):
        return "一个列表"
    text = "空值" if given is None else f"「{given}」"
    return text if len(text) <= 60 else text[:57] + "…」"


def _pattern_of(err: dict[str, Any]) -> str:
    pattern = str((err.get("ctx") or {}).get("pattern", ""))
    exact = _EXACT_PATTERNS.get(pattern)
    if exact:
        return exact
    if "\\x21" in pattern:
        return "ascii"
    if "a-z0-9" in pattern and "#" in pattern:
        return "step"
    if "a-z0-9" in pattern:
        return "id"
    if "年" in pattern:
        return "retention"
    if "sha256" in pattern:
        return "fingerprint"
    return ""


_EXACT_PATTERNS = {VERSION_PATTERN: "version", CODE_PREFIX_PATTERN: "prefix"}  # each field type its own words
_PATTERNS = {
    "prefix": "不是合法编号前缀;写 2 到 8 个半角大写字母,如 HKPM(文件编号写作 HKPM/QP-001)",
    "step": "不是步骤引用;格式为 文档id#步骤id 或 #步骤id",
    "id": "不是合法 id;只能用小写字母、数字和连字符,如 front-desk",
    "version": "不是合法版本号;格式如 A/0、A/1、B/0(半角)",
    "retention": "不是合法保存期限;格式如 2年、6个月、永久(半角数字)",
    "fingerprint": "不是内容指纹;用 handbook review --fingerprints 生成,形如 sha256:0123456789abcdef",
    "ascii": "含有空格、全角或非 ASCII 字符(编号只能用半角字母、数字和符号)",
}


_WIDE_PUNCTUATION = "，、；：【】［］（）“”‘’《》－＿＃／"


def _explain(model: type[BaseModel], loc: tuple, err: dict[str, Any]) -> str:
    kind, ctx = err["type"], err.get("ctx") or {}
    given = err.get("input")
    shown = _shown(given)
    if kind == "enum":
        enum = _model_at(model, loc)
        if isinstance(enum, type) and issubclass(enum, Enum):
            meant = enum_for_chinese(str(given), enum) if isinstance(given, str) else None
            if meant:
                return f"{shown} 要写成英文值,应写作 {meant}"
            return f"{shown} 不是可选值;可选: {choices(enum)}"
        return f"{shown} 不是可选值"
    if kind == "string_pattern_mismatch":
        wide = "".join(dict.fromkeys(c for c in str(given) if not c.isascii() and c in _WIDE_PUNCTUATION))
        note = f"(其中「{wide}」是全角标点,列表请用半角 [a, b])" if wide else ""
        return f"{shown} " + _PATTERNS.get(_pattern_of(err), "格式不对") + note
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", "值不符合要求"))
    if kind == "value_invalid":
        return str(err["msg"])
    template = _MESSAGES.get(kind, "值不符合要求")
    try:
        text = template.format(**ctx)
    except (KeyError, IndexError):
        text = template
    return f"{shown}: {text}" if given is not None and kind != "string_too_short" else text


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
    """What to write in the field at ``loc``, in Chinese: ``生效日期(effective): 日期,写作 2026-03-01``."""
    name = next((p for p in reversed(loc) if isinstance(p, str)), None)
    if name is None:
        return None
    target = _model_at(model, loc[: len(loc) - list(reversed(loc)).index(name)])
    what = _expects(target, name, bool(_ref_kinds(model, loc)))
    return f"{field_label(name)}: {what}" if what else None


def _ref_kinds(model: type[BaseModel], loc: tuple) -> tuple[str, ...]:
    """The kinds the id field at ``loc`` refers to (its ``RefTo`` mark), or () for other fields."""
    names = [p for p in loc if isinstance(p, str)]
    if not names:
        return ()
    name = names[-1]
    owner = _model_at(model, loc[: len(loc) - list(reversed(loc)).index(name) - 1])
    if not (isinstance(owner, type) and issubclass(owner, SourceModel)):
        return ()
    if name in getattr(owner, "same_kind_ids", ()):
        return tuple(k.name for k in kind_registry.kinds() if k.model is owner)
    mark = dict(shape(owner).refs).get(name)
    if mark is None or mark.kind == "step":
        return ()
    if mark.kind == "document":
        return tuple(k.name for k in kind_registry.document_kinds())
    return (mark.kind,)


def _expects(target: Any, name: str, is_ref: bool = False) -> str | None:
    if typing.get_origin(target) is list:
        inner = _expects(_unwrap(typing.get_args(target)[0]), name, is_ref)
        return "列表,每项以 - 开头" + (f";每项是{inner}" if inner else "")
    if isinstance(target, type) and issubclass(target, Enum):
        return "可选: " + choices(target)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return "键值映射,可用字段: " + "、".join(_fields_at(target, ()))
    if target is bool:
        return "true 或 false"
    if target is int:
        return "整数,如 12"
    if getattr(target, "__name__", "") == "Decimal":
        return "数字,如 30 或 12.5(不加单位)"
    if getattr(target, "__name__", "") == "date":
        return "日期,写作 YYYY-MM-DD,如 2026-03-01"
    if is_ref:
        return "id(小写字母、数字和连字符),即对应源文件的文件名"
    if target is str:
        return "文字" + ("(编号、版本号只能用半角字符)" if name in ("code", "version", "code_prefix") else "")
    return None
