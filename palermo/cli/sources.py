"""``palermo sources [--json | --corpus-plan]``: the registered sources and how a full corpus build uses them.

Each source declares itself (:class:`scraper.base.BaseSource`): its name, licence, the folder of its
real saved documents and its place in ``make corpus``. ``--corpus-plan`` prints ``id folder`` lines in
build order, which is what the Makefile reads.
"""

from __future__ import annotations

import argparse
import json

from scraper.registry import corpus_plan, source_class, source_ids


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``sources`` subcommand."""
    p = sub.add_parser("sources", help="list the registered sources", description=__doc__)
    group = p.add_mutually_exclusive_group()
    group.add_argument("--json", action="store_true", help="print one JSON object per source, in a list")
    group.add_argument("--corpus-plan", action="store_true", help="print 'id folder' for each source of a full corpus build, in order")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the sources."""
    if args.corpus_plan:
        for source_id, folder in corpus_plan():
            print(f"{source_id} {folder}")
        return 0
    rows = []
    for source_id in source_ids():
        cls = source_class(source_id)
        rows.append(
            {
                "id": source_id,
                "name": cls.name,
                "homepage": cls.homepage,
                "licence": cls.licence,
                "saved_documents": cls.saved_documents,
                "corpus_order": cls.corpus_order,
                "offline_patterns": list(cls.offline_patterns),
                "requires_licence_confirmation": cls.requires_licence_confirmation,
            }
        )
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        order = f"corpus step {row['corpus_order']}" if row["corpus_order"] is not None else "not in make corpus"
        print(f"{row['id']:<14} {row['name']}  ({order}; saved documents: {row['saved_documents'] or '-'})")
    return 0
