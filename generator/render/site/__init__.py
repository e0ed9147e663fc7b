"""The staff handbook site: an MkDocs plugin (``plugin.HandbookPlugin``) renders it from the sources.

``mkdocs build`` / ``mkdocs serve`` use it through mkdocs.yml; ``handbook build`` calls build_site
with the build context it has already loaded and checked, so no source is read twice.
"""

from __future__ import annotations

import logging
from pathlib import Path

from typing import Any

from generator.context import BuildContext
from generator.findings import Finding, SourceError
from generator.model.base import Position


def build_site(context: BuildContext, site_dir: Path) -> None:
    """Build the site of ``context`` (its project's mkdocs.yml) into ``site_dir``.

    Raises SourceError when mkdocs.yml does not use the handbook plugin or the build stops; the
    context's findings are not logged here: the caller reports them.
    """
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort

    config = _config(context.project, site_dir)
    plugin = require_plugin(config)
    plugin.context = context
    findings_log = logging.getLogger("mkdocs.plugins.handbook.findings")
    config.plugins.on_startup(command="build", dirty=False)
    findings_log.disabled = True
    try:
        build(config)
    except Abort:
        if getattr(plugin, "errors", None):
            raise SourceError(list(plugin.errors)) from None
        raise
    finally:
        findings_log.disabled = False
        config.plugins.on_shutdown()


def require_plugin(config: Any) -> Any:
    """The handbook plugin of a loaded mkdocs.yml; SourceError (CFG001) when it is not listed."""
    plugin = config.plugins.get("handbook")
    if plugin is None:
        raise SourceError([Finding("CFG001", "mkdocs.yml 的 plugins 中没有 handbook:网站不会有手册页面",
                                   Position("mkdocs.yml", 1, 1), hint="在 plugins 下加一行 - handbook(放在 search 之前)")])
    return plugin


def _config(project: Path, site_dir: Path) -> Any:
    """mkdocs.yml loaded for a build into ``site_dir``; SourceError (CFG002) when it cannot be."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError
    from yaml import YAMLError

    path = Path(project) / "mkdocs.yml"
    try:
        return load_config(config_file=str(path), site_dir=str(site_dir))
    except (ConfigurationError, YAMLError, OSError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        why = "不存在" if not path.exists() else f"无法读取或格式不对({_first_line(exc)})"
        raise SourceError([Finding("CFG002", f"mkdocs.yml {why}", Position("mkdocs.yml", line, 1),
                                   hint="从仓库恢复 mkdocs.yml(git checkout mkdocs.yml),或改正所示行的引号、缩进")]) from None


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
