"""Factories for test records: ``case_record(**overrides)`` gives a valid record to vary."""

from __future__ import annotations

from typing import Any

from palermo.model.schema import CaseRecord

BASE: dict[str, Any] = {
    "id": "tst-2020-test-v-state",
    "title": "Test v. State",
    "jurisdiction": "GBR",
    "decision_date": "2020-03-04",
    "sources": [{"name": "Test source", "url": "https://example.org/judgment"}],
    "editorial_status": "extracted",
}


def case_data(**overrides: Any) -> dict[str, Any]:
    """The raw mapping of a valid record with ``overrides`` applied (``None`` removes a key)."""
    data = {**BASE, **overrides}
    return {k: v for k, v in data.items() if v is not None}


def case_record(**overrides: Any) -> CaseRecord:
    """A validated record built from :func:`case_data`."""
    return CaseRecord.model_validate(case_data(**overrides))
