"""Walk a project, read every source, and assemble the handbook tree (collecting all errors)."""

from __future__ import annotations

from pathlib import Path

from generator.findings import Finding, SourceError
from generator.load.kinds import COLLECTIONS, SINGLES, Kind
from generator.load.validate import validate
from generator.load.yamlsource import MAX_BYTES, Source, SourceProblem, read_source
from generator.model import Handbook, Limits
from generator.model.base import ID_RE, Position

SUFFIXES = (".yaml", ".yml")


def load_handbook(root: Path) -> tuple[Handbook, list[Finding]]:
    """Load every source under ``root``. Returns the tree and every loading problem found."""
    root = root.resolve()
    book = Handbook(root=root)
    findings: list[Finding] = []
    jobs: list[tuple[Kind, str, str | None]] = []  # (kind, relative path, id or None for single files)
    for kind in COLLECTIONS:
        seen: set[str] = set()
        for path in _files(root / kind.folder):  # type: ignore[operator]
            rel, ident = path.relative_to(root).as_posix(), path.stem
            if not ID_RE.match(ident) or len(ident) > 64:
                findings.append(Finding("SRC009", f"文件名 \"{path.name}\" 不是合法 id:只能用小写字母、数字和连字符",
                                        Position(rel, 1, 1), hint="重命名文件,如 resident-help.yaml"))
            elif ident in seen:
                findings.append(Finding("SRC010", f"id \"{ident}\" 重复(.yaml 与 .yml 同名)", Position(rel, 1, 1)))
            else:
                seen.add(ident)
                jobs.append((kind, rel, ident))
    jobs += [(kind, kind.file, None) for kind in SINGLES if (root / kind.file).exists()]  # type: ignore[operator]

    for kind, rel, ident in jobs:
        source = _parse(root, rel)
        if isinstance(source, Finding):
            findings.append(source)
            continue
        book.texts[rel] = source.text
        obj, errors = validate(source, kind.model)
        findings.extend(errors)
        if obj is None:
            continue
        if ident is not None:
            obj.id = ident  # type: ignore[attr-defined]
            book.table(kind.name)[ident] = obj
        elif isinstance(obj, Limits):
            book.limits = {limit.id: limit for limit in obj.limits}
        else:
            setattr(book, kind.name, obj)
    return book, findings


def load_or_raise(root: Path) -> Handbook:
    book, findings = load_handbook(root)
    if findings:
        raise SourceError(findings)
    return book


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())


def _parse(root: Path, rel: str) -> Source | Finding:
    path = root / rel
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            raw = handle.read(min(size, MAX_BYTES) + 1)
        return read_source(raw, rel, size)
    except SourceProblem as problem:
        return problem.finding
    except OSError as exc:
        return Finding("SRC011", f"无法读取文件: {exc.strerror}", Position(rel, 1, 1))
