"""What changed between two states of the handbook, per document: content, metadata, history."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from generator.model import Handbook, kinds
from generator.model.fingerprint import fingerprint, metadata
from generator.model.handbook import AnyDocument, Key


class Change(str, Enum):
    added = "added"
    removed = "removed"
    changed = "changed"  # content changed
    metadata = "metadata"  # only version / status / dates / approver changed
    unchanged = "unchanged"


@dataclass
class DocumentChange:
    key: Key  # (kind, id)
    change: Change
    old: AnyDocument | None
    new: AnyDocument | None
    metadata_changes: dict[str, tuple[object, object]] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.key[1]

    @property
    def kind(self) -> kinds.Kind:
        return kinds.get(self.key[0])

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
    """One DocumentChange per document in either state, identified by (kind, id), in a stable order."""
    old_docs = {old.key(doc): doc for doc in old.documents()}
    new_docs = {new.key(doc): doc for doc in new.documents()}
    result = []
    for key in sorted(old_docs.keys() | new_docs.keys(), key=lambda k: _order(k, new_docs.get(k) or old_docs[k])):
        before, after = old_docs.get(key), new_docs.get(key)
        if before is None:
            result.append(DocumentChange(key, Change.added, None, after))
        elif after is None:
            result.append(DocumentChange(key, Change.removed, before, None))
        else:
            meta_old, meta_new = metadata(before), metadata(after)
            diff = {k: (meta_old[k], meta_new[k]) for k in meta_new if meta_old.get(k) != meta_new[k]}
            if fingerprint(before) != fingerprint(after):
                change = Change.changed
            else:
                change = Change.metadata if diff else Change.unchanged
            result.append(DocumentChange(key, change, before, after, diff))
    return result


def _order(key: Key, doc: AnyDocument) -> tuple[int, str, str]:
    kind = kinds.KINDS.get(key[0])
    return (kind.order if kind else 1 << 20, doc.code, key[1])
