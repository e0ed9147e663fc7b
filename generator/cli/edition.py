"""Editions at the command line: the ``--edition NAME`` option of ``check`` and ``build``.

An edition is editions/NAME.yaml (generator.model.edition); see docs/editions.md.
"""

from __future__ import annotations

import argparse
import sys

from generator.cli import EXIT_OK, EXIT_SOURCES, Exit, command


def add_edition_arg(parser: argparse.ArgumentParser, help_text: str) -> None:
    """Add ``--edition NAME`` (default None: the company's own edition) to a sub-command."""
    parser.add_argument("--edition", default=None, metavar="NAME", help=help_text)


def register(subs: argparse._SubParsersAction) -> None:
    diff = subs.add_parser("edition-diff", help="list the terms the converter renders otherwise than the glossary's table",
                           description="For a Traditional edition: every term of glossary.yaml's conversions table "
                                       "that the converter alone renders differently, with how often the sources use it.")
    diff.add_argument("edition", metavar="NAME", help="edition name (editions/NAME.yaml)")


@command("edition-diff")
def _edition_diff(args: argparse.Namespace) -> int:
    from generator.context import SourcesFailed
    from generator.edition import find_edition
    from generator.load import load_handbook
    from generator.script import converter_for, term_diffs

    book, problems = load_handbook(args.project, lifelong=True)
    if problems:
        raise SourcesFailed(EXIT_SOURCES, problems)
    edition = find_edition(book, args.edition)
    converter = converter_for(book, edition)
    if converter is None:
        raise Exit(EXIT_SOURCES, f"版本「{args.edition}」是简体(script: zh-Hans),不做繁简转换")
    diffs = term_diffs(book, converter)
    region = converter.region.value
    for d in diffs:
        wanted = d.wanted or "(术语表未定写法)"
        bad = f";禁止: {'、'.join(d.forbidden)}" if d.forbidden else ""
        print(f"{d.simplified}\t转换器({region}): {d.raw}\t术语表: {wanted}{bad}\t源文件中 {d.uses} 处")
    print(f"{len(diffs)} 个术语的转换结果与术语表不同(术语表共 {len(converter.table)} 条);构建时按术语表写",
          file=sys.stderr)
    return EXIT_OK
