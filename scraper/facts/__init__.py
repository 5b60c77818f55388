"""Facts read by rule from a case's fact summary (a SHERLOC case brief, or any summary-sized text a source brings).

Small stages, one module per kind of fact, each driven by a data table in ``scraper/rules/facts/``:
offence types (:mod:`.offences`), the sector (:mod:`.sectors`), victims (:mod:`.victims`), defendants
(:mod:`.defendants`), the outcome (:mod:`.outcome`), custodial sentences (:mod:`.sentences`, after the
defendants), ILO indicators (:mod:`.indicators`) and provisions (:mod:`.provisions`). Every value carries
evidence: a rule id starting with ``facts-`` and a quoted pointer of at most 15 words into the summary.

Precision first: a stage that is unsure leaves its field out. The values are the weakest reading of a field:
a source's own coding, a digest's reading and an editor's value all replace them (:mod:`scraper.merge`).
"""

from __future__ import annotations

from scraper.facts.defendants import read_defendants
from scraper.facts.indicators import read_indicators
from scraper.facts.offences import read_offences
from scraper.facts.outcome import read_outcome
from scraper.facts.passage import MAX_WORDS, pointer, words_in
from scraper.facts.provisions import read_provisions
from scraper.facts.reading import FactReading
from scraper.facts.sectors import read_sector
from scraper.facts.sentences import read_sentences
from scraper.facts.victims import read_victims

__all__ = ["MAX_WORDS", "NOT_FOR_RECORDS", "FactReading", "pointer", "read_facts", "record_fields", "words_in"]

NOT_FOR_RECORDS = frozenset({"outcome", "victims.female"})
"""Fields (or parts of one, ``victims.female``) the rules read but records do not take: their precision on the
held-out half of the gold sample (``benchmarks/extraction.py``, README) is below the 0.95 target (outcome: 0.77; a
summary often tells of an earlier conviction or of another proceeding; the number of women among the victims:
0.92, and 0.94 on the tuning half). They are still read, so the benchmark keeps measuring them."""


def read_facts(text: str, jurisdiction: str | None = None) -> FactReading:
    """Every fact the rules are sure of in one fact summary (whitespace is folded first).

    Args:
        text: the summary's plain text.
        jurisdiction: the case's ISO 3166-1 alpha-3 code, which names the criminal code an article belongs to.
    """
    text = " ".join(text.split())
    reading = FactReading()
    read_offences(text, reading)
    read_sector(text, reading)
    read_victims(text, reading)
    read_defendants(text, reading)
    read_outcome(text, reading)
    read_sentences(text, reading)
    read_indicators(text, reading)
    read_provisions(text, jurisdiction, reading)
    return reading


def record_fields(reading: FactReading) -> FactReading:
    """The reading without the fields records do not take (:data:`NOT_FOR_RECORDS`), nor their evidence."""
    values = {}
    for name, value in reading.values.items():
        if name in NOT_FOR_RECORDS:
            continue
        if isinstance(value, dict):
            value = {part: v for part, v in value.items() if f"{name}.{part}" not in NOT_FOR_RECORDS}
            if all(v in (None, [], {}) for v in value.values()):
                continue
        values[name] = value
    evidence = [e for e in reading.evidence if e.field.split(".", 1)[0] in values and e.field not in NOT_FOR_RECORDS]
    return FactReading(values=values, evidence=evidence)
