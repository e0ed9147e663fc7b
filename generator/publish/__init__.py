"""Stage 5: publishing — the build that checks once and writes the site and PDFs (build.py)."""
