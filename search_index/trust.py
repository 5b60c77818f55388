"""What makes a result trustworthy to a lawyer: how rich the record is, and whether it limits the asked-for theory.

Both are read from the record alone. A record an editor wrote (a summary and
holdings) ranks above a bare index entry for the same match; an acquittal or a
finding of no violation, and a holding that says a theory does *not* establish
the offence (as Kozminski does of psychological coercion), are shown as flags,
quoting the record's own outcome or holding, never inferred from anything else.
"""

from __future__ import annotations

import re
from typing import Any

from palermo.model.schema import CaseRecord
from search_index.analysis import unique_terms

RICH_BOOST = 1.3
"""Score multiplier for a record with a summary (curated, or digested from a source) over a bare index entry."""
EDITED_BOOST = 1.1
"""A further multiplier for a record an editor wrote or reviewed."""
ADVERSE_OUTCOMES = {"acquittal": "acquittal", "no_violation": "no violation found"}
"""Outcomes that are adverse to the trafficking charge or complaint, as the flag words them."""
LIMITING = re.compile(
    r"\b(?:does|did|do) not (?:establish|amount to|constitute|suffice|satisfy)|\bis not (?:enough|sufficient)|"
    r"\binsufficient\b|\bwas rejected\b|\bfalls? outside\b|\bcannot (?:establish|amount to|constitute)",
    re.IGNORECASE,
)
"""Words by which a holding says a theory fails (deliberately narrow: a missed flag is better than a wrong one)."""


def trust_meta(record: CaseRecord) -> dict[str, Any]:
    """What ranking and flags need from a record, stored with the index."""
    return {
        "rich": bool(record.summary and record.summary.strip()),
        "edited": record.editorial_status.value in ("curated", "reviewed"),
        "limits": [h for h in record.holdings if LIMITING.search(h)],
    }


def boost(meta: dict[str, Any]) -> float:
    """The multiplier a result's score gets for how much the record tells."""
    return (RICH_BOOST if meta.get("rich") else 1.0) * (EDITED_BOOST if meta.get("edited") else 1.0)


def flags(meta: dict[str, Any], query_terms: set[str]) -> list[str]:
    """Plain flags for an adverse outcome or a limiting holding that shares a word with the query."""
    out = []
    outcome = ADVERSE_OUTCOMES.get(meta.get("outcome") or "")
    if outcome:
        out.append(f"outcome: {outcome}")
    for holding in meta.get("limits", []):
        if query_terms & unique_terms(holding):
            out.append(f"limiting holding: {holding}")
    return out
