"""Stage 4: rendering the handbook tree into outputs (site pages, printable documents)."""
