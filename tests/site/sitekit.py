"""Helpers for the site tests: build a project's site with the real `mkdocs` command, read its HTML."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import MINI, ROOT, Run, edit  # noqa: F401 (tests/conftest.py's helpers, used by the site tests too)

from generator.render.site.urls import NOTICES

# PDFs are written into the site by the print stage (handbook build): links must follow the scheme.
PDF = re.compile(r"^pdf/(?:handbook\.pdf|forms/[a-z0-9-]+\.pdf|notices/[a-z0-9-]+/(?:%s)\.pdf)$"
                 % "|".join(key for key, _ in NOTICES))
SITE_FILES = ("mkdocs.yml", "site_overrides")  # what turns a folder of sources into a site project
XSS = "<script>alert(1)</script>"


def mkdocs_build(project: Path, site: Path, **extra_env: str) -> Run:
    """`mkdocs build` as a user runs it, from the project folder (``extra_env``: extra environment)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **extra_env)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(site)], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def site_project(sources: Path, dest: Path) -> Path:
    """A copy of ``sources`` (e.g. the mini fixture) with this repository's mkdocs.yml and theme overrides."""
    shutil.copytree(sources, dest)
    for name in SITE_FILES:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / name)
    return dest


@dataclass
class Page:
    """What a built HTML page holds: element ids, links, text of its main content."""

    path: Path
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # href and src values
    classes: dict[str, int] = field(default_factory=dict)
    text: str = ""


class _Scanner(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.page.ids.add(value)
            elif name in ("href", "src") and tag != "base":
                self.page.links.append(value)
            elif name == "class":
                for cls in value.split():
                    self.page.classes[cls] = self.page.classes.get(cls, 0) + 1

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


def read_page(path: Path) -> Page:
    page = Page(path)
    scanner = _Scanner(page)
    scanner.feed(path.read_text(encoding="utf-8"))
    scanner.close()
    page.text = "".join(scanner.chunks)
    return page


def page_of(site: Path, url: str) -> Page:
    """The page at a site URL such as ``procedures/resident-help/``."""
    path = site / url
    return read_page(path / "index.html" if url.endswith("/") or url == "" else path)


def resolve(page: Path, link: str) -> tuple[Path | None, str]:
    """(target file, fragment) of a link on ``page``; target None for links leaving the site."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "tel:", "data:", "javascript:")):
        return None, ""
    fragment = unquote(parts.fragment)
    if not parts.path:
        return page, fragment
    target = (page.parent / unquote(parts.path)).resolve()
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, fragment


def targets(site: Path, page: Page) -> set[str]:
    """Every in-site link of ``page`` as ``path/from/site/root[#fragment]``."""
    found = set()
    for link in page.links:
        target, fragment = resolve(page.path, link)
        if target is None:
            continue
        root = site.resolve()
        resolved = target.resolve()
        rel = resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else str(resolved)
        found.add(f"{rel}#{fragment}" if fragment else rel)
    return found


HOSTILE_EDITS = (  # (file, text, replacement): source fields that reach titles, nav, tables, search
    ("company.yaml", "name: 测试物业服务有限公司", f"name: '测试物业服务有限公司{XSS}'"),
    ("procedures/reception.yaml", "title: 来访接待规程", f"title: '来访接待规程{XSS}'"),
    ("procedures/reception.yaml", "purpose: 规范来访接待", f"purpose: '规范来访接待{XSS}'"),
    ("procedures/reception.yaml", "text: 接待员登记来访信息", f"text: '接待员登记来访信息{XSS}'"),
    ("procedures/reception.yaml", "duties: [接待并登记来访]", f"duties: ['接待并登记来访{XSS}']"),
    ("forms/visit-register.yaml", "title: 来访登记表", f"title: '来访登记表{XSS}'"),
    ("forms/visit-register.yaml", "  - label: 日期", f"  - label: '日期{XSS}'"),
    ("organisation/roles/clerk.yaml", "name: 接待员", f"name: '接待员{XSS}'"),
    ("organisation/departments/office.yaml", "name: 管理处", f"name: '管理处{XSS}'"),
    ("price-lists/fees.yaml", "title: 有偿服务收费标准", f"title: '有偿服务收费标准{XSS}'"),
    ("price-lists/fees.yaml", "  - name: 家电维修", f"  - name: '家电维修{XSS}'"),
    ("sites/garden.yaml", "name: 花园小区", f"name: '花园小区{XSS}'"),
    ("glossary.yaml", "  - term: 投诉", f"  - term: '投诉{XSS}'\n    definition: '定义{XSS}'"),
)


# Session fixtures live here, not in a conftest.py: tests/*.py import their helpers with
# `from conftest import …`, which a second conftest module would shadow. Test modules import these
# fixtures; _BUILT makes each site be built once per session however many modules use it.
_BUILT: dict[str, Path] = {}


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project's site, built from the repository's sources."""
    if "real" not in _BUILT:
        site = tmp_path_factory.mktemp("real") / "site"
        run = mkdocs_build(ROOT, site)
        assert run.code == 0, run.text
        _BUILT["real"] = site
    return _BUILT["real"]


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini project with <script> in titles and texts of every kind of source."""
    if "hostile" not in _BUILT:
        project = site_project(MINI, tmp_path_factory.mktemp("hostile") / "project")
        for rel, old, new in HOSTILE_EDITS:
            edit(project, rel, old, new)
        run = mkdocs_build(project, project / "site")
        assert run.code == 0, run.text
        _BUILT["hostile"] = project / "site"
    return _BUILT["hostile"]


def crawl(site: Path, pdfs_built: bool = False) -> list[str]:
    """Every link and #fragment of every page that points at nothing. Links into pdf/ must follow
    the print stage's scheme, and (``pdfs_built``: a ``handbook build`` with PDFs) exist."""
    root = site.resolve()
    ids = lru_cache(maxsize=None)(lambda path: frozenset(read_page(path).ids))
    problems = []
    pages = sorted(root.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        if path.name == "404.html":
            continue  # served for any missing URL; its links are absolute to the site root
        for link in read_page(path).links:
            target, fragment = resolve(path, link)
            if target is None:
                continue
            where = f"{path.relative_to(root)}: {link}"
            if not target.resolve().is_relative_to(root):
                problems.append(f"{where} leaves the site")
                continue
            rel = target.resolve().relative_to(root).as_posix()
            if rel.startswith("pdf/"):
                if not PDF.match(rel):
                    problems.append(f"{where} is not a PDF of the scheme")
                elif pdfs_built and not target.is_file():
                    problems.append(f"{where} -> missing {rel}")
                continue
            if not target.is_file():
                problems.append(f"{where} -> missing {rel}")
            elif fragment and target.suffix == ".html" and fragment not in ids(target):
                problems.append(f"{where} -> no #{fragment} in {rel}")
    return problems
