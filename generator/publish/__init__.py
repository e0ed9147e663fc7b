"""Stage 5: publishing. Sub-commands that build outputs register here."""

from __future__ import annotations

import argparse
from typing import Callable


def register(subs: argparse._SubParsersAction, command: Callable) -> None:
    """Add the publishing sub-commands (build, forms, notices ...) to the CLI."""
