"""Flowcharts of a document's steps, drawn at build time by Graphviz (Debian package ``graphviz``).

``dot.flowchart(steps)`` makes the DOT source from the step tree (site and bound handbook alike);
``graphviz.render_all`` runs ``dot -Tsvg`` on many charts in parallel, cached by the hash of the
source; ``svg`` turns Graphviz's SVG into what a page inlines, the file opened alone, or what
WeasyPrint prints. No script is needed to show a chart.
"""
