"""Time the site build on a synthetic corpus against plain MkDocs building the same pages as Markdown.

    python benchmarks/site_bench.py [--runs 3] [--procedures 1000] [--forms 500] [--sites 100]

1. Make the corpus (benchmarks/corpus.py): copies of the real sources, new ids and codes, rewired.
2. `mkdocs build` with the handbook plugin, ``--runs`` times (a new process each time): median.
3. Write every page the plugin made as a Markdown file (front matter title + the page body), with the
   same navigation, theme, search and offline plugins but no handbook plugin, and time plain
   `mkdocs build` on that: the plugin's cost (load, check, render) shows as the ratio. Goal ≤ 1.3.
4. Page sizes of the handbook build: largest and median HTML file. Goal ≤ 100 KB.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.check_bench import machine  # noqa: E402
from benchmarks.corpus import ROOT, make_corpus  # noqa: E402

BODY = re.compile(r'<article class="hb-doc.*?</article>', re.S)
TITLE = re.compile(r"<title>(.*?) - ", re.S)


def build(project: Path, site: Path, **extra_env: str) -> float:
    """Wall time of one `mkdocs build` in a new process (start-up included)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **extra_env)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=project, env=env,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def side_by_side(corpus: Path, site: Path, twin: Path, twin_site: Path) -> tuple[float, float]:
    """The plugin build and the plain build at the same time, one per core: (plugin s, plain s).

    This VM's speed drifts by up to 2x within minutes, so two builds run one after the other can
    meet different machines; side by side they meet the same one, and their ratio stays fair.
    """
    with ThreadPoolExecutor(max_workers=2) as pool:
        ours = pool.submit(build, corpus, site, HANDBOOK_NO_CUT_CACHE="1")
        plain = pool.submit(build, twin, twin_site)
        return ours.result(), plain.result()


def markdown_twin(corpus: Path, site: Path, dest: Path) -> Path:
    """A plain MkDocs project holding the handbook's pages as Markdown files, same nav and theme."""
    docs = dest / "docs"
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        body = BODY.search(html)
        if not body:
            continue
        title = TITLE.search(html)
        target = docs / page.relative_to(site).with_suffix(".md")
        target.parent.mkdir(parents=True, exist_ok=True)
        front = f"---\ntitle: {json.dumps(title.group(1) if title else '', ensure_ascii=False)}\n---\n\n"
        target.write_text(front + body.group(0) + "\n", encoding="utf-8")
    shutil.copytree(corpus / "site_overrides", dest / "site_overrides")
    config = yaml.load((corpus / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    config["docs_dir"] = "docs"
    config["plugins"] = [p for p in config["plugins"] if p != "handbook"]
    config["nav"] = _nav(corpus)
    config.pop("markdown_extensions", None)
    config["markdown_extensions"] = ["admonition", "attr_list", "pymdownx.details", {"toc": {"permalink": True}},
                                     "pymdownx.superfences"]
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def _nav(corpus: Path) -> list:
    from generator.load import load_or_raise
    from generator.render.site.index import SiteIndex
    from generator.render.site.nav import navigation

    return navigation(SiteIndex.build(load_or_raise(corpus)), None)


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's !!python/name tags are dropped (the twin configures its extensions itself)."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def sizes(site: Path) -> tuple[float, float, int]:
    values = sorted(p.stat().st_size for p in site.rglob("*.html"))
    return values[-1] / 1024, statistics.median(values) / 1024, len(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--procedures", type=int, default=1000)
    parser.add_argument("--forms", type=int, default=500)
    parser.add_argument("--sites", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = make_corpus(Path(tmp) / "corpus", args.procedures, args.forms, args.sites, source=ROOT)
        site = Path(tmp) / "site"
        ours = [build(corpus, site) for _ in range(args.runs)]
        # The corpus is made of copies, so remembered segmentations hit more often than in a real
        # handbook: time the build without that cache too.
        uncached = [build(corpus, site, HANDBOOK_NO_CUT_CACHE="1") for _ in range(args.runs)]
        largest, median_kb, pages = sizes(site)
        twin = markdown_twin(corpus, site, Path(tmp) / "twin")
        plain = [build(twin, Path(tmp) / "twin-site") for _ in range(args.runs)]
        twin_pages = sum(1 for _ in (Path(tmp) / "twin-site").rglob("*.html"))
    ratio = statistics.median(ours) / statistics.median(plain)
    ratio_uncached = statistics.median(uncached) / statistics.median(plain)
    print(f"machine: {machine()}")
    print(f"corpus: {args.procedures} procedures, {args.forms} forms, {args.sites} sites -> {pages} pages "
          f"(markdown twin: {twin_pages})")
    print(f"handbook plugin build: median {statistics.median(ours):.1f} s of {[round(t, 1) for t in ours]}")
    print(f"handbook plugin build, segmentation cache off: median {statistics.median(uncached):.1f} s of "
          f"{[round(t, 1) for t in uncached]}")
    print(f"plain mkdocs, same pages as Markdown: median {statistics.median(plain):.1f} s of "
          f"{[round(t, 1) for t in plain]}")
    print(f"ratio: {ratio:.2f}; with the cache off {ratio_uncached:.2f} (goal <= 1.3)")
    print(f"page size: largest {largest:.0f} KB, median {median_kb:.0f} KB (goal <= 100 KB)")


if __name__ == "__main__":
    main()
