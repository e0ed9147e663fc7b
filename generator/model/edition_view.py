"""The edition view: the handbook as one edition (editions/NAME.yaml) issues it.

``edition_view(book, edition)`` returns a new Handbook, like the public view
(generator.model.audience), so the site and print stages need no edition logic:

- the company's names, code prefix and hotline are the edition's (document codes follow the prefix);
- a renamed role or department has the edition's name; a merged one is gone and every reference
  to it (fields marked ``RefTo``) points at the role or department it was merged into;
- names written in text follow: the old name (and a role's aliases) is replaced by the new one
  wherever a reader sees it, in one pass, longest name first;
- a procedure whose variant the edition chooses takes that variant's department, roles, scope,
  service lists, notice channels, records, appendices and related documents (``Variant.apply``),
  and ``follows`` names the variant, for the site to show;
- only the sites the edition lists are kept (all when it lists none); an entry whose site
  references (fields ``RefTo("site")``, e.g. a price list's ``scope.sites``) name only left-out
  sites is left out too, and lists of references drop the left-out sites and entries;
- the edition files themselves are never part of what a stage renders.

Entries keep their source positions (model copies keep them), so findings about an edition's
handbook still point at the source lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.model.base import SourceModel, shape, walk_models
from generator.model.edition import Edition
from generator.model.glossary import Glossary, Term
from generator.model.handbook import Handbook
from generator.model.procedure import Procedure, Record, Responsibility, Step, Variant

EDITION_KIND = "edition"
# Fields that describe the original documents (编写说明 ``notes``: "原文件列出 LYWG/QR-046 … 沿用原编号";
# ``source``: the seed a text comes from). What they quote stays as the originals wrote it: an
# edition's names and code prefix are not put into them (its script still is).
QUOTED_FIELDS = frozenset({"notes", "source"})
SERVICES_STEP, CHANNELS_STEP = "services", "channels"  # step ids a variant's lists fill in
FREE_SERVICES_TEXT = "无偿便民服务项目可包含但不限于下列几种："


def without_editions(book: Handbook) -> Handbook:
    """``book`` without the edition files (what every build renders from)."""
    if not book.tables.get(EDITION_KIND):
        return book
    tables = {name: table for name, table in book.tables.items() if name != EDITION_KIND}
    return Handbook(root=book.root, tables=tables, singles=book.singles, texts=book.texts)


def edition_view(book: Handbook, edition: Edition) -> Handbook:
    """The handbook as ``edition`` issues it (the edition's ids must resolve: run its rules first)."""
    names = _final_names(book, edition)
    merged = {"role": _chains({c.id: c.into for c in edition.roles if c.into}),
              "department": _chains({c.id: c.into for c in edition.departments if c.into})}
    words = _edition_words(book, edition, merged, names)
    gone = _left_out(book, set(edition.sites))
    rewriter = Rewriter(merged, words, gone=gone)
    chosen = {c.procedure: c.variant for c in edition.variants}
    tables: dict[str, dict[str, Any]] = {}
    for kind, table in book.tables.items():
        if kind == EDITION_KIND:
            continue
        kept: dict[str, Any] = {}
        for ident, obj in table.items():
            if ident in merged.get(kind, {}) or ident in gone.get(kind, ()):
                continue
            if kind == "procedure" and ident in chosen:
                obj = apply_variant(obj, chosen[ident], book, names)
            kept[ident] = rewriter.model(obj)
        tables[kind] = kept
    singles = {kind: rewriter.model(obj) for kind, obj in book.singles.items()}
    glossary = singles.get("glossary")
    if book.glossary is not None and isinstance(glossary, Glossary):
        singles["glossary"] = _terms_once(book.glossary, glossary)
    if "company" in singles:
        change = edition.company.model_dump(exclude_none=True)
        singles["company"] = singles["company"].model_copy(update=change)
    view = Handbook(root=book.root, tables=tables, singles=singles, texts=book.texts)
    return _without_orphan_forms(book, view) if chosen else view


def _terms_once(source: Glossary, glossary: Glossary) -> Glossary:
    """``glossary`` (``source`` in the edition's words) with each term once: a merged department's
    term now reads as its target's, so the merged one's entry goes and the target's own stays; no
    forbidden spelling that is now a term itself."""
    own = {new.term for old, new in zip(source.terms, glossary.terms) if old.term == new.term}
    seen: set[str] = set()
    terms: list[Term] = []
    for old, term in zip(source.terms, glossary.terms):
        if term.term in seen or (term.term != old.term and term.term in own):
            continue
        seen.add(term.term)
        terms.append(term)
    names = {t.term for t in terms}
    kept = [t if not any(v in names or v in t.term for v in t.variants)
            else t.model_copy(update={"variants": [v for v in t.variants if v not in names and v not in t.term]})
            for t in terms]
    if kept == glossary.terms:
        return glossary
    return glossary.model_copy(update={"terms": kept})


def _left_out(book: Handbook, sites: set[str]) -> dict[str, set[str]]:
    """kind -> ids left out with the sites an edition does not include (none when it names no sites).

    The sites themselves, and every entry with a site reference that names only left-out sites
    (a price list for another site); an entry naming no site at all is company-wide and stays.
    """
    if not sites:
        return {}
    gone: dict[str, set[str]] = {"site": {ident for ident in book.sites if ident not in sites}}
    for kind, table in book.tables.items():
        if kind in (EDITION_KIND, "site"):
            continue
        for ident, obj in table.items():
            if _names_only(obj, gone["site"]):
                gone.setdefault(kind, set()).add(ident)
    return gone


def _names_only(entry: SourceModel, left_out: set[str]) -> bool:
    """Whether some site reference of ``entry`` names sites, all of them in ``left_out``."""
    for node in walk_models(entry):
        for name, mark in shape(type(node)).refs:
            if mark.kind != "site":
                continue
            value = getattr(node, name)
            targets = [t for t in (value if isinstance(value, list) else [value]) if t]
            if targets and all(t in left_out for t in targets):
                return True
    return False


def _without_orphan_forms(book: Handbook, view: Handbook) -> Handbook:
    """Leave out the forms only a variant the edition did not choose uses (its registers)."""
    used = {r.target for r in book.references() if r.kind == "form"}
    still = {r.target for r in view.references() if r.kind == "form"}
    orphans = used - still
    if not orphans:
        return view
    view.tables["form"] = {k: v for k, v in view.forms.items() if k not in orphans}
    view._references = None  # noqa: SLF001  # computed again without them
    return view


def _chains(into: dict[str, str]) -> dict[str, str]:
    """Follow merges into merged entries to their end (a cycle stops where it closes)."""
    resolved: dict[str, str] = {}
    for start in into:
        seen, target = {start}, into[start]
        while target in into and target not in seen:
            seen.add(target)
            target = into[target]
        resolved[start] = target
    return resolved


NameOf = Callable[[str, str], str]


def _final_names(book: Handbook, edition: Edition) -> NameOf:
    """(kind, id) -> the name that entry has in the edition (its rename, else its own name)."""
    renamed = {("role", c.id): c.name for c in edition.roles if c.name}
    renamed |= {("department", c.id): c.name for c in edition.departments if c.name}

    def name_of(kind: str, ident: str) -> str:
        if (kind, ident) in renamed:
            return renamed[(kind, ident)]
        entry = book.get(kind, ident)
        return getattr(entry, "name", ident) if entry is not None else ident
    return name_of


def _edition_words(book: Handbook, edition: Edition, merged: dict[str, dict[str, str]],
                   name_of: NameOf) -> dict[str, str]:
    """Old wording -> the edition's: names of renamed and merged entries, the company, code prefix."""
    words: dict[str, str] = {}
    for kind, changes in (("department", edition.departments), ("role", edition.roles)):
        for change in changes:
            target = merged[kind].get(change.id, change.id)
            words |= _names_of(book, kind, change.id, name_of(kind, target))
    company = book.company
    if company is not None:
        new = edition.company
        for old_word, new_word in ((company.name, new.name), (company.short_name, new.short_name)):
            if new_word and new_word != old_word:
                words[old_word] = new_word
        if new.code_prefix and new.code_prefix != company.code_prefix:
            words[f"{company.code_prefix}/"] = f"{new.code_prefix}/"
    return words


def _names_of(book: Handbook, kind: str, ident: str, new_name: str) -> dict[str, str]:
    entry = book.get(kind, ident)
    if entry is None:
        return {}
    olds = [entry.name, *getattr(entry, "aliases", [])]
    return {old: new_name for old in olds if old and old != new_name}


@dataclass
class Rewriter:
    """Copies models with references re-pointed (``ids[kind][old] = new``) and wording replaced.

    Lists of references lose the duplicates a merge makes and the entries left out (``gone[kind]``); a procedure's responsibilities of two
    merged roles become one entry with both duties.
    """

    ids: dict[str, dict[str, str]]
    words: dict[str, str] = field(default_factory=dict)
    convert: Callable[[str], str] | None = None  # applied to every text after the words (a script converter)
    gone: dict[str, set[str]] = field(default_factory=dict)  # kind -> ids the edition leaves out

    def __post_init__(self) -> None:
        alternatives = sorted(self.words, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, alternatives))) if alternatives else None
        self._active = self._pattern is not None or self.convert is not None

    def text(self, value: str, quoted: bool = False) -> str:
        """``value`` in the edition's words and script (``quoted``: script only, see QUOTED_FIELDS)."""
        if self._pattern is not None and not quoted:
            value = self._pattern.sub(lambda m: self.words[m.group()], value)
        return self.convert(value) if self.convert is not None else value

    def model(self, obj: SourceModel) -> SourceModel:
        cls = type(obj)
        refs = dict(shape(cls).refs)
        children = set(shape(cls).children)
        updates: dict[str, Any] = {}
        for name in cls.model_fields:
            value = getattr(obj, name)
            if name in refs:
                new = self._ids(refs[name].kind, value)
            elif name in children:
                new = self._children(value)
            elif name in QUOTED_FIELDS:
                new = self._words(value, quoted=True)
            elif name != "id":
                new = self._words(value)
            else:
                continue
            if new is not value:
                updates[name] = new
        if isinstance(obj, Procedure):
            joined = _join_responsibilities(updates.get("responsibilities", obj.responsibilities))
            if joined is not None:
                updates["responsibilities"] = joined
        return obj.model_copy(update=updates) if updates else obj

    def _ids(self, kind: str, value: Any) -> Any:
        gone = self.gone.get(kind)
        if gone and isinstance(value, list) and any(v in gone for v in value):
            value = [v for v in value if v not in gone]
        table = self.ids.get(kind)
        if not table or not value:
            return value
        if isinstance(value, list):
            if not any(v in table for v in value):
                return value
            return list(dict.fromkeys(table.get(v, v) for v in value))
        return table.get(value, value)

    def _children(self, value: Any) -> Any:
        if isinstance(value, SourceModel):
            return self.model(value)
        if isinstance(value, list):
            new = [self.model(v) if isinstance(v, SourceModel) else v for v in value]
            return value if all(a is b for a, b in zip(new, value)) else new
        return value

    def _words(self, value: Any, quoted: bool = False) -> Any:
        if not self._active:
            return value
        if type(value) is str:
            new = self.text(value, quoted)
            return value if new == value else new
        if isinstance(value, list) and value and all(type(v) is str for v in value):
            texts = [self.text(v, quoted) for v in value]
            return value if texts == value else texts
        return value


