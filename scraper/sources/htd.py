"""Human Trafficking Data (HTD) project: coded US federal human-trafficking prosecutions.

Source: Human Trafficking Data project — coding of US federal trafficking prosecutions from PACER records
Id: htd
URL: https://www.humantraffickingdata.org/
Maintainer: Palermo scraper maintainers
History:
    - 2026-11-23: first version, reading the project's coded CSV (one row per defendant).

What it reads
-------------
One CSV, one row per defendant (``CaseDef`` = ``<case>.<defendant>``). Rows of the same case
are merged into one record:

- title from ``CaseName`` (``USA v.`` written out), the docket number from ``CaseNum`` (the
  per-defendant suffix dropped), the judge, and the district court as a courts-db id where the
  state has a single district (``FedDistrict`` holds the circuit, so for a state with several
  districts the district is not known and the court is left empty);
- provisions from the statute groups charged (``1589`` = 1 and so on), offence types from
  them through the shared classification rules (:mod:`scraper.classify`) and from the
  project's own flags (``LaborTraf``, ``AdultSex``, ``MinorSex``), each with its evidence;
- the outcome from the per-statute dispositions (guilty pleas and verdicts, acquittals,
  dismissals), one sentence per defendant by role (custodial months, restitution), the
  decision date as the last sentencing date, victims as counts (total, minors, female).

Never read: birth dates, race, aliases, bail, detention, arrest age, gender of defendants,
organised-crime coding, judges' personal data, nor the ``CaseSummary`` sentences.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import ValidationError

from palermo.model.schema import CaseRecord, Court, Defendants, Evidence, Identifier, Money, Provision, Sentence, Victims
from palermo.model.vocab import CourtLevel, EditorialStatus, IdentifierType, OffenceType, Outcome
from scraper.base import BaseSource, ParseError, RawDocument
from scraper.classify import classify
from scraper.normalise import make_case_id, parse_date

REQUIRED_COLUMNS = ("CaseDef", "CaseName", "CaseNum", "State", "Judge")
"""Columns without which the file is not the HTD coding."""

STATUTES: dict[str, tuple[str, str]] = {
    "1961to1968": ("18 U.S.C.", "§§ 1961–1968"),
    "1028": ("18 U.S.C.", "§ 1028"),
    "1351": ("18 U.S.C.", "§ 1351"),
    "1425": ("18 U.S.C.", "§ 1425"),
    "1512": ("18 U.S.C.", "§ 1512"),
    "1546": ("18 U.S.C.", "§ 1546"),
    "1581to1588": ("18 U.S.C.", "§§ 1581–1588"),
    "1589": ("18 U.S.C.", "§ 1589"),
    "1590": ("18 U.S.C.", "§ 1590"),
    "1591": ("18 U.S.C.", "§ 1591"),
    "1592": ("18 U.S.C.", "§ 1592"),
    "2252": ("18 U.S.C.", "§ 2252"),
    "2260": ("18 U.S.C.", "§ 2260"),
    "2421to2424": ("18 U.S.C.", "§§ 2421–2424"),
    "1324": ("8 U.S.C.", "§ 1324"),
    "1328": ("8 U.S.C.", "§ 1328"),
}
"""HTD statute-group column → the provision it codes."""
TRAFFICKING_GROUPS = frozenset({"1581to1588", "1589", "1590", "1591", "1592"})
"""Statute groups of chapter 77 (peonage, slavery, trafficking): the trafficking-related charges."""

FLAGS: dict[str, tuple[OffenceType, ...]] = {
    "LaborTraf": (OffenceType.LABOUR_TRAFFICKING,),
    "AdultSex": (OffenceType.SEX_TRAFFICKING,),
    "MinorSex": (OffenceType.SEX_TRAFFICKING, OffenceType.CHILD_TRAFFICKING),
}
"""The project's own case-type flags → offence types."""

