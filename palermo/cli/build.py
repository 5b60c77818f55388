"""``palermo build [--cases DIR] [--out DIR] [--site-url URL]``: build the static site with ``mkdocs build --strict``.

``--site-url`` (or ``$PALERMO_SITE_URL``) overrides ``site_url`` in mkdocs.yml: the public base URL
the feeds and the sitemap use for absolute links, e.g. for a copy on a court intranet.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from palermo.cli.options import add_cases_argument
from palermo.site.context import CASES_ENV, SITE_URL_ENV


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``build`` subcommand."""
    p = sub.add_parser("build", help="build the static site", description=__doc__)
    add_cases_argument(p)
    p.add_argument("--out", type=Path, default=Path("site"), help="output folder (default: site/)")
    p.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="mkdocs config (default: mkdocs.yml)")
    p.add_argument(
        "--site-url", help=f"public base URL of the site, for feeds and the sitemap (default: ${SITE_URL_ENV}, else site_url in mkdocs.yml)"
    )
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
    if args.site_url:
        if not args.site_url.startswith(("http://", "https://")):
            print(f"palermo build: --site-url {args.site_url!r} is not an http(s) URL", file=sys.stderr)
            return 1
        os.environ[SITE_URL_ENV] = args.site_url
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
