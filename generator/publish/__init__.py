"""Stage 5: publishing. The sub-commands that write outputs register here."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable


def register(subs: argparse._SubParsersAction, command: Callable) -> None:
    """Add the publishing sub-commands (build, and those of the print stage) to the CLI."""
    from generator.render.print.cli import register as register_print; register_print(subs, command)  # noqa: E702
    build = subs.add_parser("build", help="check, then build the site and all PDFs into site/",
                            description="Check the sources; if consistent, build the handbook site, the form "
                                        "PDFs, the notices and the bound handbook into one folder.")
    build.add_argument("--out", type=Path, default=None, metavar="DIR", help="output folder (default: PROJECT/site)")
    build.add_argument("--workers", type=int, default=2, metavar="N", help="PDF render processes (default: 2)")
    build.add_argument("--no-pdf", action="store_true", help="build the site only")
    build.add_argument("--audience", choices=["staff", "public"], default="staff",
                       help="staff: everything (default); public: only what residents may see "
                            "(public documents without internal fields; default folder PROJECT/site-public)")

    @command("build")
    def _build(args: argparse.Namespace) -> int:
        from generator.model.audience import Audience
        from generator.publish.build import build as run_build, default_out, print_findings

        audience = Audience(args.audience)
        result = run_build(args.project, args.out, workers=args.workers, pdf=not args.no_pdf, audience=audience)
        print_findings(result.findings)
        out = args.out or default_out(args.project, audience)
        print(f"built {out}" if result.code == 0 else "build stopped: nothing written")
        return result.code
