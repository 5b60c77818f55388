"""SHERLOC's own coding of its trafficking cases, from the SHERLOC_Case_Analysis data set.

Source: SHERLOC_Case_Analysis data set (xihaoCCC, Apache-2.0), built from UNODC SHERLOC's complete
    trafficking-in-persons result set as downloaded on 10 August 2026
Id: sherloc_analysis
URL: https://github.com/xihaoCCC/SHERLOC_Case_Analysis (commit 6e237a85afe2f90c50901d3a4617b58319d2cfae)
Maintainer: Palermo scraper maintainers
History:
    - 2026-11-30: first version (the case manifest joined with the coded cohort).
    - 2026-11-30: facts read by rule from the English fact summaries (``scraper.facts``).

What it reads
-------------
- **The manifest** ``data/manifests/case_urls.csv``: one row per case SHERLOC lists for "Crime Type =
  Trafficking in persons" — SHERLOC's own title, the canonical case-brief URL, the crime-type folder
  of the URL, the UNODC number, duplicates marked. It is the document: one ``index_only`` record per
  case, which the corpus update merges into the record that cites the same case brief (the identity
  rule: the path after the crime-type folder), so no case is listed twice.
- **The coding** beside it, ``data/splits/a1_iid_split_final_v1.csv`` (and
  ``a2_jurisdiction_folds_final_v1.csv`` for a case only there), joined on the canonical URL without
  its query: SHERLOC's 17 act/means/purpose labels ("Legacy Keywords") and the internal/transnational
  form. The labels become ``palermo.acts``, ``means`` and ``purposes`` through the mapping table
  ``scraper/rules/sherloc_amp.yaml``; every value carries evidence with rule ``sherloc-coding``, so
  the page credits UNODC SHERLOC and the merge lets it replace machine tags (never an editor's).

- **The English fact summaries** in the data set's other files (and those of the US cases in the saved
  SHERLOC search page beside it, ``../unodc-sherloc/``), through :mod:`palermo.corpus.summaries`: the fact
  rules of :mod:`scraper.facts` read offence types (when SHERLOC coded no purpose that gives one), the sector,
  victims and defendants as aggregates, custodial sentences, ILO indicators and provisions (the outcome they read
  is not taken: below its precision target, see ``scraper.facts.NOT_FOR_RECORDS``). Each
  value carries evidence with a ``facts-`` rule and a quoted pointer of at most 15 words; nothing else of the
  summary is kept. These readings are the weakest: they fill empty fields only, and a digest's reading, a
  source's own coding and an editor's value replace them.

The manifest is SHERLOC's complete trafficking result set, so after a run the source also judges
scope (:meth:`Source.scope_of`): a record resting only on SHERLOC case briefs filed under other crime
types, none of which the result set lists, is marked out of scope with the reason.

Never read: the data set's model predictions. Never kept: a summary's sentences (UNODC's prose).
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
import re
from collections.abc import Iterator
from typing import Any, ClassVar

import yaml
from pydantic import ValidationError

from palermo.corpus.attribution import OFFENCE_FROM_PURPOSE, SHERLOC_CODING
from palermo.corpus.identity import sherloc_case_key
from palermo.corpus.summaries import FixturesMissing, Summary, case_key, load_summaries, match_key
from palermo.model.jurisdictions import jurisdiction_name
from palermo.model.schema import CaseRecord, Evidence, Identifier, PalermoElements
from palermo.model.schema import Source as SourceEntry
from palermo.model.vocab import CourtLevel, EditorialStatus, GeographicForm, IdentifierType, OffenceType
from scraper.amp.labels import AMP_LABELS, MAPPING_FILE, amp_to_palermo, mapping
from scraper.base import BaseSource, ParseError, RawDocument
from scraper.facts import read_facts, record_fields
from scraper.normalise import make_case_id
from scraper.sources import sherloc

COMMIT = "6e237a85afe2f90c50901d3a4617b58319d2cfae"
REPOSITORY = "https://github.com/xihaoCCC/SHERLOC_Case_Analysis"
SNAPSHOT = SHERLOC_CODING.snapshot
"""The day the data set's author downloaded SHERLOC's trafficking result set."""
CODING_RULE = SHERLOC_CODING.rule
"""Evidence rule of a value SHERLOC coded itself (a label of its case brief), as opposed to our rules' readings."""

