"""The parts of a case citation, read once from a record: the data behind every citation format.

The site's "Cite this case" strings (Bluebook, OSCOLA), the CSL-JSON download and the RIS
download are all built from :func:`citation_parts`, so they cannot disagree. Nothing is
invented: a part the record does not hold stays empty.

- Case name: the record's title without a neutral citation in brackets (Canadian titles carry
  one), with "The Queen"/"Regina" as "R" and "and another"/"and others" left out (OSCOLA 2.1,
  Bluebook 10.2.1); the capitalised "and Others" of a Strasbourg case name is kept.
- Court abbreviation: courts-db's ``citation_string`` for US courts, the table in
  ``citation_tables.yaml`` for the others.
- Reporter citation: split into year, volume, reporter and page; US reporter abbreviations are
  checked and normalised against reporters-db.
- Neutral citation: split into year, court and number (``[2014] UKSC 47``, ``2024 SCC 38``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from palermo.model.schema import CaseRecord
from palermo.model.vocab import IdentifierType

_TABLES = Path(__file__).with_name("citation_tables.yaml")
_REPORT = re.compile(
    r"^(?:(?P<open>[\[(])(?P<year>\d{4})[\])] )?(?:(?P<volume>\d+) )?(?P<reporter>[A-Za-z][A-Za-z0-9 .&']*?) (?P<page>\d+)$"
)
_NEUTRAL = re.compile(
    r"^(?:\[(?P<byear>\d{4})\]|(?P<year>\d{4})) (?P<court>[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)*?) (?P<number>\d+)(?: \((?P<division>[A-Za-z ]+)\))?$"
)
_CROWN = re.compile(r"^(?:The Queen|The King|Regina|Rex)\b")
_MULTIPLE_PARTIES = re.compile(r"\s+and (?:another|others)\b")


@dataclass(frozen=True)
class Report:
    """A law-report citation split into its parts: ``(2010) 51 EHRR 1`` → ``(``, 2010, 51, EHRR, 1."""

    text: str
    reporter: str
    page: str
    volume: str = ""
    year: str = ""
    bracket: str = ""
    """``[`` when the year identifies the volume (``[2014] 1 WLR 2889``), ``(`` when it is only the year of the report."""

    @property
    def volume_with_year(self) -> str:
        """The volume as printed before the reporter, with its bracketed year: ``[2014] 1``, ``(2008) 237``."""
        year = f"{self.bracket}{self.year}{']' if self.bracket == '[' else ')'}" if self.year else ""
        return " ".join(p for p in (year, self.volume) if p)


@dataclass(frozen=True)
class Neutral:
    """A neutral (medium-neutral) citation split into its parts: ``[2013] EWCA Crim 991``, ``[2020] EWHC 123 (QB)``.

    A division in brackets stays with the number (``123 (QB)``), where the citation prints it.
    """

    text: str
    year: str
    court: str
    number: str
    bracketed: bool


@dataclass(frozen=True)
class CitationParts:
    """Everything a citation style needs, read from one record."""

    name: str
    jurisdiction: str
    court_id: str
    court_name: str
    court_abbreviation: str
    """The court as citations abbreviate it (``9th Cir.``, ``UKSC``, ``ECtHR``); empty when the reporter implies it."""
    date: dt.date | None
    year: int | None
    report: Report | None
    neutral: Neutral | None
    application_number: str
    docket_number: str
    ecli: str
    international: bool

    @property
    def us(self) -> bool:
        """A United States case."""
        return self.jurisdiction == "USA"


def clean_title(record: CaseRecord) -> str:
    """The record's title without a neutral citation in brackets (``R. v. T.J.F. (2024 SCC 38)`` → ``R. v. T.J.F.``)."""
    title = " ".join(record.title.split())
    neutral = record.identifier(IdentifierType.NEUTRAL_CITATION)
    if neutral:
        for wrapped in (f"({neutral})", f"[{neutral}]", f", {neutral}"):
            if title.endswith(wrapped):
                title = title.removesuffix(wrapped).rstrip(" ,")
    return title


def case_name(record: CaseRecord) -> str:
    """The case name as the style guides cite it: clean title, ``R`` for the Crown, no "and another"."""
    name = _CROWN.sub("R", clean_title(record))
    return _MULTIPLE_PARTIES.sub("", name)


def parse_report(text: str | None, us: bool = False) -> Report | None:
    """Split a reporter citation; ``None`` when it is not ``[(year)] [volume] reporter page``."""
    match = _REPORT.match(text or "")
    if not match:
        return None
    reporter = match.group("reporter")
    if us:
        reporter = _us_reporter(reporter)
    return Report(
        text=text or "",
        reporter=reporter,
        page=match.group("page"),
        volume=match.group("volume") or "",
        year=match.group("year") or "",
        bracket=match.group("open") or "",
    )


def parse_neutral(text: str | None) -> Neutral | None:
    """Split a neutral citation; ``None`` when it is not ``[2014] UKSC 47`` or ``2024 SCC 38`` in form."""
    match = _NEUTRAL.match(text or "")
    if not match:
        return None
    division = f" ({match.group('division')})" if match.group("division") else ""
    return Neutral(
        text=text or "",
        year=match.group("byear") or match.group("year"),
        court=match.group("court"),
        number=match.group("number") + division,
        bracketed=bool(match.group("byear")),
    )


def citation_parts(record: CaseRecord) -> CitationParts:
    """The parts of a record's citation (see the module docstring for where each comes from)."""
    us = record.jurisdiction == "USA"
    report = parse_report(record.identifier(IdentifierType.REPORTER_CITATION), us=us)
    neutral = parse_neutral(record.identifier(IdentifierType.NEUTRAL_CITATION))
    court_id = record.court.id if record.court else ""
    abbreviation = court_abbreviation(record.jurisdiction, court_id, neutral)
    if report and report.reporter in _tables()["court_implied_by_reporter"]:
        abbreviation = ""
    return CitationParts(
        name=case_name(record),
        jurisdiction=record.jurisdiction,
        court_id=court_id,
        court_name=record.court.name if record.court else "",
        court_abbreviation=abbreviation,
        date=record.decision_date,
        year=record.year,
        report=report,
        neutral=neutral,
        application_number=record.identifier(IdentifierType.APPLICATION_NUMBER) or "",
        docket_number=record.identifier(IdentifierType.DOCKET_NUMBER) or "",
        ecli=record.identifier(IdentifierType.ECLI) or "",
        international=record.jurisdiction in _tables()["international"],
    )


def missing_parts(parts: CitationParts) -> list[str]:
    """What a record lacks for a Bluebook or OSCOLA citation: the court, the date, and a report, neutral citation,
    docket or application number. Empty when a citation can be built."""
    missing = []
    if not (parts.court_id or parts.neutral or parts.report or parts.international):
        missing.append("the court")
    if not (parts.date or parts.year):
        missing.append("the date")
    if not (parts.report or parts.neutral or parts.docket_number or parts.application_number):
        missing.append("a law report, neutral citation, docket or application number")
    return missing


def court_abbreviation(jurisdiction: str, court_id: str, neutral: Neutral | None = None) -> str:
    """A court's abbreviation: courts-db for US courts, the neutral citation's court, or the table of the others."""
    if jurisdiction == "USA":
        return _us_court(court_id)
    table: dict[str, str] = _tables()["court_abbreviations"]
    if neutral:
        return neutral.court
    if court_id in table:
        return table[court_id]
    international: dict[str, dict[str, str]] = _tables()["international"]
    return international[jurisdiction]["oscola"] if jurisdiction in international else ""


def bluebook_parenthetical(parts: CitationParts) -> str:
    """The Bluebook jurisdiction parenthetical of a non-US national court (``U.K.``, ``Eng.``, ``Can.``), or empty."""
    table: dict[str, str] = _tables()["bluebook_parentheticals"]
    if parts.neutral and parts.neutral.court.lower() in table:
        return table[parts.neutral.court.lower()]
    return table.get(parts.court_id) or table.get(parts.jurisdiction, "")


def international_court(jurisdiction: str, style: str) -> str:
    """The name of an international court in a style (``bluebook`` or ``oscola``); empty for a national court."""
    international: dict[str, dict[str, str]] = _tables()["international"]
    return international.get(jurisdiction, {}).get(style, "")


def country_code(jurisdiction: str) -> str:
    """The lower-case ISO 3166-1 alpha-2 code of a jurisdiction (``gb``), or our code lower-cased for international bodies."""
    import pycountry

    country = pycountry.countries.get(alpha_3=jurisdiction)
    return country.alpha_2.lower() if country else jurisdiction.lower()


@cache
def _tables() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(_TABLES.read_text(encoding="utf-8"))
    return data


@cache
def _us_court(court_id: str) -> str:
    """Bluebook abbreviation of a US court from courts-db (empty for an unknown id)."""
    if not court_id:
        return ""
    from courts_db import courts

    for court in courts:
        if court.get("id") == court_id:
            return "" if court_id == "scotus" else str(court.get("citation_string") or "")
    return ""


@cache
def _us_reporter(abbreviation: str) -> str:
    """A US reporter abbreviation as reporters-db spells it (``F. 3d`` → ``F.3d``); unknown ones are kept."""
    from reporters_db import REPORTERS, VARIATIONS_ONLY

    if any(abbreviation in series.get("editions", {}) for entries in REPORTERS.values() for series in entries):
        return abbreviation
    variants = VARIATIONS_ONLY.get(abbreviation) or []
    return str(variants[0]) if len(variants) == 1 else abbreviation
