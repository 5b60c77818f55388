"""Exports of the corpus: JSON, CSV, CSL-JSON and RIS, and the record's JSON Schema.

The site's downloads and ``palermo export`` both write these, so they always give the same files.
Private fields (salted hashes of victims' names) are never exported. CSV cells that a spreadsheet
would run as a formula (starting ``=``, ``+``, ``-``, ``@``) are prefixed with ``'``; :func:`read_csv`
takes the prefix off again.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Callable, Sequence
from typing import Any

from palermo.corpus.citation import citation_parts, country_code
from palermo.corpus.public import case_url, public_data
from palermo.model.jurisdictions import jurisdiction_label
from palermo.model.schema import CaseRecord, json_schema
from palermo.model.vocab import IdentifierType

LIST_SEP = "; "
"""Separator of list values inside one CSV cell."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _identifier(record: CaseRecord, kind: IdentifierType) -> str:
    return record.identifier(kind) or ""


def _join(values: Sequence[object]) -> str:
    return LIST_SEP.join(str(v) for v in values)


CSV_COLUMNS: dict[str, Callable[[CaseRecord], object]] = {
    "id": lambda r: r.id,
    "title": lambda r: r.title,
    "short_title": lambda r: r.short_title or "",
    "jurisdiction": lambda r: r.jurisdiction,
    "jurisdiction_name": lambda r: jurisdiction_label(r.jurisdiction),
    "court_id": lambda r: r.court.id if r.court else "",
    "court": lambda r: r.court.name if r.court else "",
    "court_level": lambda r: r.court_level.value if r.court_level else "",
    "decision_date": lambda r: r.decision_date.isoformat() if r.decision_date else "",
    "year": lambda r: r.year or "",
    "language": lambda r: r.language,
    **{kind.value: functools.partial(_identifier, kind=kind) for kind in IdentifierType},
    "offence_types": lambda r: _join(r.offence_types),
    "acts": lambda r: _join(r.palermo.acts),
    "means": lambda r: _join(r.palermo.means),
    "purposes": lambda r: _join(r.palermo.purposes),
    "legal_issues": lambda r: _join(r.legal_issues),
    "ilo_indicators": lambda r: _join(r.ilo_indicators),
    "provisions": lambda r: _join([p.cite for p in r.provisions]),
    "outcome": lambda r: r.outcome.value if r.outcome else "",
    "victims_count": lambda r: r.victims.count if r.victims and r.victims.count is not None else "",
    "victims_female": lambda r: r.victims.female if r.victims and r.victims.female is not None else "",
    "victims_male": lambda r: r.victims.male if r.victims and r.victims.male is not None else "",
    "victims_minors": lambda r: r.victims.minors if r.victims and r.victims.minors is not None else "",
    "victims_nationalities": lambda r: _join(r.victims.nationalities) if r.victims else "",
    "defendants_count": lambda r: r.defendants.count if r.defendants and r.defendants.count is not None else "",
    "sentences_custody_months": lambda r: _join([s.custody_months for s in r.sentences if s.custody_months is not None]),
    "summary": lambda r: r.summary or "",
    "holdings": lambda r: " | ".join(r.holdings),
    "editorial_status": lambda r: r.editorial_status.value,
    "source_urls": lambda r: " ".join(s.url for s in r.sources),
    "updated_at": lambda r: r.updated_at.isoformat() if r.updated_at else "",
    "page": lambda r: case_url(r.id),
}
"""The columns of the CSV download: one row per case, lists joined with ``"; "``."""


