"""``handbook build``: check once, then the site and every PDF into one folder (generator.publish)."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.cli import command, date_arg, workers_arg
from generator.cli.edition import add_edition_arg
from generator.cli.output import print_findings


def register(subs: argparse._SubParsersAction) -> None:
    build = subs.add_parser("build", help="先检查,再把网站和全部 PDF 生成到 site/",
                            description="检查源文件;一致时把手册网站、表单 PDF、收费标准公示和手册打印版"
                                        "生成到同一个文件夹(全部完成后才替换旧的)。")
    build.add_argument("--out", type=Path, default=None, metavar="DIR",
                       help="输出文件夹(默认: PROJECT/site);必须是新的、空的或以前构建的文件夹")
    build.add_argument("--workers", type=workers_arg, default=2, metavar="N", help="生成 PDF 的进程数(默认: 2)")
    build.add_argument("--no-pdf", action="store_true", help="只生成网站,不生成 PDF")
    build.add_argument("--today", type=date_arg, default=None, metavar="YYYY-MM-DD",
                       help="按哪一天构建: 复审状态、本季度、公示日期(默认: 今天)")
    build.add_argument("--audience", choices=["staff", "public"], default="staff",
                       help="staff: 员工网站,全部内容(默认);public: 业主和住户可看的网站,只有可对外公示的文件,"
                            "不含内部字段(默认文件夹 PROJECT/site-public)")
    add_edition_arg(build, "把版本 NAME(editions/NAME.yaml)生成到 PROJECT/site-NAME;"
                           "网站给谁看按该版本的设定")


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
        if args.no_pdf:  # the pages still link the PDFs a full build writes
            print("注意: 未生成 PDF, 表单页的「下载打印版 PDF」等链接暂时打不开; 去掉 --no-pdf 再构建一次即可")
    else:
        print("构建已停止: 没有写入任何文件", flush=True)
    return result.code
