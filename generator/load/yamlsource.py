"""Bytes -> plain Python data, with the position of every value, refusing what is unsafe.

PyYAML's own constructors silently keep the last of duplicate keys and expand aliases without
bound, so we take libyaml's (C) parse events and build the data ourselves. Every mapping
and sequence built is remembered by identity with its marks, so the model can learn its positions
during validation and error messages can point at any value.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.findings import Finding
from generator.load.characters import near_wide_colon, scan
from generator.model.base import Position

MAX_BYTES = 1024 * 1024  # a source file is a document, not a database
MAX_NODES = 100_000  # values after alias expansion; an alias bomb hits this at once
MAX_DEPTH = 64

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_scalars = yaml.constructor.SafeConstructor()


# Plain (unquoted) values stay the text written: the model's field types read numbers, dates and
# flags by the schema (generator.model.scalars), never by YAML 1.1's implicit typing. Only these
# spellings of "no value" are read as such.
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_SAFE_TAGS = frozenset(t for t in yaml.constructor.SafeConstructor.yaml_constructors if t)
_CONTAINER_TAGS = frozenset({None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})


# A mark is (line, col), counting from 1. Mapping: (file, line, col, {key: value mark}), and its key
# marks apart; sequence: [item mark].
Mark = tuple[int, int]
MappingMarks = tuple[str, int, int, dict[str, Mark]]
Path_ = tuple[str | int, ...]


@dataclass
class Source:
    """One parsed file: its text, its data and the marks of every container in it."""

    file: str
    text: str
    data: Any = None
    marks: dict[int, Any] = field(default_factory=dict)  # id(container) -> marks
    key_marks: dict[int, dict[str, Mark]] = field(default_factory=dict)

    def position(self, path: Path_, key: bool = False) -> Position:
        """Position of the value at ``path`` (of its key when ``key``), or of its nearest ancestor."""
        node, mark = self.data, (1, 1)
        for part in path:
            marks = self.marks.get(id(node))
            if isinstance(node, dict) and marks and isinstance(part, str) and part in node:
                mark = (self.key_marks[id(node)] if key and part == path[-1] else marks[3])[part]
            elif isinstance(node, list) and marks and isinstance(part, int) and part < len(node):
                mark = marks[part]
            else:
                break
            node = node[part]
        return Position(self.file, *mark)


class SourceProblem(Exception):
    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


def read_source(raw: bytes, file: str, size: int | None = None) -> Source:
    """Parse one file; raises SourceProblem with a positioned finding on any defect.

    ``size`` is the file's real size when ``raw`` was read only up to the limit.
    """
    return parse_text(decode(raw, file, size if size is not None else len(raw)), file)


def parse_text(text: str, file: str) -> Source:
    """Parse the decoded text of one file (see ``read_source``)."""
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise SourceProblem(Finding("SRC007", "文件是空的:没有任何内容", Position(file, 1, 1),
                                    hint="删除该文件,或按 schemas/ 中的结构填写内容"))
    odd = scan(text, file)
    if odd is not None:
        raise SourceProblem(odd)
    source = Source(file, text)
    parser = _BaseLoader(text)
    try:
        source.data = _Builder(source, parser.get_event).document()
    except yaml.MarkedYAMLError as exc:
        raise SourceProblem(_syntax_finding(exc, text, file)) from None
    except yaml.reader.ReaderError as exc:
        raise SourceProblem(_reader_finding(exc, text, file)) from None
    except yaml.YAMLError:  # pragma: no cover - libyaml marks its other errors
        raise SourceProblem(Finding("SRC003", "YAML 语法错误: 无法解析", Position(file, 1, 1))) from None
    finally:
        parser.dispose()
    if source.data is None:
        raise SourceProblem(Finding("SRC007", "文件是空的:没有任何内容", Position(file, 1, 1)))
    if not isinstance(source.data, dict):
        raise SourceProblem(Finding("SRC008", "文件顶层必须是键值映射(field: value),而不是列表或单个值",
                                    Position(file, 1, 1)))
    return source


def decode(raw: bytes, file: str, size: int) -> str:
    """The file's text: UTF-8 (a BOM is allowed), not too large, no NUL; else SourceProblem."""
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


