"""argparse's own words in Chinese, in one place: the help layout and the usage-error sentences.

The ``handbook`` parser (generator.cli._Parser) takes its group titles and ``-h`` help from here, its
``formatter_class`` is ``HelpFormatter`` (the ``用法:`` prefix, lines wrapped by display width: a
Chinese character takes two columns, a line may break between two of them but never before a closing
or after an opening punctuation mark), and its ``error`` translates the message with ``usage_error``.
Nothing of the argparse module itself is changed. Written for Python 3.11's argparse.
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from typing import Iterable

USAGE_PREFIX = "用法: "
POSITIONALS_TITLE = "位置参数"
OPTIONS_TITLE = "选项"
HELP_HELP = "显示本帮助并退出"

# argparse's error sentences (Python 3.11, Lib/argparse.py), longest first where one holds another.
_ERROR_WORDS = (("the following arguments are required", "缺少参数"), ("unrecognized arguments", "不认识的参数"),
                ("invalid choice", "不是可选的值"), ("(choose from", "(可选"),
                ("expected at most one argument", "最多只能有一个值"), ("expected at least one argument", "至少需要一个值"),
                ("expected one argument", "需要一个值"), ("ignored explicit argument", "不带值,却写了值"),
                ("invalid int value", "不是整数"), ("not allowed with argument", "不能与此参数同用"),
                ("ambiguous option", "有歧义的选项"), (" could match ", " 可能是 "), ("argument ", "参数 "))

_CLOSING = set(",。、;:!?)」』》】”’,.;:!?)]}")  # never at the start of a line
_OPENING = set("(「『《【“‘([{")  # never at the end of a line
# One token: a run of spaces, a run of characters that are neither spaces nor wide, or one wide character.
_TOKEN = re.compile(r"\s+|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+|.")


def usage_error(message: str) -> str:
    """argparse's English error ``message`` with its own words in Chinese (names and values kept)."""
    for english, chinese in _ERROR_WORDS:
        message = message.replace(english, chinese)
    return message


def display_width(text: str) -> int:
    """Terminal columns of ``text``: 2 for a wide or full-width character (East Asian Width W/F), else 1."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int) -> list[str]:
    """``text`` (spaces collapsed) in lines of at most ``width`` columns; a token wider than that stands alone."""
    lines: list[str] = []
    line = ""
    for token in _glued(_TOKEN.findall(" ".join(text.split()))):
        if token == " ":
            line += " " if line else ""
        elif line.strip() and display_width(line + token) > width:
            lines.append(line.rstrip())
            line = token
        else:
            line += token
    return lines + [line.rstrip()] if line.strip() else lines


def _glued(tokens: Iterable[str]) -> list[str]:
    """Tokens with each closing mark joined to the one before it and each opening mark to the one after."""
    out: list[str] = []
    for token in tokens:
        if out and out[-1] != " " and token != " " and (token[0] in _CLOSING or out[-1][-1] in _OPENING):
            out[-1] += token
        else:
            out.append(token)
    return out


class HelpFormatter(argparse.HelpFormatter):
    """argparse's layout with the ``用法:`` prefix and Chinese text wrapped by display width."""

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, USAGE_PREFIX if prefix is None else prefix)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width - len(indent)))


def chinese_groups(parser: argparse.ArgumentParser) -> None:
    """Give a parser made with ``add_help=False`` its Chinese group titles and a Chinese ``-h, --help``."""
    parser._positionals.title = POSITIONALS_TITLE
    parser._optionals.title = OPTIONS_TITLE
    parser.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP_HELP)
