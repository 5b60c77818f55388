"""Putting the digests into the corpus: each digest becomes the summary (and its points of law the holdings) of
the record of its case, with the basis said plainly, so case pages, search and similar cases all use it.

A record is found by the SHERLOC case brief its sources cite (:func:`palermo.corpus.identity.sherloc_case_key`).
A record whose summary a person wrote from the judgment (curated, reviewed) keeps it. Applying twice changes
nothing; a digest corrected in its file replaces the one in the record.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from palermo.corpus.attribution import OFFENCE_FROM_PURPOSE, read_by_rule, rule_read_fields
from palermo.corpus.identity import sherloc_case_key
from palermo.corpus.store import CaseFileError, atomic_write_text, dump_record, iter_case_files, load_case
from palermo.digests.model import DigestEntry
from palermo.digests.summaries import match_key
from palermo.model.schema import CaseRecord, Defendants, Evidence, Sentence, SummaryBasis, Victims
from palermo.model.vocab import EditorialStatus

SNAPSHOT = datetime.date(2026, 8, 10)
"""The day the SHERLOC result set behind the fact summaries was downloaded."""
BRIEF = "UNODC SHERLOC case brief (English fact summary)"
_WRITTEN_FROM_JUDGMENT = frozenset({EditorialStatus.CURATED, EditorialStatus.REVIEWED})


def record_keys(record: CaseRecord) -> list[tuple[str, str]]:
    """``(digest key, brief URL)`` for every SHERLOC case brief a record's sources cite."""
    out = []
    for source in record.sources:
        key = sherloc_case_key(source.url)
        if key:
            out.append((match_key(key.replace("/-/", "/")), source.url.split("?", 1)[0]))
    return out


READ_FROM_BRIEF = "digest-reading"
"""Evidence rule of a fact the digest's writer read in the brief (and a second reader checked)."""
_READ_NOTE = "read in the UNODC SHERLOC case brief by the digest's writer, checked by a second reader"


def _read_facts(record: CaseRecord, entry: DigestEntry) -> dict[str, Any]:
    """The facts the digest's readers recorded, for the fields the record leaves empty or holds only as read by rule
    from the summary (never over anyone else's value)."""
    facts = entry.facts
    update: dict[str, Any] = {}
    evidence: list[Evidence] = []

    def note(field: str, value: str) -> None:
        evidence.append(Evidence(field=field, value=value, rule=READ_FROM_BRIEF, passage=_READ_NOTE))

    # read by rule from the summary (and not an editor's): a reading replaces them
    by_rule = rule_read_fields(record.classification_evidence) - set(record.editorial_fields)
    derived_only = all(
        e.rule == OFFENCE_FROM_PURPOSE or read_by_rule(e.rule) for e in record.classification_evidence if e.field == "offence_types"
    )
    if facts.offence_types and (not record.offence_types or derived_only):
        # a reading of the brief is better evidence than an offence type derived from a coded purpose
        update["offence_types"] = list(facts.offence_types)
        for offence in facts.offence_types:
            note("offence_types", offence.value)
    if facts.outcome is not None and (record.outcome is None or "outcome" in by_rule):
        update["outcome"] = facts.outcome
        note("outcome", facts.outcome.value)
    if facts.sector is not None and (record.sector is None or "sector" in by_rule):
        update["sector"] = facts.sector
        note("sector", facts.sector.value)
    if facts.victims is not None and (record.victims is None or "victims" in by_rule):
        update["victims"] = Victims.model_validate(facts.victims.model_dump())
        note("victims", "as read")
    if facts.defendants is not None and facts.defendants.count is not None and (record.defendants is None or "defendants" in by_rule):
        update["defendants"] = Defendants(count=facts.defendants.count)
        note("defendants", str(facts.defendants.count))
    custodial = [s for s in facts.sentences if s.custody_months is not None]
    if custodial and (not record.sentences or "sentences" in by_rule):
        update["sentences"] = [
            Sentence(defendant=s.defendant, custody_months=s.custody_months, suspended=bool(s.suspended)) for s in custodial
        ]
        note("sentences", f"{len(custodial)} sentence(s)")
    if evidence:
        kept = [e for e in record.classification_evidence if e.rule != READ_FROM_BRIEF]
        if "offence_types" in update:
            kept = [e for e in kept if not (e.field == "offence_types" and e.rule == OFFENCE_FROM_PURPOSE)]
        # the rules' reading of a field the digest's readers filled goes with its value
        kept = [e for e in kept if not (read_by_rule(e.rule) and e.field.split(".", 1)[0] in update)]
        update["classification_evidence"] = kept + evidence
    return update


