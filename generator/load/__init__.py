"""Stage 1: read the YAML sources safely, keep positions, validate against the model."""

from generator.load.loader import load_handbook, load_or_raise
from generator.load.yamlsource import read_source

__all__ = ["load_handbook", "load_or_raise", "read_source"]
