"""Read the sources as they were at a git revision, without touching the working tree.

The project may be the repository itself or a folder inside it. Errors are GitError with a Chinese
sentence saying what to do.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path


class GitError(Exception):
    """A git problem explained in plain words (no traceback for the user)."""


def _git(project: Path, *args: str, binary: bool = False) -> bytes | str:
    try:
        proc = subprocess.run(["git", "-C", str(project), *args], capture_output=True, timeout=120)
    except FileNotFoundError:
        raise GitError("没有安装 git:变更控制需要它(apt-get install git)") from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} 失败" + (f"(git 说: {detail[-1]})" if detail else ""))
    return proc.stdout if binary else proc.stdout.decode("utf-8", "replace")


def resolve(project: Path, ref: str) -> str:
    """The commit id of ``ref``, or a GitError saying why it cannot be found."""
    try:
        _git(project, "rev-parse", "--is-inside-work-tree")
    except GitError:
        raise GitError(f"{project} 不在 git 仓库中:--since 需要项目的历史版本(用 git clone 取得项目,不要只复制文件)") from None
    try:
        return str(_git(project, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")).strip()
    except GitError:
        shallow = str(_git(project, "rev-parse", "--is-shallow-repository")).strip() == "true"
        why = ("这是浅克隆:先取得更多历史(git fetch --unshallow),或用较新的版本" if shallow
               else "用 git log 或 git tag 查看正确的名称")
        raise GitError(f"找不到 git 版本「{ref}」:{why}") from None


def export(project: Path, commit: str, dest: Path) -> Path:
    """Write the project folder as it was at ``commit`` into ``dest``; returns the project root there."""
    # Run from the project folder, git archive writes that folder's files with paths relative to it.
    data = _git(project, "archive", "--format=tar", commit, "--", ".", binary=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:  # type: ignore[arg-type]
        archive.extractall(dest, filter="data")
    return dest


def commit_date(project: Path, commit: str) -> str:
    return str(_git(project, "show", "-s", "--format=%cs", commit)).strip()
