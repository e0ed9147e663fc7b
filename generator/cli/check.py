"""``handbook check``, ``handbook rules`` and ``handbook schema``: the commands that never render.

``check`` imports no renderer (no Jinja2, MkDocs or WeasyPrint), so it stays fast for editors and CI.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.cli import EXIT_OK, EXIT_RULES, EXIT_SOURCES, Exit, command, date_arg
from generator.cli.edition import add_edition_arg
from generator.cli.output import print_findings
from generator.findings import Severity


def register(subs: argparse._SubParsersAction) -> None:
    check = subs.add_parser("check", help="check the sources for consistency (references, roles, forms, prices ...)",
                            description="Load every source and run every consistency rule.")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    check.add_argument("--today", type=date_arg, default=None, metavar="YYYY-MM-DD",
                       help="date to check review and revision deadlines against (default: today)")
    check.add_argument("--rule", action="append", metavar="CODE", help="run only this rule (repeatable)")
    check.add_argument("--since", metavar="REF",
                       help="also check change control against this git revision: changed content needs a new "
                            "version and a history entry")
    add_edition_arg(check, "check the sources as edition NAME (editions/NAME.yaml) sees them")
    rules = subs.add_parser("rules", help="list every finding code: loader, rules, change control, config, print")
    rules.add_argument("--markdown", action="store_true", help="print the catalogue as Markdown (docs/rules.md)")
    schema = subs.add_parser("schema", help="write the JSON Schemas editors use to validate sources")
    schema.add_argument("--out", type=Path, default=None, metavar="DIR", help="folder (default: PROJECT/schemas)")


@command("check")
def _check(args: argparse.Namespace) -> int:
    from generator.check import RULES, run_rules
    from generator.load import load_handbook

    from generator.review.control import CHANGE_CODES

    wanted = set(args.rule or [])
    unknown = sorted(wanted - set(RULES) - set(CHANGE_CODES))
    if unknown:
        raise Exit(EXIT_SOURCES, f"--rule 只能选一致性规则(如 REF001)或变更控制(CHG001 等)的代码,不能选: {', '.join(unknown)}"
                                 "(源文件错误 SRC/SCH 总是检查;CFG、PRT 是构建和打印的代码;handbook rules 列出全部)")
    if args.since is not None and not args.since.strip():
        raise Exit(EXIT_SOURCES, "--since 需要一个 git 版本(标签、分支或提交),如 --since reviewed-2026")
    if wanted and not wanted & set(CHANGE_CODES) and args.since:
        wanted |= set(CHANGE_CODES)  # --since asks for change control: its codes are wanted too
    book, load_findings = load_handbook(args.project, lifelong=True)
    if load_findings:
        print_findings(sorted(load_findings, key=_place), EXIT_SOURCES, args.format)
        return EXIT_SOURCES
    rule_codes = sorted(wanted & set(RULES))
    if args.edition is not None:
        from generator.context import SourcesFailed
        from generator.edition import edition_findings

        try:
            findings = edition_findings(book, args.edition, args.today, rule_codes or None)[2]
        except SourcesFailed as failed:  # no such edition: reported in the format asked for
            print_findings(failed.findings, failed.code, args.format)
            return failed.code
    else:
        findings = run_rules(book, args.today, rule_codes or None) if rule_codes or not wanted else []
    if args.since:
        from generator.review import git
        from generator.review.control import changes_since, since_findings

        try:
            changed = since_findings(changes_since(args.project, book, args.since), args.since)
            findings += [f for f in changed if not wanted or f.code in wanted]
        except git.GitError as exc:
            raise Exit(EXIT_SOURCES, str(exc)) from None
    code = EXIT_RULES if any(f.severity is Severity.error for f in findings) else EXIT_OK
    print_findings(findings, code, args.format)
    return code


def _place(finding: object) -> tuple[str, int, int]:
    pos = getattr(finding, "position", None)
    return (pos.file, pos.line, pos.col) if pos else ("", 0, 0)


@command("rules")
def _rules(args: argparse.Namespace) -> int:
    from generator.check import RULES, catalogue_markdown
    from generator.codes import CONFIG_CODES, PRINT_CODES
    from generator.load.codes import LOADER_CODES
    from generator.review.control import CHANGE_CODES

    if args.markdown:
        print(catalogue_markdown(), end="")
        return EXIT_OK
    for code, text in LOADER_CODES.items():
        print(f"{code}  error    {text}")
    for code, r in sorted(RULES.items()):
        print(f"{code}  {r.severity.value:<7}  {r.title}\n         提示: {r.hint}")
    for code, (severity, title, hint) in CHANGE_CODES.items():
        print(f"{code}  {severity:<7}  {title}\n         提示: {hint}")
    for code, text in {**CONFIG_CODES, **PRINT_CODES}.items():
        print(f"{code}  -        {text}")
    return EXIT_OK


@command("schema")
def _schema(args: argparse.Namespace) -> int:
    from generator.load.schemas import write_schemas

    out = args.out or args.project / "schemas"
    for path in write_schemas(out):
        print(path)
    return EXIT_OK


def register_new(subs: argparse._SubParsersAction) -> None:
    new = subs.add_parser("new", help="write a commented skeleton of a new source that passes check",
                          description="Write KIND's skeleton to its folder as ID.yaml: next free document code, "
                                      "today's date, draft status. KIND: procedure, instruction, form, price_list, "
                                      "role, department, site, review (or 规程, 表单 …).")
    new.add_argument("kind", metavar="KIND", help="kind of source, e.g. procedure or 规程")
    new.add_argument("id", metavar="ID", help="file name and id: lower-case letters, digits and hyphens")
    new.add_argument("--title", default=None, help="title or name (default: a placeholder to replace)")
    new.add_argument("--today", type=date_arg, default=None, metavar="YYYY-MM-DD", help="effective date")


@command("new")
def _new(args: argparse.Namespace) -> int:
    import datetime as dt

    from generator.authoring.new import NewSourceError, new_source, resolve_kind
    from generator.context import SourcesFailed
    from generator.load import load_handbook

    try:
        kind = resolve_kind(args.kind)
    except NewSourceError as exc:
        raise Exit(EXIT_SOURCES, str(exc)) from None
    book, problems = load_handbook(args.project)
    if problems:
        raise SourcesFailed(EXIT_SOURCES, problems)
    try:
        path = new_source(book, kind, args.id, args.title, args.today or dt.date.today())
    except NewSourceError as exc:
        raise Exit(EXIT_SOURCES, str(exc)) from None
    print(path.relative_to(book.root).as_posix())
    return EXIT_OK
