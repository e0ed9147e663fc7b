"""``handbook review``: the expert-review packet, and fingerprints for review records."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Callable


def register(subs: argparse._SubParsersAction, command: Callable, date_type: Callable) -> None:
    review = subs.add_parser(
        "review", help="build the expert-review packet (HTML + PDF) of everything changed since a git revision",
        description="Compare the sources with a git revision and write the review packet: summary, redlines of "
                    "changed documents, unchanged list and one comment sheet per changed document.")
    review.add_argument("--since", metavar="REF", help="git revision of the last review (tag, branch or commit)")
    review.add_argument("--out", type=Path, default=Path("review"), metavar="DIR",
                        help="folder for review-packet.html and .pdf (default: ./review)")
    review.add_argument("--today", type=date_type, default=None, metavar="YYYY-MM-DD", help="end of the period")
    review.add_argument("--fingerprints", action="store_true",
                        help="only print each document's content fingerprint (for reviews/*.yaml)")

    @command("review")
    def _review(args: argparse.Namespace) -> int:
        from generator.findings import SourceError
        from generator.load import load_or_raise
        from generator.model.fingerprint import fingerprint
        from generator.review import git
        from generator.review.packet import build_packet, write_packet

        try:
            book = load_or_raise(args.project)
        except SourceError as exc:
            for finding in exc.findings:
                print(finding.format(), file=sys.stderr)
            return 2
        if args.fingerprints:
            for doc in book.documents():
                print(f"{doc.id}\t{fingerprint(doc)}\t{doc.version}\t{doc.title}")
            return 0
        if not args.since:
            print("handbook: error: review needs --since REF (or --fingerprints)", file=sys.stderr)
            return 2
        try:
            packet = build_packet(args.project, book, args.since, args.today or dt.date.today())
        except git.GitError as exc:
            print(f"handbook: error: {exc}", file=sys.stderr)
            return 2
        out = args.out if args.out.is_absolute() else Path.cwd() / args.out
        html, pdf, problems = write_packet(packet, out, args.project.resolve())
        for problem in problems:
            print(problem.format(), file=sys.stderr)
        print(f"{len(packet.redlines)} changed or new, {len(packet.unchanged)} unchanged, "
              f"{len(packet.removed)} removed\n{html}" + (f"\n{pdf}" if pdf else ""))
        return 0 if pdf else 1
