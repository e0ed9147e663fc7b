"""The site build and the PDFs fetch nothing from the network and read nothing outside the project.

The site and every PDF of the mini project (whose sources carry ``<img src="http://…">`` and
``file:///etc/passwd`` references) are built in a subprocess with an audit hook that fails any socket
connection or name lookup and records every file Python opens (WeasyPrint's fetches go through it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import MINI, ROOT, edit

HOSTILE = '<img src="http://example.com/x.png"> <img src="file:///etc/passwd"> file:///etc/passwd'

RUNNER = r"""
import json, os, sys
opened, connects = set(), []

def hook(event, args):
    if event == "urllib.Request" and str(args[0]).startswith("data:"):
        return  # inline fonts and images: no fetch
    if event in ("socket.connect", "socket.getaddrinfo", "urllib.Request"):
        connects.append(f"{event} {args[:2]!r}")
        raise RuntimeError(f"network use during the build: {event}")
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.fsdecode(args[0])
        opened.add(os.path.abspath(path))

sys.addaudithook(hook)
project, out, report = sys.argv[1:4]
from pathlib import Path
from generator.context import make_context
from generator.render.site import build_site
from generator.render.print import build_prints
context = make_context(Path(project))
build_site(context, Path(out) / "site")
result = build_prints(context.book, Path(out) / "pdf", site_url="https://h.example.com/", workers=1)
Path(report).write_text(json.dumps({"opened": sorted(opened), "connects": connects,
                                    "pdfs": [str(p) for p in result.files],
                                    "findings": [f.format() for f in result.findings]}))
"""

# Outside the project, the stdlib reads these (mime types, time zone, host name data): configuration only.
SYSTEM_FILES = {"/etc/mime.types", "/etc/localtime", "/etc/nsswitch.conf", "/etc/hosts", "/etc/resolv.conf",
                "/etc/host.conf", "/etc/gai.conf", "/etc/apache2/mime.types", "/etc/httpd/mime.types",
                "/etc/httpd/conf/mime.types", "/etc/apache/mime.types", "/usr/local/etc/mime.types",
                "/etc/pki/tls/certs/ca-bundle.crt"}


@pytest.fixture(scope="module")
def audit(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("fetch")
    project = base / "mini"
    shutil.copytree(MINI, project)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "site_overrides", project / "site_overrides")
    edit(project, "procedures/reception.yaml", "purpose: 规范来访接待", f"purpose: '规范来访接待 {HOSTILE}'")
    edit(project, "forms/visit-register.yaml", "summary: 首版", f"summary: '首版 {HOSTILE}'")
    report = base / "report.json"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([sys.executable, "-c", RUNNER, str(project), str(base / "out"), str(report)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = json.loads(report.read_text(encoding="utf-8"))
    data.update(project=str(project), out=str(base / "out"))
    return data


def _allowed(project: str) -> list[str]:
    # The code checkout's generator/ and .cache/vendor/ (offline JS fetched at setup, like the venv).
    roots = {project, sys.prefix, sys.base_prefix, str(ROOT / "generator"), str(ROOT / ".cache" / "vendor"), "/usr", "/etc/fonts",
             "/var/cache/fontconfig", tempfile.gettempdir(), "/proc", "/dev", "/sys/devices/system/cpu"}
    return [os.path.realpath(r) for r in roots] + sorted(roots)


def test_no_network(audit: dict) -> None:
    assert audit["connects"] == []
    assert any(p.endswith("visit-register.pdf") for p in audit["pdfs"])


def test_reads_stay_inside_the_allow_list(audit: dict) -> None:
    allowed = _allowed(audit["project"])
    outside = [p for p in audit["opened"] if p not in SYSTEM_FILES
               and not any(p == root or p.startswith(root.rstrip("/") + "/") for root in allowed)]
    assert outside == []
    assert "/etc/passwd" not in audit["opened"]
    assert any(p.startswith(audit["project"] + "/procedures/") for p in audit["opened"]), "the hook saw no reads"


def test_hostile_references_stay_text(audit: dict) -> None:
    out = Path(audit["out"])
    page = (out / "site" / "procedures" / "reception" / "index.html").read_text(encoding="utf-8")
    assert '<img src="http://example.com' not in page
    assert "&lt;img src=" in page or "&#34;http://example.com" in page or "http://example.com/x.png" in page
    text = subprocess.run(["pdftotext", str(out / "pdf" / "pdf" / "handbook.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "example.com/x.png" in text.replace("\n", "")  # printed as text, not fetched as an image
