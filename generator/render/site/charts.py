"""The flowcharts of the site: which pages have one, drawn before the pages (in parallel), shown inline.

Which documents have a chart: generator.render.flowchart.dot.document_chart. ``prerender`` draws every chart of a build at once (generator.render.flowchart.graphviz, two
Graphviz processes at a time, cached by source) and gives each its own file ``flowchart.svg`` beside
the page, the full-size view a phone can zoom; a page then takes its chart from the cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator.render.flowchart import graphviz, svg
from generator.render.flowchart.dot import document_chart
from generator.render.site.index import SiteIndex
from generator.render.site.views.steps import StepNode, step_tree

FILE = "flowchart.svg"  # beside the page's index.html
KINDS = ("procedure", "instruction")


@dataclass(frozen=True)
class Chart:
    """A page's chart: the inline ``<svg>`` (markup made by Graphviz and svg.py, safe to print as
    is) and the file name of the full-size view, relative to the page."""

    svg: Markup
    href: str = FILE


def cache_dir(ix: SiteIndex) -> Path:
    return graphviz.cache_dir(ix.book.root)


def chart(ix: SiteIndex, kind: str, tree: list[StepNode]) -> Chart | None:
    """The chart of a page (drawn now when prerender has not drawn it)."""
    dot = document_chart(kind, tree)
    if dot is None:
        return None
    return Chart(Markup(svg.inline(graphviz.render(dot, cache_dir(ix)))))  # noqa: S704 (Graphviz escaped it)


def prerender(ix: SiteIndex, specs: list[Any], workers: int = 2) -> dict[str, str]:
    """Draw the chart of every page of ``specs``; returns {file uri of the full-size view: its SVG}.

    Raises SourceError (CFG007) when Graphviz is missing or fails.
    """
    sources: dict[str, str] = {}
    for spec in specs:
        if spec.kind in KINDS and spec.obj is not None:
            dot = document_chart(spec.kind, step_tree(spec.obj.steps, ix.numbers))
            if dot is not None:
                sources[spec.uri.removesuffix("index.md") + FILE] = dot
    drawn = graphviz.render_all(list(sources.values()), cache_dir(ix), workers)
    return {uri: svg.standalone(drawn[dot]) for uri, dot in sources.items()}
