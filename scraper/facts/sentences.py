"""Custodial sentences read from a fact summary (``sentences.yaml``), per defendant role, in months.

A sentence is read only from "sentenced [whom] to N years [and M months] of imprisonment" and kept only when it
can be given to a defendant by role: the only defendant (when the defendants were read as one), an ordinal
("the second defendant"), or "a defendant" when the summary states one sentence only, of one named defendant. Anything near it that makes the term unsure (suspended, life, each, a range) drops
every sentence of the summary: a wrong sentence is worse than none.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from scraper.facts.numbers import value_of
from scraper.facts.passage import pointer
from scraper.facts.reading import FactReading
from scraper.facts.tables import TableError, compile_patterns, table

_NEAR = 80
"""Characters after a sentence searched for words that make it unsure."""


@functools.lru_cache(maxsize=1)
def _spec() -> tuple[str, re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data: Any = table("sentences")
    keys = ("id", "sentenced", "term", "custody", "custody_first", "unsure_near")
    if not isinstance(data, dict) or not all(k in data for k in keys):
        raise TableError(f"sentences.yaml: needs {', '.join(keys)}")
    full = re.compile(
        f"{data['sentenced']}(?P<first>{data['custody_first']})?(?:{data['term']})(?P<after>{data['custody']})?", re.IGNORECASE
    )
    loose = re.compile(r"\bsentenced\b", re.IGNORECASE)
    return str(data["id"]), full, loose, compile_patterns(data["unsure_near"], "sentences.yaml: unsure_near")


def _months(m: re.Match[str]) -> float | None:
    if m["only_months"]:
        return None if (n := value_of(m["only_months"])) is None else float(n)
    if "." in m["years"]:
        return float(m["years"]) * 12
    years = value_of(m["years"])
    months = value_of(m["months"]) if m["months"] else 0
    if years is None or months is None:
        return None
    return float(years * 12 + months)


def read_sentences(text: str, reading: FactReading) -> None:
    """The custodial sentences the summary states, each given to a defendant by role, or none."""
    rule, full, loose, unsure = _spec()
    matches = [m for m in full.finditer(text) if m["first"] or m["after"]]
    if not matches or len(matches) != len(loose.findall(text)):
        return  # a sentence stated otherwise than the pattern reads: the reading would be partial
    defendants = reading.values.get("defendants") or {}
    sentences: dict[str, tuple[float, re.Match[str]]] = {}
    for m in matches:
        window = text[max(0, m.start() - 40) : m.end() + _NEAR]
        months = _months(m)
        if months is None or months == 0 or unsure.search(window):
            return
        if m["ordinal"]:
            role = f"{m['ordinal'].lower()} defendant"
        elif defendants.get("count") == 1:
            role = "the defendant"
        elif m["whom"] and len(matches) == 1:
            role = "a defendant"  # the only sentence stated, of one defendant among others
        else:
            return
        if role in sentences and sentences[role][0] != months:
            return
        sentences[role] = (months, m)
    reading.values["sentences"] = [{"defendant": role, "custody_months": months} for role, (months, _m) in sentences.items()]
    for role, (months, m) in sentences.items():
        reading.note("sentences", f"{role}: {months:g} months", rule, pointer(text, m.start(), m.end()))