# libyaml's problem (a part of its English text) -> what it means here, in Chinese, and the fix.
# "context": the error is at the place libyaml started reading the broken item, where the
# editor's mistake is, rather than at the line where libyaml gave up.
_SYNTAX: tuple[tuple[str, bool, str, str], ...] = (
    ("could not find expected ':'", True, "这一行缺少半角冒号加空格(字段: 值),也不是上一项的延续",
     "字段名后写半角冒号和空格,如 title: 来访接待规程;长文字可写 text: | 后另起缩进的多行"),
    ("mapping values are not allowed", False, "这里不能出现「冒号+空格」:值里含有「: 」,或这一行多缩进了",
     "值里有冒号时给整个值加引号,如 scope: '适用于: 管理处';否则让这一行与同级字段对齐"),
    ("expected ',' or ']'", True, "方括号列表 [ ] 没有闭合", "在列表末尾补上 ],列表项之间用半角逗号分隔"),
    ("expected ',' or '}'", True, "花括号 { } 没有闭合", "在末尾补上 },各项之间用半角逗号分隔"),
    ("found unexpected end of stream", True, "引号没有成对:从这里开始的引号到文件末尾都没有闭合",
     "在值的末尾补上同样的引号(' 或 \")"),
    ("unknown escape character", False, "双引号里的反斜杠 \\ 后面不是合法的转义",
     "改用单引号,或把 \\ 写成 \\\\"),
    ("did not find expected key", False, "缩进没有对齐,或引号结束后还有多余文字",
     "让这一行与同级字段对齐(每级 2 个空格);引号要包住整个值"),
    ("expected '-' indicator", False, "列表中混进了「字段: 值」", "检查缩进;列表的每一项以 - 开头"),
    ("expected node content", False, "这里缺少值,或多了 ] 或 }", "删除多余的括号,或补上值"),
    ("expected <document start>", False, "文档结束标记 ... 之后还有内容", "删除 ... 这一行"),
    ("expected comment or line break", False, "| 或 > 之后只能换行", "把文字移到下一行,并缩进"),
    ("expected alphabetic or numeric character", False, "& 或 * 后面应是名字(锚点/别名)",
     "若这是文字,给整个值加引号"),
    ("unknown directive", False, "以 % 开头的行不是合法内容", "删除这一行,或给它加引号"),
)


def _syntax_finding(exc: yaml.MarkedYAMLError, text: str, file: str) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.split("\n")
    problem = exc.problem or ""
    if "\t" in problem or (0 < line <= len(lines) and "\t" in lines[line - 1][: max(col, 1)]):
        return Finding("SRC004", "用了制表符(Tab)缩进;YAML 只能用空格缩进", Position(file, line, col),
                       hint="把行首的 Tab 换成空格(建议每级 2 个空格)")
    wide = near_wide_colon(text, file, line)
    if wide is not None:
        return wide
    if "cannot start any token" in problem and 0 < line <= len(lines) and col <= len(lines[line - 1]):
        char = lines[line - 1][col - 1]
        return Finding("SRC003", f"「{char}」不能作为值的开头", Position(file, line, col),
                       hint=f"给整个值加引号,如 '{char}…'")
    for known, at_context, message, hint in _SYNTAX:
        if known in problem:
            if at_context and exc.context_mark is not None:
                line, col = exc.context_mark.line + 1, exc.context_mark.column + 1
            return Finding("SRC003", f"YAML 语法错误: {message}", Position(file, line, col), hint=hint)
    return Finding("SRC003", "YAML 语法错误: 无法识别这里的写法", Position(file, line, col),
                   hint="检查缩进、冒号后的空格和引号是否成对")


def describe_syntax_error(exc: yaml.MarkedYAMLError, text: str, file: str) -> Finding:
    """The Chinese finding (SRC003/SRC004, at the editor's line and column) for a YAML syntax error
    in ``text`` of ``file``; callers outside the loader re-code it (mkdocs.yml: CFG002)."""
    return _syntax_finding(exc, text, file)


def _reader_finding(exc: yaml.reader.ReaderError, text: str, file: str) -> Finding:
    """A character libyaml refuses outright (e.g. U+FFFE), at the editor's line and column."""
    found = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
    at = found if found >= 0 else 0  # libyaml counts bytes, the editor characters
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    return Finding("SRC026", f"文件含有不允许的字符 U+{exc.character:04X}" if isinstance(exc.character, int)
                   else "文件含有不允许的字符", Position(file, line, col), hint="删除该字符;它通常来自复制粘贴或损坏的文件")


_Scalar, _Alias = yaml.ScalarEvent, yaml.AliasEvent
_MappingStart, _MappingEnd = yaml.MappingStartEvent, yaml.MappingEndEvent
_SequenceStart, _SequenceEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent


