"""Bytes -> plain Python data, with the position of every value, refusing what is unsafe.

PyYAML's own constructors silently keep the last of duplicate keys and expand aliases without
bound, so we let (C) libyaml compose the node graph and build the data ourselves.
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

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_scalars = yaml.constructor.SafeConstructor()

Path_ = tuple[str | int, ...]


@dataclass
class Source:
    """One parsed file: its data and where each value (and each mapping key) sits."""

    file: str
    data: Any
    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)

    def position(self, path: Path_) -> Position:
        """Position of ``path``, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            pos = self.values.get(path[:end])
            if pos is not None:
                return pos
        return Position(self.file, 1, 1)


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
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        raise SourceProblem(_syntax_finding(exc, text, file)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml always marks its errors
        raise SourceProblem(Finding("SRC003", f"YAML 语法错误: {exc}", Position(file, 1, 1))) from None
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        raise SourceProblem(Finding("SRC007", "文件是空的:没有任何内容", Position(file, 1, 1)))
    if len(nodes) > 1:
        mark = nodes[1].start_mark
        raise SourceProblem(Finding("SRC003", "一个文件只能有一个 YAML 文档(发现了第二个 ---)",
                                    Position(file, mark.line + 1, mark.column + 1)))
    source = Source(file, None)
    builder = _Builder(source)
    source.data = builder.build(nodes[0], (), 0)
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
    """Builds dicts, lists and scalars from nodes; records positions; enforces the limits."""

    def __init__(self, source: Source):
        self.source = source
        self.count = 0

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.count += 1
        pos = Position(self.source.file, node.start_mark.line + 1, node.start_mark.column + 1)
        if self.count > MAX_NODES:
            raise SourceProblem(Finding("SRC006", f"内容展开后超过 {MAX_NODES} 个值(可能是别名炸弹 alias bomb),拒绝读取", pos))
        if depth > MAX_DEPTH:
            raise SourceProblem(Finding("SRC006", f"嵌套超过 {MAX_DEPTH} 层,拒绝读取", pos))
        self.source.values.setdefault(path, pos)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        try:
            construct = _scalars.yaml_constructors.get(node.tag) or _scalars.yaml_constructors[None]
            return construct(_scalars, node)
        except yaml.YAMLError as exc:
            raise SourceProblem(Finding("SRC003", f"无法解析的值: {getattr(exc, 'problem', exc)}", pos)) from None

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            kpos = Position(self.source.file, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key_node, yaml.ScalarNode):
                raise SourceProblem(Finding("SRC003", "键必须是简单文本", kpos))
            key = str(key_node.value)
            if key in result:
                first = self.source.keys[path + (key,)]
                raise SourceProblem(Finding("SRC005", f"重复的键 \"{key}\"(第 {first.line} 行已定义);YAML 会悄悄丢掉前一个值",
                                            kpos, hint="删除或合并重复的键"))
            self.source.keys[path + (key,)] = kpos
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result
