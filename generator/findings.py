"""Findings: what the loader and the checker report, one line each: ``path:line:col: CODE message``."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from generator.model.base import Position


class Severity(str, Enum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    message: str
    position: Position | None = None
    severity: Severity = Severity.error
    hint: str | None = None

    def format(self) -> str:
        where = str(self.position) if self.position else "handbook"
        level = "" if self.severity is Severity.error else "(警告)"
        line = f"{where}: {self.code}{level} {self.message}"
        return f"{line}\n    提示: {self.hint}" if self.hint else line

    def as_dict(self) -> dict[str, object]:
        pos = self.position
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": pos.file if pos else None,
            "line": pos.line if pos else None,
            "col": pos.col if pos else None,
            "hint": self.hint,
        }


# Problems of the machine or the output folder, not of any source file (generator/codes.py).
ENVIRONMENT_CODES = frozenset({"CFG003", "CFG004", "CFG007"})


def what_stopped(errors: list[Finding]) -> str:
    """What stopped a run, in one phrase: 「源文件有 N 个错误」 and/or 「运行环境有 N 个问题(不是源文件的错误)」.

    ``errors``: the error findings of the run; a missing Graphviz (CFG007) is not a source error.
    """
    setup = sum(f.code in ENVIRONMENT_CODES for f in errors)
    parts = [f"源文件有 {len(errors) - setup} 个错误"] if len(errors) > setup else []
    if setup:
        parts.append(f"运行环境有 {setup} 个问题(不是源文件的错误)")
    return ",".join(parts)


class SourceError(Exception):
    """Raised when sources cannot be loaded; carries every finding of the run."""

    def __init__(self, findings: list[Finding]):
        super().__init__(f"源文件有 {len(findings)} 处错误")
        self.findings = findings
