"""``palermo similar CASE_ID [--limit N] [--json]``: the cases most like one case, by text and shared facets.

The same ranking as the "Similar cases" list of each case page (:class:`search_index.similar.SimilarCases`).
"""

from __future__ import annotations

import argparse
import json
import sys

from palermo.cli.options import add_cases_argument
from palermo.corpus.store import load_corpus
from search_index.similar import SimilarCases


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``similar`` subcommand."""
    p = sub.add_parser("similar", help="cases similar to one case", description=__doc__)
    p.add_argument("case_id", help="id of the case, e.g. ecthr-2010-rantsev-v-cyprus-and-russia")
    p.add_argument("--limit", type=int, default=5, help="number of cases (default 5)")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    add_cases_argument(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print similar cases; exit 1 when the case is not in the corpus."""
    if not args.cases.is_dir():
        print(f"palermo similar: corpus folder {args.cases} does not exist", file=sys.stderr)
        return 1
    corpus = load_corpus(args.cases)
    for error in corpus.errors:
        print(f"skipped {error}", file=sys.stderr)
    model = SimilarCases(corpus.records)
    try:
        ranked = model.of(args.case_id, limit=max(args.limit, 1))
    except KeyError:
        print(f"palermo similar: no case with id {args.case_id!r} in {args.cases}", file=sys.stderr)
        return 1
    by_id = {r.id: r for r in corpus.records}
    rows = []
    for case_id, score in ranked:
        record = by_id[case_id]
        rows.append(
            {
                "id": case_id,
                "title": record.display_title,
                "score": round(score, 4),
                "offence_types": [o.value for o in record.offence_types],
                "jurisdiction": record.jurisdiction,
                "decision_date": record.decision_date.isoformat() if record.decision_date else None,
            }
        )
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for n, row in enumerate(rows, 1):
        print(f"{n}. {row['title']} ({row['jurisdiction']}, {row['decision_date'] or 'undated'})  {row['id']}")
    return 0
