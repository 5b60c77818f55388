"""``palermo stats [--cases DIR] [--json]``: counts of the corpus by status, offence type, outcome, jurisdiction and year.

The same figures as the site's Statistics page. Invalid case files are
reported on stderr and left out of the counts (exit status 1).
"""

from __future__ import annotations

import argparse
import json
import sys

from palermo.cli.options import add_cases_argument
from palermo.corpus.stats import compute
from palermo.corpus.store import load_corpus


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``stats`` subcommand."""
    p = sub.add_parser("stats", help="corpus statistics", description=__doc__)
    add_cases_argument(p)
    p.add_argument("--json", action="store_true", help="print the statistics as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the statistics; exit 1 when any case file was invalid or the corpus folder is missing."""

    if not args.cases.exists():
        print(f"palermo stats: corpus folder {args.cases} does not exist", file=sys.stderr)
        return 1
    corpus = load_corpus(args.cases)
    for error in corpus.errors:
        print(f"palermo stats: skipped {error}", file=sys.stderr)
    stats = compute(corpus.records)
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
    else:
        print(_text(stats))
    return 1 if corpus.errors else 0


def _text(stats: dict[str, object]) -> str:
    lines = [f"{stats['cases']} case(s) from {stats['jurisdictions']} jurisdiction(s) and court(s)"]
    for key, title in (
        ("by_editorial_status", "Editorial status"),
        ("by_offence_type", "Offence type"),
        ("by_outcome", "Outcome"),
        ("by_jurisdiction", "Jurisdiction"),
        ("by_year", "Year"),
    ):
        table = stats[key]
        assert isinstance(table, dict)
        lines.append(f"\n{title}:")
        lines.extend(f"  {name!s:<32} {count:>6}" for name, count in table.items() if count)
    if stats["out_of_scope"]:
        lines.append(f"\nNot counted: {stats['out_of_scope']} record(s) marked out of scope (not trafficking cases)")
    if stats["unclassified"]:
        lines.append(f"\nNot yet classified by offence type: {stats['unclassified']}")
    coverage = stats["coverage"]
    assert isinstance(coverage, dict)
    lines.append("\nCoverage (records with each fact; who gave it: editor / digest reading / SHERLOC coding / rules / source data):")
    for name, row in coverage.items():
        origins = " / ".join(str(v) for k, v in row.items() if k not in ("records", "share") and v is not None)
        lines.append(f"  {name:<32} {row['records']:>6} {row['share']:>5}" + (f"   {origins}" if origins else ""))
    sentences = stats["custody_years_by_offence_type"]
    assert isinstance(sentences, dict)
    if sentences:
        lines.append("\nCustodial terms (years) by offence type:")
        for name, s in sentences.items():
            lines.append(f"  {name:<32} n={s['sentences']:<4} median {s['median']:<6} range {s['min']}–{s['max']}, life {s['life']}")
    return "\n".join(lines)
