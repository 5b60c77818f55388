"""Case citations in Bluebook (21st ed.) and OSCOLA (4th ed.) form, built from the citation parts of a record.

Both read :func:`palermo.corpus.citation.citation_parts`, the same data the CSL-JSON and RIS
downloads are made from, so the site's citation and a citation manager's cannot disagree.
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

from palermo.corpus.citation import Report, bluebook_parenthetical, citation_parts, international_court
from palermo.model.schema import CaseRecord
from palermo.model.vocab import IdentifierType
from palermo.site.render import esc as esc_html

BLUEBOOK_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
"""Month abbreviations of Bluebook table T12."""


@dataclass(frozen=True)
class Citation:
    """One formatted citation: the style's name, plain text and HTML."""

    style: str
    text: str
    html: str


def bluebook(record: CaseRecord) -> Citation:
    """The Bluebook citation of a case (21st ed., rules 10, 20 and 21; tables T2, T3, T6 and T12).

    Args:
        record: the case.

    Returns:
        e.g. ``United States v. Kozminski, 487 U.S. 931 (1988)`` or
        ``Rantsev v. Cyprus & Russia, App. No. 25965/04 (Eur. Ct. H.R. Jan. 7, 2010)``.
    """
    c = citation_parts(record)
    name = _bluebook_name(c.name)
    date = _bluebook_date(record)
    report = c.report
    parts: list[str] = []
    if c.international:
        if c.application_number:
            parts.append(f"App. No. {c.application_number}")
        elif c.docket_number:
            parts.append(c.docket_number)
        paren = " ".join(p for p in (international_court(c.jurisdiction, "bluebook"), date) if p)
        if report and report.reporter == "EHRR" and report.volume:
            # T3: the European Human Rights Reports are "Eur. H.R. Rep.", dated by the report's year
            parts.append(f"{report.volume} Eur. H.R. Rep. {report.page}")
            paren = report.year or paren
    elif c.us:
        if report:
            parts.append(_report_text(report))
            paren = " ".join(p for p in (c.court_abbreviation, str(c.year or "")) if p)
        else:
            if c.docket_number:
                parts.append(f"No. {c.docket_number}")
            paren = " ".join(p for p in (c.court_abbreviation, date) if p)
    elif c.neutral:
        parts.append(c.neutral.text)
        paren = bluebook_parenthetical(c)
    else:
        ident = report.text if report else (c.docket_number and f"No. {c.docket_number}") or record.identifier(IdentifierType.UNODC_NUMBER)
        if ident:
            parts.append(ident)
        paren = ", ".join(p for p in (c.court_name, date) if p)
    body = ", ".join([name, *parts])
    tail = f" ({paren})" if paren else ""
    return Citation("Bluebook", f"{body}{tail}", f"<i>{esc_html(name)}</i>{esc_html(body[len(name) :] + tail)}")


def oscola(record: CaseRecord) -> Citation:
    """The OSCOLA citation of a case (4th ed., rules 2.1–2.4, 2.7 and 2.10).

    Args:
        record: the case.

    Returns:
        e.g. ``Hounga v Allen [2014] UKSC 47``, ``Rantsev v Cyprus and Russia (2010) 51 EHRR 1`` or
        ``Siliadin v France App no 73316/01 (ECtHR, 26 July 2005)``.
    """
    c = citation_parts(record)
    name = _oscola_name(c.name)
    report = _no_full_stops(_report_text(c.report)) if c.report else ""
    long_date = _long_date(record)
    if c.neutral:
        rest = c.neutral.text + (f", {report}" if report else "")
    elif report and c.us:
        # OSCOLA 2.10.3: a foreign case as cited at home, without full stops
        paren = " ".join(p for p in (_no_full_stops(c.court_abbreviation), str(c.year or "")) if p)
        rest = f"{report} ({paren})" if paren else report
    elif report:
        rest = report
    else:
        court = international_court(c.jurisdiction, "oscola") or (_no_full_stops(c.court_abbreviation) if c.us else c.court_name)
        number = f"App no {c.application_number}" if c.application_number else (f"No {c.docket_number}" if c.docket_number else "")
        paren = ", ".join(p for p in (court, long_date) if p)
        rest = " ".join(p for p in (number, f"({paren})" if paren else "") if p)
    text = f"{name} {rest}".strip()
    return Citation("OSCOLA", text, f"<i>{esc_html(name)}</i>{esc_html(text[len(name) :])}")


def _report_text(report: Report) -> str:
    """A report as cited: ``(2008) 237 CLR 1``, ``390 F.3d 145`` (the reporter as reporters-db spells it)."""
    return " ".join(p for p in (report.volume_with_year, report.reporter, report.page) if p)


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
