"""Walk a project, read every source, and assemble the handbook tree (collecting all errors)."""

from __future__ import annotations

from pathlib import Path

from generator.findings import Finding, SourceError
from generator.load.kinds import COLLECTIONS, SINGLES, Kind
from generator.load.validate import validate
from generator.load.yamlsource import SourceProblem, read_source
from generator.model import Handbook, Limits
from generator.model.base import ID_RE, Position

SUFFIXES = (".yaml", ".yml")


def load_handbook(root: Path) -> tuple[Handbook, list[Finding]]:
    """Load every source under ``root``. Returns the tree and every loading problem found."""
    root = root.resolve()
    book = Handbook(root=root)
    findings: list[Finding] = []
    for kind in COLLECTIONS:
        table = getattr(book, _attr(kind))
        for path in _files(root / kind.folder):  # type: ignore[operator]
            rel = path.relative_to(root).as_posix()
            ident = path.stem
            if not ID_RE.match(ident) or len(ident) > 64:
                findings.append(Finding("SRC009", f"文件名 \"{path.name}\" 不是合法 id:只能用小写字母、数字和连字符",
                                        Position(rel, 1, 1), hint="重命名文件,如 resident-help.yaml"))
                continue
            if ident in table:
                findings.append(Finding("SRC010", f"id \"{ident}\" 重复(.yaml 与 .yml 同名)", Position(rel, 1, 1)))
                continue
            obj = _load_one(path, rel, kind, findings)
            if obj is not None:
                obj.id = ident  # type: ignore[attr-defined]
                table[ident] = obj
    for kind in SINGLES:
        path = root / kind.file  # type: ignore[operator]
        if not path.exists():
            continue
        obj = _load_one(path, kind.file, kind, findings)  # type: ignore[arg-type]
        if obj is None:
            continue
        if isinstance(obj, Limits):
            book.limits = {limit.id: limit for limit in obj.limits}
        else:
            setattr(book, kind.name, obj)
    return book, findings


def load_or_raise(root: Path) -> Handbook:
    book, findings = load_handbook(root)
    if findings:
        raise SourceError(findings)
    return book


def _attr(kind: Kind) -> str:
    return {"department": "departments", "role": "roles", "site": "sites", "procedure": "procedures",
            "instruction": "instructions", "form": "forms", "price_list": "price_lists",
            "review": "reviews"}[kind.name]


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())


def _load_one(path: Path, rel: str, kind: Kind, findings: list[Finding]):
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            raw = handle.read(min(size, 1024 * 1024) + 1)
        source = read_source(raw, rel, size)
    except SourceProblem as problem:
        findings.append(problem.finding)
        return None
    except OSError as exc:
        findings.append(Finding("SRC011", f"无法读取文件: {exc.strerror}", Position(rel, 1, 1)))
        return None
    obj, errors = validate(source, kind.model)
    findings.extend(errors)
    return obj
