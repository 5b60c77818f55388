"""Arguments several subcommands share, declared once."""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_CASES = Path("cases")
"""The corpus folder every command reads unless told otherwise."""


def add_cases_argument(parser: argparse.ArgumentParser, help_text: str = "corpus folder (default: cases/)") -> None:
    """Add ``--cases DIR`` (default ``cases/``)."""
    parser.add_argument("--cases", type=Path, default=DEFAULT_CASES, metavar="DIR", help=help_text)
