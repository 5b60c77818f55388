"""``palermo similar CASE_ID [--limit N] [--json]``: the cases most like one case, by text and shared facets."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from search_index import DEFAULT_INDEX_DIR, ensure_index


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``similar`` subcommand."""
    p = sub.add_parser("similar", help="cases similar to one case", description=__doc__)
    p.add_argument("case_id", help="id of the case, e.g. ecthr-2010-rantsev-v-cyprus-and-russia")
    p.add_argument("--limit", type=int, default=5, help="number of cases (default 5)")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.add_argument("--cases", type=Path, default=Path("cases"), help="corpus folder, indexed on demand (default: cases/)")
    p.add_argument("--index", type=Path, default=DEFAULT_INDEX_DIR, help=f"index folder (default: {DEFAULT_INDEX_DIR}/)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print similar cases; exit 1 when the case is not in the index."""
    engine, _, errors = ensure_index(args.cases, args.index)
    for error in errors:
        print(f"skipped {error}", file=sys.stderr)
    try:
        hits = engine.similar(args.case_id, limit=max(args.limit, 1))
    except KeyError:
        print(f"palermo similar: no case with id {args.case_id!r} in the index (run `palermo index` after adding it)", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps([h.to_json() for h in hits], ensure_ascii=False, indent=2))
        return 0
    for n, hit in enumerate(hits, 1):
        print(f"{n}. {hit.title} ({hit.jurisdiction}, {hit.decision_date or 'undated'})  {hit.id}")
    return 0
