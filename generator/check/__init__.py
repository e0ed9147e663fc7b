"""Stage 3: the consistency checker. Importing the rule modules registers their rules."""

from generator.check import (documents, editions, forms, glossary, glyphs, identity, limits, organisation,  # noqa: F401
                             placeholders,
                             prices, records, references, reviews, roles)
from generator.check.registry import RULES, Rule, catalogue_markdown, run_rules

__all__ = ["RULES", "Rule", "catalogue_markdown", "run_rules"]