SINGLE_DISTRICT_COURTS: dict[str, tuple[str, str]] = {
    "AK": ("akd", "Alaska"),
    "AZ": ("azd", "Arizona"),
    "CO": ("cod", "Colorado"),
    "CT": ("ctd", "Connecticut"),
    "DE": ("ded", "Delaware"),
    "DC": ("dcd", "the District of Columbia"),
    "HI": ("hid", "Hawaii"),
    "ID": ("idd", "Idaho"),
    "KS": ("ksd", "Kansas"),
    "ME": ("med", "Maine"),
    "MD": ("mdd", "Maryland"),
    "MA": ("mad", "Massachusetts"),
    "MN": ("mnd", "Minnesota"),
    "MT": ("mtd", "Montana"),
    "NE": ("ned", "Nebraska"),
    "NV": ("nvd", "Nevada"),
    "NH": ("nhd", "New Hampshire"),
    "NJ": ("njd", "New Jersey"),
    "NM": ("nmd", "New Mexico"),
    "ND": ("ndd", "North Dakota"),
    "OR": ("ord", "Oregon"),
    "RI": ("rid", "Rhode Island"),
    "SC": ("scd", "South Carolina"),
    "SD": ("sdd", "South Dakota"),
    "UT": ("utd", "Utah"),
    "VT": ("vtd", "Vermont"),
    "WY": ("wyd", "Wyoming"),
    "PR": ("prd", "Puerto Rico"),
}
"""States with one federal district: the court follows from the state (courts-db ids)."""

PUBLIC_COPIES: dict[str, str] = {
    "399684d73a8145cc0b08dfadcec5c550d262a36b28d6501c04ce1890a14adb39": (
        "https://github.com/OnyxSpartanII/JudgeFrog/blob/baf9a26be127ab60527fe32862d698c65cd14c43/documentation/Test%20Data/March%20HTD%20Data.csv"
    ),
}
"""sha256 of a published copy of the coding → its public address, cited instead of the project's home page."""

_DEFENDANT_SUFFIX = re.compile(r"^(?P<docket>.*-[A-Za-z]{1,5})-\d{1,2}$")
_CORE_DOCKET = re.compile(r"\d+:\d+-[a-z]+-\d+", re.IGNORECASE)


def _case_key(row: dict[str, str]) -> str | None:
    """Rows of one case share the core docket number (office:year-type-number) in one state; else the CaseDef case number."""
    m = _CORE_DOCKET.match((row.get("CaseNum") or "").strip())
    if m:
        return f"{m.group(0).lower()}@{(row.get('State') or '').strip().upper()}"
    case_def = (row.get("CaseDef") or "").strip()
    return f"casedef-{case_def.split('.')[0]}" if re.fullmatch(r"\d+(?:\.\d+)?", case_def) else None


def case_docket(case_num: str) -> str:
    """The case's docket number from a defendant's (``3:07-cr-00011-JCH-1`` → ``3:07-cr-00011-JCH``)."""
    value = " ".join(case_num.split())
    m = _DEFENDANT_SUFFIX.match(value)
    return m["docket"] if m else value


def case_title(case_name: str) -> str:
    """``USA v. Davis et al`` → ``United States v. Davis et al.``."""
    title = " ".join(case_name.split())
    title = re.sub(r"^(?:USA|U\.S\.A\.|U\.S\.|US|United States of America)\s+v\.?\s+", "United States v. ", title)
    return re.sub(r"\bet al\.?$", "et al.", title)


def _number(value: str | None) -> float | None:
    text = (value or "").strip().replace(",", "").replace("$", "")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _count(row: dict[str, str], column: str) -> int:
    value = _number(row.get(column))
    return int(value) if value else 0


@dataclass
class _Case:
    key: str
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


