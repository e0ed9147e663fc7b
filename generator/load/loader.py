"""Walk a project, read every source, and assemble the handbook tree (collecting all errors)."""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator.caches import cache_root
from generator.findings import Finding, SourceError
from generator.load.cache import SourceCache
from generator.load.folders import SUFFIXES as FOLDER_SUFFIXES
from generator.load.folders import os_reason, scan
from generator.load.validate import complete_hints, validate
from generator.load.yamlsource import MAX_BYTES, Source, SourceProblem, decode, parse_text
from generator.model import Handbook, kinds
from generator.model.kinds import Kind
from generator.model.base import ID_RE, Position

SUFFIXES = FOLDER_SUFFIXES  # kept for importers
# (project, file, kind) -> (SHA-1 of its bytes, its model or None, its findings) from the last load in
# this process: a file loaded again unchanged (handbook serve) is not parsed or validated again.
# Models are never changed in place (views and editions copy them), so one can serve every load.
_VALIDATED: dict[tuple[Path, str, str], tuple[str, Any, list[Finding]]] = {}


def load_handbook(root: Path, cache: bool = True, lifelong: bool = False) -> tuple[Handbook, list[Finding]]:
    """Load every source under ``root``. Returns the tree and every loading problem found.

    Parses are kept in the project's source cache (generator.load.cache) unless ``cache`` is false
    or HANDBOOK_NO_CACHE is set. ``lifelong``: the tree lives until the process ends (a one-shot
    command), so it is frozen out of the garbage collector's sight once loaded.
    """
    root = root.resolve()
    book = Handbook(root=root)
    jobs: list[tuple[Kind, str, str | None]] = []  # (kind, relative path, id or None for single files)
    sources, findings = scan(root, [k.folder for k in kinds.kinds() if k.folder], [k.file for k in kinds.kinds() if k.file])
    folder_findings, findings = findings, []
    for kind in kinds.kinds():
        if kind.folder is None:
            continue
        seen: set[str] = set()
        for path in sources[kind.folder]:
            rel, ident = path.relative_to(root).as_posix(), path.stem
            if not ID_RE.match(ident) or len(ident) > 64:
                findings.append(Finding("SRC009", f"文件名 \"{path.name}\" 不是合法 id:只能用小写字母、数字和连字符",
                                        Position(rel, 1, 1), hint="重命名文件,如 resident-help.yaml"))
            elif ident in seen:
                findings.append(Finding("SRC010", f"id \"{ident}\" 重复(.yaml 与 .yml 同名)", Position(rel, 1, 1)))
            else:
                seen.add(ident)
                jobs.append((kind, rel, ident))
    jobs += [(kind, kind.file, None) for kind in kinds.kinds() if kind.file and (root / kind.file).exists()]
    if not (root / "company.yaml").is_file():  # every form and notice names the company
        findings.append(Finding("CFG005", "缺少 company.yaml:表单、公示和手册上不能没有公司名称",
                                Position("company.yaml", 1, 1), hint="从仓库恢复 company.yaml(git checkout company.yaml)"))

    parses = SourceCache(cache_root(root) / "sources" if cache and not os.environ.get("HANDBOOK_NO_CACHE") else None)
    with _collector_paused(freeze=lifelong):
        for job in jobs:
            _load_one(book, findings, root, *job, parses)
    findings += folder_findings
    if not findings:  # a run that cannot load leaves the project as it found it
        parses.save()
    return book, complete_hints(book, findings)


def _load_one(book: Handbook, findings: list[Finding], root: Path, kind: Kind, rel: str, ident: str | None,
              cache: SourceCache) -> None:
    """Parse (or take from the cache), validate and file one source; its problems go to ``findings``."""
    read = _read(root, rel)
    if isinstance(read, Finding):
        findings.append(read)
        return
    text, digest = read
    book.texts[rel] = text
    known = _VALIDATED.get((root, rel, kind.name))
    if known is not None and known[0] == digest and cache.keep(rel, digest):  # the same bytes as last time
        obj, errors = known[1], known[2]
    else:
        source = _parse(rel, text, digest, cache)
        if isinstance(source, Finding):
            findings.append(source)
            return
        obj, errors = validate(source, kind.model)
        if _VALIDATED and next(iter(_VALIDATED))[0] != root:
            _VALIDATED.clear()  # one project at a time
        _VALIDATED[(root, rel, kind.name)] = (digest, obj, errors)
    findings.extend(errors)
    if obj is None:
        return
    if ident is not None:
        obj.id = ident
        book.table(kind.name)[ident] = obj
    elif kind.entries is not None:
        table = book.table(kind.name)
        for entry in kind.entries(obj):
            ident = entry.id  # type: ignore[attr-defined]
            if ident in table:
                findings.append(Finding("SRC010", f"id \"{ident}\" 在 {rel} 中定义了两次,后一条会被忽略",
                                        entry.where("id"), hint="删去重复的一条,或给它另取一个 id"))
            else:
                table[ident] = entry
    else:
        book.singles[kind.name] = obj


@contextmanager
def _collector_paused(freeze: bool) -> Iterator[None]:
    """Loading makes a million objects and no reference cycles, so the cyclic garbage collector
    would only walk the growing heap again and again (a quarter of load time). With ``freeze`` the
    loaded objects are moved out of its sight before it resumes, for the same reason; reference
    counting still frees them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


def load_or_raise(root: Path) -> Handbook:
    book, findings = load_handbook(root)
    if findings:
        raise SourceError(findings)
    return book


def _read(root: Path, rel: str) -> tuple[str, str] | Finding:
    """(text, SHA-1 of the bytes) of a source, or why it cannot be read (SRC002 …, SRC011)."""
    path = root / rel
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            raw = handle.read(min(size, MAX_BYTES) + 1)
        return decode(raw, rel, size), hashlib.sha1(raw).hexdigest()
    except SourceProblem as problem:
        return problem.finding
    except OSError as exc:
        return Finding("SRC011", f"无法读取文件: {os_reason(exc)}", Position(rel, 1, 1),
                       hint="检查文件权限(chmod u+r),或用有权限的账号运行")


def _parse(rel: str, text: str, digest: str, cache: SourceCache) -> Source | Finding:
    try:
        source = cache.get(rel, digest, text)
        if source is None:
            source = parse_text(text, rel)
            cache.put(rel, digest, source)
        return source
    except SourceProblem as problem:
        return problem.finding
