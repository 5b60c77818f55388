"""Victims as aggregates read from a fact summary: count, female, male, minors and nationalities (``counts.yaml``,
``demonyms.yaml``).

A count is read only from "<number> [adjectives] <noun>" (``three Nigerian women``), and only when every such
count of the same kind of noun gives one number; several different numbers leave the field empty. One victim is
read from "the victim" only when the summary never speaks of victims in the plural or counts any.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import pycountry

from palermo.model.jurisdictions import INTERNATIONAL_BODIES
from scraper.facts.numbers import number_pattern, value_of
from scraper.facts.passage import pointer
from scraper.facts.reading import FactReading
from scraper.facts.tables import TableError, table

COUNT_RULE = "facts-victims-count"
SINGLE_RULE = "facts-victims-single"
NATIONALITY_RULE = "facts-victims-nationality"
_PLURAL_OR_MORE = re.compile(
    r"\bvictims\b|\b(?:another|second|other|third|each|every)\s+victim\b|\bvictims?\s+(?:[0-9A-Z]|no\.?)\b|\b(?:women|girls|children|minors|boys)\b",
    re.IGNORECASE,
)
_SINGLE = re.compile(r"\bthe\s+victim\b(?!s)", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, list[str]], re.Pattern[str], tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    data = table("counts")
    nouns = data.get("victims") if isinstance(data, dict) else None
    if not isinstance(nouns, dict):
        raise TableError("counts.yaml: 'victims' must map nouns to what their count says")
    kinds = {str(k).lower(): [str(v) for v in vs] for k, vs in nouns.items()}
    noun = "|".join(sorted(kinds, key=len, reverse=True))
    count = re.compile(rf"(?i:\b(?P<n>{number_pattern()}))\s+(?:{data['adjectives']}\s+){{0,3}}(?i:(?P<noun>{noun}))\b")
    after = tuple(re.compile(p, re.IGNORECASE) for p in data.get("not_before") or [])
    before = tuple(re.compile(p, re.IGNORECASE) for p in data.get("not_after") or [])
    return kinds, count, after, before


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
        if candidate.lower() in ("the", "of"):
            continue
        try:
            code = str(pycountry.countries.lookup(candidate).alpha_3)
        except LookupError:
            continue
        if len(candidate) > 3 and code not in INTERNATIONAL_BODIES:
            return code
    return None


def _counts(text: str) -> list[tuple[int, str, re.Match[str]]]:
    kinds, pattern, not_before, not_after = _tables()
    found = []
    for m in pattern.finditer(text):
        n = value_of(m["n"])
        if n is None or n == 0 or n > 5000:
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        after = text[m.end() : m.end() + 60]
        if any(p.search(before) for p in not_after) or any(p.match(after) for p in not_before):
            continue
        found.append((n, m["noun"].lower(), m))
    return found


def read_victims(text: str, reading: FactReading) -> None:
    """Victims' count, sexes, minors and nationalities, each only where the rules are sure of it."""
    kinds, _pattern, _a, _b = _tables()
    counts = _counts(text)
    victims: dict[str, Any] = {}
    by_kind: dict[str, list[tuple[int, re.Match[str]]]] = {}
    for n, noun, m in counts:
        for kind in kinds[noun]:
            by_kind.setdefault(kind, []).append((n, m))

    def one(kind: str) -> tuple[int, re.Match[str]] | None:
        values = by_kind.get(kind, [])
        return values[0] if values and len({n for n, _m in values}) == 1 else None

    if counts:
        total = one("all")
        if total is None and "all" not in by_kind and len({n for n, _noun, _m in counts}) == 1 and len({noun for _n, noun, _m in counts}) == 1:
            total = (counts[0][0], counts[0][2])  # "three women", and no other count: three victims
        if total is not None:
            victims["count"] = total
        for kind in ("female", "male", "minors"):
            value = one(kind)
            if value is not None and (total is None or value[0] <= total[0]):
                victims[kind] = value
    elif _SINGLE.search(text) and not _PLURAL_OR_MORE.search(text):
        m = _SINGLE.search(text)
        assert m is not None
        victims["count"] = (1, m)
    values: dict[str, Any] = {}
    for name, (n, m) in victims.items():
        values[name] = n
        rule = SINGLE_RULE if name == "count" and n == 1 and not counts else COUNT_RULE
        reading.note(f"victims.{name}", n, rule, pointer(text, m.start(), m.end()))
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
