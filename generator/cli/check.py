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
    check = subs.add_parser("check", help="检查源文件是否一致(引用、岗位、表单、收费标准、时限……)",
                            description="读入全部源文件,逐条运行一致性规则;用 --since 时另按 git 版本做变更控制。")
    check.add_argument("--format", choices=("text", "json"), default="text", help="输出格式: text 文字(默认),json 给程序读")
    check.add_argument("--today", type=date_arg, default=None, metavar="YYYY-MM-DD",
                       help="按这一天核对复审和修订期限(默认: 今天)")
    check.add_argument("--rule", action="append", metavar="CODE", help="只运行这条规则,如 REF001(可写多次)")
    check.add_argument("--since", metavar="REF",
                       help="另按这个 git 版本(标签、分支或提交)做变更控制: 内容改了的文件要升版本,"
                            "并在 history 中加一条修订记录")
    add_edition_arg(check, "按版本 NAME(editions/NAME.yaml)看到的样子检查源文件")
    rules = subs.add_parser("rules", help="列出全部问题代码: 读取(SRC/SCH)、一致性规则、变更控制(CHG)、配置(CFG)、打印(PRT)",
                            description="列出每个问题代码、它的严重程度、说明和修改提示。")
    rules.add_argument("--markdown", action="store_true", help="以 Markdown 输出代码目录(即 docs/rules.md 的内容)")
    schema = subs.add_parser("schema", help="写出编辑器用来校验源文件的 JSON Schema(编辑器模式)",
                             description="按程序中的模型重写 JSON Schema;编辑器据此边写边提示字段、检查写法。")
    schema.add_argument("--out", type=Path, default=None, metavar="DIR", help="写到哪个文件夹(默认: PROJECT/schemas)")


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
    new = subs.add_parser("new", help="新建一个带注释的源文件骨架,写出来就能通过 check",
                          description="把 KIND 的骨架写进它的文件夹,存为 ID.yaml: 下一个空号、今天的日期、"
                                      "草稿状态。KIND: procedure、instruction、form、price_list、role、department、"
                                      "site、review,也可以写中文: 规程、作业指导书、表单、收费标准、岗位、部门、"
                                      "项目、复审记录。")
    new.add_argument("kind", metavar="KIND", help="源文件的种类,如 procedure 或 规程")
    new.add_argument("id", metavar="ID", help="文件名即 id: 小写英文字母、数字和连字符")
    new.add_argument("--title", default=None, help="标题或名称(默认: 一个待替换的占位标题)")
    new.add_argument("--today", type=date_arg, default=None, metavar="YYYY-MM-DD", help="生效日期(默认: 今天)")


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