MANIFEST = "case_urls.csv"
CODING_FILES = ("a1_iid_split_final_v1.csv", "a2_jurisdiction_folds_final_v1.csv")
"""The coded cohort, in ``../splits/`` beside the manifest's folder: the A1 file first, A2 for a case only there."""
TRAFFICKING_FOLDER = "traffickingpersonscrimetype"
FOLDER_NAMES = {
    "criminalgroupcrimetype": "participation in an organized criminal group",
    "migrantsmugglingcrimetype": "smuggling of migrants",
    "drugcrimetype": "drug offences",
    "moneylaunderingcrimetype": "money laundering",
    "illicitfirearmscrimetype": "firearms offences",
    "corruptioncrimetype": "corruption",
    "counterfeitingcrimetype": "counterfeiting",
}
"""SHERLOC's crime-type folders other than trafficking, as a reason names them."""
_MANIFEST_COLUMNS = ("case_title", "canonical_url", "url_path_crime_type", "unodc_case_number")
_APPLICATION_NO = re.compile(r"\b(?:application\s+)?nos?\.\s*(\d{1,6}/\d{2})\b", re.IGNORECASE)
_CASE_NAME = re.compile(r"\s(?:v\.?|vs\.?|c\.|contra|versus)\s+\S", re.IGNORECASE)


def strip_query(url: str) -> str:
    """The URL without its query string or fragment (the data set's join key)."""
    return url.split("#", 1)[0].split("?", 1)[0].strip()


def short_title(title: str) -> str | None:
    """A title for lists when SHERLOC's is a case name followed by citation matter, else None.

    ``Krachunova v. Bulgaria, no. 18269/18, 28 November 2023`` → ``Krachunova v. Bulgaria``: the part
    before the first comma, when it names the parties (``v.``, ``c.``) and the rest carries a number.
    """
    head, sep, tail = title.partition(",")
    head = head.strip()
    if not sep or not _CASE_NAME.search(f" {head} ") or not re.search(r"\d", tail) or len(head) < 5:
        return None
    return head


def form_of(row: dict[str, str]) -> GeographicForm | None:
    """The internal/transnational form a coding row gives, or None when SHERLOC did not code it."""
    if row.get("geographic_form_eligible", "").strip() != "1":
        return None
    internal = row.get("geographic_form_internal", "").strip() == "1"
    transnational = row.get("geographic_form_transnational", "").strip() == "1"
    if internal and transnational:
        return GeographicForm.BOTH
    if internal:
        return GeographicForm.INTERNAL
    if transnational:
        return GeographicForm.TRANSNATIONAL
    return None


def labels_of(row: dict[str, str]) -> list[str]:
    """The AMP label ids set (``1``) in a coding row, in the ontology's order."""
    return [label for label in AMP_LABELS if row.get(label, "").strip() == "1"]


def sherloc_label(label: str) -> str:
    """SHERLOC's own wording of a label (kept in the mapping table)."""
    return _WORDING.get(label, label)


def _wording() -> dict[str, str]:
    data: Any = yaml.safe_load(MAPPING_FILE.read_text(encoding="utf-8")) or {}
    return {str(e["id"]): str(e.get("sherloc") or e["id"]) for e in data.get("labels") or [] if isinstance(e, dict) and "id" in e}


_WORDING = _wording()


def coding_evidence(labels: list[str]) -> tuple[PalermoElements, list[Evidence]]:
    """Palermo elements of a set of SHERLOC labels, each value with evidence naming the label it came from."""
    elements = amp_to_palermo(labels)
    table = mapping()
    evidence = []
    for name, values in elements.items():
        for value in values:
            origin = next(label for label in labels if value in table[label].get(name, []))
            evidence.append(
                Evidence(field=f"palermo.{name}", value=value.value, rule=CODING_RULE, passage=f"SHERLOC: {sherloc_label(origin)}")
            )
    return PalermoElements.model_validate({k: [v.value for v in vs] for k, vs in elements.items()}), evidence


@functools.lru_cache(maxsize=1)
def _purpose_offences() -> dict[str, OffenceType]:
    data: Any = yaml.safe_load(MAPPING_FILE.read_text(encoding="utf-8")) or {}
    return {str(k): OffenceType(str(v)) for k, v in (data.get("offence_types_of_purposes") or {}).items()}


def offence_types_of(palermo: PalermoElements) -> tuple[list[OffenceType], list[Evidence]]:
    """The offence types the coded purposes make the case (``sherloc_amp.yaml``), with evidence naming the purpose."""
    table = _purpose_offences()
    offences: list[OffenceType] = []
    evidence: list[Evidence] = []
    for purpose in palermo.purposes:
        offence = table.get(purpose.value)
        if offence is not None and offence not in offences:
            offences.append(offence)
            evidence.append(
                Evidence(field="offence_types", value=offence.value, rule=OFFENCE_FROM_PURPOSE, passage=f"SHERLOC purpose: {purpose.label}")
            )
    return offences, evidence


