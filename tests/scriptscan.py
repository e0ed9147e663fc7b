"""What a reader of a Traditional edition sees, file by file, scanned for Simplified-only characters.

A reader sees more than the visible text of a page: the theme's messages travel as \\u-escaped JSON
inside the page's scripts, the search index is JSON, a PDF shows its title, author and subject in
every viewer. So every text file is read with its \\uXXXX escapes decoded, and every PDF as its
text (pdftotext) plus its document information and XMP metadata. The character table is
generator.script.simplified_only (OpenCC's own STCharacters, less the region's standard forms).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from pypdf import PdfReader

from generator.script import simplified_in

TEXT_SUFFIXES = (".html", ".js", ".json", ".css", ".xml", ".txt", ".svg")
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def reader_text(path: Path) -> str:
    """Everything of ``path`` a reader can see, as plain text (escapes decoded, PDF metadata included)."""
    if path.suffix == ".pdf":
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
        reader = PdfReader(path)
        info = " ".join(str(v) for v in (reader.metadata or {}).values())
        xmp = reader.trailer["/Root"].get("/Metadata")
        xml = xmp.get_object().get_data().decode("utf-8", "replace") if xmp is not None else ""
        return "\n".join([text, info, xml])
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), path.read_text(encoding="utf-8"))


def leaks(folder: Path) -> dict[str, dict[str, int]]:
    """relative path -> {Simplified-only character: count} for every text file and PDF under ``folder``."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and (path.suffix in TEXT_SUFFIXES or path.suffix == ".pdf"):
            chars = simplified_in(reader_text(path))
            if chars:
                found[path.relative_to(folder).as_posix()] = chars
    return found


def scanned(folder: Path) -> list[str]:
    """The files ``leaks`` reads (to check that a scan saw what it should)."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and (p.suffix in TEXT_SUFFIXES or p.suffix == ".pdf"))
