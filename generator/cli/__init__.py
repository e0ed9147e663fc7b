"""The ``handbook`` command line. Exit codes: 0 fine, 1 rule errors, 2 invalid sources or usage.

One registry of sub-commands (``@command``), one way out: a command returns an exit code or raises
``Exit`` (or generator.context.SourcesFailed); ``main`` turns every failure into a message and an
exit code, never a traceback. Findings are printed by generator.cli.output, always the same way.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import os
import re
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

from generator.cli import argwords

EXIT_OK, EXIT_RULES, EXIT_SOURCES = 0, 1, 2

Command = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, Command] = {}


class Exit(Exception):
    """Stop the command with ``code``; ``message`` (Chinese, one line) goes to stderr (``usage`` above it)."""

    def __init__(self, code: int, message: str = "", usage: str = ""):
        super().__init__(message)
        self.code, self.message, self.usage = code, message, usage


def command(name: str) -> Callable[[Command], Command]:
    """Register the function that runs sub-command ``name``."""
    def register(func: Command) -> Command:
        COMMANDS[name] = func
        return func
    return register


class _Parser(argparse.ArgumentParser):
    """argparse in Chinese: its own words from generator.cli.argwords; usage errors exit 2, no traceback."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", argwords.HelpFormatter)
        add_help, kwargs["add_help"] = kwargs.get("add_help", True), False  # its -h is added in Chinese
        super().__init__(*args, **kwargs)
        if add_help:
            argwords.chinese_groups(self)

    def error(self, message: str) -> None:  # type: ignore[override]
        command = " ".join(self.prog.split()[1:])
        raise Exit(EXIT_SOURCES, f"用法错误: {argwords.usage_error(message)}"
                                 f"(handbook {command + ' ' if command else ''}--help 查看用法)",
                   usage=self.format_usage())


# The operating system's reasons (its English strerror) in Chinese, by errno.
_OS_REASONS = {errno.EROFS: "只读的文件系统", errno.EACCES: "没有读写权限", errno.EPERM: "不允许这样操作",
               errno.ENOSPC: "磁盘空间已满", errno.EDQUOT: "超出磁盘配额", errno.ENOENT: "文件或文件夹不存在",
               errno.EISDIR: "这是一个文件夹,不是文件", errno.ENOTDIR: "路径中有一段不是文件夹",
               errno.ENAMETOOLONG: "路径太长", errno.EBUSY: "文件正被占用", errno.EIO: "磁盘读写出错"}


def date_arg(text: str) -> dt.date:
    """An argparse type: a calendar date written YYYY-MM-DD."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)  # Python also reads 20260101 and 2026-W01-1; a person writes 2026-01-01
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"不是日期(应写作 YYYY-MM-DD): {text!r}") from None


def workers_arg(text: str) -> int:
    """An argparse type: a number of worker processes, 1 to 64."""
    if not text.isdigit() or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError(f"进程数要写 1 到 64 的整数: {text!r}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="handbook",
        description="从 YAML 源文件检查并生成物业服务手册: 网站、表单 PDF、收费标准公示和手册打印版。"
                    "在当前文件夹的项目上工作,或在 --project 指定的项目上工作。",
        epilog="退出码: 0 全部正常,1 有一致性错误,2 源文件无效或命令用错。"
               "每个命令的用法: handbook COMMAND --help(如 handbook build --help)。",
    )
    parser.add_argument("--project", type=Path, default=Path("."), metavar="DIR",
                        help="项目文件夹,内有 procedures/、forms/ 等(默认: 当前文件夹)")
    subs = parser.add_subparsers(dest="command", title="命令", metavar="COMMAND", parser_class=_Parser)
    from generator.cli import build, check, edition, pages, prints, review, serve

    check.register(subs)
    check.register_new(subs)
    build.register(subs)
    prints.register(subs)
    review.register(subs)
    edition.register(subs)
    serve.register(subs)
    pages.register(subs)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a terminal without UTF-8 still gets every line, never a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    words = list(sys.argv[1:] if argv is None else argv)
    as_json = "--format=json" in words or any(a == "--format" and b == "json" for a, b in zip(words, words[1:]))
    from generator.cli.output import print_findings
    from generator.context import SourcesFailed
    from generator.findings import SourceError

    try:
        return _run(words)
    except Exit as stop:
        if as_json:  # a caller that asked for JSON always gets a JSON document
            from generator.findings import Finding

            print_findings([Finding("USAGE", stop.message)], stop.code, "json")
        else:
            print(f"{stop.usage}handbook: {stop.message}" if stop.message else stop.usage, end="\n" if stop.message else "",
                  file=sys.stderr)
        return stop.code
    except SourcesFailed as failed:
        print_findings(failed.findings, failed.code)
        return failed.code
    except SourceError as stopped:  # a build stage stopped: mkdocs.yml unusable, Graphviz missing (CFG00x)
        print_findings(stopped.findings, EXIT_SOURCES, "json" if as_json else "text")
        return EXIT_SOURCES
    except BrokenPipeError:  # output piped into head/less that quit early
        return EXIT_OK
    except KeyboardInterrupt:
        print("handbook: 已中断", file=sys.stderr)
        return 130
    except OSError as exc:  # read-only project, full disk, unreadable folder
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"handbook: 无法读写文件{where}: {_OS_REASONS.get(exc.errno or 0, '系统拒绝了这次读写')}\n"
              "    提示: 检查该处的读写权限和磁盘空间;输出文件夹可用 --out 换一个", file=sys.stderr)
        return EXIT_SOURCES
    except Exception as exc:  # a defect of the generator: say so in one line, never a traceback
        if os.environ.get("HANDBOOK_DEBUG"):
            raise
        print(f"handbook: 内部错误({type(exc).__name__}: {exc})。这是生成器的缺陷,不是源文件的错误;"
              "请把这条消息和所用命令报告给手册维护人员(HANDBOOK_DEBUG=1 显示详细信息)", file=sys.stderr)
        return EXIT_SOURCES


def _run(words: list[str]) -> int:
    parser = build_parser()
    args, unknown = parser.parse_known_args(words)
    if unknown:  # told by the sub-command's parser: its usage and its --help, not the top-level ones
        subs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        subs.choices.get(args.command, parser).error(f"不认识的参数: {' '.join(unknown)}")
    if not args.command:  # the help, then why it is not a run (exit 2, as every usage error)
        parser.print_help()
        sys.stdout.flush()
        raise Exit(EXIT_SOURCES, "缺少命令: 写上面列出的一个命令,如 handbook check")
    if not args.project.is_dir():
        raise Exit(EXIT_SOURCES, f"找不到项目文件夹: {args.project}")
    return COMMANDS[args.command](args)
