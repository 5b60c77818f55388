"""The naive browser index, the baseline the compact one is measured against (see benchmarks/search.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from lunr import get_default_builder

from palermo.model.schema import CaseRecord
from search_index.lunr_export import FIELDS, record_fields


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def naive_lunr_files(records: Iterable[CaseRecord]) -> dict[str, str]:
    """The naive browser index, for comparison: lunr's own serialisation with its default pipeline, and every field stored."""
    records = list(records)
    builder = get_default_builder()
    docs = []
    store = []
    for r in records:
        texts = record_fields(r)
        docs.append({"id": r.id, **texts})
        store.append(
            {
                "id": r.id,
                **texts,
                "decision_date": r.decision_date.isoformat() if r.decision_date else None,
                "offence_types": [o.value for o in r.offence_types],
                "legal_issues": [i.value for i in r.legal_issues],
                "court_level": r.court_level.value if r.court_level else None,
                "outcome": r.outcome.value if r.outcome else None,
            }
        )
    builder.ref("id")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for doc in docs:
        builder.add(doc)
    return {"lunr-index.json": _dump(builder.build().serialize()), "documents.json": _dump(store)}
