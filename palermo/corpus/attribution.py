"""Who coded a record's tags: a source's own coding (credited to it on the page) as against our rules' readings.

A source that publishes its own classification of a case (UNODC SHERLOC's act, means and purpose
"Legacy Keywords") is imported with evidence whose rule names that coding; the merge lets it replace
machine tags but never an editor's, and the case page credits the source with its snapshot date.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from palermo.corpus.identity import SHERLOC_CASE_URL
from palermo.model.schema import CaseRecord, Evidence


@dataclass(frozen=True)
class SourceCoding:
    """A classification a source published itself."""

    rule: str
    """The evidence rule of every value taken from it."""
    coder: str
    """Who coded it, as the page credits them."""
    what: str
    """What it codes, as the page says it."""
    snapshot: datetime.date
    """The day the coding was taken from the source."""


SHERLOC_CODING = SourceCoding("sherloc-coding", "UNODC SHERLOC", "Act, means and purpose", datetime.date(2026, 8, 10))
"""SHERLOC's own act/means/purpose and form coding, from the SHERLOC_Case_Analysis snapshot."""

SOURCE_CODINGS: dict[str, SourceCoding] = {SHERLOC_CODING.rule: SHERLOC_CODING}
"""Every source coding by its evidence rule."""

OFFENCE_FROM_PURPOSE = "sherloc-purpose"
"""Evidence rule of an offence type derived from a purpose SHERLOC coded (its weakest kind: a reading of the
brief or the judgment replaces it)."""


def source_codings(record: CaseRecord) -> list[SourceCoding]:
    """The source codings a record carries, in the order of its evidence."""
    rules = dict.fromkeys(e.rule for e in record.classification_evidence if e.rule in SOURCE_CODINGS)
    return [SOURCE_CODINGS[rule] for rule in rules]


def sherloc_brief(record: CaseRecord) -> str | None:
    """The URL of the record's SHERLOC case brief, if it cites one."""
    return next((s.url for s in record.sources if SHERLOC_CASE_URL.search(s.url)), None)


FACT_RULE_PREFIX = "facts-"
"""Evidence rules of facts read by rule from a fact summary (``scraper.facts``): the weakest reading of a field,
replaced by a source's own coding, a digest's reading and an editor's value."""


def read_by_rule(rule: str) -> bool:
    """True for the evidence rule of a fact read by rule from a fact summary."""
    return rule.startswith(FACT_RULE_PREFIX)


def rule_read_fields(evidence: list[dict[str, Any]] | list[Evidence]) -> set[str]:
    """Record fields whose every evidence entry is a fact read by rule (so another reading may replace the value)."""
    rules: dict[str, set[bool]] = {}
    for e in evidence:
        field, rule = (e["field"], e["rule"]) if isinstance(e, dict) else (e.field, e.rule)
        rules.setdefault(str(field).split(".", 1)[0], set()).add(read_by_rule(str(rule)))
    return {name for name, kinds in rules.items() if kinds == {True}}
