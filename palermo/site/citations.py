"""Case citations in Bluebook (21st ed.) and OSCOLA (4th ed.) form, built only from a record's own fields.

The formatters never invent a citation element: a part the record does not
hold (reporter, docket number, full date) is left out, and when a record has
no identifier at all the citation falls back to the case name, court and date.
Each citation comes as plain text (for the clipboard) and as HTML with the case
name italicised (the text is escaped; the record is data, never markup).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from palermo.model.schema import CaseRecord
from palermo.model.vocab import IdentifierType
from palermo.site.render import esc as esc_html

BLUEBOOK_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
"""Month abbreviations of Bluebook table T12."""

_US_REPORTS = re.compile(r"^\d+ U\.\s?S\. \d+")
_NEUTRAL_COURT = re.compile(r"^\[\d{4}\] ([A-Z]+)")
_UK_PARENTHETICAL = {"UKSC": "U.K.", "UKHL": "U.K.", "UKPC": "U.K.", "UKUT": "U.K.", "UKFTT": "U.K.", "UKEAT": "U.K.", "EAT": "U.K."}
"""Bluebook jurisdiction parenthetical by the court part of a UK neutral citation; the rest (EWCA, EWHC…) are English courts."""
_EHRR = re.compile(r"^\((\d{4})\) (\d+) EHRR (\d+)$")
_INTERNATIONAL_BLUEBOOK = {"ECHR": "Eur. Ct. H.R.", "IACHR": "Inter-Am. Ct. H.R.", "ECOWAS": "ECOWAS Ct. Just."}
_INTERNATIONAL_OSCOLA = {"ECHR": "ECtHR", "IACHR": "IACtHR", "ECOWAS": "ECOWAS CCJ"}


@dataclass(frozen=True)
class Citation:
    """One formatted citation: the style's name, plain text and HTML."""

    style: str
    text: str
    html: str


def bluebook(record: CaseRecord) -> Citation:
    """The Bluebook citation of a case (21st ed., rules 10, 20 and 21; tables T6 and T12).

    Args:
        record: the case.

    Returns:
        e.g. ``United States v. Kozminski, 487 U.S. 931 (1988)`` or
        ``Rantsev v. Cyprus & Russia, App. No. 25965/04 (Eur. Ct. H.R. Jan. 7, 2010)``.
    """
    name = _bluebook_name(record.title)
    date = _bluebook_date(record)
    reporter = record.identifier(IdentifierType.REPORTER_CITATION)
    neutral = record.identifier(IdentifierType.NEUTRAL_CITATION)
    app_no = record.identifier(IdentifierType.APPLICATION_NUMBER)
    docket = record.identifier(IdentifierType.DOCKET_NUMBER)
    parts: list[str] = []
    if record.jurisdiction in _INTERNATIONAL_BLUEBOOK:
        court = _INTERNATIONAL_BLUEBOOK[record.jurisdiction]
        if app_no:
            parts.append(f"App. No. {app_no}")
        elif docket:
            parts.append(docket)
        paren = " ".join(p for p in (court, date) if p)
        ehrr = _EHRR.match(reporter or "")
        if ehrr:  # T3: the European Human Rights Reports are "Eur. H.R. Rep.", dated by the report's year
            parts.append(f"{ehrr.group(2)} Eur. H.R. Rep. {ehrr.group(3)}")
            paren = ehrr.group(1)
    elif record.jurisdiction == "GBR" and neutral:
        parts.append(neutral)
        match = _NEUTRAL_COURT.match(neutral)
        paren = _UK_PARENTHETICAL.get(match.group(1), "Eng.") if match else "U.K."
    elif record.jurisdiction == "USA":
        court = _us_court(record.court.id if record.court else None)
        if reporter:
            parts.append(reporter)
            year = str(record.year) if record.year else ""
            paren = " ".join(p for p in ("" if _US_REPORTS.match(reporter) else court, year) if p)
        else:
            if docket:
                parts.append(f"No. {docket}")
            paren = " ".join(p for p in (court, date) if p)
    else:
        ident = neutral or reporter or docket or record.identifier(IdentifierType.UNODC_NUMBER)
        if ident:
            parts.append(ident if ident != docket else f"No. {docket}")
        court = record.court.name if record.court else ""
        paren = ", ".join(p for p in (court, date) if p)
    body = ", ".join([name, *parts])
    tail = f" ({paren})" if paren else ""
    return Citation("Bluebook", f"{body}{tail}", f"<i>{esc_html(name)}</i>{esc_html(body[len(name) :] + tail)}")


