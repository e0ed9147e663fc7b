"""A synthetic handbook at scale, made from the real sources: copies with new ids, codes rewired.

    python benchmarks/corpus.py DEST [--procedures 1000] [--forms 500] [--sites 100]

Copy k of a document gets the id ``<id>-c<k>``; its references point at copies of the same batch, so
the corpus is as consistent as the real handbook (``handbook check`` finds the same problems).
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import Any, Iterable

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = ("company.yaml", "glossary.yaml", "limits.yaml", "organisation", "schemas", "mkdocs.yml", "site_overrides")
REF_LISTS = {"forms": "forms", "procedures": "procedures", "instructions": "instructions", "price_lists": "price-lists"}


def copy_parts(source: Path, dest: Path, names: Iterable[str]) -> None:
    """Copy the files and folders ``names`` of ``source`` that exist into ``dest``."""
    for name in names:
        src = source / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.exists():
            shutil.copy2(src, dest / name)


def make_corpus(dest: Path, procedures: int = 1000, forms: int = 500, sites: int = 100, source: Path = ROOT) -> Path:
    """Write a synthetic project to ``dest`` (replaced if present) and return it."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    copy_parts(source, dest, SHARED)
    originals = {folder: sorted((source / folder).glob("*.yaml"))
                 for folder in ("procedures", "instructions", "forms", "price-lists", "sites")}
    counts = {"procedures": procedures, "forms": forms, "sites": sites,
              "instructions": max(len(originals["instructions"]), procedures // 5),
              "price-lists": max(len(originals["price-lists"]), sites // 10 * len(originals["price-lists"]))}
    batches = {folder: max(1, -(-counts[folder] // max(1, len(files)))) for folder, files in originals.items()}
    complete = {folder: max(1, counts[folder] // max(1, len(files))) for folder, files in originals.items()}
    codes: dict[str, int] = {}
    for folder, files in originals.items():
        (dest / folder).mkdir(exist_ok=True)
        written = 0
        for batch in range(batches[folder]):
            for path in files:
                if written >= counts[folder]:
                    break
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
                _rewire(data, batch, complete, folder)
                if "code" in data:
                    prefix, _, _ = data["code"].rpartition("-")
                    codes[prefix] = codes.get(prefix, 0) + 1
                    data["code"] = f"{prefix}-{codes[prefix]:04d}"
                target = dest / folder / f"{path.stem}-c{batch}.yaml"
                target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
                written += 1
    return dest


def _rewire(node: Any, batch: int, batches: dict[str, int], folder: str, seen: set[int] | None = None) -> None:
    """Point every id reference at the copy of the same batch (wrapping when that kind has fewer batches).
    A node shared through a YAML alias is rewired once."""
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, dict):
        for key, value in node.items():
            if key in REF_LISTS and isinstance(value, list):
                node[key] = [_copy_id(v, batch, batches[REF_LISTS[key]]) for v in value]
            elif key == "records" and isinstance(value, list) and all(isinstance(v, str) for v in value):
                node[key] = [_copy_id(v, batch, batches["forms"]) for v in value]  # a variant's record list
            elif key == "form" and isinstance(value, str):
                node[key] = _copy_id(value, batch, batches["forms"])
            elif key == "see" and isinstance(value, list):
                node[key] = [_step_ref(v, batch, batches["procedures"]) for v in value]
            elif key == "sites" and isinstance(value, list) and folder == "price-lists":
                # every site copy that names this list copy (site batch b names list batch b % lists)
                lists = batches["price-lists"]
                node[key] = [f"{v}-c{b}" for v in value for b in range(batches["sites"]) if b % lists == batch % lists]
            elif key == "price_lists" and folder == "sites":
                node[key] = [_copy_id(v, batch, batches["price-lists"]) for v in value]
            else:
                _rewire(value, batch, batches, folder, seen)
    elif isinstance(node, list):
        for item in node:
            _rewire(item, batch, batches, folder, seen)


def _copy_id(ident: str, batch: int, available: int) -> str:
    return f"{ident}-c{batch % available}"


def _step_ref(ref: str, batch: int, available: int) -> str:
    doc, _, step = ref.partition("#")
    return f"{_copy_id(doc, batch, available)}#{step}" if doc else ref


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--procedures", type=int, default=1000)
    parser.add_argument("--forms", type=int, default=500)
    parser.add_argument("--sites", type=int, default=100)
    args = parser.parse_args()
    make_corpus(args.dest, args.procedures, args.forms, args.sites)
    print(args.dest)


if __name__ == "__main__":
    main()
