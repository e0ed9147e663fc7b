"""Editions at the command line: the ``--edition NAME`` option of every command that writes output
(``check``, ``build``, ``forms``, ``notices``, ``bound``, ``review``) and ``edition-diff``.

An edition is editions/NAME.yaml (generator.model.edition); see docs/editions.md. Every output
command resolves it the same way, through generator.context (``make_context`` / ``resolve_edition``);
an unknown NAME is CFG006 (exit 2) with the list of editions there are.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator.cli import EXIT_OK, EXIT_SOURCES, Exit, command

if TYPE_CHECKING:
    from generator.context import BuildContext


def add_edition_arg(parser: argparse.ArgumentParser, help_text: str) -> None:
    """Add ``--edition NAME`` (default None: the company's own edition) to a sub-command."""
    parser.add_argument("--edition", default=None, metavar="NAME", help=help_text)


def edition_folder(default: Path, edition: str | None) -> Path:
    """An edition's default output folder: the company's own default with ``-NAME`` added
    (site → site-hk, build/print → build/print-hk, review → review-hk), so one never overwrites another."""
    return default if edition is None else default.with_name(f"{default.name}-{edition}")


def output_context(project: Path, edition: str | None, today: dt.date | None = None) -> BuildContext:
    """The handbook a print or review command works from: ``edition``'s (checked, names, variant,
    placeholders, script: generator.context.Issue) or the company's own (placeholders filled, not
    checked: those commands run the rules of what they print). SourcesFailed as make_context."""
    from generator.context import make_context
    from generator.publish.build import site_url

    return make_context(project, today=today, site_url=site_url(project), edition=edition, check=False)


def register(subs: argparse._SubParsersAction) -> None:
    diff = subs.add_parser("edition-diff", help="列出繁简转换器与术语表写法不同的术语",
                           description="用于繁体版本: 列出 glossary.yaml 的 conversions 表中、只靠转换器会写成"
                                       "别的样子的每个术语,以及源文件中用到它的次数。")
    diff.add_argument("edition", metavar="NAME", help="版本名(editions/NAME.yaml)")


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
