"""Content-hash cache of rendered PDFs (``print/`` in the project's cache root, see generator.caches).

A key hashes the HTML, templates, fonts and renderer versions (job.py), so an unchanged document
is copied instead of rendered. Each entry keeps the findings of its render beside the PDF, so a
cached build reports exactly what the first one did. Entries unused for 30 days are pruned.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from generator.findings import Finding, Severity
from generator.model.base import Position

MAX_AGE_DAYS = 30


class Cache:
    def __init__(self, folder: Path | None):
        self.folder = folder

    def get(self, key: str) -> tuple[bytes, list[Finding]] | None:
        if self.folder is None:
            return None
        pdf, meta = self._paths(key)
        try:
            data = pdf.read_bytes()
            stored = json.loads(meta.read_text(encoding="utf-8"))
            findings = [_finding(d) for d in stored["findings"]]
            if stored.get("sha256") != hashlib.sha256(data).hexdigest():
                return None  # damaged or swapped: render again
            os.utime(pdf)  # recently used: kept by prune()
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return data, findings

    def put(self, key: str, data: bytes, findings: list[Finding]) -> None:
        if self.folder is None:
            return
        pdf, meta = self._paths(key)
        record = {"findings": [f.as_dict() for f in findings], "sha256": hashlib.sha256(data).hexdigest()}
        try:
            pdf.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(meta, json.dumps(record, ensure_ascii=False).encode())
            write_atomic(pdf, data)
        except OSError:  # a read-only project or a full disk: print without caching
            pass

    def prune(self) -> None:
        if self.folder is None or not self.folder.is_dir():
            return
        limit = time.time() - MAX_AGE_DAYS * 86400
        for pdf in self.folder.glob("*/*.pdf"):
            try:
                if pdf.stat().st_mtime < limit:
                    pdf.unlink(missing_ok=True)
                    pdf.with_suffix(".json").unlink(missing_ok=True)
            except OSError:
                continue

    def _paths(self, key: str) -> tuple[Path, Path]:
        base = self.folder / key[:2] / key  # type: ignore[operator]
        return base.with_suffix(".pdf"), base.with_suffix(".json")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _finding(data: dict) -> Finding:
    pos = Position(data["file"], data["line"], data["col"]) if data.get("file") else None
    return Finding(data["code"], data["message"], pos, Severity(data["severity"]), data.get("hint"))