def oscola(record: CaseRecord) -> Citation:
    """The OSCOLA citation of a case (4th ed., rules 2.1–2.4 and 2.7).

    Args:
        record: the case.

    Returns:
        e.g. ``Hounga v Allen [2014] UKSC 47``, ``Rantsev v Cyprus and Russia (2010) 51 EHRR 1`` or
        ``Siliadin v France App no 73316/01 (ECtHR, 26 July 2005)``.
    """
    name = _oscola_name(record.title)
    reporter = _no_full_stops(record.identifier(IdentifierType.REPORTER_CITATION) or "")
    neutral = record.identifier(IdentifierType.NEUTRAL_CITATION)
    app_no = record.identifier(IdentifierType.APPLICATION_NUMBER)
    docket = record.identifier(IdentifierType.DOCKET_NUMBER)
    long_date = _long_date(record)
    if neutral:
        rest = neutral + (f", {reporter}" if reporter else "")
    elif reporter and record.jurisdiction == "USA":
        # OSCOLA 2.10.3: a foreign case as cited at home, without full stops
        court = (
            ""
            if _US_REPORTS.match(record.identifier(IdentifierType.REPORTER_CITATION) or "")
            else _us_court(record.court.id if record.court else None)
        )
        paren = " ".join(p for p in (_no_full_stops(court), str(record.year or "")) if p)
        rest = f"{reporter} ({paren})" if paren else reporter
    elif reporter:
        rest = reporter
    else:
        court = _INTERNATIONAL_OSCOLA.get(record.jurisdiction) or (record.court.name if record.court else "")
        number = f"App no {app_no}" if app_no else (f"No {docket}" if docket else "")
        paren = ", ".join(p for p in (court, long_date) if p)
        rest = " ".join(p for p in (number, f"({paren})" if paren else "") if p)
    text = f"{name} {rest}".strip()
    return Citation("OSCOLA", text, f"<i>{esc_html(name)}</i>{esc_html(text[len(name) :])}")


def citations(record: CaseRecord) -> list[Citation]:
    """Every citation style the site offers, in display order."""
    return [bluebook(record), oscola(record)]


def _bluebook_name(title: str) -> str:
    name = re.sub(r"\s+v\.?\s+", " v. ", title.strip())
    # T6: "and" becomes "&" in a case name (never as its first word).
    return re.sub(r"(?<=\S) and (?=\S)", " & ", name)


def _oscola_name(title: str) -> str:
    name = re.sub(r"\s+v\.?\s+", " v ", title.strip())
    return re.sub(r"\b([A-Z])\.", r"\1", name)  # OSCOLA 1.6.1: no full stops in initials ("CN v UK")


def _no_full_stops(text: str) -> str:
    """OSCOLA drops the full stops of abbreviations (``U.S.`` → ``US``, ``F.3d`` → ``F3d``)."""
    return re.sub(r"(?<=[A-Za-z])\.(?=\s?[A-Za-z0-9])", "", text).rstrip(".")


def _bluebook_date(record: CaseRecord) -> str:
    d: dt.date | None = record.decision_date
    if d is not None:
        return f"{BLUEBOOK_MONTHS[d.month - 1]} {d.day}, {d.year}"
    return str(record.year) if record.year else ""


def _long_date(record: CaseRecord) -> str:
    d = record.decision_date
    if d is not None:
        return f"{d.day} {d.strftime('%B')} {d.year}"
    return str(record.year) if record.year else ""


@lru_cache(maxsize=256)
def _us_court(court_id: str | None) -> str:
    """Bluebook abbreviation of a US court from courts-db (empty for the Supreme Court or an unknown id)."""
    if not court_id or court_id == "scotus":
        return ""
    try:
        from courts_db import courts
    except ImportError:  # pragma: no cover - courts-db is a dependency
        return ""
    for court in courts:
        if court.get("id") == court_id:
            return str(court.get("citation_string") or "")
    return ""