class Source(BaseSource):
    """UNODC SHERLOC's trafficking result set: its titles, UNODC numbers and its own act/means/purpose coding."""

    source_id: ClassVar[str] = "sherloc_analysis"
    name: ClassVar[str] = f"SHERLOC_Case_Analysis data set (xihaoCCC, Apache-2.0), snapshot of {SNAPSHOT.day} August {SNAPSHOT.year}"
    homepage: ClassVar[str] = f"{REPOSITORY}/tree/{COMMIT}"
    licence: ClassVar[str] = "Apache-2.0 (the data set); titles and coding are UNODC SHERLOC's, re-used with attribution"
    default_base_url: ClassVar[str] = REPOSITORY
    offline_patterns: ClassVar[tuple[str, ...]] = (MANIFEST,)
    saved_documents: ClassVar[str | None] = "sherloc-analysis"
    corpus_order: ClassVar[int | None] = 70  # after the SHERLOC listings: its titles and coding refine their entries

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.listed: set[str] | None = None
        """Case keys of SHERLOC's trafficking result set, once a manifest was read (for :meth:`scope_of`)."""

    def case_url_key(self, url: str) -> str | None:
        """SHERLOC case-brief URLs identify a case, whatever their host or crime-type folder."""
        return sherloc_case_key(url)

    def discover(self, since: datetime.date | None, limit: int | None) -> Iterator[RawDocument]:
        """The data set is a fixed snapshot: read it from the saved files (``--from``)."""
        raise NotImplementedError("sherloc_analysis reads the saved snapshot only: use --from ../shared/fixtures/sherloc-analysis")
        yield  # pragma: no cover - makes this a generator

    # -- parsing ---------------------------------------------------------------------
    def parse(self, doc: RawDocument) -> list[CaseRecord]:
        """The manifest, joined with the coding files beside it: one record per listed case."""
        rows = _rows(doc.name, doc.text(), _MANIFEST_COLUMNS)
        coding = self._coding(doc)
        summaries = self._summaries(doc)
        dataset = self.source_entry(doc, url=f"{REPOSITORY}/blob/{COMMIT}/data/manifests/{MANIFEST}")
        records: list[CaseRecord] = []
        seen: set[str] = set()
        listed: set[str] = set()
        for number, row in enumerate(rows, start=2):
            where = f"row {number}"
            url = strip_query(row["canonical_url"])
            key = sherloc_case_key(url)
            if key is None:
                self.report_problem(doc.name, f"{where}.canonical_url", f"not a SHERLOC case-brief URL: {url!r}")
                continue
            listed.add(key)
            if row.get("is_canonical_duplicate", "").strip().lower() == "true" or key in seen:
                self.note_skip(url, "listed twice in SHERLOC's result set")
                continue
            seen.add(key)
            summary = summaries.get(match_key(brief)) if (brief := case_key(url)) else None
            record = self._record(doc, row, url, coding.get(url), dataset, where, summary)
            if record is not None:
                records.append(record)
        self.listed = listed
        return records

    def _coding(self, doc: RawDocument) -> dict[str, dict[str, str]]:
        """Coding rows by canonical URL (no query), from the split files beside the manifest; A1 wins over A2."""
        if doc.path is None:
            return {}
        folder = doc.path.resolve().parent.parent / "splits"
        coding: dict[str, dict[str, str]] = {}
        for name in CODING_FILES:
            path = folder / name
            if not path.is_file():
                continue
            for row in _rows(str(path), path.read_text(encoding="utf-8"), ("canonical_url", *AMP_LABELS)):
                coding.setdefault(strip_query(row["canonical_url"]), row)
        return coding

    def _summaries(self, doc: RawDocument) -> dict[str, Summary]:
        """The English fact summaries saved beside the manifest (``<fixtures>/sherloc-analysis/data/manifests/``), by case key."""
        if doc.path is None:
            return {}
        try:
            return load_summaries(doc.path.resolve().parents[3])
        except (FixturesMissing, IndexError):
            return {}  # a manifest saved without the data set around it: no summaries to read
        except (OSError, ValueError) as exc:
            self.report_problem(doc.name, "fact summaries", f"not read: {exc}")
            return {}

    def _record(
        self,
        doc: RawDocument,
        row: dict[str, str],
        url: str,
        coded: dict[str, str] | None,
        dataset: SourceEntry,
        where: str,
        summary: Summary | None = None,
    ) -> CaseRecord | None:
        title = " ".join(row["case_title"].split())
        if not title:
            self.report_problem(doc.name, f"{where}.case_title", "empty title")
            return None
        m = sherloc.CASE_URL.search(url)
        assert m is not None  # the key was found above
        iso = m["iso"].lower()
        code = (
            sherloc.international_body(short_title(title) or title)
            if iso == "_irb"
            else (iso.upper() if jurisdiction_name(iso.upper()) else None)
        )
        if code is None:
            self.note_skip(url, f"jurisdiction unknown: {'international body not identified from the title' if iso == '_irb' else iso}")
            return None
        year = int(m["year"]) if m["year"] and m["year"].isdigit() else None
        identifiers = []
        unodc_no = row["unodc_case_number"].strip()
        if unodc_no:
            try:
                identifiers.append(Identifier(type=IdentifierType.UNODC_NUMBER, value=unodc_no))
            except ValidationError:
                self.note_skip(f"{url} UNODC number {unodc_no!r}", "not in the form of a UNODC number (e.g. USA001): left out")
        application = _APPLICATION_NO.search(title) if code == "ECHR" else None
        if application:  # the European Court's own number: joins the record read from HUDOC
            identifiers.append(Identifier(type=IdentifierType.APPLICATION_NUMBER, value=application[1]))
        palermo = PalermoElements()
        evidence: list[Evidence] = []
        offences: list[OffenceType] = []
        form = None
        if coded is not None:
            unknown = [v for v in coded if v.startswith(("ACT_", "MEANS_", "PURPOSE_")) and v not in AMP_LABELS]
            if unknown:
                self.report_problem(doc.name, f"{where}.coding", f"unknown label column(s) {', '.join(unknown)}")
            palermo, evidence = coding_evidence(labels_of(coded))
            offences, offence_evidence = offence_types_of(palermo)
            evidence += offence_evidence
            form = form_of(coded)
            if form is not None:
                evidence.append(Evidence(field="form", value=form.value, rule=CODING_RULE, passage="SHERLOC: form of trafficking"))
        cite = sherloc.canonical_url(url) or url
        read: dict[str, Any] = {}
        if summary is not None:
            reading = record_fields(read_facts(summary.text, code))
            read = dict(reading.values)
            if offences:  # SHERLOC's coding gives the offence types: the rules' reading of them is not used
                read.pop("offence_types", None)
            evidence += [e for e in reading.evidence if e.field.split(".", 1)[0] in read]
        try:
            return CaseRecord(
                id=make_case_id(sherloc.INTERNATIONAL_PREFIX.get(code, code.lower()), year, title),
                title=title,
                short_title=short_title(title),
                jurisdiction=code,
                court=sherloc.INTERNATIONAL_COURT.get(code),
                court_level=CourtLevel.INTERNATIONAL if code in sherloc.INTERNATIONAL_COURT else None,
                year=year,
                identifiers=identifiers,
                palermo=palermo,
                offence_types=read.pop("offence_types", offences),
                form=form,
                **read,
                sources=[SourceEntry(name=sherloc.Source.name, url=cite, licence=sherloc.Source.licence), dataset],
                editorial_status=EditorialStatus.INDEX_ONLY,
                classification_evidence=evidence,
            )
        except (ValidationError, ValueError) as exc:
            self.report_problem(doc.name, where, str(exc).splitlines()[0])
            return None

    # -- scope -----------------------------------------------------------------------
    def scope_of(self, record: CaseRecord) -> str | None:
        """Out of scope: a record resting only on SHERLOC case briefs in other crime-type folders, none listed as trafficking.

        Returns the reason, ``""`` when the result set lists one of its case briefs (a mark is cleared),
        or ``None`` (no say: no manifest read, no SHERLOC case brief, or another source vouches for it).
        """
        if self.listed is None:
            return None
        folders: list[str] = []
        for source in record.sources:
            m = sherloc.CASE_URL.search(source.url)
            if m is None:
                if source.name != self.name:
                    return None  # another source (a court, an editor's reading) vouches for the case
                continue
            if sherloc_case_key(source.url) in self.listed:
                return ""
            folders.append(m["crime"].lower())
        if not folders or TRAFFICKING_FOLDER in folders:
            return None
        kinds = sorted({FOLDER_NAMES.get(f, f) for f in folders})
        return (
            f"UNODC SHERLOC files this case under {' and '.join(kinds)} only and does not list it among its "
            f"trafficking-in-persons cases (result set of {SNAPSHOT.isoformat()})"
        )


def _rows(name: str, text: str, required: tuple[str, ...]) -> list[dict[str, str]]:
    """The rows of a CSV file with a header; a missing required column is a ParseError naming it."""
    try:
        reader = csv.DictReader(io.StringIO(text))
        header = reader.fieldnames or []
        rows = list(reader)
    except csv.Error as exc:
        raise ParseError(name, "(csv)", f"not a readable CSV: {exc}") from None
    missing = [c for c in required if c not in header]
    if missing:
        raise ParseError(name, missing[0], f"column {missing[0]!r} missing (header: {', '.join(header)[:200]})")
    return rows
