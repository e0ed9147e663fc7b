"""Content fingerprints: what a document says, not how its file is laid out or versioned."""

from __future__ import annotations

import hashlib
import json

from generator.model.document import Document

# Document-control metadata: changing these is not a change of content.
METADATA = frozenset({"version", "effective", "status", "superseded_by", "approver", "history"})


def content(doc: Document) -> dict:
    """The document's content as plain data (metadata left out)."""
    return doc.model_dump(mode="json", exclude=set(METADATA) | {"id"}, exclude_defaults=True)


def fingerprint(doc: Document) -> str:
    """``sha256:`` and 16 hex digits of the canonical JSON of the content."""
    canonical = json.dumps(content(doc), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def metadata(doc: Document) -> dict:
    data = doc.model_dump(mode="json", include=set(METADATA) - {"history"})
    return {key: data.get(key) for key in sorted(METADATA - {"history"})}
