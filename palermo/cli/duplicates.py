"""``palermo duplicates [--cases DIR] [--json]`` and ``palermo duplicates --merge KEEP OTHER``: one case, one record.

Without ``--merge``: the groups of records that share a strong key (an identifier of one decision, or the
same SHERLOC case page), which are the same decision listed twice, and the likely pairs an editor should
compare (titles naming the same parties or case number within a year, a title that spells out another
record's citation). Exit 1 while any group remains.

With ``--merge KEEP OTHER``: fold OTHER into KEEP. KEEP keeps its id and its editors' fields and gains
OTHER's sources, identifiers and links; OTHER's id becomes an alias whose page redirects to KEEP.
"""

from __future__ import annotations

import argparse
import json
import sys

from palermo.cli.options import add_cases_argument
from palermo.corpus.identity import duplicate_groups, likely_pairs
from palermo.corpus.store import load_corpus
from scraper.update import CorpusUpdater, UpdateError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``duplicates`` subcommand."""
    p = sub.add_parser("duplicates", help="find, or merge, records of the same case", description=__doc__)
    add_cases_argument(p)
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--merge", nargs=2, metavar=("KEEP", "OTHER"), help="merge record OTHER into record KEEP")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Report duplicates (exit 1 while a group remains), or merge two records."""
    if not args.cases.is_dir():
        print(f"palermo duplicates: corpus folder {args.cases} does not exist", file=sys.stderr)
        return 1
    if args.merge:
        keep, other = args.merge
        updater = CorpusUpdater(args.cases)
        try:
            merged = updater.fold(keep, other)
        except UpdateError as exc:
            print(f"palermo duplicates: {exc}", file=sys.stderr)
            return 1
        print(f"merged {other} into {keep} (aliases: {', '.join(merged.aliases)})")
        return 0
    corpus = load_corpus(args.cases)
    for error in corpus.errors:
        print(f"skipped {error}", file=sys.stderr)
    groups = duplicate_groups(corpus.records)
    pairs = likely_pairs(corpus.records, known=groups)
    if args.json:
        print(
            json.dumps(
                {
                    "groups": [{"ids": list(g.ids), "keys": list(g.keys)} for g in groups],
                    "likely_pairs": [{"ids": [p.first, p.second], "reason": p.reason} for p in pairs],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(f"{len(groups)} group(s) of records that share a strong key (the same decision listed twice):")
        for g in groups:
            print(f"  {' = '.join(g.ids)}    [{'; '.join(g.keys)}]")
        print(f"{len(pairs)} likely pair(s) for an editor to compare:")
        for p in pairs:
            print(f"  {p.first} ~ {p.second}    ({p.reason})")
    return 1 if groups else 0
