"""The outcome read from a fact summary (``outcomes.yaml``): conviction or acquittal, only when unambiguous."""

from __future__ import annotations

import functools
import re
from typing import Any

from palermo.model.vocab import Outcome
from scraper.facts.passage import pointer
from scraper.facts.reading import FactReading
from scraper.facts.tables import TableError, compile_patterns, table


@functools.lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, Outcome, re.Pattern[str]], ...]:
    data: Any = table("outcomes")
    if not isinstance(data, dict):
        raise TableError("outcomes.yaml: expected a mapping")
    rules = []
    for key, outcome in (("conviction", Outcome.CONVICTION), ("acquittal", Outcome.ACQUITTAL)):
        spec = data.get(key)
        if not isinstance(spec, dict) or not isinstance(spec.get("id"), str):
            raise TableError(f"outcomes.yaml: {key!r} needs an 'id' and 'patterns'")
        rules.append((spec["id"], outcome, compile_patterns(spec.get("patterns"), f"outcomes.yaml: {key}")))
    rules.append(("unsure", Outcome.OTHER, compile_patterns(data.get("unsure"), "outcomes.yaml: unsure")))
    return tuple(rules)


def read_outcome(text: str, reading: FactReading) -> None:
    """Conviction or acquittal, when exactly one of them is read and nothing makes the reading unsure."""
    fired = []
    for rule_id, outcome, pattern in _rules():
        m = pattern.search(text)
        if m is not None:
            if rule_id == "unsure":
                return
            fired.append((rule_id, outcome, m))
    if len(fired) != 1:
        return
    rule_id, outcome, m = fired[0]
    reading.values["outcome"] = outcome
    reading.note("outcome", outcome.value, rule_id, pointer(text, m.start(), m.end()))
