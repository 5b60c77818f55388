"""The ``palermo`` command. Each subcommand lives in its own module here and
exposes ``register(subparsers)``; nothing else in Palermo imports this package.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

SUBCOMMANDS: tuple[str, ...] = (
    "validate",
    "duplicates",
    "schema",
    "build",
    "protect",
    "index",
    "search",
    "similar",
    "scrape",
    "digests",
    "sources",
    "course",
    "cle",
    "stats",
    "export",
    "classify",
)
"""Modules of :mod:`palermo.cli` that add a subcommand, in the order ``--help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="palermo", description="Palermo: human-trafficking case law — scrape, validate, index, search, build."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in SUBCOMMANDS:
        importlib.import_module(f"palermo.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
