"""Stage 4b: printable documents — forms, notice-board posters and the bound handbook — as PDFs.

The pipeline, one module a stage:

    views/      model objects -> print views (plain data; every text traced to file and field)
    fonts.py    glyph coverage of the fonts fontconfig resolves; uncovered characters are errors
    plan.py     which documents to print, and the rules a posted notice must pass (policy.py)
    templates/  Jinja2 HTML + CSS (layout only); html.py renders them
    pdf.py      one job -> PDF bytes (font subsets: fontpack.py, safe fetcher: fetch.py,
                blank rows that fill the page: formlayout.py estimates, fit.py confirms)
    pool.py     process pool + content-hash cache (cache.py) + progress bar
    (the `handbook forms | notices | bound` sub-commands are generator/cli/prints.py)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from generator.caches import cache_root
from generator.findings import Finding
from generator.model import Handbook

if TYPE_CHECKING:  # the modules below import WeasyPrint: loaded only when something is printed
    from generator.render.print.plan import Plan

__all__ = ["PrintReport", "build_prints", "run_plan"]


@dataclass
class PrintReport:
    rendered: int = 0  # PDFs rendered by WeasyPrint
    cached: int = 0  # PDFs copied from the cache
    files: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def build_prints(book: Handbook, out_dir: Path, *, site_url: str, workers: int = 2, draft: bool = False,
                 copy_number: int | None = None, progress: bool | None = None,
                 today: dt.date | None = None, bound: bool = True,
                 convert: Callable[[str], str] | None = None, region: str | None = None) -> PrintReport:
    """Every PDF of the site into ``out_dir``: pdf/forms/, pdf/notices/<site>/, pdf/handbook.pdf.

    ``bound=False`` leaves out the bound handbook (the public build: it is internal).
    ``convert`` and ``region``: a Traditional edition's converter (every job's HTML goes through it)
    and its region, whose Noto CJK faces print it (generator.script, fonts.REGION_FAMILIES).

    Notices of draft or sample price lists are printed stamped 草稿 / 示例 and reported as
    warnings (the clerk's ``handbook notices`` refuses them instead).
    """
    from generator.render.print.fonts import FontProblem, load_fonts
    from generator.render.print.plan import form_jobs, handbook_jobs, notice_jobs

    today = today or dt.date.today()
    try:
        fonts = load_fonts(cache_dir(book.root), region)
    except FontProblem as problem:
        return PrintReport(findings=problem.findings)
    plan = form_jobs(book, fonts)
    plan.extend(notice_jobs(book, fonts, site_url=site_url, posted=today, strict=False, draft=draft))
    if bound:
        plan.extend(handbook_jobs(book, fonts, copy_number=copy_number))
    if convert is not None:
        plan = plan.converted(fonts, EditionHtml(convert, region))
    return run_plan(book, plan, out_dir, workers=workers, progress=progress, region=region)


@dataclass(frozen=True)
class EditionHtml:
    """A Traditional edition's print HTML: text (title and author metadata included) converted, the
    page language zh-HK / zh-TW, the template's fonts the region's faces.

    Picklable (it travels with each job to a render worker): ``convert`` is a converter's method.
    """

    convert: Callable[[str], str]
    region: str | None

    def __call__(self, html: str) -> str:
        from generator.render.print.fonts import FAMILIES, REGION_FAMILIES
        from generator.script import set_lang

        html = self.convert(html)
        if self.region:  # the PDF's language (/Lang) is the edition's
            html = set_lang(html, f"zh-{self.region}")
        for ours, theirs in zip(FAMILIES, REGION_FAMILIES.get(self.region or "", FAMILIES)):
            html = html.replace(f'"{ours} Subset"', f'"{theirs} Subset"')
        return html


def run_plan(book: Handbook, plan: Plan, out_dir: Path, *, workers: int = 2,
             progress: bool | None = None, region: str | None = None) -> PrintReport:
    """Render the plan's jobs (cache first) and write each PDF under ``out_dir`` atomically."""
    from generator.render.print.cache import Cache, write_atomic
    from generator.render.print.fonts import load_fonts
    from generator.render.print.pool import render_all

    fonts = load_fonts(cache_dir(book.root), region)
    cache = Cache(cache_dir(book.root))
    outcome = render_all(plan.jobs, fonts, book.root, cache, workers=workers, progress=progress)
    report = PrintReport(outcome.rendered, outcome.cached, [], list(plan.findings))
    for result in outcome.results:
        report.findings.extend(result.findings)
        if result.pdf is not None:
            path = out_dir / result.out
            write_atomic(path, result.pdf)
            report.files.append(path)
    cache.prune()
    return report


def cache_dir(project: Path) -> Path:
    """The PDF and font-cmap cache of ``project`` (see generator.caches for where and why)."""
    return cache_root(Path(project)) / "print"
