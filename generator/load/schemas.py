"""JSON Schemas for every kind of source, so editors autocomplete and validate as you type."""

from __future__ import annotations

import json
from pathlib import Path

from generator.load.kinds import ALL_KINDS


def schema_name(kind_name: str) -> str:
    return f"{kind_name.replace('_', '-')}.schema.json"


def schema_for(kind) -> dict:
    schema = kind.model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"{kind.label} ({kind.name})"
    schema.get("properties", {}).pop("id", None)
    return schema


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in ALL_KINDS:
        path = folder / schema_name(kind.name)
        path.write_text(json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
