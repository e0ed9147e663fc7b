"""“Did you mean …?” for ids: from ids, titles, names, codes and aliases.

Editors often write what they see on the page (``装修申请表``, ``客户服务中心``, ``LYWG/QP-010``) where
an id belongs, or misspell an id (``complaint-handeling``). ``did_you_mean`` finds the one id meant;
``names_of`` lists what each id of a kind is known by in a loaded handbook. Used by the loader (a
title written where an id belongs) and by the reference rules (REF001–REF008).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

_NAME_FIELDS = ("title", "name", "code", "text")
_IGNORED = re.compile(r"[\s《》〈〉“”\"'「」『』()()]+")


def _norm(text: str) -> str:
    """Spaces, quotes and case ignored; full-width letters, digits and hyphens read as ASCII (NFKC)."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text)).casefold()


def did_you_mean(written: str, names: Mapping[str, Iterable[str]]) -> str | None:
    """The id ``written`` most likely means, or ``None``.

    ``names`` maps each id to what it is known by (title, name, code, aliases). An exact match of
    any of these (ignoring spaces, case and 《》 quotes) wins; then a unique name that contains what
    was written; then the closest id or name by spelling (difflib ratio at least 0.75 for ids,
    0.6 for names).
    """
    key = _norm(written)
    if not key:
        return None
    exact = sorted({ident for ident, known in names.items() if key in {_norm(n) for n in (ident, *known)}})
    if len(exact) == 1:
        return exact[0]
    inside = sorted({ident for ident, known in names.items() if any(key in _norm(n) for n in known if n)})
    if len(inside) == 1 and len(key) >= 2:
        return inside[0]
    by_id = difflib.get_close_matches(key, list(names), n=1, cutoff=0.75)
    if by_id:
        return by_id[0]
    label_of = {_norm(n): ident for ident, known in names.items() for n in known if n}
    by_name = difflib.get_close_matches(key, list(label_of), n=1, cutoff=0.6)
    return label_of[by_name[0]] if by_name else None


def names_of(table: Mapping[str, Any]) -> dict[str, list[str]]:
    """Each id of a handbook table with its title, name, code and aliases (whichever it has)."""
    known: dict[str, list[str]] = {}
    for ident, obj in table.items():
        names = [str(v) for f in _NAME_FIELDS if isinstance(v := getattr(obj, f, None), str) and v]
        names += [str(a) for a in getattr(obj, "aliases", None) or ()]
        known[ident] = names
    return known


def hint_for(written: str, names: Mapping[str, Iterable[str]]) -> str | None:
    """``是否想写 "visit-register"(来访登记表)?`` or ``None``."""
    meant = did_you_mean(written, names)
    if meant is None or meant == written:
        return None
    label = next(iter(names.get(meant, ())), "")
    return f"是否想写 \"{meant}\"" + (f"({label})" if label and label != meant else "") + "?"
