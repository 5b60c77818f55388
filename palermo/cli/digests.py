"""``palermo digests apply [--cases DIR]`` and ``palermo digests check [FILE…]``: case digests in the corpus.

``apply`` writes every digest in ``digests/sherloc/`` into the record of its case (summary, points of law as
holdings, and the basis: written from the UNODC SHERLOC case brief, not from the judgment); a record whose
summary a person wrote from the judgment keeps it. ``check`` runs the digest checks (copied words, numbers,
names, consistency, length) and prints every problem as ``FILE: KEY: check: message``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from palermo.cli.options import add_cases_argument
from palermo.digests.__main__ import main as check_main
from palermo.digests.apply import apply_digests
from palermo.digests.load import digest_files, load_file

DEFAULT_ROOT = Path(".")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``digests`` subcommand."""
    p = sub.add_parser("digests", help="apply or check the case digests", description=__doc__)
    actions = p.add_subparsers(dest="action", required=True)
    apply = actions.add_parser("apply", help="write the digests into their records")
    add_cases_argument(apply)
    apply.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="folder holding digests/sherloc/ (default: .)")
    check = actions.add_parser("check", help="check digest files")
    check.add_argument("files", nargs="*", type=Path, help="digest files (default: every file in digests/sherloc/)")
    check.add_argument("--fixtures", type=Path, help="saved documents (default: $PALERMO_FIXTURES or ../shared/fixtures)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Apply (exit 1 when a file could not be read) or check (exit 1 on any problem)."""
    if args.action == "check":
        files = [str(f) for f in (args.files or digest_files(DEFAULT_ROOT))]
        return check_main(["check", *files, *(["--fixtures", str(args.fixtures)] if args.fixtures else [])])
    if not args.cases.is_dir():
        print(f"palermo digests: corpus folder {args.cases} does not exist", file=sys.stderr)
        return 1
    entries = []
    failed = False
    for path in digest_files(args.root):
        loaded, problems = load_file(path)
        entries += loaded
        for problem in problems:
            print(f"palermo digests: skipped {problem}", file=sys.stderr)
            failed = True
    report = apply_digests(entries, args.cases)
    print("\n".join(report.lines()))
    return 1 if failed or report.errors else 0