def _join_responsibilities(duties: list[Responsibility]) -> list[Responsibility] | None:
    """One entry per role (merged roles' duties together), or None when no role is listed twice."""
    by_role: dict[str, Responsibility] = {}
    for item in duties:
        if item.role in by_role:
            first = by_role[item.role]
            by_role[item.role] = first.model_copy(update={"duties": list(dict.fromkeys(first.duties + item.duties))})
        else:
            by_role[item.role] = item
    return list(by_role.values()) if len(by_role) < len(duties) else None


def apply_variant(proc: Procedure, variant_id: str, book: Handbook, name_of: NameOf) -> Procedure:
    """``proc`` as its variant ``variant_id`` has it (unchanged when it has no such variant)."""
    variant = next((v for v in proc.variants if v.id == variant_id), None)
    if variant is None:
        return proc
    change = variant.apply
    updates: dict[str, Any] = {"follows": variant.name, "variants": [variant.model_copy(update={"apply": None})],
                               "steps": _variant_steps(proc.steps, variant)}
    if variant.scope:
        updates["scope"] = variant.scope
    if change is not None:
        if change.owner:
            updates["owner"] = change.owner
        if change.records is not None:
            have = {r.form: r for r in proc.records}
            updates["records"] = [have.get(form) or Record(form=form) for form in change.records]
        if change.appendices is not None:
            updates["appendices"] = [a for title in change.appendices for a in proc.appendices if a.title == title]
        if change.related is not None:
            updates["related"] = proc.related.model_copy(update={"external": list(change.related)})
        homes = {h.role: h.department for h in change.homes}
        if homes:
            updates["responsibilities"] = [r.model_copy(update={"department": homes[r.role]}) if r.role in homes else r
                                           for r in proc.responsibilities]
    proc = proc.model_copy(update=updates)
    if change is None:
        return proc
    if change.wording:
        proc = Rewriter({}, {w.old: w.new for w in change.wording}).model(proc)  # type: ignore[assignment]
    ids = {"role": {s.id: s.into for s in change.roles}, "department": {s.id: s.into for s in change.departments}}
    words: dict[str, str] = {}
    for kind, swaps in (("department", change.departments), ("role", change.roles)):
        for swap in swaps:
            words |= _names_of(book, kind, swap.id, name_of(kind, swap.into))
    return Rewriter(ids, words).model(proc)  # type: ignore[return-value]


