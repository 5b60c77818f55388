"""The sector of exploitation read from a fact summary (table ``sectors.yaml``): set only when one is left."""

from __future__ import annotations

from palermo.model.vocab import Sector
from scraper.facts.passage import pointer
from scraper.facts.reading import FactReading
from scraper.facts.tables import phrase_rules

_VALUES = tuple(s.value for s in Sector)


def read_sector(text: str, reading: FactReading) -> None:
    """The one sector the summary's phrases point to, after the yield rules; none when two or more are left."""
    fired = [(rule, m) for rule in phrase_rules("sectors", _VALUES) if (m := rule.pattern.search(text))]
    found = {rule.value for rule, _m in fired}
    kept = [(rule, m) for rule, m in fired if not rule.yields_to & found]
    if len({rule.value for rule, _m in kept}) != 1:
        return
    rule, m = kept[0]
    reading.values["sector"] = Sector(rule.value)
    reading.note("sector", rule.value, rule.id, pointer(text, m.start(), m.end()))
