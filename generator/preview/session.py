"""The preview loop: build, serve, watch; on each save load and check again and build what changed.

The sources are loaded and checked in full on every save (an unchanged file keeps the model made
from it the last time, generator/load/loader.py, so only the saved file is parsed and validated);
the site builder then renders only the pages whose output can differ (generator.preview.builder),
the pages open in a browser first. A newer save interrupts the rest of a build: its open pages
are shown first, and the next build catches up on everything. Bad sources never stop the
preview: their findings go to the terminal and to the browser, and the last good site stays.
"""

from __future__ import annotations

import datetime as dt
import gc
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

from generator.context import SourcesFailed, make_context
from generator.findings import Severity, SourceError, what_stopped
from generator.preview import watch
from generator.preview.builder import Interrupted, PreviewBuilder
from generator.preview.server import PreviewServer, State
from generator.publish.build import site_url

POLL = 0.1  # seconds between looks at the files
SETTLE = 0.05  # a change is built once the files have stayed the same this long (editors write in steps)
STOP_LOOK = 0.25  # seconds between looks for a newer save while the pages nobody shows are written
REBUILD_ALL = ("mkdocs.yml", "site_overrides")  # changes that need a fresh MkDocs configuration


def settle() -> None:
    """Collect the garbage once, then put every object alive out of the cyclic collector's sight.

    After a first build the process holds about a million long-lived objects (the models of every
    source file, kept by the loader for the next save; MkDocs, its theme and plugins), and every
    build makes enough new ones that the collector's oldest generation is walked again during
    nearly every build: 0.5-1.5 s at 1000 procedures, up to the page the editor waits for.
    Frozen objects are not walked; reference counting still frees them (the models of a saved
    file, which hold no cycles). The few cyclic objects of the build frozen with them stay until
    the next settle (a fresh builder) or the end of the session (``gc.unfreeze``).
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class Preview:
    """One preview session of ``project`` served on 127.0.0.1:``port`` (0: any free port)."""

    def __init__(self, project: Path, port: int = 8000, today: dt.date | None = None,
                 say: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True)):
        self.project, self.today, self.say = project.resolve(), today, say
        self.site_dir = Path(tempfile.mkdtemp(prefix="handbook-preview-"))
        self.state = State()
        try:
            self.server = PreviewServer(port, self.site_dir, self.state)  # OSError when the port is taken
        except OSError:
            shutil.rmtree(self.site_dir, ignore_errors=True)
            raise
        self.builder: PreviewBuilder | None = None
        self.stop = threading.Event()
        self.ready = threading.Event()  # set once the first build is done (or has failed)
        self.warned: list[str] = []  # the rule warnings last shown in the terminal
        self.pending: set[str] = set()  # source files saved since the last complete build
        self.seen: watch.Snapshot = {}  # the files as the build under way (or the last one) found them
        self.looked = 0.0  # when _newer last looked

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def run(self) -> None:
        """Serve until ``stop`` is set (or Ctrl-C in the caller); always removes the temporary site."""
        thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
        thread.start()
        try:
            self.seen = watch.snapshot(self.project)
            self.rebuild([])
            self.ready.set()
            self.say(f"预览: {self.url}  (保存源文件后页面自动更新; Ctrl-C 停止)")
            while not self.stop.wait(POLL):
                now = watch.snapshot(self.project)
                if now == self.seen:
                    continue
                while not self.stop.wait(SETTLE):
                    settled = watch.snapshot(self.project)
                    if settled == now:
                        break
                    now = settled
                changed, self.seen = watch.changed(self.seen, now), now
                self.rebuild(changed)
        finally:
            gc.unfreeze()  # the session's objects may be collected again (generator.preview.session.settle)
            self.server.shutdown()
            self.server.server_close()
            shutil.rmtree(self.site_dir, ignore_errors=True)

    def rebuild(self, changed: list[str]) -> None:
        """Check and build after ``changed`` (relative paths); report the outcome to terminal and browser.

        The cyclic garbage collector waits until the build is over: a build makes a million objects
        (a new view of every model, the pages), and a pass of the collector's oldest generation over
        them took 0.5 s of the save's way to the page at 1000 procedures. The garbage of the build
        is collected after it, unless a newer save is waiting (then after the next one)."""
        if any(path.split("/")[0] in REBUILD_ALL for path in changed):
            self.builder = None
        fresh = self.builder is None
        gc.disable()
        try:
            built = self._rebuild(changed)
        finally:
            gc.enable()
        if built and fresh:
            settle()
        elif built is not False and watch.snapshot(self.project) == self.seen:  # no newer save waiting
            gc.collect()

    def _rebuild(self, changed: list[str]) -> bool | None:
        """``rebuild``'s work: True when the site was built, False when a newer save interrupted it,
        None when it failed (the findings are shown)."""
        start = time.perf_counter()
        self.pending.update(changed)  # saved since the last good build: a failed build leaves them to the next
        try:
            context = make_context(self.project, today=self.today, site_url=site_url(self.project))
            if self.builder is None:
                self.builder = PreviewBuilder(self.project, self.site_dir)
            showing = self.state.showing()
            stats = self.builder.build(context, showing, lambda uris: self._written(uris, showing),
                                       sorted(self.pending), self._newer)
        except Interrupted:  # the open pages are shown; the rest waits for the newer save's build
            self.say(f"又有保存: 先处理新的修改 ({time.perf_counter() - start:.2f} 秒)")
            return False
        except (SourcesFailed, SourceError) as failed:
            errors = [f for f in failed.findings if f.severity is Severity.error] or failed.findings
            self._failed([f.format() for f in errors], what_stopped(errors))
            return None
        except Exception as exc:  # noqa: BLE001 - a defect or an engine error must not end the preview
            self.builder = None
            self._failed([f"handbook: 网站未能生成({type(exc).__name__}: {exc})\n"
                          "    提示: 这是生成器或 MkDocs 的问题,不是源文件的错误;保存任一文件会重试"],
                         "生成器出错(不是源文件的错误)")
            return None
        self.pending = set()
        if stats.removed:  # open pages whose file is gone reload into the 404 page
            self.state.published(stats.removed)
        warnings = [f.format() for f in context.findings if f.severity is not Severity.error]
        if warnings != self.warned:  # said once, and again only when they change
            for line in warnings:
                self.say(line)
            self.warned = warnings
        self.say(f"已更新: {stats.rendered} 页重新生成, {stats.kept} 页未变"
                 f"{f', {len(warnings)} 个警告' if warnings else ''} ({time.perf_counter() - start:.2f} 秒)")
        return True

    def _newer(self) -> bool:
        """Whether a source was saved since the build under way began (looked at every STOP_LOOK seconds)."""
        now = time.monotonic()
        if now - self.looked < STOP_LOOK:
            return False
        self.looked = now
        return watch.snapshot(self.project) != self.seen

    def _written(self, uris: list[str], showing: list[str]) -> None:
        """Pages are written: open ones reload; the build continues once they have (or after 1 s)."""
        self.state.published(uris)
        self.state.reloaded([uri for uri in uris if uri in showing])

    def _failed(self, errors: list[str], what: str) -> None:
        """Keep the last good site; tell the terminal and the browser what is wrong (``path:line:col: CODE …``)."""
        for line in errors:
            self.say(line)
        kept = "页面仍是上一次成功的版本" if self.state.build else "还没有能生成的页面"
        title = f"{what},网站未更新({kept})。改正并保存后自动更新:"
        self.say(title)
        self.state.failed(title, errors)
