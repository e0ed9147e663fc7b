"""Docs-as-code for property-management operations.

The package is a pipeline, one sub-package a stage:

    load    YAML files -> plain data with source positions
    model   plain data -> typed domain objects (the handbook tree)
    check   the handbook tree -> findings of the consistency rules
    render  the handbook tree -> site pages and printable documents
    publish orchestration of a build into ``site/``
"""

__version__ = "0.1.0"
