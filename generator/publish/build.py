"""``handbook build``: check, then the site and the printed documents, swapped in atomically.

Everything is written to a temporary sibling of the output folder first; only a complete build
replaces the previous output, so a failed or interrupted build leaves the last good one intact.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.findings import Finding, Severity, SourceError
from generator.model.audience import Audience, view


@dataclass
class BuildResult:
    code: int
    findings: list[Finding]


def build(project: Path, out: Path | None = None, *, workers: int = 2, pdf: bool = True,
          audience: Audience = Audience.staff) -> BuildResult:
    """The public build holds only what residents may see (``public_view``): no bound handbook."""
    from generator.check import run_rules
    from generator.load import load_handbook

    project = project.resolve()
    out = (out or default_out(project, audience)).resolve()
    book, load_findings = load_handbook(project)
    if load_findings:
        return BuildResult(2, load_findings)
    findings = run_rules(book)
    if any(f.severity is Severity.error for f in findings):
        return BuildResult(1, findings)

    _remove_stale(out)
    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    _remove(staging)
    try:
        from generator.render.site import build_site

        build_site(project, staging, audience.value)
        if pdf:
            from generator.render.print import build_prints

            report = build_prints(view(book, audience), staging, site_url=site_url(project), workers=workers,
                                  bound=audience is Audience.staff)
            findings = findings + list(report.findings)
            if any(f.severity is Severity.error for f in report.findings):
                return BuildResult(1, findings)
        _swap(staging, out)
    except SourceError as exc:
        return BuildResult(2, exc.findings)
    finally:
        _remove(staging)
    return BuildResult(0, findings)


def default_out(project: Path, audience: Audience) -> Path:
    """PROJECT/site for staff, PROJECT/site-public for the public: one never overwrites the other."""
    return project / ("site" if audience is Audience.staff else "site-public")


def site_url(project: Path) -> str:
    """The public base URL of the site (mkdocs.yml site_url), for QR codes on posters."""
    config = project / "mkdocs.yml"
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_LenientLoader) if config.exists() else {}
    except yaml.YAMLError:
        data = {}
    url = (data or {}).get("site_url") or "https://handbook.example.com/"
    return url if url.endswith("/") else url + "/"


class _LenientLoader(yaml.SafeLoader):
    """mkdocs.yml uses !!python/name and !ENV tags; read them as plain values."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _swap(staging: Path, out: Path) -> None:
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    staging.rename(out)
    _remove(old)


def _remove_stale(out: Path) -> None:
    """Delete what killed builds left: ``.<name>.building-<pid>`` / ``.<name>.old-<pid>`` of dead processes."""
    for kind in ("building", "old"):
        for path in out.parent.glob(f".{out.name}.{kind}-*"):
            pid = path.name.rpartition("-")[2]
            if pid.isdigit() and not _alive(int(pid)):
                _remove(path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(path: Path) -> None:
    if path.exists():
        shutil.rmtree(path, ignore_errors=True)


def print_findings(findings: list[Finding]) -> None:
    for finding in findings:
        print(finding.format(), file=sys.stderr)
