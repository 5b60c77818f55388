"""Defendants as aggregates read from a fact summary (``counts.yaml``): how many, all natural persons.

The count is read in the plainest case only: one, when the summary speaks of "the defendant" and nothing in it
suggests another (defendants in the plural, co-defendants, a partner, a group, "they"). Counts such as "two
defendants" are as often a part of them (those convicted, those who appealed) as all of them, and are not read.
"""

from __future__ import annotations

import functools
import re

from scraper.facts.passage import pointer
from scraper.facts.reading import FactReading
from scraper.facts.tables import TableError, table

SINGLE_RULE = "facts-defendants-single"
_NAMED = re.compile(r"\bthe\s+(?:defendant|accused)\s+((?-i:[A-Z])[\w.]*)", re.IGNORECASE)
_COMPANY = re.compile(r"\b(?:company|companies|corporation|firm|enterprise|agency|Ltd|LLC|Inc|S\.A\.|GmbH)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = table("counts")
    spec = data.get("defendants") if isinstance(data, dict) else None
    if not isinstance(spec, dict) or not all(k in spec for k in ("single", "many")):
        raise TableError("counts.yaml: 'defendants' needs 'single' and 'many'")
    single = re.compile(spec["single"], re.IGNORECASE)
    many = re.compile("|".join(f"(?:{p})" for p in spec["many"]), re.IGNORECASE)
    boilerplate = re.compile("|".join(f"(?:{p})" for p in data.get("boilerplate") or ["$^"]), re.IGNORECASE)
    return single, many, boilerplate


def read_defendants(text: str, reading: FactReading) -> None:
    """The number of defendants (natural persons), when the rules are sure of it."""
    single, many, boilerplate = _patterns()
    text = boilerplate.sub(" ", text)
    if _COMPANY.search(text):
        return  # a company may be among them: natural or legal persons, left to a reader
    m = single.search(text)
    if m is None or many.search(text):
        return
    named = {n.group(1) for n in _NAMED.finditer(text)}
    if len(named) > 1:
        return  # "the defendant A.S." and "the defendant E.M.": two of them
    n, rule = 1, SINGLE_RULE
    reading.values["defendants"] = {"count": n, "natural_persons": n}
    passage = pointer(text, m.start(), m.end())
    reading.note("defendants.count", n, rule, passage)
    reading.note("defendants.natural_persons", n, rule, passage)
