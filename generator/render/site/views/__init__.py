"""View models: plain data the page templates lay out. Logic lives here, layout in templates.

Each page template has one view, registered with ``@page(template)``; the renderer looks views up
here, so adding a page type is a template plus one decorated function.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

View = Callable[[Any, Any], dict[str, Any]]  # (SiteIndex, PageSpec) -> template context
VIEWS: dict[str, View] = {}
F = TypeVar("F", bound=Callable[..., dict[str, Any]])


def page(template: str, *, whole_spec: bool = False) -> Callable[[F], F]:
    """Register the view of ``template``: a function of (index, entry), or of (index, spec)."""
    def register(func: F) -> F:
        if template in VIEWS:
            raise ValueError(f"page view {template!r} registered twice")
        VIEWS[template] = func if whole_spec else (lambda ix, spec: func(ix, spec.obj))
        return func
    return register
