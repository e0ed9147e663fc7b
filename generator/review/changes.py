"""What changed between two states of the handbook, per document: content, metadata, history."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from generator.model import Handbook
from generator.model.fingerprint import fingerprint, metadata
from generator.model.handbook import AnyDocument


class Change(str, Enum):
    added = "added"
    removed = "removed"
    changed = "changed"  # content changed
    metadata = "metadata"  # only version / status / dates / approver changed
    unchanged = "unchanged"


@dataclass
class DocumentChange:
    id: str
    change: Change
    old: AnyDocument | None
    new: AnyDocument | None
    metadata_changes: dict[str, tuple[object, object]] = field(default_factory=dict)

    @property
    def doc(self) -> AnyDocument:
        return self.new or self.old  # type: ignore[return-value]

    @property
    def version_bumped(self) -> bool:
        return bool(self.old and self.new and self.old.version != self.new.version)

    @property
    def history_recorded(self) -> bool:
        """The new version has a history entry that the old state did not have."""
        if not self.new:
            return False
        old_versions = {h.version for h in self.old.history} if self.old else set()
        return any(h.version == self.new.version and h.version not in old_versions for h in self.new.history)


def compare(old: Handbook, new: Handbook) -> list[DocumentChange]:
    """One DocumentChange per document in either state, in a stable order."""
    old_docs = {doc.id: doc for doc in old.documents()}
    new_docs = {doc.id: doc for doc in new.documents()}
    result = []
    for doc_id in sorted(old_docs.keys() | new_docs.keys(), key=lambda i: _order(new_docs.get(i) or old_docs[i])):
        before, after = old_docs.get(doc_id), new_docs.get(doc_id)
        if before is None:
            result.append(DocumentChange(doc_id, Change.added, None, after))
        elif after is None:
            result.append(DocumentChange(doc_id, Change.removed, before, None))
        else:
            meta_old, meta_new = metadata(before), metadata(after)
            diff = {k: (meta_old[k], meta_new[k]) for k in meta_new if meta_old.get(k) != meta_new[k]}
            if type(before) is not type(after) or fingerprint(before) != fingerprint(after):
                kind = Change.changed
            else:
                kind = Change.metadata if diff else Change.unchanged
            result.append(DocumentChange(doc_id, kind, before, after, diff))
    return result


_KIND_ORDER = {"Procedure": 0, "Instruction": 1, "Form": 2, "PriceList": 3}


def _order(doc: AnyDocument) -> tuple[int, str]:
    return (_KIND_ORDER.get(type(doc).__name__, 9), doc.code)
