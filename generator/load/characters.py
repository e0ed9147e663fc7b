"""Characters an editor cannot see, or sees as something else, found before YAML reads the text.

Chinese input methods type a full-width colon ``：`` and full-width spaces ``U+3000``; Word pastes
line separators ``U+2028``; web pages bring zero-width and no-break spaces; a bad merge leaves
``<<<<<<<`` lines; bidi controls make text read differently from how it is stored (CVE-2021-42574,
"Trojan Source"). YAML either misreads these silently or fails a line later in English. Here each
gets its own code, at the editor's line and column (only ``\\n`` ends a line), names the character
as it looks with its U+ code, and says how to fix it.
"""

from __future__ import annotations

import re
import unicodedata

from generator.findings import Finding
from generator.load.names import FIELD_NAMES, field_for_chinese
from generator.model.base import Position

# Never wanted anywhere in a source: (pattern, code, what it is, how to fix).
_ANYWHERE: tuple[tuple[re.Pattern[str], str, str, str], ...] = (
    (re.compile("[\u2028\u2029\x85\x0b\x0c]"), "SRC022", "Word/网页的换行或分页符",
     "删除该字符并按回车换行;从 Word 或网页粘贴时先粘贴为纯文本"),
    (re.compile("[\u200b-\u200d\u2060-\u2064\ufeff\u180e]"), "SRC023", "零宽字符(看不见,但会让 id 和词语对不上)",
     "删除该字符(可在编辑器中开启“显示不可见字符”);从网页粘贴时先粘贴为纯文本"),
    (re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]"), "SRC024",
     "双向文本控制符(会让文字显示的顺序与实际不同)", "删除该字符;源文件中不需要任何方向控制"),
    (re.compile("[\x01-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]"), "SRC026", "控制字符(不可打印)",
     "删除该字符;它通常来自复制粘贴或损坏的文件"),
)
_CONFLICT = re.compile(r"^(?:<{7}|={7}|>{7}|\|{7})(?:[ \r]|$)", re.MULTILINE)
_SPACES = "\u3000\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
_ODD_SPACE = re.compile(f"[{_SPACES}]")
# A key followed by a full-width colon where the ASCII ": " belongs: "title：测试", "- role：clerk".
_WIDE_COLON_KEY = re.compile(r"^[ \t]*(?:-[ \t]+)*([A-Za-z_][A-Za-z0-9_-]*)[ \t]*：", re.MULTILINE)
_KEY = re.compile(r"[ \t]*(?:-[ \t]+)*[A-Za-z_][A-Za-z0-9_-]*[ \t]*:")  # "  - role:" before an odd space
_WIDE_COLON_FLOW = re.compile(r"\{(?:[^}\n]*,)?[ \t]*([A-Za-z_][A-Za-z0-9_-]*)[ \t]*：")  # "{label：经办人}"
_BLOCK_START = re.compile(r"(?:^|[:\-][ \t]+)[|>][+-]?[0-9]?[ \t]*(?:#.*)?$")


def scan(text: str, file: str) -> Finding | None:
    """The first character problem in ``text`` (see the module doc), or ``None``."""
    found: list[tuple[int, Finding]] = []
    for pattern, code, what, fix in _ANYWHERE:
        match = pattern.search(text)
        if match:
            found.append((match.start(), _finding(text, file, match.start(), code, what, fix)))
    match = _CONFLICT.search(text)
    if match:
        found.append((match.start(), Finding(
            "SRC025", f"git 合并冲突标记「{match.group().strip()}」留在了文件里", _position(text, file, match.start()),
            hint="打开文件,在 <<<<<<< 与 >>>>>>> 之间保留正确的内容,删除三行标记后再提交")))
    # only a field's name: "- APP：业主报修" in a list of text is content (a syntax error still finds it)
    keys = (m for pattern in (_WIDE_COLON_KEY, _WIDE_COLON_FLOW) for m in pattern.finditer(text))
    match = min((m for m in keys if m.group(1) in FIELD_NAMES), key=lambda m: m.end(), default=None)
    if match:
        at = match.end() - 1
        found.append((at, _finding(text, file, at, "SRC020", f"字段 {match.group(1)} 后面用了全角冒号",
                                   f"把「：」改为半角冒号加空格,写作 {match.group(1)}: …")))
    if _ODD_SPACE.search(text):
        space = _structural_space(text)
        if space is not None:
            found.append((space, _finding(text, file, space, "SRC021", "全角空格或不换行空格用在了缩进或分隔处",
                                       "YAML 只认半角空格:把它换成普通空格(缩进每级 2 个空格)")))
    return min(found, key=lambda pair: pair[0])[1] if found else None


