"""Scraper benchmark: parse-and-normalise throughput per source, and the time to rebuild the corpus from the saved documents.

Run by hand (never in the test suite)::

    .venv/bin/python benchmarks/scrape.py
    .venv/bin/python benchmarks/scrape.py --fixtures ../shared/fixtures --min-seconds 2

Throughput: every saved document a source reads under its folder of ``../shared/fixtures``
is loaded into memory once, then parsed (bytes → validated records, normalisation and
classification included) repeatedly until ``--min-seconds`` have passed; the best pass
gives documents/s and records/s. Disk and network are left out.

Rebuild: every source is run in ``make corpus`` order over the saved documents into a
copy of the bundled curated records (the whole pipeline: read, parse, match, merge, atomic
writes), then once more over the result, which should change nothing. The last line
printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore", category=SyntaxWarning)
warnings.filterwarnings("ignore", category=DeprecationWarning)

from scraper.base import ParseError, RawDocument  # noqa: E402
from scraper.registry import UnknownSource, corpus_plan, source_class, source_ids  # noqa: E402
from scraper.run import ScrapeOptions, run_scrape  # noqa: E402

SHARED_FOLDERS = dict(corpus_plan())
"""Source → its folder of saved documents, in ``make corpus`` order (from each source's own declaration)."""


def throughput(source_id: str, folder: Path, min_seconds: float) -> dict[str, Any]:
    cls = source_class(source_id)
    docs: list[RawDocument] = list(cls().documents_from(folder))
    size = sum(len(d.content) for d in docs)
    best = float("inf")
    records = errors = 0
    spent = 0.0
    passes = 0
    while spent < min_seconds or passes < 2:
        source = cls()
        start = time.perf_counter()
        records = errors = 0
        for doc in docs:
            try:
                records += len(source.parse(doc))
            except ParseError:
                errors += 1
        elapsed = time.perf_counter() - start
        best = min(best, elapsed)
        spent += elapsed
        passes += 1
    return {
        "source": source_id,
        "documents": len(docs),
        "megabytes": round(size / 1e6, 2),
        "records": records,
        "parse_errors": errors,
        "seconds_per_pass": round(best, 4),
        "documents_per_second": round(len(docs) / best, 1) if best else None,
        "records_per_second": round(records / best, 1) if best else None,
        "passes": passes,
    }


def rebuild(fixtures: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        cases = Path(tmp) / "cases"
        shutil.copytree(ROOT / "cases", cases)
        runs: dict[str, Any] = {}
        total = 0.0
        for label in ("first", "again"):
            per_source = {}
            start_all = time.perf_counter()
            for source_id in SHARED_FOLDERS:
                start = time.perf_counter()
                report = run_scrape(ScrapeOptions(source_id=source_id, from_path=fixtures / SHARED_FOLDERS[source_id], cases=cases))
                per_source[source_id] = {
                    "seconds": round(time.perf_counter() - start, 2),
                    "new": report.new,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                    "errors": len(report.errors),
                    "fatal": report.fatal,
                }
            elapsed = time.perf_counter() - start_all
            if label == "first":
                total = elapsed
            runs[label] = {"seconds": round(elapsed, 2), "sources": per_source}
        files = sum(1 for _ in cases.rglob("*.yaml"))
    return {"rebuild_seconds": round(total, 2), "rerun_seconds": runs["again"]["seconds"], "case_files": files, "runs": runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fixtures", type=Path, default=ROOT.parent / "shared" / "fixtures", help="the saved documents")
    parser.add_argument("--min-seconds", type=float, default=1.0, help="time spent parsing each source (best pass kept)")
    parser.add_argument("--no-rebuild", action="store_true", help="skip the corpus rebuild")
    args = parser.parse_args()
    if not args.fixtures.is_dir():
        sys.exit(f"saved documents not found at {args.fixtures}")
    results: dict[str, Any] = {"throughput": []}
    print(f"{'source':<14} {'docs':>5} {'MB':>6} {'records':>8} {'docs/s':>9} {'records/s':>10}")
    for source_id in source_ids():
        try:
            row = throughput(source_id, args.fixtures / SHARED_FOLDERS[source_id], args.min_seconds)
        except UnknownSource as exc:
            print(f"{source_id:<14} not available: {exc}")
            continue
        results["throughput"].append(row)
        print(
            f"{source_id:<14} {row['documents']:>5} {row['megabytes']:>6} {row['records']:>8} "
            f"{row['documents_per_second']:>9} {row['records_per_second']:>10}"
        )
    if not args.no_rebuild:
        results["rebuild"] = rebuild(args.fixtures)
        rb = results["rebuild"]
        print(
            f"corpus rebuild from the saved documents: {rb['rebuild_seconds']} s -> {rb['case_files']} case files; unchanged rerun {rb['rerun_seconds']} s"
        )
        for source_id, figures in rb["runs"]["first"]["sources"].items():
            print(
                f"  {source_id:<14} {figures['seconds']:>6} s  new {figures['new']}, updated {figures['updated']}, errors {figures['errors']}"
            )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
