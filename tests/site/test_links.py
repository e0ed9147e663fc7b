"""Crawl the built site: every link and every #fragment points at something that exists."""

from __future__ import annotations

from pathlib import Path

from sitekit import crawl, hostile_site, real_site  # noqa: F401 (fixtures)


def test_every_link_and_anchor_resolves(real_site: Path) -> None:
    problems = crawl(real_site)
    assert not problems, "\n".join(problems[:30])


def test_hostile_site_links_resolve_too(hostile_site: Path) -> None:
    problems = crawl(hostile_site)
    assert not problems, "\n".join(problems[:30])