def digested(record: CaseRecord, entry: DigestEntry, brief_url: str) -> CaseRecord:
    """The record with the digest as its summary, its points of law as holdings, the basis stated, and the facts
    its readers recorded in the fields the record leaves empty."""
    reading = entry.second_reading if isinstance(entry.second_reading, str) else entry.second_reading.status
    basis = SummaryBasis(of=BRIEF, snapshot=SNAPSHOT, url=brief_url, second_reading=reading)
    fields = [f for f in record.editorial_fields if f not in ("summary", "holdings")]
    base = _without_earlier_reading(record)
    return base.model_copy(
        update={
            "summary": " ".join(entry.digest.split()),
            "holdings": list(entry.points_of_law),
            "summary_basis": basis,
            "editorial_status": EditorialStatus.DIGESTED,
            "editorial_fields": [*fields, "summary", "holdings"],
            **_read_facts(base, entry),
        }
    )


def _without_earlier_reading(record: CaseRecord) -> CaseRecord:
    """The record without the facts an earlier application of a digest filled in, so a corrected digest replaces them."""
    read = {e.field for e in record.classification_evidence if e.rule == READ_FROM_BRIEF}
    if not read:
        return record
    fields = CaseRecord.model_fields
    update: dict[str, Any] = {name: fields[name].get_default(call_default_factory=True) for name in read if name in fields}
    update["classification_evidence"] = [e for e in record.classification_evidence if e.rule != READ_FROM_BRIEF]
    return record.model_copy(update=update)


@dataclass
class ApplyReport:
    """What applying the digests did."""

    applied: list[str] = field(default_factory=list)
    unchanged: int = 0
    kept_editor_summary: list[str] = field(default_factory=list)
    no_record: list[str] = field(default_factory=list)
    second_brief: list[str] = field(default_factory=list)
    """Digests of a second SHERLOC brief of a case whose records were merged: the first brief's digest is used."""
    errors: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report as lines of text."""
        out = [
            f"digests applied: {len(self.applied)}, unchanged: {self.unchanged}",
            f"records that keep a summary written from the judgment: {len(self.kept_editor_summary)}",
            f"digests of a second brief of a case already digested (not used): {len(self.second_brief)}",
            f"digests with no record of their case in the corpus: {len(self.no_record)}",
        ]
        out += [f"  no record: {key}" for key in self.no_record[:20]]
        out += [f"  skipped {error}" for error in self.errors]
        return out


def apply_digests(entries: Iterable[DigestEntry], cases: Path, today: datetime.date | None = None) -> ApplyReport:
    """Write every digest into the record of its case under ``cases`` (atomically; unchanged files untouched)."""
    by_key = {match_key(e.key): e for e in entries}
    report = ApplyReport()
    found: set[str] = set()
    for path in iter_case_files(cases):
        try:
            record = load_case(path)
        except CaseFileError as exc:
            report.errors.append(str(exc))
            continue
        matches = [(key, url) for key, url in record_keys(record) if key in by_key]
        if not matches:
            continue
        found.update(key for key, _url in matches)
        report.second_brief += [key for key, _url in matches[1:]]  # one case listed twice by SHERLOC: one digest is used
        key, url = matches[0]
        if record.editorial_status in _WRITTEN_FROM_JUDGMENT and record.summary_basis is None:
            report.kept_editor_summary.append(record.id)
            continue
        updated = digested(record, by_key[key], url)
        if updated == record:
            report.unchanged += 1
            continue
        updated = updated.model_copy(update={"updated_at": today or datetime.date.today()})
        atomic_write_text(path, dump_record(CaseRecord.model_validate(updated.model_dump())))
        report.applied.append(record.id)
    report.no_record = sorted(set(by_key) - found)
    return report
