"""``handbook build``: check once, then the site and every PDF into one folder (generator.publish)."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.cli import command, date_arg, workers_arg
from generator.cli.edition import add_edition_arg
from generator.cli.output import print_findings


def register(subs: argparse._SubParsersAction) -> None:
    build = subs.add_parser("build", help="check, then build the site and all PDFs into site/",
                            description="Check the sources; if consistent, build the handbook site, the form "
                                        "PDFs, the notices and the bound handbook into one folder.")
    build.add_argument("--out", type=Path, default=None, metavar="DIR",
                       help="output folder (default: PROJECT/site); must be new, empty or a previous build")
    build.add_argument("--workers", type=workers_arg, default=2, metavar="N", help="PDF render processes (default: 2)")
    build.add_argument("--no-pdf", action="store_true", help="build the site only")
    build.add_argument("--today", type=date_arg, default=None, metavar="YYYY-MM-DD",
                       help="date the build is made on: review status, this quarter, posting date (default: today)")
    build.add_argument("--audience", choices=["staff", "public"], default="staff",
                       help="staff: everything (default); public: only what residents may see "
                            "(public documents without internal fields; default folder PROJECT/site-public)")
    add_edition_arg(build, "build edition NAME (editions/NAME.yaml) into PROJECT/site-NAME; "
                           "its audience is the edition's")


@command("build")
def _build(args: argparse.Namespace) -> int:
    from generator.model.audience import Audience
    from generator.publish.build import build, default_out

    audience = Audience(args.audience)
    out = (args.out or default_out(args.project, audience, args.edition)).resolve()
    result = build(args.project, out, workers=args.workers, pdf=not args.no_pdf, audience=audience, today=args.today,
                   edition=args.edition)
    print_findings(result.findings, result.code, verdict=False)
    if result.code == 0:
        what = "网站" if args.no_pdf else "网站、表单 PDF、公示" + ("" if audience is Audience.public else "和手册打印版")
        print(f"已生成{what}: {out}\n用浏览器打开 {out / 'index.html'} 查看")
    else:
        print("构建已停止: 没有写入任何文件", flush=True)
    return result.code
