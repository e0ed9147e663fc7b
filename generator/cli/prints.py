"""``handbook forms | notices | bound``: print what an office needs, outside a full build.

Exit codes as everywhere: 0 printed, 1 refused (a rule of printing or of the price lists failed),
2 invalid sources or usage. Nothing is written for a refused document.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from generator.cli import EXIT_OK, EXIT_RULES, EXIT_SOURCES, Exit, command, date_arg, workers_arg
from generator.cli.edition import add_edition_arg, edition_folder, output_context
from generator.cli.output import print_findings

if TYPE_CHECKING:
    from generator.context import BuildContext

EXIT_REFUSED = EXIT_RULES
MAX_BATCH = 10000


def register(subs: argparse._SubParsersAction) -> None:
    """Add the print sub-commands to the ``handbook`` CLI."""
    forms = subs.add_parser("forms", help="把表单打印成 PDF,也可以打印一批预编号的表单",
                            description="把表单打印成 PDF。用 --serial-from 和 --count 时,把一种表单打印成一批"
                                        "预编号的表单: 每套每联一页,同一套各联的 NO. 编号相同。")
    forms.add_argument("ids", nargs="*", metavar="FORM-ID", help="要打印的表单(默认: 全部)")
    forms.add_argument("--serial-from", metavar="NO", help="第一个编号,如 000101(位数保持不变)")
    forms.add_argument("--count", type=int, default=None, metavar="N", help="这一批打印的套数")
    notices = subs.add_parser("notices", help="打印项目公示栏的张贴件(收费标准公示、便民服务项目公告)",
                              description="打印每个项目的收费标准公示和便民服务项目公告,A3 和 A4 各一份。"
                                          "草稿或示例价格的收费标准不予打印,除非用 --draft。")
    notices.add_argument("ids", nargs="*", metavar="SITE-ID", help="要打印的项目(默认: 全部)")
    notices.add_argument("--date", type=date_arg, default=None, metavar="YYYY-MM-DD", help="公示日期(默认: 今天)")
    notices.add_argument("--draft", action="store_true", help="照样打印,每页盖“草稿”")
    notices.add_argument("--explain", action="store_true", help="不打印;列出《物业服务收费明码标价规定》第六条要求的每一项"
                                                                 "在公示上的位置(缺少一项时退出码为 1)")
    notices.add_argument("--site-url", default=None, metavar="URL", help="二维码指向的网站地址"
                                                                         "(默认: mkdocs.yml 的 site_url)")
    bound = subs.add_parser("bound", help="打印全部标准作业规程和作业指导书合订的手册打印版",
                            description="把全部标准作业规程和作业指导书打印成一份 PDF,带封面、目录和页码;"
                                        "用 --copy 时打印成受控副本。")
    bound.add_argument("--copy", type=int, default=None, metavar="N", help="受控副本编号(受控文件 No. N,只收录已批准的文件);"
                                                                            "不写时每页标“非受控副本”")
    forms.add_argument("--two-up", action="store_true",
                       help="另把每种 A5 表单两张拼在一张 A4 上,带裁切线(<id>-2up.pdf)")
    for sub in (forms, bound):
        sub.add_argument("--include-obsolete", action="store_true",
                         help="同时打印作废的文件,每页盖“作废”(受控副本从不收录)")
    for sub in (forms, notices, bound):
        sub.add_argument("--out", type=Path, default=None, metavar="DIR",
                         help="输出文件夹(默认: PROJECT/build/print;用 --edition NAME 时: PROJECT/build/print-NAME)")
        sub.add_argument("--workers", type=workers_arg, default=2, metavar="N", help="生成 PDF 的进程数(默认: 2)")
        add_edition_arg(sub, "打印版本 NAME(editions/NAME.yaml): 用它的名称、规程变体、项目和简繁字体")


# handbook forms [FORM-ID ...] [--serial-from NO --count N]
@command("forms")
def _forms(args: argparse.Namespace) -> int:
    context = output_context(args.project, args.edition)
    book = context.book
    ids = _chosen(args.ids, book.forms, "表单", context, "form")
    serials = None
    if args.serial_from is not None or args.count is not None:
        serials = _serials(args, book)
    from generator.render.print.plan import form_jobs

    named = ids if args.ids else None  # all forms: obsolete ones are left out, not refused
    from generator.render.print.impose import impose_files

    return _run(context, args, lambda fonts: form_jobs(book, fonts, named, serials=serials, folder="forms",
                                                    include_obsolete=args.include_obsolete, archival=True),
                after=impose_files if args.two_up else None)


def _chosen(wanted: list[str], table: dict[str, Any], what: str, context: BuildContext, kind: str) -> list[str]:
    """The ids asked for (all when none); a usage error names the unknown ones and a near id, or the
    edition (``context.edition``) that leaves them out when the sources have them."""
    from generator.suggest import hint_for, names_of

    ids = wanted or sorted(table)
    unknown = [i for i in ids if i not in table]
    edition = context.edition
    if unknown and edition is not None:
        from generator.load import load_handbook

        sources = load_handbook(context.project, lifelong=True)[0].table(kind)
        left_out = [i for i in unknown if i in sources]
        if left_out:
            raise Exit(EXIT_SOURCES, f"版本「{edition.title}」(editions/{edition.id}.yaml)不包括这个{what}: "
                                     f"{', '.join(left_out)};本版本的{what}: {', '.join(sorted(table)[:12]) or '(无)'}"
                                     + (" …" if len(table) > 12 else ""))
    if unknown:
        meant = hint_for(unknown[0], names_of(table))
        raise Exit(EXIT_SOURCES, f"没有这个{what} id: {', '.join(unknown)}" + (f";{meant}" if meant else
                                                                         f"(可用: {', '.join(sorted(table)[:12])} …)"))
    return ids


def _serials(args: argparse.Namespace, book: Any) -> list[str]:
    if args.serial_from is None or args.count is None:
        raise Exit(EXIT_SOURCES, "--serial-from 和 --count 要一起用")
    if not re.fullmatch(r"\d{1,12}", args.serial_from) or not 1 <= args.count <= MAX_BATCH:
        raise Exit(EXIT_SOURCES, f"--serial-from 写数字(如 000101),--count 写 1 到 {MAX_BATCH}")
    if len(args.ids) != 1:
        raise Exit(EXIT_SOURCES, "编号批量打印一次只打印一种表单:只写一个 FORM-ID")
    form = book.forms[args.ids[0]]
    if not (form.serial or form.copies):
        raise Exit(EXIT_SOURCES, f"表单 {form.id} 没有 NO. 编号框(在 forms/{form.id}.yaml 中写 serial: true)")
    width, start = len(args.serial_from), int(args.serial_from)
    last = start + args.count - 1
    if len(str(last)) > width:
        raise Exit(EXIT_SOURCES, f"编号到 {last},超出了 {width} 位数字")
    return [str(n).zfill(width) for n in range(start, last + 1)]


# handbook notices [SITE-ID ...] [--date D] [--draft]
@command("notices")
def _notices(args: argparse.Namespace) -> int:
    context = output_context(args.project, args.edition, args.date)
    book = context.book
    ids = _chosen(args.ids, book.sites, "项目", context, "site")
    if args.site_url is not None and not re.fullmatch(r"https?://[^\s<>\"']+", args.site_url):
        raise Exit(EXIT_SOURCES, f"--site-url 要写 http:// 或 https:// 开头的网址: {args.site_url!r}")
    from generator.publish.build import site_url
    from generator.render.print.plan import notice_jobs

    posted = args.date or dt.date.today()
    if args.explain:
        from generator.render.print.explain import explain_command

        return explain_command(book, ids, posted)
    url = args.site_url or site_url(args.project)
    return _run(context, args, lambda fonts: notice_jobs(book, fonts, ids, site_url=url, posted=posted,
                                                      strict=True, draft=args.draft, folder="notices"),
                refuse_on=_price_rule_errors(book, ids, posted) if not args.draft else [])


def _price_rule_errors(book: Any, site_ids: list[str], posted: dt.date) -> list[Any]:
    """Errors of the price-list rules (approver, approval date …) in the lists these notices post."""
    from generator.check import RULES, run_rules
    from generator.findings import Severity
    from generator.model.prices import site_price_lists

    places = [pl.where() for s in site_ids for pl in site_price_lists(book, book.sites[s])]
    files = {place.file for place in places if place is not None}
    codes = [code for code in RULES if code.startswith("PRC")]
    return [f for f in run_rules(book, posted, codes)
            if f.severity is Severity.error and f.position and f.position.file in files]


# handbook bound [--copy N]
@command("bound")
def _bound(args: argparse.Namespace) -> int:
    context = output_context(args.project, args.edition)
    book = context.book
    if args.copy is not None and not 1 <= args.copy <= 999:
        raise Exit(EXIT_SOURCES, "--copy 写受控副本编号 1 到 999")
    if args.copy is not None and args.include_obsolete:
        raise Exit(EXIT_SOURCES, "--include-obsolete 不能与 --copy 同用: 受控副本只收录已批准的文件")
    from generator.render.print.plan import handbook_jobs

    return _run(context, args, lambda fonts: handbook_jobs(book, fonts, copy_number=args.copy, out="handbook.pdf",
                                                        include_obsolete=args.include_obsolete))


def _run(context: BuildContext, args: argparse.Namespace, make_plan: Callable[[Any], Any],
         refuse_on: list[Any] | None = None,
         after: Callable[[list[Path]], tuple[list[Path], list[Any]]] | None = None) -> int:
    """Plan, render and write; report findings; exit 1 if anything was refused. ``after`` makes more
    files from those written (e.g. 2-up sheets). A Traditional edition's jobs are converted and
    printed in its region's faces, as in ``handbook build`` (generator.render.print.build_prints)."""
    from generator.findings import Severity, SourceError
    from generator.publish.safety import unsafe_target
    from generator.render.print import EditionHtml, cache_dir, run_plan
    from generator.render.print.fonts import FontProblem, load_fonts

    book, region = context.book, context.region
    default = edition_folder(Path(args.project) / "build" / "print", args.edition)
    out = args.out or default
    refusal = unsafe_target(Path(args.project), out)
    if refusal is not None:
        raise Exit(EXIT_SOURCES, f"{refusal.message}(用 --out 另选一个文件夹,默认 build/{default.name}/)")
    try:
        fonts = load_fonts(cache_dir(book.root), region)
    except FontProblem as problem:
        return _finish(problem.findings, [], EXIT_REFUSED)
    try:
        plan = make_plan(fonts)
    except SourceError as exc:  # the bound handbook's flowcharts need Graphviz (CFG007)
        return _finish(exc.findings, [], EXIT_SOURCES)
    if context.converter is not None:
        plan = plan.converted(fonts, EditionHtml(context.converter.convert, region))
    if refuse_on:
        return _finish(refuse_on + plan.findings, [], EXIT_REFUSED)
    if any(f.severity is Severity.error for f in plan.findings):
        return _finish(plan.findings, [], EXIT_REFUSED)
    report = run_plan(book, plan, out, workers=args.workers, region=region)
    if after is not None:
        more, notes = after(list(report.files))
        report.files += more
        report.findings += notes
    failed = any(f.severity is Severity.error for f in report.findings)
    return _finish(report.findings, report.files, EXIT_REFUSED if failed else EXIT_OK)


def _finish(findings: list[Any], files: list[Path], code: int) -> int:
    print_findings(findings, code, verdict=False)
    for path in files:
        print(path)
    if code != EXIT_OK:
        raise Exit(code, f"已打印 {len(files)} 个文件,其余被拒绝(见上面各条)" if files else "没有打印任何文件(见上面各条)")
    return code
