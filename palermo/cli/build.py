"""``palermo build [--cases DIR] [--out DIR]``: build the static site with ``mkdocs build --strict``."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from palermo.cli.options import add_cases_argument
from palermo.site.context import CASES_ENV


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``build`` subcommand."""
    p = sub.add_parser("build", help="build the static site", description=__doc__)
    add_cases_argument(p)
    p.add_argument("--out", type=Path, default=Path("site"), help="output folder (default: site/)")
    p.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="mkdocs config (default: mkdocs.yml)")
    p.add_argument("--verbose", "-v", action="store_true", help="show mkdocs' progress messages")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Build the site; exit 1 on any warning (strict) or invalid record."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    if not args.cases.is_dir():
        print(f"palermo build: corpus folder {args.cases} does not exist", file=sys.stderr)
        return 1
    os.environ[CASES_ENV] = str(args.cases.resolve())
    _show_mkdocs_log(args.verbose)
    started = time.perf_counter()
    try:
        config = load_config(str(args.config), site_dir=str(args.out.resolve()), strict=True)
        build(config)
    except (Abort, ConfigurationError, PluginError) as exc:
        print(f"palermo build: {exc}", file=sys.stderr)
        return 1
    print(f"built {args.out} in {time.perf_counter() - started:.1f} s")
    return 0


def _show_mkdocs_log(verbose: bool) -> None:
    """Send mkdocs' warnings and errors (and, with --verbose, its progress) to stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
