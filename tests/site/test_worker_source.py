"""The search worker's source: one script with no module system, where a name declared twice wins silently."""

from __future__ import annotations

import re
from collections import Counter

from generator.render.site.plugin import WORKER


def test_worker_declares_each_function_and_top_level_name_once() -> None:
    """A second ``function spelt`` (two branches each adding one) would replace the first everywhere it is
    called, with no error: each function and top-level ``var`` of worker.js is declared once."""
    source = WORKER.read_text(encoding="utf-8")
    names = re.findall(r"^function (\w+)", source, re.M) + re.findall(r"^var (\w+)", source, re.M)
    assert len(names) > 40
    twice = [name for name, n in Counter(names).items() if n > 1]
    assert not twice, twice