def near_wide_colon(text: str, file: str, line: int) -> Finding | None:
    """A key with a full-width colon (``目的：规范``) on or up to 3 lines before ``line``; for syntax errors."""
    lines = text.split("\n")
    for number in range(min(line, len(lines)), max(line - 4, 0), -1):
        match = re.match(r"^([ \t]*(?:-[ \t]+)*)([^\s:：#\-\"'][^\s:：#]{0,15})[ \t]*：", lines[number - 1])
        if match:
            offset = sum(len(ln) + 1 for ln in lines[: number - 1]) + match.end() - 1
            key = match.group(2)
            field = field_for_chinese(key, list(FIELD_NAMES)) if not key.isascii() else key
            written = f"{field}: …" if field else "英文字段名: …"
            return _finding(text, file, offset, "SRC020", f"「{key}」后面用了全角冒号",
                            "把「：」改为半角冒号加空格" + (";字段名要用英文" if key != field else "") + f",写作 {written}")
    return None


def _structural_space(text: str) -> int | None:
    """Offset of the first odd space used as indentation or as the space after ``key:`` or ``-``.

    Lines inside a block scalar (after ``key: |``) are text, where a full-width space is content.
    """
    offset, block_indent = 0, -1
    for line in text.split("\n"):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if block_indent >= 0 and (not stripped or indent > block_indent):
            offset += len(line) + 1
            continue
        block_indent = -1
        for match in _ODD_SPACE.finditer(line):
            at = match.start()
            if (not line[:at].strip(" \t-" + _SPACES) or _KEY.fullmatch(line[:at] + ":" * (line[at + 1:at + 2] == ":"))
                    or _KEY.fullmatch(line[:at])):
                return offset + at
        if _BLOCK_START.search(line.split(" #")[0].rstrip()):
            block_indent = indent
        offset += len(line) + 1
    return None


def _position(text: str, file: str, offset: int) -> Position:
    line = text.count("\n", 0, offset) + 1
    return Position(file, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


_NAMES = {
    "\u3000": "全角空格", "\u00a0": "不换行空格", "\uff1a": "全角冒号", "\u2028": "行分隔符", "\u2029": "段分隔符",
    "\x85": "下一行符 NEL", "\x0b": "垂直制表符", "\x0c": "换页符", "\u200b": "零宽空格", "\u200c": "零宽非连接符",
    "\u200d": "零宽连接符", "\u2060": "零宽词连接符", "\ufeff": "零宽不换行空格(BOM)", "\u202a": "从左到右嵌入",
    "\u202b": "从右到左嵌入", "\u202c": "方向格式结束", "\u202d": "从左到右覆盖", "\u202e": "从右到左覆盖",
    "\u2066": "从左到右隔离", "\u2067": "从右到左隔离", "\u2068": "首强隔离", "\u2069": "方向隔离结束",
    "\u200e": "从左到右标记", "\u200f": "从右到左标记", "\u061c": "阿拉伯字母标记", "\u202f": "窄不换行空格",
}


def _finding(text: str, file: str, offset: int, code: str, what: str, fix: str) -> Finding:
    char = text[offset]
    name = _NAMES.get(char) or unicodedata.name(char, "").lower()
    visible = char.isprintable() or unicodedata.category(char) == "Zs"  # a wide blank looks like one
    shown = f"「{char}」" if visible and char not in "\u200b\u2060\ufeff" else "(看不见)"
    label = f"U+{ord(char):04X}" + (f" {name}" if name else "")
    return Finding(code, f"{what}: {shown} {label}", _position(text, file, offset), hint=fix)
