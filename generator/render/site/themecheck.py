"""The project's own theme templates (``theme.custom_dir``, site_overrides/) checked before a build.

A template the user edits can have a Jinja syntax error (an unclosed ``{% block %}``) or be deleted
while pages still render in it; MkDocs would stop with Jinja's English and no place. Each template
of the folder is compiled, and each template the pages render in (``main.html``, ``404.html`` and
every kind's ``theme``, generator.model.kinds) must be found: a problem is a CFG008 finding at the
template's file and line, in Chinese, with the fix. Used by ``handbook build`` (build_site),
``handbook pages`` (write_tree) and the preview (its overlay), alike.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.findings import Finding, SourceError
from generator.model import kinds
from generator.model.base import Position

# Jinja's English (a part of it) -> what it means, in Chinese.
_SYNTAX: tuple[tuple[str, str], ...] = (
    ("Unexpected end of template", "模板到结尾还有没闭合的标签(如 {% block %} 缺少 {% endblock %})"),
    ("Encountered unknown tag", "不认识的模板标签,或结束标签({% end… %})与开始的标签不配对"),
    ("unexpected end of template", "模板到结尾还有没闭合的 {{ }} 或 {% %}"),
    ("expected token", "模板表达式的写法不对(缺少括号、引号或运算符)"),
    ("unexpected", "模板里出现了不该在这里的符号或标签"),
    ("block defined twice", "同一个 {% block %} 名字定义了两次"),
)


def check_templates(config: Any, env: Any | None = None) -> None:
    """Raise SourceError (CFG008 findings) when a template of ``config.theme.custom_dir`` (an MkDocs
    config) does not compile, or a template the pages render in cannot be found; ``env``: the theme's
    environment (default: a new one from ``config.theme``)."""
    folder = config.theme.custom_dir
    if not folder:
        return
    check_folder(Path(folder), Path(config.config_file_path).parent, Path(config.docs_dir),
                 env if env is not None else config.theme.get_env())


def check_folder(root: Path, project: Path, docs: Path, env: Any | None = None) -> None:
    """check_templates for the theme folder ``root`` of ``project`` (its pages folder ``docs`` left
    out), without MkDocs: ``env`` defaults to one over ``root`` and mkdocs-material's templates when
    installed; with no ``env`` given, a filter or test only the engine defines is not an error (syntax is)."""
    from jinja2 import TemplateAssertionError, TemplateNotFound, TemplateSyntaxError

    lenient, env = env is None, env if env is not None else _environment(root)
    findings: list[Finding] = []
    names = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html") if not p.is_relative_to(docs))
    needed = {"main.html", "404.html"} | {kind.theme for kind in kinds.KINDS.values()}
    for name in sorted(set(names) | needed):
        try:
            env.get_template(name)
        except TemplateAssertionError as exc:  # parsed: only a name the engine's environment defines
            if not (lenient and str(exc.message or "").startswith(("No filter named", "No test named"))):
                findings.append(syntax_finding(exc, project))
        except TemplateSyntaxError as exc:
            findings.append(syntax_finding(exc, project))
        except TemplateNotFound:
            findings.append(missing_finding(name, root, project))
        else:
            findings += _extends_twice(root / name, project)
    if findings:
        raise SourceError(findings)


_EXTENDS = re.compile(r"\{%-?\s*extends\b")


def _extends_twice(path: Path, project: Path) -> list[Finding]:
    """CFG008 at a second ``{% extends %}`` (a block pasted twice): it compiles, and fails only when a page renders."""
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8", errors="replace")
    found = list(_EXTENDS.finditer(text))
    if len(found) < 2:
        return []
    where = _rel(path, project)
    return [Finding("CFG008", f"网站模板「{where}」有 {len(found)} 个 {{% extends %}}:一个模板只能继承一个模板",
                    Position(where, text.count("\n", 0, found[1].start()) + 1, 1),
                    hint="多半是同一段被粘贴了两次:删去多余的一段;或恢复仓库中的版本"
                         f"(git checkout {where})")]


def render_finding(exc: Any, project: Path) -> Finding:
    """CFG008 for a template that compiled but failed while a page was rendered in it (jinja2's
    TemplateError): the template and line from the traceback's innermost template frame."""
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".html")]
    where = _rel(Path(frames[-1].filename), project) if frames else "site_overrides/"
    line = frames[-1].lineno or 1 if frames else 1
    names = re.findall(r"'([^']+)'", str(exc))
    meaning = ("用到了不存在的变量或属性" if type(exc).__name__ == "UndefinedError" else
               "继承了不止一个模板" if "extended multiple times" in str(exc) else "模板运行出错")
    return Finding("CFG008", f"网站模板「{where}」排版页面时出错: {meaning}" + (f"({names[-1]})" if names else ""),
                   Position(where, line, 1),
                   hint=f"改正这个模板(写错的变量名、重复的 extends 或 block);或恢复仓库中的版本(git checkout {where})")


def _environment(root: Path) -> Any:
    """A Jinja environment over ``root`` and, behind it, mkdocs-material's templates (not imported)."""
    import importlib.util

    from jinja2 import Environment, FileSystemLoader

    folders = [str(root)]
    spec = importlib.util.find_spec("material")
    if spec is not None and spec.submodule_search_locations:
        folders += [str(Path(p) / "templates") for p in spec.submodule_search_locations]
    return Environment(loader=FileSystemLoader(folders), autoescape=True)


def syntax_finding(exc: Any, project: Path) -> Finding:
    """CFG008 at the template's file and line for a jinja2 TemplateSyntaxError."""
    text = str(getattr(exc, "message", "") or "")
    meaning = next((chinese for known, chinese in _SYNTAX if known in text), "模板语法错误")
    tags = sorted(set(re.findall(r"'(end\w+|\w+)'", text)))
    where = _rel(Path(exc.filename or exc.name or "?"), project)
    return Finding("CFG008", f"网站模板「{where}」有语法错误: {meaning}" + (f"(相关标签: {'、'.join(tags)})" if tags else ""),
                   Position(where, exc.lineno or 1, 1),
                   hint="改正这个模板(每个 {% block … %} 都要有 {% endblock %});"
                        f"或恢复仓库中的版本(git checkout {where})")


def missing_finding(name: str, root: Path, project: Path) -> Finding:
    """CFG008 for a template the pages render in that the theme folder no longer has."""
    where = _rel(root / name, project)
    return Finding("CFG008", f"网站模板「{where}」不存在:页面要用它排版,它被删除或改了名", Position(where, 1, 1),
                   hint=f"从仓库恢复它(git checkout {where}),或把改了名的文件改回 {name}")


def _rel(path: Path, project: Path) -> str:
    try:
        return path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
