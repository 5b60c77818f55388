"""``palermo schema``: print the JSON Schema of a case record."""

from __future__ import annotations

import argparse
import json

from palermo.model.schema import json_schema


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``schema`` subcommand."""
    p = sub.add_parser("schema", help="print the case-record JSON Schema", description=__doc__)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the schema as indented JSON."""
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0
