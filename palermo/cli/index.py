"""``palermo index [--cases DIR] [--index DIR]``: build or update the search index (only changed records are rewritten)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from palermo.cli.options import add_cases_argument
from search_index import DEFAULT_INDEX_DIR, open_engine


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``index`` subcommand."""
    p = sub.add_parser("index", help="build or update the search index", description=__doc__)
    add_cases_argument(p)
    p.add_argument("--index", type=Path, default=DEFAULT_INDEX_DIR, help=f"index folder (default: {DEFAULT_INDEX_DIR}/)")
    p.add_argument("--rebuild", action="store_true", help="rebuild from scratch instead of updating")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Index the corpus; files that fail to load are reported and skipped (exit 1 if any)."""
    if not args.cases.is_dir():
        print(f"palermo index: corpus folder {args.cases} does not exist", file=sys.stderr)
        return 1
    engine = open_engine(args.index)
    if args.rebuild:
        engine.clear()
    report, errors = engine.index_corpus(args.cases)
    for error in errors:
        print(f"skipped {error}", file=sys.stderr)
    action = "built" if report.rebuilt else "updated"
    print(
        f"{action} {args.index}: {report.added} added, {report.updated} updated, {report.removed} removed, "
        f"{report.unchanged} unchanged in {report.seconds:.2f} s"
    )
    return 1 if errors else 0
