"""``handbook build``: check once, then the site and the printed documents, swapped in atomically.

The sources are loaded and checked once into a build context (generator.context) that the site
and print stages both read. Everything is written to a temporary sibling of the output folder
first; only a complete build replaces the previous output, so a failed or interrupted build leaves
the last good one intact. The output folder must be new, empty, or a previous build (it holds
the stamp file this module writes): nothing else is ever deleted.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.context import DEFAULT_SITE_URL, SourcesFailed, make_context
from generator.findings import Finding, Severity, SourceError
from generator.model.audience import Audience
from generator.publish.safety import STAMP, unsafe_out



@dataclass
class BuildResult:
    code: int
    findings: list[Finding]


def build(project: Path, out: Path | None = None, *, workers: int = 2, pdf: bool = True,
          audience: Audience = Audience.staff, today: dt.date | None = None,
          edition: str | None = None) -> BuildResult:
    """The public build holds only what residents may see (``public_view``): no bound handbook.

    With ``edition`` (editions/NAME.yaml) the build is that edition's, into PROJECT/site-NAME by default.
    """
    project = project.resolve()
    out = (out or default_out(project, audience, edition)).resolve()
    refusal = unsafe_out(project, out, default=out == default_out(project, audience, edition).resolve())
    if refusal is not None:
        return BuildResult(2, [refusal])
    try:
        context = make_context(project, audience, today, site_url(project), edition=edition)
    except SourcesFailed as failed:
        return BuildResult(failed.code, failed.findings)
    findings = list(context.findings)

    _remove_stale(out)
    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    _remove(staging)
    try:
        from generator.render.site import build_site

        build_site(context, staging)
        if context.converter is not None:  # a Traditional edition: templates' and theme's words too
            from generator.render.site.searchdict import words
            from generator.script import convert_tree

            convert_tree(staging, context.converter, context.lang, words(context.book))
            context.converter.keep()
        if pdf:
            from generator.render.print import build_prints

            converter = context.converter
            report = build_prints(context.book, staging, site_url=context.site_url, workers=workers,
                                  bound=not context.public, today=context.today,
                                  convert=converter.convert if converter else None,
                                  region=converter.region.value if converter else None)
            findings = findings + list(report.findings)
            if any(f.severity is Severity.error for f in report.findings):
                return BuildResult(1, findings)
        (staging / STAMP).write_text(f"{context.audience.value}\n", encoding="utf-8")
        _swap(staging, out)
    except SourceError as exc:
        return BuildResult(2, exc.findings)
    except OSError as exc:
        what = exc.filename or out
        return BuildResult(2, [Finding("CFG004", f"无法写入 {what}: {exc.strerror or exc}",
                                       hint="检查磁盘空间和该处的写权限;输出文件夹可用 --out 另选")])
    finally:
        _remove(staging)
    return BuildResult(0, findings)


def default_out(project: Path, audience: Audience, edition: str | None = None) -> Path:
    """PROJECT/site for staff, PROJECT/site-public for the public, PROJECT/site-NAME for edition NAME:
    one never overwrites another."""
    if edition is not None:
        return project / f"site-{edition}"
    return project / ("site" if audience is Audience.staff else "site-public")


def site_url(project: Path) -> str:
    """The public base URL of the site (mkdocs.yml site_url), for QR codes on posters."""
    config = project / "mkdocs.yml"
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_LenientLoader) if config.exists() else {}
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        data = {}
    url = (data if isinstance(data, dict) else {}).get("site_url") or DEFAULT_SITE_URL
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

