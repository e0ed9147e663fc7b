"""The only way WeasyPrint may read a resource: project files and data: URIs, nothing else.

Offices print offline and a source text must never make the renderer touch the network or a
file outside the project, so every other URL stops the rendering with an error.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

TEMPLATES = Path(__file__).resolve().parent / "templates"


class RefusedURL(ValueError):
    """A resource outside what the print renderer may read."""


class SafeFetcher(URLFetcher):
    """Serves files under ``roots`` and data: URIs; refuses (fatally) everything else."""

    def __init__(self, roots: tuple[Path, ...]):
        super().__init__(fail_on_errors=True, allowed_protocols=("data", "file"))
        self.roots = tuple(root.resolve() for root in roots)
        self.refused: list[str] = []

    # Called by WeasyPrint for every stylesheet, image and font it wants to load.
    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            return self._file(url)
        return self._refuse(url, "只允许项目内的文件和 data: URI,不访问网络")

    def _file(self, url: str) -> URLFetcherResponse:
        path = Path(url2pathname(unquote(urlsplit(url).path))).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            return self._refuse(url, "文件不在项目目录内")
        if not path.is_file():
            return self._refuse(url, "文件不存在")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    def _refuse(self, url: str, why: str) -> URLFetcherResponse:
        shown = url if len(url) <= 120 else url[:117] + "..."
        self.refused.append(f"{shown}({why})")
        raise RefusedURL(f"拒绝读取 {shown}: {why}")


def fetcher_for(project: Path | None) -> SafeFetcher:
    """The fetcher for one rendering: the project root and the templates folder."""
    roots = (TEMPLATES,) if project is None else (TEMPLATES, project)
    return SafeFetcher(roots)
