"""Editions at the command line: the ``--edition NAME`` option of ``check`` and ``build``.

An edition is editions/NAME.yaml (generator.model.edition); see docs/editions.md.
"""

from __future__ import annotations

import argparse


def add_edition_arg(parser: argparse.ArgumentParser, help_text: str) -> None:
    """Add ``--edition NAME`` (default None: the company's own edition) to a sub-command."""
    parser.add_argument("--edition", default=None, metavar="NAME", help=help_text)
