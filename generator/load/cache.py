"""A cache of parsed sources: a file whose bytes have not changed is not parsed again.

YAML parsing is most of loading, and between two runs of ``handbook check`` most files are the
same. For each file the cache keeps the SHA-1 of its bytes with the data and marks the parser
made. It is JSON, never pickle: reading a cache must not be able to run code, and a damaged or
foreign cache is ignored rather than trusted (it only saves time). The data still goes through
validation and every rule, exactly as if it had just been parsed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from itertools import islice
from pathlib import Path
from collections.abc import Iterable
from typing import Any

import yaml

from generator.load.yamlsource import Source

FORMAT = f"sources/4 pyyaml/{yaml.__version__}"
_PLAIN = (str, int, float, bool, type(None))
# The cache file last read or written by this process: (its path, its (inode, size, mtime in ns),
# its entries). A process that loads again (handbook serve, on every save) does not read and decode
# the same file again; any change of the file (another process, a damaged file) is read anew.
_HELD: list[tuple[Path, tuple[int, int, int], dict[str, list[Any]]]] = []


class SourceCache:
    """Parsed sources by path, read at once from ``folder/sources.json``, written back if changed.

    One file, not one per source: writing two thousand small files costs more than parsing them.
    """

    def __init__(self, folder: Path | None):
        self.file = folder / "sources.json" if folder is not None else None
        self.old: dict[str, list[Any]] = {}
        self.new: dict[str, list[Any]] = {}
        self.changed = False
        self.held = False  # whether ``old`` is the process's held copy (its entries are copied before use)
        if self.file is not None:
            self.old, self.held = _entries(self.file)

    def get(self, rel: str, digest: str, text: str) -> Source | None:
        """The cached parse of ``rel`` if its bytes still hash to ``digest``."""
        entry = self.old.get(rel)
        if not isinstance(entry, list) or len(entry) != 2 or entry[0] != digest:
            return None
        try:
            source = _unpack(rel, text, _fresh(entry[1]) if self.held else entry[1])
        except Exception:  # noqa: BLE001 - an entry that does not read back is simply not used
            return None
        self.new[rel] = entry
        return source

    def keep(self, rel: str, digest: str) -> bool:
        """Keep ``rel``'s entry, unread, if its bytes still hash to ``digest`` (the caller has its model);
        False when there is no such entry (or no cache file): the caller parses, and puts it."""
        entry = self.old.get(rel)
        if self.file is None or not (isinstance(entry, list) and len(entry) == 2 and entry[0] == digest):
            return self.file is None
        self.new[rel] = entry
        return True

    def put(self, rel: str, digest: str, source: Source) -> None:
        packed = _pack(source) if self.file is not None else None
        if packed is not None:
            self.new[rel] = [digest, packed]
            self.changed = True

    def save(self) -> None:
        """Keep the entries used or made in this run (so deleted files drop out); skip on failure."""
        if self.file is None or not (self.changed or self.new.keys() != self.old.keys()):
            return
        body = json.dumps({"format": FORMAT, "files": self.new}, ensure_ascii=False, separators=(",", ":"),
                          default=_date_text, check_circular=False)  # parsed YAML has no cycles
        temp = self.file.with_name(f".{self.file.name}.{os.getpid()}")
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            temp.write_text(body, encoding="utf-8")
            os.replace(temp, self.file)
            _hold(self.file, self.new)
        except OSError:
            temp.unlink(missing_ok=True)


def _stamp(file: Path) -> tuple[int, int, int] | None:
    try:
        info = file.stat()
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


def _entries(file: Path) -> tuple[dict[str, list[Any]], bool]:
    """The entries of the cache ``file`` ({} when missing, damaged or foreign), and whether they
    are the copy this process holds (unchanged since it last read or wrote the file)."""
    stamp = _stamp(file)
    if stamp is None:
        return {}, False
    if _HELD and _HELD[0][0] == file and _HELD[0][1] == stamp:
        return _HELD[0][2], True
    entries: dict[str, list[Any]] = {}
    try:
        stored = json.loads(file.read_bytes())
        if stored.get("format") == FORMAT and isinstance(stored.get("files"), dict):
            entries = stored["files"]
    except Exception:  # noqa: BLE001 - a damaged cache is simply not used
        pass
    _hold(file, entries, stamp)
    return entries, False


def _hold(file: Path, entries: dict[str, list[Any]], stamp: tuple[int, int, int] | None = None) -> None:
    """Keep ``entries`` as the process's copy of ``file`` (one cache file at a time)."""
    stamp = stamp or _stamp(file)
    _HELD.clear()
    if stamp is not None:
        _HELD.append((file, stamp, entries))


def _fresh(packed: Any) -> Any:
    """A held entry as first read: unpacking turns its dates into objects in place."""
    return json.loads(json.dumps(packed, ensure_ascii=False, default=_date_text))


class _NotPlain(Exception):
    """A value JSON cannot carry back unchanged (times, binary, sets): the file is not cached."""


def _pack(source: Source) -> list[Any] | None:
    """[data, marks, dates]: ``marks`` is one flat list of numbers, container by container in walk
    order (a mapping: its line and column, then key line, key column, value line, value column of
    each entry; a sequence: line and column of each item); ``dates`` holds [container number, key
    or index] of each date, which JSON would otherwise bring back as text."""
    marks: list[int] = []
    dates: list[Any] = []
    count = 0

    def walk(node: Any) -> None:
        nonlocal count
        number, count = count, count + 1
        if isinstance(node, dict):
            _, line, col, values = source.marks[id(node)]
            keys = source.key_marks[id(node)]
            marks.extend((line, col))
            for key in node:
                marks.extend((*keys[key], *values[key]))
            children: Iterable[tuple[Any, Any]] = node.items()
        else:
            for mark in source.marks[id(node)]:
                marks.extend(mark)
            children = enumerate(node)
        for place, child in children:
            if type(child) in (dict, list):
                walk(child)
            elif type(child) is dt.date:
                dates.append([number, place])
            elif type(child) not in _PLAIN:
                raise _NotPlain

    try:
        walk(source.data)
    except _NotPlain:
        return None
    return [source.data, marks, dates]


def _unpack(rel: str, text: str, packed: list[Any]) -> Source:
    data, marks, dates = packed
    if not isinstance(data, dict):
        raise ValueError("not a mapping")
    source = Source(rel, text, data)
    containers: list[Any] = []
    numbers = iter(marks)

    def walk(node: Any) -> None:
        containers.append(node)
        if isinstance(node, dict):
            line, col = next(numbers), next(numbers)
            flat = list(islice(numbers, 4 * len(node)))
            source.marks[id(node)] = (rel, line, col, dict(zip(node, zip(flat[2::4], flat[3::4]))))
            source.key_marks[id(node)] = dict(zip(node, zip(flat[0::4], flat[1::4])))
            children = node.values()
        else:
            flat = list(islice(numbers, 2 * len(node)))
            source.marks[id(node)] = list(zip(flat[0::2], flat[1::2]))
            children = node
        if len(flat) != (4 if isinstance(node, dict) else 2) * len(node):
            raise ValueError("marks do not fit")
        for child in children:
            if type(child) in (dict, list):
                walk(child)

    walk(data)
    for number, place in dates:
        container = containers[number]
        container[place] = dt.date.fromisoformat(container[place])
    return source


def _date_text(value: Any) -> str:
    if type(value) is dt.date:
        return value.isoformat()
    raise TypeError(f"not cacheable: {type(value).__name__}")
