"""View models: plain data the page templates lay out. Logic lives here, layout in templates."""
