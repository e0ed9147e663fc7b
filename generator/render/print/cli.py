"""``handbook forms | notices | bound``: print what an office needs, outside a full build.

Exit codes as everywhere: 0 printed, 1 refused (a rule of printing or of the price lists failed),
2 invalid sources or usage. Nothing is written for a refused document.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path
from typing import Callable

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
MAX_BATCH = 10000


def register(subs: argparse._SubParsersAction, command: Callable) -> None:
    """Add the print sub-commands to the ``handbook`` CLI."""
    forms = subs.add_parser("forms", help="print forms (表单) as PDFs, optionally a pre-numbered batch",
                            description="Print forms to PDF. With --serial-from and --count, print one form as a "
                                        "pre-numbered batch: each set is one page per copy (联), all with the same NO.")
    forms.add_argument("ids", nargs="*", metavar="FORM-ID", help="forms to print (default: all)")
    forms.add_argument("--serial-from", metavar="NO", help="first serial number, e.g. 000101 (width is kept)")
    forms.add_argument("--count", type=int, default=None, metavar="N", help="number of sets in the batch")
    notices = subs.add_parser("notices", help="print the notice-board posters of sites (收费标准公示, 便民服务项目公告)",
                              description="Print the price notice and the services announcement of each site, A3 "
                                          "and A4. Draft or sample price lists are refused unless --draft.")
    notices.add_argument("ids", nargs="*", metavar="SITE-ID", help="sites to print (default: all)")
    notices.add_argument("--date", type=_date, default=None, metavar="YYYY-MM-DD", help="posting date (default: today)")
    notices.add_argument("--draft", action="store_true", help="print anyway, stamped 草稿 across every page")
    notices.add_argument("--site-url", default=None, metavar="URL", help="site address for QR codes "
                                                                         "(default: site_url of mkdocs.yml)")
    bound = subs.add_parser("bound", help="print the bound handbook of all procedures and work instructions",
                            description="Print every procedure and work instruction as one PDF with cover, "
                                        "contents and page numbers.")
    bound.add_argument("--copy", type=int, default=None, metavar="N", help="controlled copy number (受控文件 No. N); "
                                                                            "without it the copy is stamped 非受控副本")
    forms.add_argument("--two-up", action="store_true",
                       help="also write each A5 form two to an A4 sheet with cut marks (<id>-2up.pdf)")
    for sub in (forms, bound):
        sub.add_argument("--include-obsolete", action="store_true",
                         help="also print obsolete (作废) documents, stamped 作废 on every page (never in a controlled copy)")
    for sub in (forms, notices, bound):
        sub.add_argument("--out", type=Path, default=None, metavar="DIR", help="output folder (default: PROJECT/build/print)")
        sub.add_argument("--workers", type=int, default=2, metavar="N", help="render processes (default: 2)")
    command("forms")(_forms)
    command("notices")(_notices)
    command("bound")(_bound)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


# handbook forms [FORM-ID ...] [--serial-from NO --count N]
def _forms(args: argparse.Namespace) -> int:
    book = _load(args.project)
    ids = _chosen(args.ids, book.forms, "form") if book else None
    if ids is None:
        return EXIT_USAGE
    serials = None
    if args.serial_from is not None or args.count is not None:
        serials = _serials(args, book)
        if serials is None:
            return EXIT_USAGE
    from generator.render.print.plan import form_jobs

    named = ids if args.ids else None  # all forms: obsolete ones are left out, not refused
    from generator.render.print.impose import impose_files

    return _run(book, args, lambda fonts: form_jobs(book, fonts, named, serials=serials, folder="forms",
                                                    include_obsolete=args.include_obsolete, archival=True),
                after=impose_files if args.two_up else None)


def _chosen(wanted: list[str], table: dict, what: str) -> list[str] | None:
    """The ids asked for (all when none), or None after a usage error naming the unknown ones."""
    ids = wanted or sorted(table)
    unknown = [i for i in ids if i not in table]
    if unknown:
        _usage(f"unknown {what} id(s): {', '.join(unknown)} (known: {', '.join(sorted(table))})")
        return None
    return ids


def _serials(args: argparse.Namespace, book) -> list[str] | None:  # noqa: ANN001 - Handbook
    if args.serial_from is None or args.count is None:
        _usage("--serial-from and --count go together")
        return None
    if not re.fullmatch(r"\d{1,12}", args.serial_from) or not 1 <= args.count <= MAX_BATCH:
        _usage(f"--serial-from takes digits (e.g. 000101), --count 1..{MAX_BATCH}")
        return None
    if len(args.ids) != 1:
        _usage("a numbered batch prints exactly one FORM-ID")
        return None
    form = book.forms[args.ids[0]]
    if not (form.serial or form.copies):
        _usage(f"form {form.id} has no NO. box to number (set serial: true in forms/{form.id}.yaml)")
        return None
    width, start = len(args.serial_from), int(args.serial_from)
    last = start + args.count - 1
    if len(str(last)) > width:
        _usage(f"numbers up to {last} do not fit in {width} digits")
        return None
    return [str(n).zfill(width) for n in range(start, last + 1)]


# handbook notices [SITE-ID ...] [--date D] [--draft]
def _notices(args: argparse.Namespace) -> int:
    book = _load(args.project)
    ids = _chosen(args.ids, book.sites, "site") if book else None
    if ids is None:
        return EXIT_USAGE
    from generator.publish.build import site_url
    from generator.render.print.plan import notice_jobs

    posted = args.date or dt.date.today()
    url = args.site_url or site_url(args.project)
    return _run(book, args, lambda fonts: notice_jobs(book, fonts, ids, site_url=url, posted=posted,
                                                      strict=True, draft=args.draft, folder="notices"),
                refuse_on=_price_rule_errors(book, ids, posted) if not args.draft else [])


def _price_rule_errors(book, site_ids: list[str], posted: dt.date) -> list:  # noqa: ANN001 - Handbook
    """Errors of the price-list rules (approver, approval date …) in the lists these notices post."""
    from generator.check import RULES, run_rules
    from generator.findings import Severity
    from generator.render.print.views.notices import site_price_lists

    files = {str(pl.where().file) for s in site_ids for pl in site_price_lists(book, book.sites[s]) if pl.where()}
    codes = [code for code in RULES if code.startswith("PRC")]
    return [f for f in run_rules(book, posted, codes)
            if f.severity is Severity.error and f.position and f.position.file in files]


# handbook bound [--copy N]
def _bound(args: argparse.Namespace) -> int:
    book = _load(args.project)
    if book is None:
        return EXIT_USAGE
    if args.copy is not None and not 1 <= args.copy <= 999:
        return _usage("--copy takes a copy number 1..999")
    if args.copy is not None and args.include_obsolete:
        return _usage("--include-obsolete 不能与 --copy 同用: 受控副本只收录已批准的文件")
    from generator.render.print.plan import handbook_jobs

    return _run(book, args, lambda fonts: handbook_jobs(book, fonts, copy_number=args.copy, out="handbook.pdf",
                                                        include_obsolete=args.include_obsolete))


def _run(book, args: argparse.Namespace, make_plan: Callable, refuse_on: list | None = None,  # noqa: ANN001
         after: Callable[[list[Path]], list[Path]] | None = None) -> int:
    """Plan, render and write; report findings; exit 1 if anything was refused. ``after`` makes more
    files from those written (e.g. 2-up sheets)."""
    from generator.findings import Severity
    from generator.render.print import cache_dir, run_plan
    from generator.render.print.fonts import FontProblem, load_fonts

    if args.workers < 1:
        return _usage("--workers takes a number ≥ 1")
    try:
        fonts = load_fonts(cache_dir(book.root))
    except FontProblem as problem:
        return _finish(problem.findings, [], EXIT_REFUSED)
    plan = make_plan(fonts)
    if refuse_on:
        return _finish(refuse_on + plan.findings, [], EXIT_REFUSED)
    if any(f.severity is Severity.error for f in plan.findings):
        return _finish(plan.findings, [], EXIT_REFUSED)
    out = args.out or Path(args.project) / "build" / "print"
    report = run_plan(book, plan, out, workers=args.workers)
    if after is not None:
        report.files += after(list(report.files))
    failed = any(f.severity is Severity.error for f in report.findings)
    return _finish(report.findings, report.files, EXIT_REFUSED if failed else EXIT_OK)


def _finish(findings: list, files: list[Path], code: int) -> int:
    for finding in findings:
        print(finding.format(), file=sys.stderr)
    for path in files:
        print(path)
    if code != EXIT_OK:
        done = f"{len(files)} file(s) printed, the others refused" if files else "nothing printed"
        print(f"handbook: {done}", file=sys.stderr)
    return code


def _load(project: Path):  # noqa: ANN202 - Handbook | None
    from generator.load import load_handbook

    book, findings = load_handbook(project)
    if findings:
        for finding in findings:
            print(finding.format(), file=sys.stderr)
        print(f"{len(findings)} source error(s): sources invalid", file=sys.stderr)
        return None
    return book


def _usage(message: str) -> int:
    print(f"handbook: error: {message}", file=sys.stderr)
    return EXIT_USAGE
