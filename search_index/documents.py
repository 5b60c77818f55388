"""What the search engines read from a case record: its text fields, display data and a content hash."""

from __future__ import annotations

import hashlib
from typing import Any

from palermo.model.jurisdictions import jurisdiction_name
from palermo.model.schema import CaseRecord

TEXT_FIELDS: tuple[str, ...] = ("title", "summary", "holdings", "provisions", "labels", "full_text")
"""Full-text fields (full text is searched, never shown; labels are the record's coding, court and jurisdiction in words)."""

FIELD_BOOSTS: dict[str, float] = {"title": 3.0, "holdings": 2.0, "summary": 1.0, "provisions": 1.5, "labels": 0.8, "full_text": 0.5}
"""Title and holdings weigh more than body text; coding labels a little less than the editor's prose."""


def record_texts(record: CaseRecord) -> dict[str, str]:
    """The text of each full-text field of a record (empty fields left out)."""
    texts = {
        "title": record.title,
        "summary": "\n".join(t for t in (record.summary, record.procedural_history) if t),
        "holdings": "\n".join(record.holdings),
        "provisions": "; ".join(p.cite for p in record.provisions),
        "labels": record_labels(record),
        "full_text": record.full_text or "",
    }
    if record.short_title and record.short_title != record.title:
        texts["title"] = f"{record.title} ({record.short_title})"
    return {k: v for k, v in texts.items() if v}


def record_labels(record: CaseRecord) -> str:
    """The record's coding in words (offence types, Palermo elements, legal issues, ILO indicators), its court and jurisdiction.

    So a word a lawyer uses for a coded fact ("debt bondage", "retention of identity documents") finds the
    records coded with it even when their prose says it otherwise, as the browser index does.
    """
    coded = [
        *record.offence_types,
        *record.palermo.acts,
        *record.palermo.means,
        *record.palermo.purposes,
        *record.legal_issues,
        *record.ilo_indicators,
    ]
    parts = [term.label for term in coded]
    if record.court:
        parts.append(record.court.name)
    parts.append(f"{record.jurisdiction} {jurisdiction_name(record.jurisdiction) or ''}".strip())
    return "; ".join(parts)


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
