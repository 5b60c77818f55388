"""Victims as aggregates read from a fact summary: how many, female, minors and nationalities (``counts.yaml``,
``demonyms.yaml``).

Counts such as "three women" in a summary are as often a part of the victims (those who testified, those found in
a raid) as all of them, so the rules read only the plainest case: one victim, from "the victim" when nothing in
the summary speaks of more (victims in the plural, "another victim", "Victim 2", women or girls). That one victim
is female when the summary speaks of her, and a minor when it gives an age under 18. Nationalities come from
"<Nationality> women/girls/victims", "the victim was <Nationality>" and "victims from <Country>".
"""

from __future__ import annotations

import functools
import re
from typing import Any

import pycountry

from palermo.model.jurisdictions import INTERNATIONAL_BODIES
from scraper.facts.passage import pointer
from scraper.facts.reading import FactReading
from scraper.facts.tables import TableError, table

SINGLE_RULE = "facts-victims-single"
FEMALE_RULE = "facts-victims-single-female"
MINOR_RULE = "facts-victims-single-minor"
NATIONALITY_RULE = "facts-victims-nationality"


@functools.lru_cache(maxsize=1)
def _single() -> dict[str, re.Pattern[str]]:
    data = table("counts")
    spec = data.get("single_victim") if isinstance(data, dict) else None
    if not isinstance(spec, dict) or not all(k in spec for k in ("one", "more", "female", "minor")):
        raise TableError("counts.yaml: 'single_victim' needs 'one', 'more', 'female' and 'minor'")
    return {k: re.compile(spec[k], re.IGNORECASE) for k in ("one", "more", "female", "minor")}


@functools.lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    data = table("demonyms")
    if not isinstance(data, dict):
        raise TableError("demonyms.yaml: expected a mapping of nationality adjectives to ISO codes")
    return {str(k): str(v) for k, v in data.items()}


@functools.lru_cache(maxsize=1)
def _nationality_patterns() -> tuple[re.Pattern[str], ...]:
    names = "|".join(re.escape(d) for d in sorted(_demonyms(), key=len, reverse=True))
    nouns = r"(?i:women|girls|victims|children|minors|boys)"
    country = r"(?P<country>[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|of|the)){0,3})"
    return (
        re.compile(rf"\b(?P<dem>{names})\s+(?:(?i:young|adult|underage|minor|female|male|teenage)\s+){{0,2}}{nouns}\b"),
        re.compile(rf"(?i:\bvictims?\s+(?:were|was)\s+(?:all\s+)?(?:an?\s+)?)(?P<dem>{names})\b"),
        re.compile(rf"\b{nouns}\s+(?i:from)\s+{country}"),
    )


def _country(name: str) -> str | None:
    words = name.split()
    for end in range(len(words), 0, -1):  # "Nigeria to Italy" is read as Nigeria
        candidate = " ".join(words[:end])
        if candidate.lower() in ("the", "of") or len(candidate) <= 3:
            continue
        try:
            code = str(pycountry.countries.lookup(candidate).alpha_3)
        except LookupError:
            continue
        if code not in INTERNATIONAL_BODIES:
            return code
    return None


def read_victims(text: str, reading: FactReading) -> None:
    """Victims' count, sex, minors and nationalities, each only where the rules are sure of it."""
    values: dict[str, Any] = {}
    single = _single()
    one = single["one"].search(text)
    if one is not None and not single["more"].search(text):
        values["count"] = 1
        reading.note("victims.count", 1, SINGLE_RULE, pointer(text, one.start(), one.end()))
        for name, rule in (("female", FEMALE_RULE), ("minor", MINOR_RULE)):
            m = single[name].search(text)
            if m is not None:
                field = "female" if name == "female" else "minors"
                values[field] = 1
                reading.note(f"victims.{field}", 1, rule, pointer(text, m.start(), m.end()))
    nationalities: list[str] = []
    for pattern in _nationality_patterns():
        for m in pattern.finditer(text):
            code = _demonyms().get(m["dem"]) if "dem" in pattern.groupindex else _country(m["country"])
            if code and code not in nationalities:
                nationalities.append(code)
                reading.note("victims.nationalities", code, NATIONALITY_RULE, pointer(text, m.start(), m.end()))
    if nationalities:
        values["nationalities"] = nationalities
    if values:
        reading.values["victims"] = values
