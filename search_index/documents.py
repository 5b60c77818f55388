"""What the search engines read from a case record: its text fields, display data and a content hash."""

from __future__ import annotations

import hashlib
from typing import Any

from palermo.model.schema import CaseRecord

TEXT_FIELDS: tuple[str, ...] = ("title", "summary", "holdings", "provisions", "full_text")
"""Full-text fields, in the order a snippet looks for matches in them (full text is searched, never shown)."""

FIELD_BOOSTS: dict[str, float] = {"title": 3.0, "holdings": 2.0, "summary": 1.0, "provisions": 1.5, "full_text": 0.5}
"""Title and holdings weigh more than body text."""


def record_texts(record: CaseRecord) -> dict[str, str]:
    """The text of each full-text field of a record (empty fields left out)."""
    texts = {
        "title": record.title,
        "summary": "\n".join(t for t in (record.summary, record.procedural_history) if t),
        "holdings": "\n".join(record.holdings),
        "provisions": "; ".join(p.cite for p in record.provisions),
        "full_text": record.full_text or "",
    }
    if record.short_title and record.short_title != record.title:
        texts["title"] = f"{record.title} ({record.short_title})"
    return {k: v for k, v in texts.items() if v}


def record_meta(record: CaseRecord) -> dict[str, Any]:
    """What a result line shows, kept with the index so a search never reads the corpus."""
    return {
        "id": record.id,
        "title": record.display_title,
        "decision_date": record.decision_date.isoformat() if record.decision_date else None,
        "year": record.year,
        "jurisdiction": record.jurisdiction,
        "court": record.court.name if record.court else None,
        "court_level": record.court_level.value if record.court_level else None,
        "outcome": record.outcome.value if record.outcome else None,
        "offence_types": [o.value for o in record.offence_types],
    }


def record_hash(record: CaseRecord) -> str:
    """A hash of everything in the record, to tell whether the index holds its current version."""
    return hashlib.blake2b(record.model_dump_json(exclude_defaults=True).encode("utf-8"), digest_size=16).hexdigest()
