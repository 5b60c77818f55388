"""``palermo export --format json|csv|csl-json|ris [--cases DIR] [--out FILE]``: the corpus as one download file.

Writes exactly what the site's Downloads page offers (the same code makes
both). Invalid case files are reported on stderr and left out; the export of
the valid records still goes ahead, and the exit status is then 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from palermo.cli.options import add_cases_argument
from palermo.corpus.export import EXPORTERS
from palermo.corpus.ordering import newest_first_key
from palermo.corpus.store import atomic_write_text, load_corpus


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``export`` subcommand."""

    p = sub.add_parser("export", help="export the corpus as JSON, CSV, CSL-JSON or RIS", description=__doc__)
    p.add_argument("--format", "-f", choices=sorted(EXPORTERS), default="json", help="output format (default: json)")
    add_cases_argument(p)
    p.add_argument("--out", "-o", type=Path, help="output file (default: standard output)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Export the valid records (those marked out of scope left out, as in the site's download); exit 1 when any case file was invalid or the corpus folder is missing."""

    if not args.cases.exists():
        print(f"palermo export: corpus folder {args.cases} does not exist", file=sys.stderr)
        return 1
    corpus = load_corpus(args.cases)
    for error in corpus.errors:
        print(f"palermo export: skipped {error}", file=sys.stderr)
    records = sorted((r for r in corpus.records if r.in_scope), key=newest_first_key)  # the site's download: trafficking cases only
    text = EXPORTERS[args.format](records)
    if args.out is None:
        sys.stdout.write(text)
    else:
        atomic_write_text(args.out, text)
        print(f"wrote {len(records)} record(s) as {args.format} to {args.out}", file=sys.stderr)
    return 1 if corpus.errors else 0
