"""Which PDFs to print: the handbook tree -> jobs (forms, notices, the bound handbook) and findings.

Every text of a job is checked against the fonts here, before anything is rendered; a job with a
character the fonts cannot draw is dropped with an error naming the source file and field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable

from generator.findings import Finding, Severity
from generator.model import Handbook
from generator.model.base import Position
from generator.render.print import policy
from generator.render.print.fonts import FontSet, check_html, check_texts
from generator.render.print.job import Job
from generator.render.print.trace import Traced
from generator.render.print.views.forms import form_view
from generator.render.print.views.handbook import handbook_view
from generator.model.prices import site_price_lists
from generator.render.print.views.notices import notice_view

SIZES = ("a3", "a4")
NOTICE_KINDS = (("price", "price-notice", "收费标准公示"), ("services", "services-notice", "便民服务项目公告"))


@dataclass
class Plan:
    jobs: list[Job] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def add(self, fonts: FontSet, out: str, template: str, view: Any, texts: list[Traced], label: str,
            source: Position | None) -> None:
        """Queue a job, unless one of its characters cannot be printed."""
        job = Job(out, template, view, label, source)
        problems = check_texts(texts, fonts) or check_html(job.html(), fonts, f"templates/{template}", texts)
        if problems:  # a text printed on several documents is reported once
            self.findings.extend(p for p in problems if p not in self.findings)
        else:
            self.jobs.append(job)

    def extend(self, other: Plan) -> None:
        self.jobs.extend(other.jobs)
        self.findings.extend(other.findings)


def form_jobs(book: Handbook, fonts: FontSet, ids: Iterable[str] | None = None, *,
              serials: list[str] | None = None, folder: str = "pdf/forms") -> Plan:
    plan = Plan()
    for form_id in ids if ids is not None else sorted(book.forms):
        form = book.forms[form_id]
        view, texts = form_view(book, form, serials)
        name = f"{form_id}-NO{serials[0]}-{serials[-1]}.pdf" if serials else f"{form_id}.pdf"
        plan.add(fonts, f"{folder}/{name}", "form.html.j2", view, texts, f"表单《{form.title}》", form.where())
    return plan


def notice_jobs(book: Handbook, fonts: FontSet, site_ids: Iterable[str] | None = None, *, site_url: str,
                posted: dt.date, strict: bool, draft: bool, folder: str = "pdf/notices") -> Plan:
    """Both notices of each site in A3 and A4. ``strict`` (the clerk's command) refuses what a
    build only stamps: draft or sample price lists and postings under a month before they apply."""
    plan = Plan()
    for site_id in site_ids if site_ids is not None else sorted(book.sites):
        site = book.sites[site_id]
        lists = site_price_lists(book, site)
        if not lists:
            plan.findings.append(Finding("PRT007", f"项目「{site.name}」没有适用的收费标准,不生成公示",
                                         site.where("price_lists"), Severity.warning,
                                         "在 sites/ 中写 price_lists,或让收费标准的 scope 覆盖该项目"))
            continue
        problems = policy.notice_findings(site, lists, posted, strict=strict and not draft)
        plan.findings.extend(p for p in dict.fromkeys(problems) if p not in plan.findings)  # a list on many sites: once
        if any(p.severity is Severity.error for p in problems):
            continue
        mark = policy.stamp(site, lists, draft)
        for kind, stem, title in NOTICE_KINDS:
            for size in SIZES:
                view, texts = notice_view(book, site, lists, kind, size.upper(), site_url=site_url,
                                          posted=posted, stamp=mark)
                plan.add(fonts, f"{folder}/{site_id}/{stem}-{size}.pdf", "notice.html.j2", view, texts,
                         f"{site.name} {title}({size.upper()})", site.where())
    return plan


def handbook_jobs(book: Handbook, fonts: FontSet, *, today: dt.date, copy_number: int | None,
                  out: str = "pdf/handbook.pdf") -> Plan:
    plan = Plan()
    view, texts = handbook_view(book, today=today, copy_number=copy_number)
    plan.add(fonts, out, "handbook.html.j2", view, texts, "规程汇编", None)
    return plan
