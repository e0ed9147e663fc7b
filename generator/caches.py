"""Where the project's caches live, and why there.

Every cache is keyed by content, so an entry is only as honest as the folder it sits in. In a git
checkout the caches live in ``.git/handbook-cache/``: nothing in ``.git`` travels with a commit,
so nobody can slip a forged entry (a price notice PDF or a parsed source that differs from the
reviewed YAML) into a pull request. Elsewhere they live in the git-ignored ``.cache/``.
"""

from __future__ import annotations

from pathlib import Path


def cache_root(project: Path) -> Path:
    """The folder that holds every cache of ``project`` (``print/``, ``sources/``)."""
    git = Path(project) / ".git"
    return git / "handbook-cache" if git.is_dir() else Path(project) / ".cache"
