"""Which files of a project changed: a snapshot of sizes and modification times, compared.

Polling, not inotify: it works the same on every file system (network shares, containers) and on
every editor's way of saving (write in place, or write a temporary file and rename it). Watched:
every folder and file of the registry of kinds (generator.model.kinds), the project root's own
entries (so a new folder such as the first ``reviews/`` is seen), mkdocs.yml and site_overrides/.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.model import kinds

Snapshot = dict[str, tuple[int, int]]  # path relative to the project -> (mtime in ns, size in bytes)
SKIP = {".git", ".venv", ".cache", "node_modules", "site", "site-public", "__pycache__", "test-artifacts"}


def watched(project: Path) -> list[Path]:
    """The folders and files of ``project`` a change in which can change the site."""
    places = [project / "mkdocs.yml", project / "site_overrides"]
    for kind in kinds.KINDS.values():
        places.append(project / (kind.folder or kind.file or ""))
    return places


def snapshot(project: Path) -> Snapshot:
    """(mtime, size) of every watched file, and of every entry of the project root."""
    seen: Snapshot = {}
    with os.scandir(project) as entries:
        for entry in entries:
            if entry.name not in SKIP and not entry.name.startswith("."):
                _add(seen, project, entry.path)
    for place in watched(project):
        if place.is_dir():
            for folder, dirs, names in os.walk(place):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in names:
                    _add(seen, project, os.path.join(folder, name))
        elif place.exists():
            _add(seen, project, str(place))
    return seen


def changed(old: Snapshot, new: Snapshot) -> list[str]:
    """The relative paths added, removed or modified between two snapshots, sorted."""
    return sorted(path for path in old.keys() | new.keys() if old.get(path) != new.get(path))


def _add(seen: Snapshot, project: Path, path: str) -> None:
    try:
        info = os.stat(path)
    except OSError:  # removed while we looked
        return
    rel = os.path.relpath(path, project)
    seen[rel] = (info.st_mtime_ns, info.st_size if not os.path.isdir(path) else -1)
