"""Offence types read from a fact summary (table ``offences.yaml``)."""

from __future__ import annotations

from palermo.model.vocab import OffenceType
from scraper.facts.passage import pointer
from scraper.facts.reading import FactReading
from scraper.facts.tables import phrase_rules

_VALUES = tuple(o.value for o in OffenceType)


def read_offences(text: str, reading: FactReading) -> None:
    """Every offence type whose phrase occurs, less those that yield to another one read."""
    fired = []
    for rule in phrase_rules("offences", _VALUES):
        m = rule.pattern.search(text)
        if m is not None:
            fired.append((rule, m))
    found = {rule.value for rule, _m in fired}
    kept = [(rule, m) for rule, m in fired if not rule.yields_to & found]
    offences: list[OffenceType] = []
    for rule, m in kept:
        offence = OffenceType(rule.value)
        if offence not in offences:
            offences.append(offence)
            reading.note("offence_types", offence.value, rule.id, pointer(text, m.start(), m.end()))
    if offences:
        reading.values["offence_types"] = offences