def _variant_steps(steps: list[Step], variant: Variant) -> list[Step]:
    """The steps without those the variant drops, its lists filled into the ``services`` and ``channels`` steps."""
    dropped = set(variant.apply.drop_steps) if variant.apply else set()
    result: list[Step] = []
    for step in steps:
        if step.id and step.id in dropped:
            continue
        updates: dict[str, Any] = {}
        if step.steps:
            updates["steps"] = _variant_steps(step.steps, variant)
        if step.branches:
            updates["branches"] = [b.model_copy(update={"steps": _variant_steps(b.steps, variant)})
                                   for b in step.branches]
        if step.id == SERVICES_STEP and variant.paid_services:
            updates["items"] = _listed(variant.paid_services)
        if step.id == CHANNELS_STEP and variant.channels:
            updates["items"] = _listed(variant.channels)
        result.append(step.model_copy(update=updates) if updates else step)
        if step.id == SERVICES_STEP and variant.free_services:
            result.append(Step(text=FREE_SERVICES_TEXT, items=_listed(variant.free_services)))
    return result


def _listed(items: list[str]) -> list[str]:
    """List items as the sources write them: 「；」 after each, 「。」 after the last."""
    return [f"{item}{'。' if n == len(items) - 1 else '；'}" for n, item in enumerate(items)]
