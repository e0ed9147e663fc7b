"""Bytes -> plain Python data, with the position of every value, refusing what is unsafe.

PyYAML's own constructors silently keep the last of duplicate keys and expand aliases without
bound, so we let (C) libyaml compose the node graph and build the data ourselves. Every mapping
and sequence built is remembered by identity with its marks, so the model can learn its positions
during validation and error messages can point at any value.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.findings import Finding
from generator.model.base import Position

MAX_BYTES = 1024 * 1024  # a source file is a document, not a database
MAX_NODES = 100_000  # values after alias expansion; an alias bomb hits this at once
MAX_DEPTH = 64

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_scalars = yaml.constructor.SafeConstructor()
_STR = "tag:yaml.org,2002:str"


_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_SAFE_TAGS = frozenset(t for t in yaml.constructor.SafeConstructor.yaml_constructors if t)
_CONTAINER_TAGS = frozenset({None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})


# mapping: (file, line, col, {key: (value line, value col)}) plus key marks; sequence: item marks
MappingMarks = tuple[str, int, int, dict[str, tuple[int, int]]]
Path_ = tuple[str | int, ...]


@dataclass
class Source:
    """One parsed file: its text, its data and the marks of every container in it."""

    file: str
    text: str
    data: Any = None
    marks: dict[int, Any] = field(default_factory=dict)  # id(container) -> marks
    key_marks: dict[int, dict[str, tuple[int, int]]] = field(default_factory=dict)

    def position(self, path: Path_, key: bool = False) -> Position:
        """Position of the value at ``path`` (of its key when ``key``), or of its nearest ancestor."""
        node, line, col = self.data, 1, 1
        for part in path:
            marks = self.marks.get(id(node))
            if isinstance(node, dict) and marks and part in node:
                source = self.key_marks[id(node)] if key and part == path[-1] else marks[3]
                line, col = source[part]  # type: ignore[index]
            elif isinstance(node, list) and marks and isinstance(part, int) and part < len(node):
                line, col = marks[part]
            else:
                break
            node = node[part]
        return Position(self.file, line, col)


class SourceProblem(Exception):
    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


def read_source(raw: bytes, file: str, size: int | None = None) -> Source:
    """Parse one file; raises SourceProblem with a positioned finding on any defect.

    ``size`` is the file's real size when ``raw`` was read only up to the limit.
    """
    text = _decode(raw, file, size if size is not None else len(raw))
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise SourceProblem(Finding("SRC007", "文件是空的:没有任何内容", Position(file, 1, 1),
                                    hint="删除该文件,或按 schemas/ 中的结构填写内容"))
    source = Source(file, text)
    try:
        source.data = _Builder(source, yaml.parse(text, Loader=_BaseLoader)).document()
    except yaml.MarkedYAMLError as exc:
        raise SourceProblem(_syntax_finding(exc, text, file)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml always marks its errors
        raise SourceProblem(Finding("SRC003", f"YAML 语法错误: {exc}", Position(file, 1, 1))) from None
    if source.data is None:
        raise SourceProblem(Finding("SRC007", "文件是空的:没有任何内容", Position(file, 1, 1)))
    if not isinstance(source.data, dict):
        raise SourceProblem(Finding("SRC008", "文件顶层必须是键值映射(field: value),而不是列表或单个值",
                                    Position(file, 1, 1)))
    return source


def _decode(raw: bytes, file: str, size: int) -> str:
    if size > MAX_BYTES:
        raise SourceProblem(Finding(
            "SRC002", f"文件过大({size / 1048576:.1f} MB,上限 {MAX_BYTES // 1048576} MB),拒绝读取",
            Position(file, 1, 1), hint="一个源文件只描述一个文档;请拆分或删除无关内容"))
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise SourceProblem(Finding("SRC001", "文件是 UTF-16/UTF-32 编码,源文件必须是 UTF-8",
                                    Position(file, 1, 1), hint="用编辑器“另存为 UTF-8”"))
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        try:
            raw.decode("gb18030")
            what = "看起来是 GBK/GB18030 编码(Windows 中文默认)"
        except UnicodeDecodeError:
            what = "不是有效的 UTF-8"
        raise SourceProblem(Finding("SRC001", f"文件{what},源文件必须是 UTF-8 编码",
                                    Position(file, line, col), hint="用编辑器“另存为 UTF-8”后再提交")) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise SourceProblem(Finding("SRC001", "文件含有 NUL 字符,不是文本文件", Position(file, line, 1)))
    return text


def _syntax_finding(exc: yaml.MarkedYAMLError, text: str, file: str) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    problem = exc.problem or "无法解析"
    if "\t" in problem or (0 < line <= len(lines) and "\t" in lines[line - 1][: max(col, 1)]):
        return Finding("SRC004", "用了制表符(Tab)缩进;YAML 只能用空格缩进", Position(file, line, col),
                       hint="把行首的 Tab 换成空格(建议每级 2 个空格)")
    return Finding("SRC003", f"YAML 语法错误: {problem}", Position(file, line, col),
                   hint="检查缩进、冒号后的空格和引号是否成对")


class _Builder:
    """Builds dicts, lists and scalars straight from libyaml's events; records marks; enforces limits.

    Working on events rather than a composed node graph skips a layer of objects, and lets an
    alias count as the whole value it repeats: an alias bomb is refused before it is expanded.
    """

    def __init__(self, source: Source, events: Any):
        self.source = source
        self.file = source.file
        self.events = iter(events)
        self.count = 0
        self.anchors: dict[str, tuple[Any, int]] = {}

    def document(self) -> Any:
        data = None
        documents = 0
        for event in self.events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise SourceProblem(Finding("SRC003", "一个文件只能有一个 YAML 文档(发现了第二个 ---)",
                                                self._pos(event)))
                data = self.value(next(self.events), 0)
        return data

    def value(self, event: Any, depth: int) -> Any:
        start = self.count
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            what = (f"内容展开后超过 {MAX_NODES} 个值(可能是别名炸弹 alias bomb)" if self.count > MAX_NODES
                    else f"嵌套超过 {MAX_DEPTH} 层")
            raise SourceProblem(Finding("SRC006", f"{what},拒绝读取", self._pos(event)))
        kind = type(event)
        if kind is not yaml.ScalarEvent and getattr(event, "tag", None) not in _CONTAINER_TAGS:
            raise SourceProblem(Finding("SRC003", f"不允许的 YAML 标签 {event.tag}", self._pos(event)))
        if kind is yaml.ScalarEvent:
            result = self._scalar(event)
        elif kind is yaml.MappingStartEvent:
            result = self._mapping(event, depth)
        elif kind is yaml.SequenceStartEvent:
            result = self._sequence(depth)
        elif kind is yaml.AliasEvent:
            if event.anchor not in self.anchors:
                raise SourceProblem(Finding("SRC003", f"未定义的别名 *{event.anchor}", self._pos(event)))
            result, size = self.anchors[event.anchor]
            self.count += size
            if self.count > MAX_NODES:
                raise SourceProblem(Finding(
                    "SRC006", f"内容展开后超过 {MAX_NODES} 个值(可能是别名炸弹 alias bomb),拒绝读取", self._pos(event)))
            return result
        else:  # pragma: no cover - libyaml emits nothing else inside a document
            raise SourceProblem(Finding("SRC003", "无法解析的内容", self._pos(event)))
        if getattr(event, "anchor", None):
            self.anchors[event.anchor] = (result, self.count - start)
        return result

    def _sequence(self, depth: int) -> list[Any]:
        items: list[Any] = []
        marks: list[tuple[int, int]] = []
        for event in self.events:
            kind = type(event)
            if kind is yaml.SequenceEndEvent:
                break
            mark = event.start_mark
            marks.append((mark.line + 1, mark.column + 1))
            if kind is yaml.ScalarEvent and not event.anchor and event.tag is None and not event.implicit[0]:
                self.count += 1
                items.append(event.value)  # quoted text: the common case, no resolving needed
            else:
                items.append(self.value(event, depth + 1))
        self.source.marks[id(items)] = marks
        return items

    def _mapping(self, start: Any, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        values: dict[str, tuple[int, int]] = {}
        keys: dict[str, tuple[int, int]] = {}
        events, scalar = self.events, yaml.ScalarEvent
        for key_event in events:
            kind = type(key_event)
            if kind is yaml.MappingEndEvent:
                break
            mark = key_event.start_mark
            kmark = (mark.line + 1, mark.column + 1)
            if kind is not scalar:
                raise SourceProblem(Finding("SRC003", "键必须是简单文本", Position(self.file, *kmark)))
            key = key_event.value if key_event.tag is None else str(self._scalar(key_event))
            if key in result:
                raise SourceProblem(Finding(
                    "SRC005", f"重复的键 \"{key}\"(第 {keys[key][0]} 行已定义);YAML 会悄悄丢掉前一个值",
                    Position(self.file, *kmark), hint="删除或合并重复的键"))
            value_event = next(events)
            keys[key] = kmark
            mark = value_event.start_mark
            values[key] = (mark.line + 1, mark.column + 1)
            if (type(value_event) is scalar and not value_event.anchor and value_event.tag is None
                    and not value_event.implicit[0]):
                self.count += 1
                result[key] = value_event.value  # quoted text
            else:
                result[key] = self.value(value_event, depth + 1)
        self.source.marks[id(result)] = (self.file, start.start_mark.line + 1, start.start_mark.column + 1, values)
        self.source.key_marks[id(result)] = keys
        return result

    def _scalar(self, event: Any) -> Any:
        value, tag = event.value, event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:
                return value  # quoted: always text
            resolvers = _RESOLVERS.get(value[:1] if value else "")
            if not resolvers:
                return value
            tag = _STR
            for candidate, regexp in resolvers:
                if regexp.match(value):
                    tag = candidate
                    break
            if tag == _STR:
                return value
        if tag not in _SAFE_TAGS:
            raise SourceProblem(Finding("SRC003", f"不允许的 YAML 标签 {tag}", self._pos(event)))
        try:
            return _scalars.yaml_constructors[tag](_scalars, yaml.ScalarNode(tag, value))
        except (yaml.YAMLError, ValueError, TypeError) as exc:
            raise SourceProblem(Finding("SRC003", f"无法解析的值 {value!r}: {getattr(exc, 'problem', exc)}",
                                        self._pos(event))) from None

    def _pos(self, event: Any) -> Position:
        return Position(self.file, event.start_mark.line + 1, event.start_mark.column + 1)

