"""The staff handbook site: an MkDocs plugin (``plugin.HandbookPlugin``) renders it from the sources.

``mkdocs build`` / ``mkdocs serve`` use it through mkdocs.yml; ``handbook build`` calls build_site
with the build context it has already loaded and checked, so no source is read twice.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from typing import Any

from generator.context import BuildContext
from generator.findings import Finding, SourceError
from generator.model.base import Position
from generator.render.site.themecheck import check_templates, render_finding


def build_site(context: BuildContext, site_dir: Path) -> None:
    """Build the site of ``context`` (its project's mkdocs.yml) into ``site_dir``.

    Raises SourceError when mkdocs.yml cannot be used (CFG001, CFG002: missing, not YAML, an
    option MkDocs refuses, the handbook plugin absent) or the build stops; the context's findings
    are not logged here: the caller reports them.
    """
    from jinja2 import TemplateError
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    with _mkdocs_errors() as said:
        config = _config(context.project, site_dir, said)
        plugin = require_plugin(config)
        plugin.context = context
        findings_log = logging.getLogger("mkdocs.plugins.handbook.findings")
        check_templates(config)
        config.plugins.on_startup(command="build", dirty=False)
        findings_log.disabled = True
        try:
            build(config)
        except TemplateError as exc:  # a site_overrides template that compiled but fails on a page
            raise SourceError([render_finding(exc, context.project)]) from None
        except (Abort, MkDocsException) as exc:
            if getattr(plugin, "errors", None):
                raise SourceError(list(plugin.errors)) from None
            raise SourceError([_config_finding("网站构建被 MkDocs 停止", exc, said,
                                               context.project / "mkdocs.yml")]) from None
        finally:
            findings_log.disabled = False
            config.plugins.on_shutdown()


def require_plugin(config: Any) -> Any:
    """The handbook plugin of a loaded mkdocs.yml; SourceError (CFG001) when it is not listed."""
    plugin = config.plugins.get("handbook")
    if plugin is None:
        raise SourceError([Finding("CFG001", "mkdocs.yml 的 plugins 中没有 handbook:网站不会有手册页面",
                                   Position("mkdocs.yml", 1, 1),
                                   hint="在 plugins 下加一行 - handbook(放在 search 之前)")])
    return plugin


def site_config(project: Path, site_dir: Path) -> tuple[Any, Any]:
    """(mkdocs.yml loaded for a build into ``site_dir``, its handbook plugin); SourceError (CFG001/CFG002)."""
    with _mkdocs_errors() as said:
        config = _config(project, site_dir, said)
    return config, require_plugin(config)


def configure(config: Any) -> Any:
    """Run the plugins' on_config for a build driven here (page tree, preview): the handbook plugin
    loads or takes the checked context. Its findings are the caller's to show, so they are not
    logged; SourceError carrying them when they stop the build (source or environment errors)."""
    from generator.render.site.plugin import FINDINGS, FindingsStop

    FINDINGS.disabled = True
    try:
        return config.plugins.on_config(config)
    except FindingsStop as stop:
        raise SourceError(stop.findings) from None
    finally:
        FINDINGS.disabled = False


def _config(project: Path, site_dir: Path, said: list[str]) -> Any:
    """mkdocs.yml loaded for a build into ``site_dir``; SourceError (CFG002) when it cannot be."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError
    from yaml import YAMLError

    path = Path(project) / "mkdocs.yml"
    try:
        return load_config(config_file=str(path), site_dir=str(site_dir))
    except (Abort, ConfigurationError, YAMLError, OSError, UnicodeDecodeError) as exc:
        why = "不存在" if not path.exists() else "无法读取,或有 MkDocs 不接受的设置"
        raise SourceError([_config_finding(f"mkdocs.yml {why}", exc, said, path)]) from None


def config_error(what: str, exc: BaseException, config_file: Path) -> Finding:
    """CFG002 for ``config_file`` (mkdocs.yml) that could not be read as ``what`` says: at the line and
    column of a YAML error, described as for a source file."""
    return _config_finding(what, exc, [], config_file)


def _config_finding(what: str, exc: BaseException, said: list[str], config_file: Path) -> Finding:
    yaml_error = _yaml_error(exc, config_file)
    if yaml_error is not None:  # MkDocs wraps it in a ConfigurationError: its mark is on the cause
        return yaml_error
    line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
    detail = "; ".join(said[-3:]) or _first_line(exc)
    return Finding("CFG002", f"{what}(MkDocs 说: {detail})", Position("mkdocs.yml", line, 1),
                   hint="从仓库恢复 mkdocs.yml(git checkout mkdocs.yml),或按 MkDocs 的说明改正所示的设置")


def _yaml_error(exc: BaseException, config_file: Path) -> Finding | None:
    """CFG002 at the line and column of the YAML error behind ``exc`` (its cause or context), with
    the same Chinese description as a source file's (generator.load.yamlsource); None if none."""
    import yaml

    from generator.load.yamlsource import describe_syntax_error

    seen: BaseException | None = exc
    while seen is not None and not (isinstance(seen, yaml.MarkedYAMLError) and
                                    (seen.problem_mark or seen.context_mark)):
        seen = seen.__cause__ or seen.__context__
    if seen is None:
        return None
    try:
        text = config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    found = describe_syntax_error(seen, text, "mkdocs.yml")
    return Finding("CFG002", f"mkdocs.yml 不是合法的 YAML: {found.message.removeprefix('YAML 语法错误: ')}",
                   found.position, hint=found.hint)


@contextmanager
def _mkdocs_errors() -> Iterator[list[str]]:
    """Collect what MkDocs logs as errors (it logs the reason, then raises a bare Abort)."""
    said: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.ERROR and not record.name.startswith("mkdocs.plugins.handbook"):
                said.append(" ".join(record.getMessage().split()))

    handler = Collect()
    root = logging.getLogger("mkdocs")
    root.addHandler(handler)
    try:
        yield said
    finally:
        root.removeHandler(handler)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
