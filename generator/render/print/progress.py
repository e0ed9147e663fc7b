"""A one-line text progress bar on stderr (only on a terminal, unless asked for)."""

from __future__ import annotations

import shutil
import sys
from typing import TextIO


class Progress:
    def __init__(self, total: int, enabled: bool | None = None, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total = total
        self.done = 0

    # One more document finished: redraw the bar with its name.
    def step(self, label: str) -> None:
        self.done += 1
        if not self.enabled or not self.total:
            return
        width = max(10, min(30, shutil.get_terminal_size((80, 20)).columns - 50))
        filled = width * self.done // self.total
        bar = "#" * filled + "." * (width - filled)
        self.stream.write(f"\r打印 PDF [{bar}] {self.done}/{self.total} {label[:24]:<24}")
        self.stream.flush()

    # The run is over: end the line so later output starts on its own.
    def close(self) -> None:
        if self.enabled and self.total:
            self.stream.write("\n")
            self.stream.flush()
