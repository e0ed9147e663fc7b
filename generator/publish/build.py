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

STAMP = ".handbook-build"  # written into every build; marks a folder the build may replace
# What every MkDocs build holds: a site/ built before the stamp existed is still a previous build.
_BUILT = ("404.html", "sitemap.xml", "search/search_index.json")


@dataclass
class BuildResult:
    code: int
    findings: list[Finding]


def build(project: Path, out: Path | None = None, *, workers: int = 2, pdf: bool = True,
          audience: Audience = Audience.staff, today: dt.date | None = None) -> BuildResult:
    """The public build holds only what residents may see (``public_view``): no bound handbook."""
    project = project.resolve()
    out = (out or default_out(project, audience)).resolve()
    refusal = unsafe_out(project, out)
    if refusal is not None:
        return BuildResult(2, [refusal])
    try:
        context = make_context(project, audience, today, site_url(project))
    except SourcesFailed as failed:
        return BuildResult(failed.code, failed.findings)
    findings = list(context.findings)

    _remove_stale(out)
    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    _remove(staging)
    try:
        from generator.render.site import build_site

        build_site(context, staging)
        if pdf:
            from generator.render.print import build_prints

            report = build_prints(context.book, staging, site_url=context.site_url, workers=workers,
                                  bound=not context.public, today=context.today)
            findings = findings + list(report.findings)
            if any(f.severity is Severity.error for f in report.findings):
                return BuildResult(1, findings)
        (staging / STAMP).write_text(f"{audience.value}\n", encoding="utf-8")
        _swap(staging, out)
    except SourceError as exc:
        return BuildResult(2, exc.findings)
    except OSError as exc:
        return BuildResult(2, [Finding("CFG004", f"无法写入输出文件夹 {out}: {exc.strerror or exc}",
                                       hint="检查磁盘空间和写权限,或用 --out 换一个文件夹")])
    finally:
        _remove(staging)
    return BuildResult(0, findings)


def unsafe_out(project: Path, out: Path) -> Finding | None:
    """Why ``out`` may not be replaced by a build, or None when it may.

    Allowed: a folder that does not exist, an empty one, or a previous build (it holds STAMP).
    Never the project itself, a folder above it, or one of its source folders.
    """
    if out == project or out in project.parents:
        why = "是项目本身或它的上级文件夹"
    elif out.is_file() or out.is_symlink():
        why = "是一个文件"
    elif out.is_dir() and any(out.iterdir()) and not _previous_build(out):
        why = "不是空文件夹,也不是以前生成的网站"
    else:
        return None
    return Finding("CFG003", f"输出文件夹 {out} {why}:构建会替换其中的全部内容,已拒绝,什么都没有改动",
                   hint="用 --out 指定一个新的或空的文件夹(默认 site/)")


def _previous_build(folder: Path) -> bool:
    return (folder / STAMP).is_file() or all((folder / name).is_file() for name in _BUILT)


def default_out(project: Path, audience: Audience) -> Path:
    """PROJECT/site for staff, PROJECT/site-public for the public: one never overwrites the other."""
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

