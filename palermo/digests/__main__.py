"""``python -m palermo.digests check FILE...``: print every problem as ``FILE: KEY: check: message``; exit 1 on any."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from palermo.digests.checks import ShingleIndex, check_entries
from palermo.digests.load import Problem, load_file
from palermo.digests.summaries import FixturesMissing, fixtures_root, load_other_summaries, load_summaries

REPO_ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    """Run the digest checks over the given files; 0 when all pass, 1 on any problem, 2 on bad usage."""
    parser = argparse.ArgumentParser(prog="python -m palermo.digests", description="Check case digests.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="check digest files (digests/sherloc/*.yaml)")
    check.add_argument("files", nargs="+", type=Path)
    check.add_argument("--fixtures", type=Path, help="saved documents (default: $PALERMO_FIXTURES or ../shared/fixtures)")
    args = parser.parse_args(argv)

    root = args.fixtures or fixtures_root(REPO_ROOT)
    problems: list[Problem] = []
    try:
        index: ShingleIndex | None = ShingleIndex(load_summaries(root), load_other_summaries(root))
    except FixturesMissing as exc:
        print(f"{root}: -: summary: {exc}; the copied-words, numbers and summary-name checks did not run", file=sys.stderr)
        index = None
        problems.append(Problem(str(root), "-", "summary", str(exc)))
    count = 0
    for path in args.files:
        entries, load_problems = load_file(path)
        count += len(entries)
        problems += load_problems
        problems += check_entries(entries, str(path), index)
    for problem in problems:
        print(problem)
    print(f"{count} digests checked, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
