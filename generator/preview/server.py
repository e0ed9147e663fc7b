"""The preview's HTTP server: the last good site, a script in every page, and the build state.

Only 127.0.0.1 is served. Every HTML page gets ``live.js``, which long-polls ``/__handbook/state``:
after a good build the page reloads itself; while the sources have errors it shows them over the
page (the last good page stays under it) until a save fixes them. Findings reach the page as JSON
and are shown as text, never as markup.

A missing URL (a page renamed or deleted, a folder without a page) gets the site's own 404 page,
with ``live.js`` and status 404, never a folder listing or http.server's English error page; an
open page whose file a build deletes reloads into it. A browser that drops a request (it reloads
while an asset is sent) ends that request quietly: nothing is printed, never a traceback.
"""

from __future__ import annotations

import http.server
import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

LIVE_JS = Path(__file__).with_name("live.js")
STATE_URL, SCRIPT_URL = "/__handbook/state", "/__handbook/live.js"
WAIT = 25.0  # seconds a state request waits for news before answering anyway
ERROR_PAGE = ("<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>手册预览: 错误 %(code)d</title>"
              "</head><body><p>预览服务器无法处理这个请求(错误 %(code)d)。</p></body></html>")
PLACEHOLDER = ("<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>手册预览</title></head>"
               "<body><p>还没有成功构建的网站:改正下面的错误并保存后,页面会自动出现。</p></body></html>")


@dataclass
class State:
    """What the browser is told: which build wrote each page, and the errors now (text lines).

    ``pages`` maps a page's output path (``procedures/x/index.html``) to the number of the build
    that last wrote it: an open page reloads only when its own number moves on. ``open`` records
    the pages browsers are showing (from their state requests), so the builder writes them first.
    """

    version: int = 0
    build: int = 0
    title: str = ""
    errors: list[str] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)
    open: dict[str, float] = field(default_factory=dict)
    loaded: dict[str, float] = field(default_factory=dict)  # page -> when a browser last (re)loaded it
    changed: threading.Condition = field(default_factory=threading.Condition)

    def published(self, uris: list[str]) -> None:
        """Pages written by the build under way: open ones reload now, not at the end of the build."""
        with self.changed:
            self.build += 1
            self.pages.update(dict.fromkeys(uris, self.build))
            self.version += 1
            self.title, self.errors = "", []
            self.changed.notify_all()

    def failed(self, title: str, errors: list[str]) -> None:
        with self.changed:
            self.version += 1
            self.title, self.errors = title, list(errors)
            self.changed.notify_all()

    def showing(self, within: float = 60.0) -> list[str]:
        """The pages some browser asked about in the last ``within`` seconds."""
        now = time.monotonic()
        with self.changed:
            return [uri for uri, seen in self.open.items() if now - seen < within]

    def reloaded(self, pages: list[str], timeout: float = 1.0) -> None:
        """Wait until browsers showing ``pages`` have loaded them again (at most ``timeout`` seconds).

        The build goes on in this process: serving the reloaded page and its assets would compete
        with it for the interpreter, so the rest of the build waits for the open pages first.
        """
        since = time.monotonic()
        with self.changed:
            self.changed.wait_for(lambda: all(self.loaded.get(page, 0) > since for page in pages), timeout)

    def wait(self, since: int, page: str, timeout: float = WAIT) -> dict[str, Any]:
        with self.changed:
            if since < 0:  # the first request of a page just loaded
                self.loaded[page] = time.monotonic()
                self.changed.notify_all()
            self.open[page] = time.monotonic()
            self.changed.wait_for(lambda: self.version != since, timeout)
            self.open[page] = time.monotonic()
            return {"version": self.version, "build": self.pages.get(page, 0), "title": self.title,
                    "errors": self.errors}


def page_file(path: str) -> str:
    """The output path of the page at URL path ``path``: ``/a/`` -> ``a/index.html``."""
    path = unquote(path).lstrip("/")
    return path + "index.html" if not path or path.endswith("/") else path


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, site_dir: Path, state: State):
        self.site_dir, self.state = site_dir, state
        super().__init__(("127.0.0.1", port), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A request that failed (mostly a browser that went away mid-answer): nothing to print."""


class _Handler(http.server.SimpleHTTPRequestHandler):
    server: PreviewServer
    error_message_format = ERROR_PAGE
    error_content_type = "text/html; charset=utf-8"

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, directory=str(args[2].site_dir), **kwargs)

    def log_message(self, *args: object) -> None:  # the terminal shows builds and findings, not requests
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        url = urlsplit(self.path)
        if url.path == STATE_URL:
            query = parse_qs(url.query)
            since, page = query.get("since", ["-1"])[0], query.get("page", ["/"])[0]
            state = self.server.state.wait(int(since) if since.lstrip("-").isdigit() else -1, page_file(page))
            return self._send(json.dumps(state, ensure_ascii=False).encode("utf-8"), "application/json")
        if url.path == SCRIPT_URL:
            return self._send(LIVE_JS.read_bytes(), "text/javascript")
        path = Path(self.translate_path(url.path))
        if path.is_dir():
            if not url.path.endswith("/"):  # the page's links are relative to its folder
                return self._redirect(url.path + "/" + (f"?{url.query}" if url.query else ""))
            path = path / "index.html"
        if path.suffix == ".html" or not self.server.state.build:
            body = path.read_bytes() if path.is_file() else None
            if body is None and self.server.state.build:
                return self.send_error(404)
            built = self.server.state.pages.get(page_file(url.path), 0)
            return self._send(self._with_script(body or PLACEHOLDER.encode("utf-8"), built), "text/html; charset=utf-8")
        return super().do_GET()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """404: the site's own page (with live.js: it reloads once the page exists); else a Chinese page."""
        page = self.server.site_dir / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        built = self.server.state.pages.get(page_file(urlsplit(self.path).path), 0)
        self._send(self._with_script(page.read_bytes(), built), "text/html; charset=utf-8", 404)

    def list_directory(self, path: Any) -> None:  # a folder without its page: not found, never a listing
        self.send_error(404)
        return None

    def copyfile(self, source: Any, outputfile: Any) -> None:
        try:
            super().copyfile(source, outputfile)
        except (BrokenPipeError, ConnectionResetError):  # the browser went away (a reload)
            self.close_connection = True

    def _redirect(self, to: str) -> None:
        self.send_response(301)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def end_headers(self) -> None:  # pages and state: always fresh; assets: asked again, 304 when unchanged
        fresh = self.path.startswith("/__handbook/") or not self.server.state.build or self.path.endswith(
            (".html", "/"))
        self.send_header("Cache-Control", "no-store" if fresh else "no-cache")
        super().end_headers()

    def _with_script(self, page: bytes, built: int) -> bytes:
        tag = f'<script src="{SCRIPT_URL}" data-build="{built}"></script>'.encode()
        at = page.rfind(b"</body>")
        return page[:at] + tag + page[at:] if at >= 0 else page + tag

    def _send(self, body: bytes, kind: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the browser went away
            pass