class _Builder:
    """Builds dicts, lists and scalars straight from libyaml's events; records marks; enforces limits.

    Working on events rather than a composed node graph skips a layer of objects, and lets an
    alias count as the whole value it repeats: an alias bomb is refused before it is expanded.
    Plain text, by far the most common value, takes a short path inline in the container loops.
    ``count`` is the number of values so far, aliases expanded: each container adds its length
    when it closes, each alias the size of what it repeats.
    """

    def __init__(self, source: Source, next_event: Any):
        self.source = source
        self.file = source.file
        self.next = next_event
        self.count = 1  # the document's root value
        self.anchors: dict[str, tuple[Any, int]] = {}

    def document(self) -> Any:
        data, documents, next_event = None, 0, self.next
        while True:
            event = next_event()
            kind = type(event)
            if kind is yaml.StreamEndEvent or event is None:
                return data
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise SourceProblem(Finding("SRC003", "一个文件只能有一个 YAML 文档(发现了第二个 ---)",
                                                self._pos(event)))
                data = self.value(next_event(), 0)

    def value(self, event: Any, depth: int) -> Any:
        start = self.count
        kind = type(event)
        if kind is _Scalar:
            result = self._scalar(event)
        elif kind is _Alias:
            if event.anchor not in self.anchors:
                raise SourceProblem(Finding("SRC003", f"未定义的别名 *{event.anchor}", self._pos(event)))
            result, size = self.anchors[event.anchor]
            self.count += size
            self._limit(event)
            return result
        else:
            if event.tag not in _CONTAINER_TAGS:
                raise SourceProblem(Finding("SRC003", f"不允许的 YAML 标签 {event.tag}", self._pos(event)))
            if depth > MAX_DEPTH:
                raise SourceProblem(Finding("SRC006", f"嵌套超过 {MAX_DEPTH} 层,拒绝读取", self._pos(event)))
            if kind is _MappingStart:
                result = self._mapping(event, depth)
            elif kind is _SequenceStart:
                result = self._sequence(event, depth)
            else:  # pragma: no cover - libyaml emits nothing else inside a document
                raise SourceProblem(Finding("SRC003", "无法解析的内容", self._pos(event)))
        if event.anchor:
            self.anchors[event.anchor] = (result, self.count - start)  # what an alias to it adds
        return result

    def _sequence(self, start: Any, depth: int) -> list[Any]:
        items: list[Any] = []
        marks: list[Mark] = []
        next_event, nulls = self.next, _NULLS
        while True:
            event = next_event()
            kind = type(event)
            if kind is _SequenceEnd:
                break
            mark = event.start_mark
            marks.append((mark.line + 1, mark.column + 1))
            if (kind is _Scalar and event.anchor is None and event.tag is None
                    and (not event.implicit[0] or event.value not in nulls)):
                items.append(event.value)  # text, as written
            else:
                items.append(self.value(event, depth + 1))
        self.source.marks[id(items)] = marks
        self.count += len(items)
        self._limit(start)
        return items

    def _mapping(self, start: Any, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        values: dict[str, Mark] = {}
        keys: dict[str, Mark] = {}
        next_event, nulls = self.next, _NULLS
        while True:
            event = next_event()
            kind = type(event)
            if kind is not _Scalar:
                if kind is _MappingEnd:
                    break
                raise SourceProblem(Finding("SRC003", "键必须是简单文本", self._pos(event)))
            key = event.value if event.tag is None else str(self._scalar(event))
            if key in result:
                raise SourceProblem(Finding(
                    "SRC005", f"重复的键 \"{key}\"(第 {keys[key][0]} 行已定义);YAML 会悄悄丢掉前一个值",
                    self._pos(event), hint="删除或合并重复的键"))
            mark = event.start_mark
            keys[key] = (mark.line + 1, mark.column + 1)
            event = next_event()
            mark = event.start_mark
            values[key] = (mark.line + 1, mark.column + 1)
            if (type(event) is _Scalar and event.anchor is None and event.tag is None
                    and (not event.implicit[0] or event.value not in nulls)):
                result[key] = event.value  # text, as written
            else:
                result[key] = self.value(event, depth + 1)
        self.source.marks[id(result)] = (self.file, start.start_mark.line + 1, start.start_mark.column + 1, values)
        self.source.key_marks[id(result)] = keys
        self.count += len(result)
        self._limit(start)
        return result

    def _scalar(self, event: Any) -> Any:
        value, tag = event.value, event.tag
        if tag is None or tag == "!":
            return None if event.implicit[0] and value in _NULLS else value
        if tag not in _SAFE_TAGS:
            raise SourceProblem(Finding("SRC003", f"不允许的 YAML 标签 {tag}", self._pos(event)))
        try:
            return _scalars.yaml_constructors[tag](_scalars, yaml.ScalarNode(tag, value))
        except (yaml.YAMLError, ValueError, TypeError):
            raise SourceProblem(Finding("SRC003", f"值「{value}」不符合它的标签 {tag.rsplit(':', 1)[-1]}",
                                        self._pos(event), hint="删除 !! 标签,直接写值")) from None

    def _limit(self, event: Any) -> None:
        if self.count > MAX_NODES:
            raise SourceProblem(Finding(
                "SRC006", f"内容展开后超过 {MAX_NODES} 个值(可能是别名炸弹 alias bomb),拒绝读取", self._pos(event)))

    def _pos(self, event: Any) -> Position:
        return Position(self.file, event.start_mark.line + 1, event.start_mark.column + 1)
