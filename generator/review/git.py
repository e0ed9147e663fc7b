"""Read the sources as they were at a git revision, without touching the working tree."""

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
        raise GitError("git is not installed; change control needs it (apt-get install git)") from None
    if proc.returncode != 0:
        raise GitError(proc.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return proc.stdout if binary else proc.stdout.decode("utf-8", "replace")


def resolve(project: Path, ref: str) -> str:
    """The commit id of ``ref``, or a GitError saying why it cannot be found."""
    try:
        _git(project, "rev-parse", "--is-inside-work-tree")
    except GitError:
        raise GitError(f"{project} is not in a git repository: --since needs the project's history "
                       "(clone it with git instead of copying the files)") from None
    try:
        return str(_git(project, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")).strip()
    except GitError:
        shallow = str(_git(project, "rev-parse", "--is-shallow-repository")).strip() == "true"
        why = (" This is a shallow clone: fetch more history (git fetch --unshallow) or use a newer revision."
               if shallow else " Check the name with git log / git tag.")
        raise GitError(f"revision {ref!r} not found.{why}") from None


def export(project: Path, commit: str, dest: Path) -> Path:
    """Write the project folder as it was at ``commit`` into ``dest``; returns the project root there."""
    prefix = str(_git(project, "rev-parse", "--show-prefix")).strip()
    data = _git(project, "archive", "--format=tar", commit, "--", prefix or ".", binary=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:  # type: ignore[arg-type]
        archive.extractall(dest, filter="data")
    return dest / prefix if prefix else dest


def commit_date(project: Path, commit: str) -> str:
    return str(_git(project, "show", "-s", "--format=%cs", commit)).strip()
