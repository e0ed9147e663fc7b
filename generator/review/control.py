"""Change control against git (``handbook check --since REF``), ISO 9001 §7.5.3 style.

A document whose content differs from REF must carry a new version and a history entry for it;
a new version without a content change is suspicious. Layout-only edits (whitespace, comments, key
order) are not content: the comparison is between parsed documents, not between files.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from generator.findings import Finding, Severity
from generator.model.base import Position
from generator.load import load_handbook
from generator.model import Handbook
from generator.review import git
from generator.review.changes import Change, DocumentChange, compare

CHANGE_CODES = {
    "CHG001": ("error", "内容有改动,但没有升版本或没有对应的修订记录", "升 version(如 A/0 → A/1)并在 history 中写明本次修订"),
    "CHG002": ("warning", "升了版本,但内容没有改动", "若只是改元数据,说明原因;否则恢复原版本号"),
    "CHG003": ("warning", "文档文件被删除;受控文档应改为 obsolete(作废)以保留历史", "恢复文件并把 status 改为 obsolete,有替代文件时写 superseded_by"),
    "CHG004": ("warning", "源文件在比较的 git 版本中无法读取,其中的文档没有经过变更控制比较",
               "核对该文件自那个版本以来的改动;以后提交前先运行 handbook check"),
}


def load_revision(project: Path, ref: str, workdir: Path) -> Handbook:
    """The handbook as it was at ``ref`` (raises git.GitError when that cannot be had)."""
    return read_revision(project, ref, workdir)[0]


def read_revision(project: Path, ref: str, workdir: Path) -> tuple[Handbook, list[str]]:
    """The handbook at ``ref`` and the source files that could not be read there (compared as far as they load)."""
    commit = git.resolve(project, ref)
    root = git.export(project, commit, workdir)
    book, problems = load_handbook(root, cache=False)  # a throw-away export
    return book, sorted({p.position.file for p in problems if p.position and p.severity is Severity.error})


def changes_since(project: Path, book: Handbook, ref: str) -> tuple[list[DocumentChange], list[str]]:
    """Changes per document since ``ref``, and the files unreadable at ``ref``."""
    with tempfile.TemporaryDirectory(prefix="handbook-since-") as tmp:
        old, unreadable = read_revision(project, ref, Path(tmp))
        return compare(old, book), unreadable


def since_findings(compared: tuple[list[DocumentChange], list[str]], ref: str) -> list[Finding]:
    changes, unreadable = compared
    findings = [_finding("CHG004", f"{file} 在 {ref} 时无法读取,其中的改动没有经过变更控制比较", Position(file, 1, 1))
                for file in unreadable]
    for change in changes:
        doc = change.doc
        if change.change is Change.changed and not (change.version_bumped and change.history_recorded):
            why = "版本号未变" if not change.version_bumped else f"history 中没有 {doc.version} 的记录"
            findings.append(_finding("CHG001", f"《{doc.title}》自 {ref} 以来内容有改动,但{why}", doc.where("version")))
        elif change.change is Change.metadata and change.version_bumped:
            old = change.old.version if change.old else "?"
            findings.append(_finding("CHG002", f"《{doc.title}》版本 {old} → {doc.version},但内容没有改动",
                                     doc.where("version")))
        elif change.change is Change.removed:
            place = doc.where()
            old_file = place.file if place else f"{change.kind.folder}/{doc.id}.yaml"
            findings.append(_finding("CHG003", f"《{doc.title}》({doc.id})自 {ref} 以来被删除",
                                     Position(old_file, 1, 1)))
    return findings


def _finding(code: str, message: str, position: Position | None) -> Finding:
    severity, _, hint = CHANGE_CODES[code]
    return Finding(code, message, position, Severity(severity), hint)
