"""Crawl the built site: every link and every #fragment points at something that exists."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from sitekit import hostile_site, read_page, real_site, resolve  # noqa: F401 (fixtures)

from generator.render.site.urls import NOTICES

# PDFs are written into the site by the print stage (handbook build): links must follow the scheme.
PDF = re.compile(r"^pdf/(?:handbook\.pdf|forms/[a-z0-9-]+\.pdf|notices/[a-z0-9-]+/(?:%s)\.pdf)$"
                 % "|".join(key for key, _ in NOTICES))


def test_every_link_and_anchor_resolves(real_site: Path) -> None:
    problems = crawl(real_site)
    assert not problems, "\n".join(problems[:30])


def test_hostile_site_links_resolve_too(hostile_site: Path) -> None:
    problems = crawl(hostile_site)
    assert not problems, "\n".join(problems[:30])


def crawl(site: Path) -> list[str]:
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
                if not target.exists() and not PDF.match(rel):
                    problems.append(f"{where} is not a PDF of the scheme")
                continue
            if not target.is_file():
                problems.append(f"{where} -> missing {rel}")
            elif fragment and target.suffix == ".html" and fragment not in ids(target):
                problems.append(f"{where} -> no #{fragment} in {rel}")
    return problems
