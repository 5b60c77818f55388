"""A record as Palermo publishes it: in the per-case JSON, the downloads and ``palermo export``."""

from __future__ import annotations

from palermo.model.schema import CaseRecord

PUBLIC_EXCLUDE = frozenset({"protected_names"})
"""Fields never published: salted hashes of victims' names could be tested against guessed names."""


def case_url(case_id: str) -> str:
    """Site-relative URL of a case page (from the site root, without a leading slash)."""
    return f"cases/{case_id}/"


def public_data(record: CaseRecord, full_text: bool = True) -> dict[str, object]:
    """The record as published (JSON-ready, empty fields left out, private fields removed).

    Args:
        record: the case.
        full_text: keep the judgment text (the per-case JSON does; the corpus download leaves it out to stay small).
    """
    leave_out = PUBLIC_EXCLUDE if full_text else PUBLIC_EXCLUDE | {"full_text"}
    return {k: v for k, v in record.to_data().items() if k not in leave_out}
