"""Golden-file helper for the S2 source tests (hudoc, uk_fcl, courtlistener, us_courts).

A golden file holds the records a saved document yields, as JSON, without the
retrieval date (a saved file's mtime, which differs between clones). When the file
is missing the test writes it and fails, so a person reviews it before it is committed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from palermo.schema import CaseRecord

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"


def golden_data(records: list[CaseRecord]) -> list[dict[str, Any]]:
    """Records as golden JSON data."""
    out = []
    for record in records:
        data = record.to_data()
        for source in data.get("sources", []):
            source.pop("retrieved_at", None)
        out.append(data)
    return out


def golden_name(relative: str) -> str:
    """A file name for a document's golden output: its relative path with "/" as "__", no extension."""
    return relative.replace("/", "__").rsplit(".", 1)[0]


def assert_golden(source_id: str, name: str, records: list[CaseRecord]) -> None:
    """Compare with ``tests/golden/<source_id>/<name>.json``; write it when missing and fail."""
    path = GOLDEN / source_id / f"{name}.json"
    actual = golden_data(records)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(actual, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        pytest.fail(f"golden file {path.relative_to(ROOT)} written: review and commit it")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert actual == expected, f"output differs from {path.relative_to(ROOT)} (delete it to regenerate, then review the diff)"
