"""``handbook review``: the expert-review packet, and fingerprints for review records."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from generator.cli import EXIT_OK, EXIT_RULES, EXIT_SOURCES, Exit, command, date_arg
from generator.cli.edition import add_edition_arg, edition_folder
from generator.cli.output import print_findings


def register(subs: argparse._SubParsersAction) -> None:
    review = subs.add_parser(
        "review", help="生成自某个 git 版本以来全部变更的专家评审材料(HTML + PDF)",
        description="把源文件与一个 git 版本比较,写出专家评审材料: 概要、每份变更文件的修订对照、"
                    "未变更文件一览,以及每份变更文件一张专家评审意见表。")
    review.add_argument("--since", metavar="REF", help="上次评审时的 git 版本(标签、分支或提交)")
    review.add_argument("--out", type=Path, default=None, metavar="DIR",
                        help="review-packet.html 和 .pdf 写到哪个文件夹(默认: ./review;用 --edition NAME 时: ./review-NAME)")
    review.add_argument("--today", type=date_arg, default=None, metavar="YYYY-MM-DD", help="评审期的最后一天(默认: 今天)")
    review.add_argument("--fingerprints", action="store_true",
                        help="只列出每份文件的内容指纹(填写 reviews/ 中的复审记录用)")
    add_edition_arg(review, "按版本 NAME(editions/NAME.yaml)发行手册的样子生成评审材料: 用它的名称、"
                            "规程变体和简繁字体(内容指纹仍按源文件计算)")


@command("review")
def _review(args: argparse.Namespace) -> int:
    from generator.context import SourcesFailed
    from generator.load import load_handbook
    from generator.model.fingerprint import fingerprint
    from generator.review import git
    from generator.review.packet import build_packet, write_packet

    book, problems = load_handbook(args.project)
    if problems:
        raise SourcesFailed(EXIT_SOURCES, problems)
    if args.fingerprints:
        for doc in book.documents():
            kind, ident = book.key(doc)
            print(f"{ident}\t{kind}\t{fingerprint(doc)}\t{doc.version}\t{doc.title}")
        return EXIT_OK
    if not args.since:
        raise Exit(EXIT_SOURCES, "review 需要 --since REF(上次评审的 git 版本),或 --fingerprints")
    issue = edition_html = None
    if args.edition is not None:  # checked as the edition sees it, as build and the print commands do
        from generator.context import resolve_edition
        from generator.render.print import EditionHtml

        issue = resolve_edition(book, args.edition, args.today)[0]
        if issue.converter is not None:
            edition_html = EditionHtml(issue.converter.convert, issue.region)
    try:
        packet = build_packet(args.project, book, args.since, args.today or dt.date.today(),
                              issue.of if issue is not None else None)
    except git.GitError as exc:
        raise Exit(EXIT_SOURCES, str(exc)) from None
    out = args.out or edition_folder(Path("review"), args.edition)
    out = out if out.is_absolute() else Path.cwd() / out
    from generator.publish.safety import unsafe_target

    refusal = unsafe_target(args.project, out)
    if refusal is not None:
        raise Exit(EXIT_SOURCES, f"{refusal.message}(用 --out 另选一个文件夹,默认 ./review)")
    html, pdf, problems = write_packet(packet, out, args.project.resolve(), edition_html)
    print_findings(problems, EXIT_RULES if pdf is None else EXIT_OK, verdict=False)
    print(f"变更或新增 {len(packet.redlines)} 份,未变 {len(packet.unchanged)} 份,删除 {len(packet.removed)} 份\n"
          f"{html}" + (f"\n{pdf}" if pdf else ""))
    return EXIT_OK if pdf else EXIT_RULES
