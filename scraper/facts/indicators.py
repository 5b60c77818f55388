"""ILO forced-labour indicators read from a fact summary, by the phrase rules of ``scraper/rules/ilo_indicators.yaml``."""

from __future__ import annotations

from palermo.model.vocab import IloIndicator
from scraper.classify import default_rules
from scraper.facts.passage import pointer
from scraper.facts.reading import FactReading

_TABLE = "ilo_indicators.yaml"


def read_indicators(text: str, reading: FactReading) -> None:
    """Every ILO indicator whose phrase occurs in the summary, with the table's rule id under the facts prefix."""
    indicators: list[IloIndicator] = []
    for rule in default_rules():
        if rule.source != _TABLE or rule.combined is None:
            continue
        m = rule.combined.search(text)
        if m is None:
            continue
        for name, value in rule.tags:
            if name == "ilo_indicators" and isinstance(value, IloIndicator) and value not in indicators:
                indicators.append(value)
                reading.note("ilo_indicators", value.value, f"facts-{rule.id}", pointer(text, m.start(), m.end()))
    if indicators:
        reading.values["ilo_indicators"] = indicators