def csv_safe(value: object) -> str:
    """A cell value a spreadsheet will show as text, never run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_json(records: Sequence[CaseRecord]) -> str:
    """The records as one JSON array of published records (without judgment texts: each case's own JSON has its text)."""
    return json.dumps([public_data(r, full_text=False) for r in records], ensure_ascii=False, indent=1) + "\n"


def to_csv(records: Sequence[CaseRecord]) -> str:
    """The records as CSV with a header row (:data:`CSV_COLUMNS`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        writer.writerow([csv_safe(get(record)) for get in CSV_COLUMNS.values()])
    return out.getvalue()


def read_csv(text: str) -> list[dict[str, str]]:
    """Rows of a CSV written by :func:`to_csv`, with the formula guard taken off."""
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        rows.append({k: (v[1:] if v.startswith("'") and v[1:].startswith(_FORMULA_START) else v) for k, v in row.items()})
    return rows


def csl_item(record: CaseRecord) -> dict[str, Any]:
    """One case as a CSL-JSON ``legal_case`` item (what Zotero and the CSL citation styles read).

    Follows the CSL conventions for cases that the standard styles (OSCOLA, Bluebook) read:
    ``authority`` is the court's abbreviation (``9th Cir.``, ``UKSC``, ``ECtHR``; left out when the
    reporter names the court, as ``U.S.`` does); a neutral citation ``[2014] UKSC 47`` is
    ``authority`` + ``number`` + the year of ``issued``; an unreported ECtHR judgment's application
    number, or an unreported US case's docket number, is ``number``; a reporter citation is split into
    ``volume``, ``container-title`` and ``page`` (with a neutral citation beside it, the report's
    bracketed year stays in ``volume``, since the styles print only the neutral citation's year).
    """
    c = citation_parts(record)
    item: dict[str, Any] = {"id": record.id, "type": "legal_case", "title": _csl_title(c.name)}
    if record.short_title:
        item["title-short"] = record.short_title
    if c.court_abbreviation:
        item["authority"] = c.court_abbreviation
    if c.neutral:
        item["number"] = c.neutral.number
    elif c.international and c.application_number and not c.report:
        item["number"] = c.application_number
    elif c.us and c.docket_number and not c.report:
        item["number"] = c.docket_number
    if c.report:
        item["container-title"] = c.report.reporter
        volume = c.report.volume_with_year if c.neutral else c.report.volume
        if volume:
            item["volume"] = volume
        item["page"] = c.report.page
    if record.decision_date:
        d = record.decision_date
        item["issued"] = {"date-parts": [[d.year, d.month, d.day]]}
    elif record.year:
        item["issued"] = {"date-parts": [[record.year]]}
    item["jurisdiction"] = country_code(record.jurisdiction)
    item["URL"] = record.sources[0].url
    item["language"] = record.language
    if record.summary:
        item["abstract"] = record.summary
    if c.ecli:
        item["note"] = c.ecli
    return item


def _csl_title(name: str) -> str:
    """The case name with ``v.``: the Bluebook styles print it so, OSCOLA strips the full stops."""
    return re.sub(r"\s+v\.?\s+", " v. ", name)


def to_csl_json(records: Sequence[CaseRecord]) -> str:
    """The records as a CSL-JSON array."""
    return json.dumps([csl_item(r) for r in records], ensure_ascii=False, indent=1) + "\n"


def ris_entry(record: CaseRecord) -> str:
    """One case as an RIS record (``TY  - CASE``), from the same citation parts as the CSL-JSON item.

    Tags as Zotero, EndNote and Mendeley read a case: ``TI`` name, ``PB`` court, ``DA``/``PY`` date,
    ``T2`` reporter, ``VL`` volume, ``SP`` first page, ``M1`` docket or application number,
    ``N1`` the neutral citation and ECLI, ``UR`` the source, ``AB`` the summary.
    """
    c = citation_parts(record)
    lines = [("TY", "CASE"), ("ID", record.id), ("TI", c.name)]
    if record.short_title:
        lines.append(("ST", record.short_title))
    if c.court_name or c.court_abbreviation:
        lines.append(("PB", c.court_name or c.court_abbreviation))
    if record.decision_date:
        lines.append(("DA", record.decision_date.strftime("%Y/%m/%d")))
    if record.year:
        lines.append(("PY", str(record.year)))
    if c.report:
        lines += [("T2", c.report.reporter), ("SP", c.report.page)]
        if c.report.volume:
            lines.append(("VL", c.report.volume))
    number = c.application_number or c.docket_number
    if number:
        lines.append(("M1", number))
    if c.neutral:
        lines.append(("N1", f"Neutral citation: {c.neutral.text}"))
    if c.ecli:
        lines.append(("N1", c.ecli))
    lines.append(("CY", jurisdiction_label(record.jurisdiction)))
    lines.append(("LA", record.language))
    lines += [("UR", s.url) for s in record.sources]
    if record.summary:
        lines.append(("AB", record.summary))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)


def to_ris(records: Sequence[CaseRecord]) -> str:
    """The records as one RIS file (CRLF line ends, as the format asks)."""
    return "\r\n".join(ris_entry(r) for r in records)


def schema_json() -> str:
    """The JSON Schema of a case record."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=1) + "\n"


EXPORTERS: dict[str, Callable[[Sequence[CaseRecord]], str]] = {"json": to_json, "csv": to_csv, "csl-json": to_csl_json, "ris": to_ris}
"""Serialisers by format name, as ``palermo export --format`` takes them."""
