"""Exports of the corpus: JSON, CSV and CSL-JSON, and the record's JSON Schema.

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

from palermo.corpus.public import case_url, public_data
from palermo.model.jurisdictions import jurisdiction_label
from palermo.model.schema import CaseRecord, json_schema
from palermo.model.vocab import IdentifierType

LIST_SEP = "; "
"""Separator of list values inside one CSV cell."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_REPORTER = re.compile(r"^(?:\((?P<year>\d{4})\) )?(?P<volume>\d+) (?P<reporter>[A-Za-z][A-Za-z0-9 .&']*?) (?P<page>\d+)$")


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
    """One case as a CSL-JSON ``legal_case`` item (what Zotero and other citation managers import)."""
    item: dict[str, Any] = {"id": record.id, "type": "legal_case", "title": record.title}
    if record.short_title:
        item["title-short"] = record.short_title
    court = record.court.name if record.court else jurisdiction_label(record.jurisdiction)
    item["authority"] = court
    number = (
        record.identifier(IdentifierType.DOCKET_NUMBER)
        or record.identifier(IdentifierType.APPLICATION_NUMBER)
        or record.identifier(IdentifierType.NEUTRAL_CITATION)
    )
    if number:
        item["number"] = number
    reporter = _REPORTER.match(record.identifier(IdentifierType.REPORTER_CITATION) or "")
    if reporter:
        item["container-title"] = reporter.group("reporter")
        item["volume"] = reporter.group("volume")
        item["page"] = reporter.group("page")
    if record.decision_date:
        d = record.decision_date
        item["issued"] = {"date-parts": [[d.year, d.month, d.day]]}
    elif record.year:
        item["issued"] = {"date-parts": [[record.year]]}
    item["URL"] = record.sources[0].url
    item["language"] = record.language
    if record.summary:
        item["abstract"] = record.summary
    ecli = record.identifier(IdentifierType.ECLI)
    if ecli:
        item["note"] = ecli
    return item


def to_csl_json(records: Sequence[CaseRecord]) -> str:
    """The records as a CSL-JSON array."""
    return json.dumps([csl_item(r) for r in records], ensure_ascii=False, indent=1) + "\n"


def schema_json() -> str:
    """The JSON Schema of a case record."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=1) + "\n"


EXPORTERS: dict[str, Callable[[Sequence[CaseRecord]], str]] = {"json": to_json, "csv": to_csv, "csl-json": to_csl_json}
"""Serialisers by format name, as ``palermo export --format`` takes them."""
