"""The page tree: every page of the site as a Markdown file with front matter, for any engine.

``handbook pages --out DIR`` writes, from a checked build context:

- ``DIR/docs/<page>.md`` for every page: YAML front matter (``title``, ``template``, the page
  meta the theme reads) and the page body as HTML (Markdown passes it through unchanged); the
  hand-written pages of ``docs_dir``, the local browser library and each chart's full-size
  ``flowchart.svg`` beside them (the pages carry their charts inline);
- ``DIR/nav.yml``: the navigation, titles to page paths;
- ``DIR/mkdocs.yml``: the project's configuration without the handbook plugin, pointing at
  ``docs/``, the nav and the project's ``site_overrides``: plain MkDocs, ProperDocs and Zensical
  build it as it is.

Only files whose bytes change are written (an engine watching the tree rebuilds only those);
files of pages that no longer exist are deleted. Links between pages are those of the built
site (``…/index.html``, the offline layout). The bodies are made by the same renderer as the
plugin's, through MkDocs' file objects, so this stage still needs MkDocs installed.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.context import BuildContext

MARKER = ".handbook-pages"  # written into the tree; marks a folder ``handbook pages`` may rewrite


@dataclass
class TreeResult:
    written: list[str] = field(default_factory=list)
    kept: int = 0
    removed: list[str] = field(default_factory=list)


def write_tree(context: BuildContext, out: Path) -> TreeResult:
    """Write the page tree of ``context`` into ``out``; SourceError (CFG00x) when mkdocs.yml is unusable."""
    from mkdocs.structure.files import get_files

    from generator.render.site import configure, site_config
    from generator.render.site.page import HandbookPage
    from generator.render.site.render import compact

    config, plugin = site_config(context.project, out / "site")
    plugin.context = context
    config = configure(config)
    files = plugin.on_files(get_files(config), config=config)
    wanted: dict[str, bytes] = {}
    for file in files:
        page = file.page
        if isinstance(page, HandbookPage):
            page.read_source(config)
            page.render(config, files)
            front = yaml.safe_dump(page.meta, allow_unicode=True, sort_keys=False)
            wanted[f"docs/{file.src_uri}"] = f"---\n{front}---\n\n{compact(page.content or '')}\n".encode()
        elif file.abs_src_path or file.generated_by:  # files of docs_dir, vendor copies, flowchart.svg
            wanted[f"docs/{file.src_uri}"] = file.content_bytes
    nav = yaml.safe_dump(config.nav, allow_unicode=True, sort_keys=False).encode()
    wanted["nav.yml"] = nav
    wanted["mkdocs.yml"] = _engine_config(context.project, config).encode()
    wanted[MARKER] = b"handbook pages\n"
    return _sync(out, wanted)


def _engine_config(project: Path, config: Any) -> str:
    """mkdocs.yml for the tree: the project's, without the handbook plugin, over docs/ and nav.yml."""
    from generator.publish.build import _LenientLoader

    data = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_LenientLoader)
    data["docs_dir"] = "docs"
    data["site_dir"] = "site"
    data["nav"] = config.nav
    data["plugins"] = [p for p in data.get("plugins", []) if p != "handbook" and not (isinstance(p, dict) and "handbook" in p)]
    theme = data.setdefault("theme", {})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str((project / theme["custom_dir"]).resolve())
    data["extra"] = {**(data.get("extra") or {}), "polyfills": list(config.extra.get("polyfills", []))}
    data["markdown_extensions"] = ["admonition", "attr_list", "pymdownx.details", {"toc": {"permalink": True}},
                                   "pymdownx.superfences"]  # the tree's bodies are HTML: no custom fences needed
    return "# Written by handbook pages: the page tree's own configuration (no handbook plugin).\n" + \
        yaml.safe_dump(json.loads(json.dumps(data, default=str)), allow_unicode=True, sort_keys=False)


def _sync(out: Path, wanted: dict[str, bytes]) -> TreeResult:
    result = TreeResult()
    for rel, body in wanted.items():
        path = out / rel
        if path.is_file() and path.read_bytes() == body:
            result.kept += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        result.written.append(rel)
    docs = out / "docs"
    for path in sorted(docs.rglob("*")) if docs.is_dir() else []:
        rel = path.relative_to(out).as_posix()
        if path.is_file() and rel not in wanted:
            path.unlink()
            result.removed.append(rel)
    for folder in sorted((p for p in docs.rglob("*") if p.is_dir()), reverse=True) if docs.is_dir() else []:
        if not any(folder.iterdir()):
            shutil.rmtree(folder, ignore_errors=True)
    return result