class Source(BaseSource):
    """HTD: one extracted record per coded federal prosecution."""

    source_id: ClassVar[str] = "htd"
    name: ClassVar[str] = "Human Trafficking Data project (coded US federal prosecutions)"
    homepage: ClassVar[str] = "https://www.humantraffickingdata.org/"
    licence: ClassVar[str] = "Coding of public US federal court records; facts only re-used, no licence stated for the coding"
    default_base_url: ClassVar[str] = "https://www.humantraffickingdata.org"
    offline_patterns: ClassVar[tuple[str, ...]] = ("*htd*.csv", "*HTD*.csv")
    saved_documents: ClassVar[str | None] = "other-trafficking"
    corpus_order: ClassVar[int | None] = 50

    def discover(self, since: datetime.date | None, limit: int | None) -> Iterator[RawDocument]:
        """The coding is published as a file, not an API: fetch the CSV named by ``options['csv_url']``."""
        url = self.options.get("csv_url")
        if not url:
            raise ParseError(self.base_url, "(live)", "HTD has no listing API; run with --from PATH to the coded CSV")
        yield self.require_fetcher().get(str(url), accept="text/csv, text/plain")

    def parse(self, doc: RawDocument) -> list[CaseRecord]:
        """The coded CSV → one record per case (defendants on the same docket merged)."""
        text = doc.text()
        try:
            reader = csv.DictReader(io.StringIO(text))
            header = reader.fieldnames or []
            missing = [c for c in REQUIRED_COLUMNS if c not in header]
            if missing:
                raise ParseError(doc.name, "(header)", f"not the HTD coding: missing column(s) {', '.join(missing)}")
            cases: dict[str, _Case] = {}
            for number, row in enumerate(reader, start=2):
                key = _case_key(row)
                if key is None:
                    self.report_problem(doc.name, f"line {number}.CaseNum", "neither a docket number nor a case.defendant number (CaseDef)")
                    continue
                cases.setdefault(key, _Case(key)).rows.append((number, row))
        except csv.Error as exc:
            raise ParseError(doc.name, "(csv)", f"not a readable CSV: {exc}") from None
        if not cases:
            raise ParseError(doc.name, "(rows)", "no coded prosecutions")
        records = []
        for case in cases.values():
            record = self._record(doc, case)
            if record is not None:
                records.append(record)
        return records

    def _record(self, doc: RawDocument, case: _Case) -> CaseRecord | None:
        first_line, first = case.rows[0]
        where = f"case {case.key} (line {first_line})"
        names = {" ".join((r.get("CaseName") or "").split()) for _, r in case.rows} - {""}
        if not names:
            self.report_problem(doc.name, f"{where}.CaseName", "no case name")
            return None
        title = case_title(sorted(names)[0])
        if len(names) > 1:
            self.report_problem(doc.name, f"{where}.CaseName", f"defendant rows disagree on the case name: {sorted(names)}")
        dockets = sorted({case_docket(r.get("CaseNum") or "") for _, r in case.rows} - {""})
        state = (first.get("State") or "").strip().upper()
        court = None
        if state in SINGLE_DISTRICT_COURTS:
            court_id, place = SINGLE_DISTRICT_COURTS[state]
            court = Court(id=court_id, name=f"United States District Court for the District of {place}")
        judges = sorted({" ".join((r.get("Judge") or "").split()) for _, r in case.rows} - {""})
        # decision: the last sentencing in the case (judgment is entered at sentencing)
        sentenced = [d for d in (parse_date(r.get("SentDate") or "") for _, r in case.rows) if d is not None]
        terminated = [d for d in (parse_date(r.get("DateTerminated") or "") for _, r in case.rows) if d is not None]
        decided = max(sentenced) if sentenced else None
        year = decided.year if decided else (max(terminated).year if terminated else None)
        provisions, charged = self._provisions(case)
        convicted = self._convicted_groups(case)
        # tags follow the counts that ended in a conviction (what was proved), else the charges
        basis = [p for g, p in zip(STATUTES, _all_provisions(), strict=True) if g in (convicted or charged)]
        classification = classify("", basis)
        offences = list(classification.offence_types)
        evidence = [e for e in classification.evidence if e.field == "offence_types"]
        for flag, types in FLAGS.items():
            if any((r.get(flag) or "").strip() == "1" for _, r in case.rows):
                for offence in types:
                    if offence not in offences:
                        offences.append(offence)
                        evidence.append(
                            Evidence(field="offence_types", value=offence.value, rule=f"htd-flag-{flag}", passage=f"HTD coding: {flag} = 1")
                        )
        flagged = any((r.get(flag) or "").strip() == "1" for _, r in case.rows for flag in FLAGS)
        if not flagged and not charged & TRAFFICKING_GROUPS:
            self.note_skip(title, "no trafficking statute charged and no trafficking flag set")
            return None
        identifiers = []
        for docket in dockets:
            try:
                identifiers.append(Identifier(type=IdentifierType.DOCKET_NUMBER, value=docket))
            except ValidationError:
                self.report_problem(doc.name, f"{where}.CaseNum", f"not a docket number: {docket!r}")
        victims = self._victims(case)
        try:
            return CaseRecord(
                id=make_case_id("usa", year, re.sub(r"\s+et al\.?$", "", title)),
                title=title,
                jurisdiction="USA",
                court=court,
                court_level=CourtLevel.FIRST_INSTANCE,
                judges=judges,
                decision_date=decided,
                year=year,
                identifiers=identifiers,
                offence_types=offences,
                palermo=classification.palermo,
                provisions=provisions,
                outcome=self._outcome(case),
                sentences=self._sentences(doc, case),
                victims=victims,
                defendants=Defendants(count=len(case.rows), natural_persons=len(case.rows)),
                sources=[self.source_entry(doc, url=PUBLIC_COPIES.get(doc.sha256))],
                editorial_status=EditorialStatus.EXTRACTED,
                classification_evidence=evidence + [e for e in classification.evidence if e.field != "offence_types"],
            )
        except (ValidationError, ValueError) as exc:
            message = str(exc.errors()[0]["msg"]) if isinstance(exc, ValidationError) else str(exc)
            self.report_problem(doc.name, where, message)
            return None

    def _provisions(self, case: _Case) -> tuple[list[Provision], set[str]]:
        charged: set[str] = set()
        for _, row in case.rows:
            for group in STATUTES:
                if (row.get(group) or "").strip() == "1" or _count(row, f"Counts{group}") > 0:
                    charged.add(group)
        provisions = [Provision(instrument=STATUTES[g][0], section=STATUTES[g][1]) for g in STATUTES if g in charged]
        return provisions, charged

    def _convicted_groups(self, case: _Case) -> set[str]:
        return {
            group
            for _, row in case.rows
            for group in STATUTES
            if _count(row, f"PleaGuilty{group}") + _count(row, f"TrialGuilty{group}") > 0
        }

    def _outcome(self, case: _Case) -> Outcome | None:
        guilty_traf = guilty_any = not_guilty = disposed = 0
        for _, row in case.rows:
            for group in STATUTES:
                guilty = _count(row, f"PleaGuilty{group}") + _count(row, f"TrialGuilty{group}")
                guilty_any += guilty
                if group in TRAFFICKING_GROUPS:
                    guilty_traf += guilty
                not_guilty += _count(row, f"TrialNotGuilty{group}")
                disposed += guilty + _count(row, f"TrialNotGuilty{group}") + _count(row, f"PleaDismissed{group}")
                disposed += _count(row, f"CountsNolProssed{group}")
        if guilty_traf:
            return Outcome.CONVICTION
        if guilty_any:
            return Outcome.PARTIAL_CONVICTION
        if not_guilty:
            return Outcome.ACQUITTAL
        if disposed:
            return Outcome.DISMISSED
        return None

    def _sentences(self, doc: RawDocument, case: _Case) -> list[Sentence]:
        sentences = []
        for i, (number, row) in enumerate(sorted(case.rows, key=lambda r: _defendant_order(r[1])), start=1):
            if parse_date(row.get("SentDate") or "") is None:
                continue
            months = _number(row.get("TotalSentence"))
            if (row.get("TotalSentence") or "").strip() and months is None:
                self.report_problem(doc.name, f"line {number}.TotalSentence", f"not a number of months: {row.get('TotalSentence')!r}")
            if not months:
                # no total: a single statute's term is unambiguous; several may run concurrently, so leave them
                terms = [t for t in (_number(row.get(f"Sent{g}")) for g in STATUTES) if t]
                months = terms[0] if len(terms) == 1 else None
            probation = _number(row.get("Probation"))
            if not months and probation:
                months = 0.0  # a probation-only sentence: no custody
            restitution = _number(row.get("Restitution"))
            if not months and months != 0.0 and not restitution:
                continue
            sentences.append(
                Sentence(
                    defendant=f"Defendant {i}",
                    custody_months=months,
                    restitution=Money(amount=restitution, currency="USD") if restitution else None,
                    note=f"Probation, {probation:g} months." if probation else None,
                )
            )
        return sentences

    def _victims(self, case: _Case) -> Victims | None:
        def most(column: str) -> int | None:
            values = [int(v) for v in (_number(r.get(column)) for _, r in case.rows) if v is not None and v >= 0]
            return max(values) if values else None

        count, minors, female = most("NumVic"), most("NumVicMinor"), most("NumVicFemale")
        if count is None and minors is None and female is None:
            return None
        return Victims(count=count, minors=minors, female=female)


def _all_provisions() -> list[Provision]:
    return [Provision(instrument=instrument, section=section) for instrument, section in STATUTES.values()]


def _defendant_order(row: dict[str, Any]) -> tuple[int, str]:
    case_def = str(row.get("CaseDef") or "")
    _, _, defendant = case_def.partition(".")
    return (int(defendant) if defendant.isdigit() else 0, str(row.get("UniqueID") or ""))
