"""``palermo protect CASE_FILE NAME…``: add victims' names to a record's protected list, as salted hashes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from palermo.corpus.store import CaseFileError, atomic_write_text, dump_record, load_case
from palermo.model.privacy import hash_name


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``protect`` subcommand."""
    p = sub.add_parser("protect", help="protect victims' names in a record (stored as salted hashes)", description=__doc__)
    p.add_argument("case_file", type=Path)
    p.add_argument("names", nargs="+", help="names that must never appear in the record's text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Add the hashes and rewrite the record atomically; fail if the name already appears."""
    try:
        record = load_case(args.case_file)
    except CaseFileError as exc:
        print(exc, file=sys.stderr)
        return 1
    hashes = list(record.protected_names)
    for name in args.names:
        digest = hash_name(record.id, name)
        if digest not in hashes:
            hashes.append(digest)
    try:
        updated = record.model_validate({**record.to_data(), "protected_names": hashes})
    except ValueError as exc:
        print(f"{args.case_file}: the name already appears in the record's text; remove it first\n{exc}", file=sys.stderr)
        return 1
    atomic_write_text(args.case_file, dump_record(updated))
    print(f"{args.case_file}: {len(hashes)} protected name(s)")
    return 0
