"""The staff handbook site: an MkDocs plugin (``plugin.HandbookPlugin``) renders it from the sources.

``mkdocs build`` / ``mkdocs serve`` use it through mkdocs.yml; ``handbook build`` calls build_site.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from generator.findings import SourceError


def build_site(project: Path, site_dir: Path, audience: str | None = None) -> None:
    """Build the site of ``project`` (its mkdocs.yml) into ``site_dir``, for ``audience`` if given.

    Raises SourceError with the findings when the sources are invalid or inconsistent; nothing is
    written then. The findings are not logged here: the caller reports them.
    """
    from generator.render.site.plugin import AUDIENCE_ENV

    before = os.environ.get(AUDIENCE_ENV)
    if audience is not None:
        os.environ[AUDIENCE_ENV] = audience  # the plugin reads it in on_config
    try:
        _build(project, site_dir)
    finally:
        if before is None:
            os.environ.pop(AUDIENCE_ENV, None)
        else:
            os.environ[AUDIENCE_ENV] = before


def _build(project: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    config = load_config(config_file=str(Path(project) / "mkdocs.yml"), site_dir=str(site_dir))
    findings_log = logging.getLogger("mkdocs.plugins.handbook.findings")
    config.plugins.on_startup(command="build", dirty=False)
    findings_log.disabled = True
    try:
        build(config)
    except Abort:
        plugin = config.plugins.get("handbook")
        if plugin is not None and getattr(plugin, "errors", None):
            raise SourceError(list(plugin.errors)) from None
        raise
    finally:
        findings_log.disabled = False
        config.plugins.on_shutdown()
