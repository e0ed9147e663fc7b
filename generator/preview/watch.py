"""Which files of a project changed: a snapshot of sizes and modification times, compared.

Polling, not inotify: it works the same on every file system (network shares, containers) and on
every editor's way of saving (write in place, or write a temporary file and rename it). Watched:
every folder and file of the registry of kinds (generator.model.kinds), the project root's own
entries (so a new folder such as the first ``reviews/`` is seen), mkdocs.yml and site_overrides/.
Editor leftovers (backups, autosaves, locks, swap and probe files: generator.load.folders.
editor_leftover, which the loader skips too) are not watched: saving in vim or emacs changes only
the file saved.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.load.folders import editor_leftover
from generator.model import kinds

Snapshot = dict[str, tuple[int, int]]  # path relative to the project -> (mtime in ns, size in bytes); (0, -1): a folder
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
            if entry.name not in SKIP and not entry.name.startswith(".") and not editor_leftover(entry.name):
                _add(seen, project, entry.path)
    for place in watched(project):
        if place.is_dir():
            for folder, dirs, names in os.walk(place):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in names:
                    if not editor_leftover(name):
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
    # a folder is there or not: its time changes with every file made in it (editor leftovers too)
    seen[rel] = (0, -1) if os.path.isdir(path) else (info.st_mtime_ns, info.st_size)
