"""The ``handbook`` command line. Exit codes: 0 fine, 1 rule errors, 2 invalid sources or usage."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Callable, Sequence

from generator.findings import Finding, Severity

EXIT_OK, EXIT_RULES, EXIT_SOURCES = 0, 1, 2

Command = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, Command] = {}


def command(name: str) -> Callable[[Command], Command]:
    def register(func: Command) -> Command:
        COMMANDS[name] = func
        return func
    return register


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 without a traceback
        self.print_usage(sys.stderr)
        print(f"handbook: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_SOURCES)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="handbook",
        description="Build and check the property-management handbook (物业服务手册) from its YAML sources. "
                    "Works on the project in the current directory, or the one named by --project.",
        epilog="Exit codes: 0 all fine, 1 consistency errors, 2 invalid sources or bad usage.",
    )
    parser.add_argument("--project", type=Path, default=Path("."), metavar="DIR",
                        help="project folder holding procedures/, forms/ ... (default: current directory)")
    subs = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = subs.add_parser("check", help="check the sources for consistency (references, roles, forms, prices ...)",
                            description="Load every source and run every consistency rule.")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    check.add_argument("--today", type=_date, default=None, metavar="YYYY-MM-DD",
                       help="date to check review and revision deadlines against (default: today)")
    check.add_argument("--rule", action="append", metavar="CODE", help="run only this rule (repeatable)")
    check.add_argument("--since", metavar="REF",
                       help="also check change control against this git revision: changed content needs a new "
                            "version and a history entry")

    rules = subs.add_parser("rules", help="list the consistency rules with their codes and hints")
    rules.add_argument("--markdown", action="store_true", help="print the catalogue as Markdown (docs/rules.md)")
    schema = subs.add_parser("schema", help="write the JSON Schemas editors use to validate sources")
    schema.add_argument("--out", type=Path, default=None, metavar="DIR", help="folder (default: PROJECT/schemas)")
    _register_extensions(subs)
    return parser


def _register_extensions(subs: argparse._SubParsersAction) -> None:
    """Later stages (build, forms, notices, review) add their sub-commands here."""
    from generator import publish
    from generator.review.cli import register as register_review

    publish.register(subs, command)
    register_review(subs, command, _date)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_SOURCES
    if not args.project.is_dir():
        print(f"handbook: error: project folder not found: {args.project}", file=sys.stderr)
        return EXIT_SOURCES
    try:
        return COMMANDS[args.command](args)
    except BrokenPipeError:  # output piped into head/less that quit early
        return EXIT_OK
    except KeyboardInterrupt:
        print("handbook: interrupted", file=sys.stderr)
        return 130


@command("check")
def _check(args: argparse.Namespace) -> int:
    from generator.check import RULES, run_rules
    from generator.load import load_handbook

    unknown = [code for code in args.rule or [] if code not in RULES]
    if unknown:
        print(f"handbook: error: unknown rule code(s): {', '.join(unknown)}", file=sys.stderr)
        return EXIT_SOURCES
    book, load_findings = load_handbook(args.project, lifelong=True)
    if load_findings:
        return _report(sorted(load_findings, key=_place), args.format, EXIT_SOURCES)
    findings = run_rules(book, args.today, args.rule)
    if args.since:
        from generator.review import git
        from generator.review.control import changes_since, since_findings

        try:
            findings += since_findings(changes_since(args.project, book, args.since), args.since)
        except git.GitError as exc:
            print(f"handbook: error: {exc}", file=sys.stderr)
            return EXIT_SOURCES
    errors = any(f.severity is Severity.error for f in findings)
    return _report(findings, args.format, EXIT_RULES if errors else EXIT_OK)


def _place(finding: Finding) -> tuple:
    pos = finding.position
    return (pos.file, pos.line, pos.col) if pos else ("", 0, 0)


def _report(findings: list[Finding], fmt: str, code: int) -> int:
    errors = sum(f.severity is Severity.error for f in findings)
    warnings = len(findings) - errors
    if fmt == "json":
        json.dump({"exit": code, "errors": errors, "warnings": warnings,
                   "findings": [f.as_dict() for f in findings]}, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        out = sys.stdout if code == EXIT_OK else sys.stderr
        for finding in findings:
            print(finding.format(), file=out)
        verdict = "sources invalid" if code == EXIT_SOURCES else ("consistent" if code == EXIT_OK else "inconsistent")
        print(f"{errors} error(s), {warnings} warning(s): {verdict}", file=out)
    return code


@command("rules")
def _rules(args: argparse.Namespace) -> int:
    from generator.check import RULES, catalogue_markdown

    if args.markdown:
        print(catalogue_markdown(), end="")
        return EXIT_OK
    for code, r in sorted(RULES.items()):
        print(f"{code}  {r.severity.value:<7}  {r.title}\n         提示: {r.hint}")
    return EXIT_OK


@command("schema")
def _schema(args: argparse.Namespace) -> int:
    from generator.load.schemas import write_schemas

    out = args.out or args.project / "schemas"
    for path in write_schemas(out):
        print(path)
    return EXIT_OK
