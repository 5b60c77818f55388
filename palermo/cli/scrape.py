"""``palermo scrape SOURCE``: fetch (or read saved) documents from a source, normalise them into case records, update the corpus.

Ends with a report: fetched, parsed, new, updated, unchanged, skipped with reasons, and each
error as document + field + message. Exit status 0 when all went well, 2 when some
documents failed and the rest were written, 1 on a fatal error.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

from palermo.cli.options import add_cases_argument
from palermo.model.schema import CaseRecord


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in YYYY-MM-DD form") from None


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``scrape`` subcommand."""
    from scraper.registry import source_ids

    p = sub.add_parser(
        "scrape",
        help="scrape a source into case records",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="sources: " + ", ".join(source_ids()),
    )
    p.add_argument("source", metavar="SOURCE", help="source id: " + ", ".join(source_ids()))
    p.add_argument(
        "--from", dest="from_path", type=Path, metavar="PATH", help="read saved documents (a file or a folder) instead of the network"
    )
    p.add_argument("--since", type=_date, metavar="DATE", help="only cases decided on or after DATE (YYYY-MM-DD)")
    p.add_argument(
        "--limit", type=_positive_int, metavar="N", help="live: fetch at most N case documents; offline: write at most N records"
    )
    p.add_argument("--base-url", metavar="URL", help="point a live run at another host (a mirror, or a test server)")
    add_cases_argument(p, "corpus folder to update (default: cases/)")
    p.add_argument("--json", dest="json_out", action="store_true", help="print the records as JSON lines on stdout and write nothing")
    p.add_argument("--save-responses", type=Path, metavar="DIR", help="keep every raw response (with URL, time, sha256) under DIR")
    p.add_argument(
        "--licence-confirmed",
        action="store_true",
        help="confirm you hold the licence a source requires for bulk computational analysis (uk_fcl)",
    )
    p.add_argument("--state", type=Path, metavar="DIR", help="folder for the resumable run checkpoint (default: <cases>/.palermo)")
    p.add_argument("--report", type=Path, metavar="FILE", help="also write the report as JSON to FILE")
    polite = p.add_argument_group("politeness (live runs)")
    polite.add_argument("--min-interval", type=_seconds, default=1.0, metavar="S", help="seconds between requests to one host (default 1)")
    polite.add_argument("--retries", type=int, default=4, metavar="N", help="retries of a transient failure (default 4)")
    polite.add_argument("--backoff", type=_seconds, default=1.0, metavar="S", help="first retry wait, doubled each time (default 1)")
    polite.add_argument("--backoff-cap", type=_seconds, default=60.0, metavar="S", help="longest wait between retries (default 60)")
    polite.add_argument("--retry-after-cap", type=_seconds, default=120.0, metavar="S", help="longest Retry-After honoured (default 120)")
    polite.add_argument("--timeout", type=_seconds, default=30.0, metavar="S", help="request timeout (default 30)")
    p.set_defaults(func=run)

    def usage_error(message: str) -> None:
        p.print_usage(sys.stderr)
        p.exit(1, f"palermo scrape: error: {message}\n")  # 1 = fatal; 2 means "some documents failed"

    p.error = usage_error


def run(args: argparse.Namespace) -> int:
    """Run the scrape, print the report, return the exit status."""
    from scraper.fetch import FetchPolicy
    from scraper.run import ScrapeOptions, run_scrape

    policy = FetchPolicy(
        min_interval=args.min_interval,
        max_retries=max(0, args.retries),
        backoff_base=args.backoff,
        backoff_cap=args.backoff_cap,
        retry_after_cap=args.retry_after_cap,
        timeout=args.timeout or 30.0,
    )
    options = ScrapeOptions(
        source_id=args.source,
        from_path=args.from_path,
        since=args.since,
        limit=args.limit,
        base_url=args.base_url,
        cases=args.cases,
        json_out=args.json_out,
        save_responses=args.save_responses,
        licence_confirmed=args.licence_confirmed,
        state_dir=args.state,
        policy=policy,
    )

    def emit(record: CaseRecord) -> None:
        print(json.dumps(record.to_data(), ensure_ascii=False, sort_keys=False), flush=True)

    report = run_scrape(options, emit=emit)
    out = sys.stderr if args.json_out else sys.stdout
    print(report.to_text(), file=out)
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(json.dumps(report.to_dict(), indent=1) + "\n", encoding="utf-8")
    return report.exit_status
