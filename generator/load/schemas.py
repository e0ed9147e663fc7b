"""JSON Schemas for every kind of source, so editors autocomplete and validate as you type."""

from __future__ import annotations

import json
from pathlib import Path

from typing import Any

from generator.model.kinds import Kind, kinds


def schema_name(kind: Kind) -> str:
    """File name of a kind's schema: named after its single file, or its kind (price-list.schema.json)."""
    stem = Path(kind.file).stem if kind.file else kind.name.replace("_", "-")
    return f"{stem}.schema.json"


def schema_for(kind: Kind) -> dict[str, Any]:
    schema = kind.model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"{kind.label} ({kind.name})"
    schema.get("properties", {}).pop("id", None)
    return schema


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in kinds():
        path = folder / schema_name(kind)
        path.write_text(json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
