"""The handbook tree: every source object, indexed, with the links between them.

Everything downstream (checker, site, print, review) reads this one structure.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Union

from generator.model import kinds
from generator.model.base import SourceModel, shape, walk_models
from generator.model.form import Form
from generator.model.glossary import Glossary, Limit
from generator.model.organisation import Company, Department, Role, Site
from generator.model.price_list import PriceList
from generator.model.procedure import Branch, Instruction, Procedure, Step
from generator.model.review import Review

AnyDocument = Union[Procedure, Instruction, Form, PriceList]
Key = tuple[str, str]  # (kind, id): the identity of every entry of the handbook


@dataclass(frozen=True, slots=True)
class Ref:
    """One reference from a source entry to another, found at a field marked ``RefTo(kind)``.

    ``kind`` is the target's registry kind, or ``step`` (target ``doc-id#step-id``), or
    ``document`` (a controlled document of any kind; the holder's ``kind`` field may say which).
    """

    kind: str
    target: str
    source: SourceModel  # the entry making the reference (a document, role, site, review …)
    holder: SourceModel  # the object whose field holds the reference
    field: str

    @property
    def source_kind(self) -> str:
        found = kinds.kind_of(self.source)
        return found.name if found else ""

    @property
    def target_id(self) -> str:
        """The id of the entry referred to (for a step reference, its document)."""
        return self.target.partition("#")[0] if self.kind == "step" else self.target


@dataclass(frozen=True, slots=True)
class NumberedStep:
    number: str  # "2.1.3"; branch steps read "2.1-①.1"
    step: Step
    depth: int
    branch: Branch | None
    parent: Step | None


def _empty_tables() -> dict[str, dict[str, Any]]:
    return {kind.name: {} for kind in kinds.collections()}


@dataclass
class Handbook:
    """Every loaded source: ``tables[kind][id]`` for kinds with ids, ``singles[kind]`` for single files."""

    root: Path
    tables: dict[str, dict[str, Any]] = field(default_factory=_empty_tables)
    singles: dict[str, Any] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict, repr=False)  # source file -> its text
    _references: list[Ref] | None = field(default=None, repr=False, compare=False)
    _steps: dict[Key, list[NumberedStep]] = field(default_factory=dict, repr=False, compare=False)

    # -- typed views of the built-in kinds ---------------------------------------------------

    @property
    def company(self) -> Company | None:
        return self.singles.get("company")

    @property
    def glossary(self) -> Glossary | None:
        return self.singles.get("glossary")

    @property
    def procedures(self) -> dict[str, Procedure]:
        return self.table("procedure")

    @property
    def instructions(self) -> dict[str, Instruction]:
        return self.table("instruction")

    @property
    def forms(self) -> dict[str, Form]:
        return self.table("form")

    @property
    def price_lists(self) -> dict[str, PriceList]:
        return self.table("price_list")

    @property
    def sites(self) -> dict[str, Site]:
        return self.table("site")

    @property
    def roles(self) -> dict[str, Role]:
        return self.table("role")

    @property
    def departments(self) -> dict[str, Department]:
        return self.table("department")

    @property
    def limits(self) -> dict[str, Limit]:
        return self.table("limit")

    @property
    def reviews(self) -> dict[str, Review]:
        return self.table("review")

    # -- lookups -----------------------------------------------------------------------------

    def table(self, kind: str) -> dict[str, Any]:
        """id -> entry of ``kind`` (an empty table for a kind with no sources)."""
        return self.tables.setdefault(kind, {})

    def get(self, kind: str, ident: str) -> Any:
        return self.tables.get(kind, {}).get(ident)

    def entries(self) -> Iterator[tuple[kinds.Kind, Any]]:
        """(kind, entry) for every entry with an id, kinds in registry order."""
        for kind in kinds.collections():
            for obj in self.tables.get(kind.name, {}).values():
                yield kind, obj

    def documents(self) -> Iterator[AnyDocument]:
        """Every controlled document, kinds in registry order."""
        for kind in kinds.document_kinds():
            yield from self.tables.get(kind.name, {}).values()

    def document(self, kind: str, ident: str) -> AnyDocument | None:
        """The controlled document ``(kind, ident)``."""
        return self.get(kind, ident) if kinds.get(kind).is_document else None

    def named(self, ident: str, among: list[str] | None = None) -> list[Key]:
        """Every entry called ``ident`` among the kinds named (default: every controlled document kind)."""
        names = among if among is not None else [k.name for k in kinds.document_kinds()]
        return [(name, ident) for name in names if ident in self.tables.get(name, {})]

    def key(self, obj: SourceModel) -> Key:
        """The identity ``(kind, id)`` of an entry."""
        found = kinds.kind_of(obj)
        return (found.name if found else type(obj).__name__, getattr(obj, "id", ""))

    def candidates(self, ref: Ref) -> list[Key]:
        """Every entry ``ref`` may mean: none (dangling), one, or several (ambiguous)."""
        target = ref.target_id
        if ref.kind == "step":
            here = self.key(ref.source)
            if here[1] == target and kinds.get(here[0]).has_steps:
                return [here]  # "#step" and the document's own id: this document, never ambiguous
            return self.named(target, [k.name for k in kinds.collections() if k.has_steps])
        if ref.kind == "document":
            named = kinds.normal_name(getattr(ref.holder, "kind", None) or "")
            return self.named(target, [named] if named else None)
        return self.named(target, [ref.kind])

    def step_document(self, here: SourceModel, ref: str) -> Key:
        """The document a step reference ``doc#step`` or ``#step`` written in ``here`` points at, as
        (kind, id); ("", id) when none or several match (REF007 and REF010 report those)."""
        doc_id = ref.partition("#")[0] or getattr(here, "id", "")
        found = self.candidates(Ref("step", f"{doc_id}#", here, here, "see"))
        return found[0] if len(found) == 1 else ("", doc_id)

    def steps(self, doc: Procedure | Instruction) -> list[NumberedStep]:
        """The document's steps with generated numbers, depth first (computed once per document)."""
        key = self.key(doc)
        if key not in self._steps:
            self._steps[key] = list(numbered_steps(doc.steps))
        return self._steps[key]

    def step_ids(self, doc: Procedure | Instruction) -> set[str]:
        return {n.step.id for n in self.steps(doc) if n.step.id}

    # -- links -------------------------------------------------------------------------------

    def references(self) -> list[Ref]:
        """Every reference in the handbook, from any entry to any other (computed once).

        Found by walking each entry's models for fields marked ``RefTo`` (generator.model.base);
        ``#step`` references are completed with their own document's id.
        """
        if self._references is None:
            _RECENT_REFS.appendleft({})  # this handbook's, looked up by the next ones
            _RECENT_REFS.pop()
            self._references = [ref for _, obj in self.entries() for ref in _refs_of(obj)]
        return self._references

    def backlinks(self) -> dict[Key, list[Ref]]:
        """(kind, id) -> the references pointing at it, for "referenced by" lists."""
        index: dict[Key, list[Ref]] = defaultdict(list)
        for ref in self.references():
            for key in self.candidates(ref):
                index[key].append(ref)
        return index


# The references of each entry of the last few handbooks made in this process: an entry loaded again
# from an unchanged file is the same object (generator/load/loader.py), never changed in place, so its
# references are too. Keyed by id(); the entry itself is kept beside them, so an id is not reused.
_RECENT_REFS: deque[dict[int, tuple[SourceModel, list[Ref]]]] = deque([{}, {}, {}, {}])


def _refs_of(entry: SourceModel) -> list[Ref]:
    for recent in _RECENT_REFS:
        known = recent.get(id(entry))
        if known is not None and known[0] is entry:
            break
    else:
        known = (entry, list(entry_refs(entry)))
    _RECENT_REFS[0][id(entry)] = known
    return known[1]


def entry_refs(entry: SourceModel) -> Iterator[Ref]:
    """The references one entry makes, in field order, depth first."""
    for node in walk_models(entry):
        for name, mark in shape(type(node)).refs:
            value = getattr(node, name)
            for target in value if isinstance(value, list) else (value,):
                if not target:
                    continue
                if mark.kind == "step" and target.startswith("#"):
                    target = f"{getattr(entry, 'id', '')}{target}"
                yield Ref(mark.kind, target, entry, node, name)


def numbered_steps(steps: list[Step], prefix: str = "", depth: int = 0,
                   branch: Branch | None = None, parent: Step | None = None) -> Iterator[NumberedStep]:
    """Generated step numbers: 1, 1.1, 1.1.1; branch n of a step numbers its steps "1.2-n.1"."""
    for index, step in enumerate(steps, start=1):
        number = f"{prefix}{index}"
        yield NumberedStep(number, step, depth, branch, parent)
        yield from numbered_steps(step.steps, number + ".", depth + 1, branch, step)
        for b_index, br in enumerate(step.branches, start=1):
            yield from numbered_steps(br.steps, f"{number}-{_CIRCLED[b_index - 1]}.", depth + 1, br, step)


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
