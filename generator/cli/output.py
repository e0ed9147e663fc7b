"""The one printer of findings: text lines on stderr, or one JSON document (UTF-8) on stdout.

Text: one ``path:line:col: CODE message`` line per finding (a hint line under it), then a verdict;
always on stderr, whatever the result, so stdout carries only data. JSON: ``{"exit", "errors",
"warnings", "findings": [...]}`` written as UTF-8 bytes whatever the terminal's encoding.
"""

from __future__ import annotations

import json
import sys

from generator.findings import Finding, Severity

VERDICTS = {0: "一致", 1: "不一致", 2: "源文件无效"}


def print_findings(findings: list[Finding], code: int, fmt: str = "text", verdict: bool = True) -> None:
    """Print ``findings`` of a run that ends with exit ``code``."""
    errors = sum(f.severity is Severity.error for f in findings)
    warnings = len(findings) - errors
    if fmt == "json":
        data = {"exit": code, "errors": errors, "warnings": warnings, "findings": [f.as_dict() for f in findings]}
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        stream = getattr(sys.stdout, "buffer", None)
        if stream is not None:
            sys.stdout.flush()
            stream.write(text.encode("utf-8", errors="replace"))
            stream.flush()
        else:
            sys.stdout.write(text)
        return
    for finding in findings:
        _err(finding.format())
    if verdict:
        _err(f"{errors} 个错误、{warnings} 个警告:{VERDICTS.get(code, '已停止')}")


def _err(line: str) -> None:
    try:
        print(line, file=sys.stderr)
    except UnicodeEncodeError:  # a terminal without UTF-8: keep the line readable, never crash
        sys.stderr.buffer.write((line + "\n").encode("utf-8", errors="replace"))
