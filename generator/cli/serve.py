"""``handbook serve``: the live preview of the staff site on 127.0.0.1 (generator.preview)."""

from __future__ import annotations

import argparse
import errno
import signal
from types import FrameType

from generator.cli import EXIT_OK, EXIT_SOURCES, Exit, command, date_arg


def register(subs: argparse._SubParsersAction) -> None:
    serve = subs.add_parser("serve", help="在 127.0.0.1 上实时预览: 每次保存后页面随之更新,错误显示在页面上",
                            description="生成员工网站,在 127.0.0.1 上提供预览;每保存一个源文件就重新检查,"
                                        "只重新生成改动的页面;错误显示在页面上,直到改正。按 Ctrl-C 停止。")
    serve.add_argument("--port", type=int, default=8000, metavar="N", help="127.0.0.1 上的端口(默认: 8000;0: 任一空闲端口)")
    serve.add_argument("--today", type=date_arg, default=None, metavar="YYYY-MM-DD",
                       help="按哪一天生成页面: 复审状态、本季度(默认: 今天)")


@command("serve")
def _serve(args: argparse.Namespace) -> int:
    from generator.preview.session import Preview

    if not 0 <= args.port <= 65535:
        raise Exit(EXIT_SOURCES, f"端口应在 0-65535 之间: {args.port}")
    try:
        preview = Preview(args.project, args.port, args.today)
    except OSError as exc:
        raise Exit(EXIT_SOURCES, f"无法在 127.0.0.1:{args.port} 上提供预览({_port_reason(exc)});"
                                 "用 --port 换一个端口(--port 0:任一空闲端口)") from None
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C, even when started where it was ignored
    signal.signal(signal.SIGTERM, _interrupt)  # a plain kill stops it the same way: temporary site removed
    try:
        preview.run()
    except KeyboardInterrupt:
        print("预览已停止", flush=True)
    return EXIT_OK


def _port_reason(exc: OSError) -> str:
    """Why the port cannot be served, in Chinese (never the system's English text)."""
    from generator.load.folders import os_reason

    reasons = {errno.EADDRINUSE: "端口已被占用,可能另一个预览或程序正在使用它",
               errno.EACCES: "没有权限使用这个端口", errno.EADDRNOTAVAIL: "本机没有 127.0.0.1 这个地址"}
    return reasons.get(exc.errno or 0) or os_reason(exc)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
