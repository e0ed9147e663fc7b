"""Which PDFs to print: the handbook tree -> jobs (forms, notices, the bound handbook) and findings.

Every text of a job is checked against the fonts here, before anything is rendered; a job with a
character the fonts cannot draw is dropped with an error naming the source file and field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable

from generator.findings import Finding, Severity
from generator.model import Handbook
from generator.model.base import Position
from generator.model.document import Document
from generator.model.lifecycle import printable, successor
from generator.render.print import policy
from generator.render.print.fonts import FontSet, check_html, check_texts
from generator.render.print.job import Job
from generator.render.print.trace import Traced
from generator.render.print.formcheck import layout_findings
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
            source: Position | None, archival: bool = False) -> None:
        """Queue a job, unless one of its characters cannot be printed."""
        job = Job(out, template, view, label, source, archival=archival)
        problems = check_texts(texts, fonts) or check_html(job.html(), fonts, f"templates/{template}", texts)
        if problems:  # a text printed on several documents is reported once
            self.findings.extend(p for p in problems if p not in self.findings)
        else:
            self.jobs.append(job)

    def converted(self, fonts: FontSet, convert: Callable[[str], str]) -> Plan:
        """The same jobs with their HTML converted (a Traditional edition), glyphs checked again."""
        plan = Plan(findings=list(self.findings))
        for job in self.jobs:
            job = replace(job, convert=convert)
            problems = check_html(job.html(), fonts, f"templates/{job.template}", [])
            plan.findings.extend(p for p in problems if p not in plan.findings)
            if not problems:
                plan.jobs.append(job)
        return plan

    def extend(self, other: Plan) -> None:
        self.jobs.extend(other.jobs)
        self.findings.extend(other.findings)


def form_jobs(book: Handbook, fonts: FontSet, ids: Iterable[str] | None = None, *,
              serials: list[str] | None = None, folder: str = "pdf/forms", include_obsolete: bool = False,
              archival: bool = False) -> Plan:
    """Forms to print. Obsolete forms are left out (and refused when asked for by id) unless
    ``include_obsolete``: then they print stamped 作废 (generator.model.lifecycle)."""
    plan = Plan()
    for form_id in ids if ids is not None else sorted(book.forms):
        form = book.forms[form_id]
        if not printable(form, include_obsolete=include_obsolete):
            if ids is not None:
                plan.findings.append(obsolete_refused(book, form, "表单"))
            continue
        view, texts = form_view(book, form, serials)
        plan.findings.extend(layout_findings(form, view))
        name = f"{form_id}-NO{serials[0]}-{serials[-1]}.pdf" if serials else f"{form_id}.pdf"
        plan.add(fonts, f"{folder}/{name}", "form.html.j2", view, texts, f"表单《{form.title}》", form.where(), archival)
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


def handbook_jobs(book: Handbook, fonts: FontSet, *, copy_number: int | None, out: str = "pdf/handbook.pdf",
                  include_obsolete: bool = False) -> Plan:
    """The bound handbook. A controlled copy needs the compilation's code and sign-off (company.yaml
    handbook): without them it is refused (PRT021); an uncontrolled copy prints them blank."""
    plan = Plan()
    if copy_number is not None and (book.company is None or book.company.handbook is None):
        plan.findings.append(Finding("PRT021", "受控副本须有汇编编号、版次和编制/审核/批准岗位,company.yaml 中没有 handbook",
                                     book.company.where() if book.company else None, Severity.error,
                                     "在 company.yaml 中写 handbook: {code: …/QM-001, edition: A/0, compiled_by: 岗位id, "
                                     "reviewed_by: 岗位id, approved_by: 岗位id}"))
        return plan
    view, texts = handbook_view(book, copy_number=copy_number, include_obsolete=include_obsolete)
    plan.add(fonts, out, "handbook.html.j2", view, texts, "规程汇编", None, archival=copy_number is not None)
    return plan


def obsolete_refused(book: Handbook, doc: Document, noun: str) -> Finding:
    """PRT020: an obsolete document asked for by name, without --include-obsolete."""
    new = successor(book, doc)
    instead = f",现行替代文件为《{new.title}》({new.code})" if new else ""
    return Finding("PRT020", f"{noun}《{doc.title}》({doc.code})已作废{instead},不打印", doc.where("status"),
                   Severity.error, "打印现行文件;确需打印作废文件留档时加 --include-obsolete(每页加盖“作废”)")
