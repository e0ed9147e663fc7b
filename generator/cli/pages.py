"""``handbook pages --out DIR``: the engine-neutral page tree (generator.render.site.tree)."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.cli import EXIT_OK, EXIT_SOURCES, Exit, command, date_arg
from generator.cli.output import print_findings


def register(subs: argparse._SubParsersAction) -> None:
    pages = subs.add_parser("pages", help="把每个页面写成带页头元数据的 Markdown,另写导航文件和引擎配置(只重写改动的文件)",
                            description="检查源文件,然后把员工网站的页面写进 DIR/docs: 每页一个带页头元数据"
                                        "(front matter)的 Markdown 文件,另写 DIR/nav.yml 和 DIR/mkdocs.yml,"
                                        "可用不带插件的 MkDocs、ProperDocs 或 Zensical 构建。只重写改动的文件。")
    pages.add_argument("--out", type=Path, required=True, metavar="DIR",
                       help="页面树的文件夹: 新的、空的,或以前写出的页面树")
    pages.add_argument("--today", type=date_arg, default=None, metavar="YYYY-MM-DD",
                       help="按哪一天生成页面(默认: 今天)")
    pages.add_argument("--search", action="store_true",
                       help="同时写出手册自己的搜索(中文分词、同义词、单位),供不带插件的 MkDocs 和 ProperDocs 使用;"
                            "每个页面都会重新生成")


@command("pages")
def _pages(args: argparse.Namespace) -> int:
    from generator.context import make_context
    from generator.findings import SourceError
    from generator.publish.build import site_url
    from generator.render.site.tree import MARKER, write_tree

    project, out = args.project.resolve(), args.out.resolve()
    if out == project or out in project.parents or out.is_file() or (
            out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file()):
        raise Exit(EXIT_SOURCES, f"输出文件夹 {out} 不是新的或空的文件夹,也不是以前写出的页面树:已拒绝,什么都没有改动"
                                 "(用 --out 指定一个新的或空的文件夹)")
    context = make_context(project, today=args.today, site_url=site_url(project), lifelong=True)
    try:
        result = write_tree(context, out, search=args.search)
    except SourceError as stop:  # mkdocs.yml or a site_overrides template unusable (CFG002, CFG008)
        print_findings(list(context.findings) + list(stop.findings), EXIT_SOURCES, verdict=False)
        print("页面树未写出: 什么都没有改动", flush=True)
        return EXIT_SOURCES
    print_findings(context.findings, EXIT_OK, verdict=False)
    print(f"页面树: {out}  写入 {len(result.written)} 个文件, {result.kept} 个未变, 删除 {len(result.removed)} 个")
    if result.foreign:
        shown = "、".join(result.foreign[:10]) + (f" 等 {len(result.foreign)} 个" if len(result.foreign) > 10 else "")
        pages = result.pages_dir.relative_to(project) if result.pages_dir and result.pages_dir.is_relative_to(project) \
            else result.pages_dir
        print(f"保留了不是 handbook pages 写出的文件(不会删除,也不属于生成的页面,引擎会照样构建它们): {shown}"
              f"。如不需要,请自行删除;自己的页面请写在项目的 {pages}/ 中(mkdocs.yml 的 docs_dir),"
              "每次都会带进页面树")
    return EXIT_OK
