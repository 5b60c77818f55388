"""Defendants as aggregates read from a fact summary (``counts.yaml``): how many, all natural persons.

The count comes from "<number> defendants" when every such count agrees, or is one when the summary speaks of
"the defendant" and nothing in it suggests another (co-defendants, a partner, a group, "they").
"""

from __future__ import annotations

import functools
import re

from scraper.facts.numbers import number_pattern, value_of
from scraper.facts.passage import pointer
from scraper.facts.reading import FactReading
from scraper.facts.tables import TableError, table

COUNT_RULE = "facts-defendants-count"
SINGLE_RULE = "facts-defendants-single"
_COMPANY = re.compile(r"\b(?:company|companies|corporation|firm|enterprise|agency|Ltd|LLC|Inc|S\.A\.|GmbH)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = table("counts")
    spec = data.get("defendants") if isinstance(data, dict) else None
    if not isinstance(spec, dict) or not all(k in spec for k in ("nouns", "single", "many")):
        raise TableError("counts.yaml: 'defendants' needs 'nouns', 'single' and 'many'")
    count = re.compile(rf"\b(?:the\s+|all\s+)?(?P<n>{number_pattern()})\s+(?:\w+\s+)?{spec['nouns']}\b", re.IGNORECASE)
    single = re.compile(spec["single"], re.IGNORECASE)
    many = re.compile("|".join(f"(?:{p})" for p in spec["many"]), re.IGNORECASE)
    return count, single, many


def read_defendants(text: str, reading: FactReading) -> None:
    """The number of defendants (natural persons), when the rules are sure of it."""
    count, single, many = _patterns()
    found = [(value_of(m["n"]), m) for m in count.finditer(text)]
    found = [(n, m) for n, m in found if n]
    if _COMPANY.search(text):
        return  # a company may be among them: natural or legal persons, left to a reader
    if found:
        if len({n for n, _m in found}) != 1:
            return
        n, m = found[0]
        rule = COUNT_RULE
    else:
        m = single.search(text)
        if m is None or many.search(text):
            return
        n, rule = 1, SINGLE_RULE
    assert n is not None
    reading.values["defendants"] = {"count": n, "natural_persons": n}
    passage = pointer(text, m.start(), m.end())
    reading.note("defendants.count", n, rule, passage)
    reading.note("defendants.natural_persons", n, rule, passage)
