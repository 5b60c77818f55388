"""``palermo validate [PATH…]``: check case files, report ``path:line: field: message``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from palermo.cli.options import DEFAULT_CASES
from palermo.corpus.validate import validate_paths


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``validate`` subcommand."""
    p = sub.add_parser("validate", help="validate case records", description=__doc__)
    p.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_CASES], help="case files or folders (default: cases/)")
    p.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Validate and print problems; exit 1 when there is any."""
    records, problems = validate_paths(args.paths)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {len({p.path for p in problems})} file(s); {len(records)} record(s) valid", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"{len(records)} record(s) valid")
    return 0
