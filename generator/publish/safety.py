"""Where a build may write: never over the project, its sources, its history, or a folder it did not make.

``handbook build`` and plain ``mkdocs build`` replace their output folder as a whole, so that folder
must be new, empty, or a previous build (it holds STAMP, written by every build). The print and
review commands only add files, so for them it is enough that the folder is not the project itself,
an ancestor of it, a source folder or ``.git``. Refusals are CFG003 findings; nothing is touched.
"""

from __future__ import annotations

from pathlib import Path

from generator.findings import Finding
from generator.model import kinds

STAMP = ".handbook-build"  # written into every build; marks a folder a build may replace
# What every MkDocs build holds: accepted as a previous build only for the default output folders.
LEGACY = ("404.html", "sitemap.xml", "search/search_index.json")
HINT = ("用 --out 指定一个新的或空的文件夹(默认 site/);若它是一次失败的构建留下的(例如 mkdocs build 中途出错),"
        "确认其中没有要保留的文件后删除它再构建")


def unsafe_target(project: Path, out: Path, protected: tuple[Path, ...] = ()) -> Finding | None:
    """Why files may not be written into ``out`` (project, ancestor, source folder, .git), or None."""
    project, out = project.resolve(), out.resolve()
    if out == project or out in project.parents:
        return _refuse(out, "是项目本身或它的上级文件夹")
    folders = [project / k.folder for k in kinds.kinds() if k.folder] + [project / ".git", *protected]
    for folder in folders:
        folder = folder.resolve()
        if out == folder or folder in out.parents:
            where = folder.relative_to(project).as_posix() if folder.is_relative_to(project) else str(folder)
            return _refuse(out, f"在源文件夹 {where}/ 之内")
    if out.is_file() or (out.is_symlink() and not out.is_dir()):
        return _refuse(out, "是一个文件")
    return None


def unsafe_out(project: Path, out: Path, default: bool = False, protected: tuple[Path, ...] = ()) -> Finding | None:
    """Why a build may not replace ``out``, or None when it may.

    Allowed: a folder that does not exist, an empty one, or a previous build (STAMP). ``default``:
    ``out`` is the project's own site folder, where a build made before the stamp is also accepted.
    """
    refusal = unsafe_target(project, out, protected)
    if refusal is not None:
        return refusal
    out = out.resolve()
    if out.is_dir() and any(out.iterdir()) and not previous_build(out, default):
        return _refuse(out, "不是空文件夹,也不是以前生成的网站(没有 .handbook-build 标记)")
    return None


def previous_build(folder: Path, legacy: bool = False) -> bool:
    return (folder / STAMP).is_file() or (legacy and all((folder / name).is_file() for name in LEGACY))


def _refuse(out: Path, why: str) -> Finding:
    return Finding("CFG003", f"输出文件夹 {out} {why}:已拒绝,什么都没有改动", hint=HINT)
