"""UNODC SHERLOC case law database: trafficking-in-persons case briefs.

Source: UNODC SHERLOC — Sharing Electronic Resources and Laws on Crime, case law database
Id: sherloc
URL: https://sherloc.unodc.org/cld/v3/htms/cldb/index.html?lng=en
Maintainer: Palermo scraper maintainers
History:
    - 2026-11-23: first version. Index lists (CSV of case URLs, the rendered search-results
      page), the JSON search endpoint, and the case-brief page structure.

What it reads
-------------
- **URL index CSVs** (a ``page_link`` column, or one URL a line): one ``index_only`` record per
  case URL — title from the URL slug (marked with evidence rule ``title-from-url-slug``, so a title a
  source states replaces it), jurisdiction from the URL's ISO 3166 alpha-3 segment
  (``_irb``, international bodies, is resolved from the title: a respondent state of the
  Council of Europe means the ECtHR, of ECOWAS the ECOWAS Court, of the OAS the IACtHR), year
  from the URL. Lists are de-duplicated on the canonical case URL.
- **The rendered search-results page** (AngularJS DOM, ``div.result-row``): title, country,
  verdict date, UNODC No. and crime-type banners per row. The rows do not carry their links
  (AngularJS kept them in scope); when a plain URL list derived from the same page, in the same
  order, sits beside it (same number of rows, every dated row's year equal to its URL's
  year), rows are paired with it, otherwise the record cites the search page.
- **The JSON search endpoint** ``/cld/v3/sherloc/cldb/data.json?lng=en&criteria={…}``
  (``found`` and ``results[].values`` with the keys the search page's templates bind:
  ``uri``, ``page_title``, ``caseLaw@country_s1``, ``caseLaw@unodcNo_s1``,
  ``caseLaw@decisionVerdictDate_s1``): ``index_only`` records; live discovery pages through it.
- **Case-brief pages**: the documented structure (sections ``factSummary``,
  ``victimsPlaintiffs``, ``defendantsRespondents``, ``charge``; the sidebar
  ``traffickingPersonsCrimeType-details-badge`` with offences, acts, means, purposes, form and
  sector; labelled fields for UNODC No., court and decision date) gives an ``extracted``
  record. No real case page was saved anywhere we could find, so the parser is tested on a
  fixture written by hand in that structure (``tests/fixtures/sherloc/handwritten_case_page_structure.html``).

Never kept: the fact summary's sentences (UNODC's prose) and anyone's name — victims and
defendants become counts, sexes, minors and nationalities.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from bs4 import BeautifulSoup, Tag
from pydantic import ValidationError

from palermo.corpus.identity import SHERLOC_CASE_URL, sherloc_case_key
from palermo.model.jurisdictions import jurisdiction_name, regional_court_of
from palermo.model.schema import CaseRecord, Court, Defendants, Evidence, Identifier, PalermoElements, Provision, Sentence, Victims
from palermo.model.schema import Source as SourceEntry
from palermo.model.vocab import (
    CourtLevel,
    EditorialStatus,
    IdentifierType,
    OffenceType,
    Outcome,
    PalermoAct,
    PalermoMeans,
    PalermoPurpose,
)
from scraper.base import BaseSource, ParseError, RawDocument
from scraper.fetch import FetchError
from scraper.merge import TITLE_FROM_SLUG
from scraper.normalise import country_code, make_case_id, parse_date, slugify, us_court_id

CASE_URL = SHERLOC_CASE_URL
SEARCH_PAGE_URL = "https://sherloc.unodc.org/cld/v3/htms/cldb/search.html?lng=en"
SEARCH_ENDPOINT = "/cld/v3/sherloc/cldb/data.json"
TRAFFICKING_FILTER = {"fieldName": "__el.caseLaw.crimeTypes_s", "value": "traffickingPersonsCrimeType"}

INTERNATIONAL_PREFIX = {"ECHR": "ecthr", "IACHR": "iacthr", "ECOWAS": "ecowas"}
INTERNATIONAL_COURT = {
    "ECHR": Court(id="ecthr", name="European Court of Human Rights"),
    "IACHR": Court(id="iacthr", name="Inter-American Court of Human Rights"),
    "ECOWAS": Court(id="ecowas-ccj", name="ECOWAS Community Court of Justice"),
}
# Member states whose cases go to each regional court (Russia left the Council of Europe in 2022; its earlier cases stay).
_FOREIGN_STATE_NAMES = {
    "grece": "GRC",
    "grèce": "GRC",
    "royaume-uni": "GBR",
    "italie": "ITA",
    "belgique": "BEL",
    "russie": "RUS",
    "chypre": "CYP",
    "autriche": "AUT",
    "croatie": "HRV",
    "espagne": "ESP",
    "allemagne": "DEU",
    "turquie": "TUR",
    "bulgarie": "BGR",
    "roumanie": "ROU",
    "pologne": "POL",
    "suisse": "CHE",
    "brasil": "BRA",
}
_SMALL_WORDS = frozenset(
    [
        "v",
        "v.",
        "vs",
        "vs.",
        "c.",
        "and",
        "of",
        "the",
        "et",
        "al",
        "al.",
        "de",
        "du",
        "des",
        "la",
        "le",
        "y",
        "del",
        "contra",
        "e",
        "da",
        "do",
        "dos",
        "for",
        "in",
        "on",
    ]
)

# SHERLOC's trafficking sidebar vocabulary → ours. Keys are lower-cased label fragments.
SIDEBAR_ACTS: dict[str, PalermoAct] = {
    "recruit": PalermoAct.RECRUITMENT,
    "transport": PalermoAct.TRANSPORTATION,
    "transfer": PalermoAct.TRANSFER,
    "harbour": PalermoAct.HARBOURING,
    "harbor": PalermoAct.HARBOURING,
    "receipt": PalermoAct.RECEIPT,
}
SIDEBAR_MEANS: dict[str, PalermoMeans] = {
    "threat": PalermoMeans.THREAT,
    "use of force": PalermoMeans.FORCE,
    "coercion": PalermoMeans.COERCION,
    "abduction": PalermoMeans.ABDUCTION,
    "fraud": PalermoMeans.FRAUD,
    "deception": PalermoMeans.DECEPTION,
    "abuse of power": PalermoMeans.ABUSE_OF_POWER,
    "vulnerability": PalermoMeans.ABUSE_OF_VULNERABILITY,
    "payments or benefits": PalermoMeans.PAYMENTS_OR_BENEFITS,
}
SIDEBAR_PURPOSES: dict[str, PalermoPurpose] = {
    "sexual exploitation": PalermoPurpose.SEXUAL_EXPLOITATION,
    "prostitution": PalermoPurpose.SEXUAL_EXPLOITATION,
    "forced labour": PalermoPurpose.FORCED_LABOUR,
    "forced labor": PalermoPurpose.FORCED_LABOUR,
    "slavery": PalermoPurpose.SLAVERY,
    "servitude": PalermoPurpose.SERVITUDE,
    "removal of organs": PalermoPurpose.ORGAN_REMOVAL,
    "organ": PalermoPurpose.ORGAN_REMOVAL,
    "begging": PalermoPurpose.FORCED_BEGGING,
    "criminal activit": PalermoPurpose.CRIMINAL_ACTIVITIES,
    "adoption": PalermoPurpose.ILLEGAL_ADOPTION,
    "marriage": PalermoPurpose.FORCED_MARRIAGE,
}
SIDEBAR_FORMS: dict[str, OffenceType] = {
    "sexual exploitation": OffenceType.SEX_TRAFFICKING,
    "forced labour": OffenceType.LABOUR_TRAFFICKING,
    "forced labor": OffenceType.LABOUR_TRAFFICKING,
    "domestic servitude": OffenceType.DOMESTIC_SERVITUDE,
    "slavery": OffenceType.SLAVERY_SERVITUDE,
    "servitude": OffenceType.SLAVERY_SERVITUDE,
    "debt bondage": OffenceType.SLAVERY_SERVITUDE,
    "begging": OffenceType.FORCED_BEGGING,
    "criminal activit": OffenceType.FORCED_CRIMINALITY,
    "marriage": OffenceType.FORCED_MARRIAGE,
    "removal of organs": OffenceType.ORGAN_REMOVAL,
    "organ": OffenceType.ORGAN_REMOVAL,
    "adoption": OffenceType.ILLEGAL_ADOPTION,
    "child": OffenceType.CHILD_TRAFFICKING,
    "minor": OffenceType.CHILD_TRAFFICKING,
    "smuggling of migrants": OffenceType.MIGRANT_SMUGGLING,
    "migrant smuggling": OffenceType.MIGRANT_SMUGGLING,
}
SIDEBAR_SECTIONS = {
    "offences": "crimeTypes_traffickingPersonsCrimeType_offences",
    "acts": "crimeTypes_traffickingPersonsCrimeType_actsInvolved",
    "means": "crimeTypes_traffickingPersonsCrimeType_meansUsed",
    "purposes": "crimeTypes_traffickingPersonsCrimeType_exploitativePurposes",
    "form": "crimeTypes_traffickingPersonsCrimeType_formOfTrafficking",
    "sector": "crimeTypes_traffickingPersonsCrimeType_sectorsInWhichExploitationTakesPlace",
}
_CONVICTED = re.compile(r"\b(?:guilty|convicted|conviction)\b", re.IGNORECASE)
_ACQUITTED = re.compile(r"\b(?:not guilty|acquitted|acquittal|dismissed)\b", re.IGNORECASE)
_TERM = re.compile(r"(\d+(?:\.\d+)?)\s*(years?|months?)", re.IGNORECASE)


_DOCKET_IN_TITLE = (
    re.compile(r"^Docket Number\s*[-:]\s*(?:No\.\s*)?(?P<docket>.+?)\s*\[\d{4}\]$", re.IGNORECASE),
    re.compile(r",?\s*(?:Criminal\s+)?Case\s+No\.?\s+(?P<docket>[A-Z0-9][A-Za-z0-9:./-]*(?:\s[A-Z0-9][A-Za-z0-9:./-]*)*)$"),
    re.compile(r"\bNo\.\s+(?P<docket>\d{2}-\d{3,6})$"),
)


def docket_in_title(title: str) -> str | None:
    """The docket number a SHERLOC title spells out (``Docket Number - 1:10cr583 [2011]``, ``…, Criminal Case No. 04-0082``)."""
    for pattern in _DOCKET_IN_TITLE:
        m = pattern.search(title)
        if m and m["docket"].strip().lower() != "unknown":
            return m["docket"].strip()
    return None


def canonical_url(url: str) -> str | None:
    """The canonical spelling of a SHERLOC case-brief URL, or ``None`` when ``url`` is not one.

    Host ``sherloc.unodc.org``, lower-case path, one slash before the slug, no placeholder year,
    ``?lng=en&tmpl=sherloc``; the 2019 ``tmpl=htms`` spellings and ``www.unodc.org`` fold into it.
    """
    m = CASE_URL.search(url)
    if m is None:
        return None
    year = m["year"] if m["year"] and m["year"].isdigit() else None
    parts = [m["crime"].lower(), m["iso"].lower(), *([year] if year else []), urllib.parse.unquote(m["slug"]).lower()]
    return (
        "https://sherloc.unodc.org/cld/case-law-doc/"
        + "/".join(urllib.parse.quote(p, safe="._-~") for p in parts)
        + ".html?lng=en&tmpl=sherloc"
    )


def url_key(url: str) -> str | None:
    """``<iso3>/<year>/<slug>`` of a case URL (crime type left out: a case can be filed under several)."""
    return sherloc_case_key(url)


def title_from_slug(slug: str) -> str:
    """A readable title from a URL slug (``case_ofv.c.l.and_a.n._v._the_united_kingdom_`` → ``Case of V.C.L. and A.N. v. the United Kingdom``)."""
    text = urllib.parse.unquote(slug)
    text = re.sub(r"^(case_of|affaire)(?=[^_])", r"\1_", text, flags=re.IGNORECASE)
    text = re.sub(r"(?<=\.)(and|et)_", r"_\1_", text, flags=re.IGNORECASE)
    words = " ".join(text.replace("_", " ").split()).split(" ")
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        next_word = words[i + 1].lower() if i + 1 < len(words) else ""
        if re.fullmatch(r"[a-z]\.", lower) and next_word in ("v.", "c.", "vs."):
            out.append(lower.upper())  # an initial before "v." ("C.N. and V. v. France")
        elif i and lower in _SMALL_WORDS:
            out.append(lower)
        elif re.fullmatch(r"(?:[a-z]\.)+[a-z]?", lower):
            out.append(lower.upper())
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out).strip(" ,")


def respondent_state(title: str) -> str | None:
    """ISO alpha-3 of the respondent state in ``X v. State`` / ``X c. État``, or ``None``."""
    parts = re.split(r"(?<=\s)(?:v\.?|vs\.?|c\.|contra)(?=\s)", " " + title + " ", flags=re.IGNORECASE)
    if len(parts) < 2:
        return None
    state = parts[-1].strip(" ,.")
    state = re.split(r"\s+(?:and|et)\s+", state, flags=re.IGNORECASE)[0]
    state = re.sub(r"^(?:the\s+)?(?:republic\s+of\s+(?:the\s+)?)?", "", state, flags=re.IGNORECASE).strip()
    return _FOREIGN_STATE_NAMES.get(state.lower()) or country_code(state)


def international_body(title: str) -> str | None:
    """The regional court (ECHR, ECOWAS, IACHR) a case against a state went to, from its respondent."""
    state = respondent_state(title)
    return regional_court_of(state) if state else None


def _text(node: Tag | None) -> str:
    return " ".join(node.get_text(" ", strip=True).split()) if node is not None else ""


def _label(text: str) -> str:
    return text.strip().rstrip(":").strip().lower()


def _match_table(value: str, table: dict[str, Any]) -> list[Any]:
    """The tag of the first fragment (in table order) found in a sidebar value: each value names one concept."""
    low = value.lower()
    for fragment, tag in table.items():
        if fragment in low:
            return [tag]
    return []


class Source(BaseSource):
    """UNODC SHERLOC: index entries for every listed trafficking case, and extracted records from case briefs."""

    source_id: ClassVar[str] = "sherloc"
    name: ClassVar[str] = "UNODC SHERLOC case law database"
    homepage: ClassVar[str] = "https://sherloc.unodc.org/cld/v3/htms/cldb/index.html?lng=en"
    licence: ClassVar[str] = "© UNODC; SHERLOC terms of use — facts re-used with attribution, no text copied"
    default_base_url: ClassVar[str] = "https://www.unodc.org"
    offline_patterns: ClassVar[tuple[str, ...]] = ("*.html", "*.htm", "*.csv", "*.json")
    saved_documents: ClassVar[str | None] = "unodc-sherloc"
    corpus_order: ClassVar[int | None] = 60  # index entries last: they only fill gaps

    # -- offline ---------------------------------------------------------------------
    def matches(self, path: Any) -> bool:
        """SHERLOC files only: names mentioning SHERLOC or a case-law URL; JSON only when it is a search response."""
        name = path.name.lower()
        where = str(path).lower()
        if not super().matches(path) or not any(mark in where for mark in ("sherloc", "case-law-doc", "cldb")):
            return False
        if name.endswith(".json"):
            with path.open("rb") as handle:
                return b'"results"' in handle.read(65536)
        return True

    def documents_from(self, path: Any) -> Iterator[RawDocument]:
        """Saved documents, richest first: pages (search results, case briefs), then JSON listings, then URL lists.

        An index entry only fills gaps in a record already written, so the order decides
        which title wins: the search page's real titles before titles rebuilt from URL slugs.
        """
        rank = {".html": 0, ".htm": 0, ".json": 1, ".csv": 2}
        docs = list(super().documents_from(path))
        yield from sorted(docs, key=lambda d: (rank.get(_suffix(d), 3), d.name))

    def case_url_key(self, url: str) -> str | None:
        """Case-brief URLs identify a case, whatever their host, year slashes or template."""
        return url_key(url)

    # -- live ------------------------------------------------------------------------
    def search_url(self, start_at: int) -> str:
        """The JSON search endpoint for trafficking cases, newest first, from result ``start_at``."""
        criteria = {"filters": [TRAFFICKING_FILTER], "sortings": "", "startAt": start_at}
        query = urllib.parse.urlencode({"lng": "en", "criteria": json.dumps(criteria, separators=(",", ":"))})
        return f"{self.base_url}{SEARCH_ENDPOINT}?{query}"

    def discover(self, since: datetime.date | None, limit: int | None) -> Iterator[RawDocument]:
        """Page through the JSON search endpoint, then fetch each listed case brief.

        Listing pages are yielded (they give index entries), then the case pages; a case page
        that cannot be fetched is reported by the fetcher and skipped. Stops after ``limit`` case pages.
        """
        fetcher = self.require_fetcher()
        start_at = 0
        fetched_cases = 0
        while True:
            listing = fetcher.get(self.search_url(start_at), accept="application/json")
            yield listing
            try:
                data = json.loads(listing.text())
            except ValueError as exc:
                raise ParseError(listing.url, "(json)", f"search response is not JSON: {exc}") from None
            results = data.get("results") or []
            if not results:
                return
            for result in results:
                values = result.get("values") or {}
                uri = result.get("uri") or values.get("uri")
                if not uri:
                    continue
                decided = parse_date(str(values.get("caseLaw@decisionVerdictDate_s1") or ""))
                if since is not None and decided is not None and decided < since:
                    continue
                if limit is not None and fetched_cases >= limit:
                    return
                page_url = f"{self.base_url}/cld{uri}?lng=en&tmpl=sherloc"
                if self.already_done(page_url):
                    self.note_skip(page_url, "finished by the interrupted run this one resumes")
                    continue
                try:
                    yield fetcher.get(page_url, accept="text/html")
                except FetchError:  # recorded by the fetcher, reported by the run; carry on with the next case
                    continue
                fetched_cases += 1
            start_at += len(results)
            total = data.get("found")
            if isinstance(total, int) and start_at >= total:
                return

    # -- parsing ---------------------------------------------------------------------
    def parse(self, doc: RawDocument) -> list[CaseRecord]:
        """Dispatch on the document's shape: URL list CSV, search JSON, search-results page or case brief."""
        text = doc.text()
        head = text.lstrip()[:2048]
        if not head:
            raise ParseError(doc.name, "(document)", "empty document")
        if head.startswith(("{", "[")):
            return self.parse_search_json(doc, text)
        if "<" not in head[:200]:
            return self.parse_url_list(doc, text)
        soup = BeautifulSoup(text, "lxml")
        if soup.select_one("div.result-row") is not None:
            return self.parse_search_page(doc, soup)
        if soup.select_one("div.traffickingPersonsCrimeType-details-badge, div.factSummary, div.case-law-detail") is not None:
            return self.parse_case_page(doc, soup)
        raise ParseError(
            doc.name, "(document)", "neither a SHERLOC search-results page nor a case brief (no result rows, no case sections)"
        )

    # index entries -------------------------------------------------------------------
    def _jurisdiction(self, iso: str, title: str) -> str | None:
        if iso.lower() == "_irb":
            return international_body(title)
        code = iso.upper()
        return code if jurisdiction_name(code) else None

    def index_record(
        self,
        doc: RawDocument,
        url: str | None,
        title: str | None = None,
        *,
        iso: str | None = None,
        country: str | None = None,
        decided: datetime.date | None = None,
        unodc_no: str | None = None,
        where: str = "(entry)",
    ) -> CaseRecord | None:
        """One ``index_only`` record from a listing entry; problems are reported and give ``None``."""
        m = CASE_URL.search(url) if url else None
        title_is_real = title is not None  # a title rebuilt from a slug has lost its punctuation
        if title is None:
            if m is None:
                self.report_problem(doc.name, where, f"not a SHERLOC case URL: {url!r}")
                return None
            title = title_from_slug(m["slug"])
        title = " ".join(title.split())
        if not title:
            self.report_problem(doc.name, f"{where}.title", "empty title")
            return None
        code: str | None = None
        if m is not None:
            code = self._jurisdiction(m["iso"], title)
        elif iso:
            code = self._jurisdiction(iso, title)
        if code is None and country:
            code = country_code(country)
        if code is None:
            what = (
                f"'_irb' (international body) not identified from the title {title!r}" if m and m["iso"].lower() == "_irb" else "no country"
            )
            self.note_skip(url or title, f"jurisdiction unknown: {what}")
            return None
        year = decided.year if decided else (int(m["year"]) if m and m["year"] and m["year"].isdigit() else None)
        identifiers = []
        if unodc_no:
            ident = unodc_no.strip()
            try:
                identifiers.append(Identifier(type=IdentifierType.UNODC_NUMBER, value=ident))
            except ValidationError:
                self.report_problem(doc.name, f"{where}.unodc_no", f"{ident!r} is not a UNODC number (e.g. USA001)")
        docket = docket_in_title(title) if title_is_real else None
        if docket:
            try:
                identifiers.append(Identifier(type=IdentifierType.DOCKET_NUMBER, value=docket))
            except ValidationError:
                self.report_problem(doc.name, f"{where}.title", f"docket number {docket!r} in the title is not well formed")
        cite = canonical_url(url) if url else None
        source = (
            SourceEntry(name=self.name, url=cite, licence=self.licence)
            if cite
            else self.source_entry(doc, url=doc.url if doc.url.startswith("http") else SEARCH_PAGE_URL)
        )
        try:
            return CaseRecord(
                id=make_case_id(INTERNATIONAL_PREFIX.get(code, code.lower()), year, title),
                title=title,
                jurisdiction=code,
                court=INTERNATIONAL_COURT.get(code),
                court_level=CourtLevel.INTERNATIONAL if code in INTERNATIONAL_COURT else None,
                decision_date=decided,
                year=year,
                identifiers=identifiers,
                sources=[source],
                editorial_status=EditorialStatus.INDEX_ONLY,
                classification_evidence=[] if title_is_real else [Evidence(field="title", value=title, rule=TITLE_FROM_SLUG)],
            )
        except (ValidationError, ValueError) as exc:
            self.report_problem(doc.name, where, str(exc).splitlines()[0] if not isinstance(exc, ValidationError) else _first_error(exc))
            return None

    def _dedupe(self, records: list[CaseRecord], doc: RawDocument) -> list[CaseRecord]:
        seen: dict[str, str] = {}
        out = []
        for record in records:
            key = url_key(record.sources[0].url) or record.id
            if key in seen:
                self.note_skip(record.sources[0].url, "listed twice in the same index")
                continue
            seen[key] = record.id
            out.append(record)
        return out

    def parse_url_list(self, doc: RawDocument, text: str) -> list[CaseRecord]:
        """A CSV of case URLs (any column; a header row is allowed): one index entry per URL."""
        records = []
        try:
            rows = list(csv.reader(io.StringIO(text)))
        except csv.Error as exc:
            raise ParseError(doc.name, "(csv)", f"not a readable CSV: {exc}") from None
        if not rows:
            raise ParseError(doc.name, "(csv)", "no rows")
        for number, row in enumerate(rows, start=1):
            cells = [c.strip() for c in row if c.strip()]
            if not cells:
                continue
            url = next((c for c in cells if CASE_URL.search(c)), None)
            if url is None:
                if number == 1 and not any("http" in c for c in cells):
                    continue  # header row
                self.report_problem(doc.name, f"row {number}", f"no SHERLOC case URL in {','.join(cells)[:100]!r}")
                continue
            record = self.index_record(doc, url, where=f"row {number}")
            if record is not None:
                records.append(record)
        if not records and not self.problems:
            raise ParseError(doc.name, "(csv)", "no SHERLOC case URLs found")
        return self._dedupe(records, doc)

    def parse_search_json(self, doc: RawDocument, text: str) -> list[CaseRecord]:
        """A response of the JSON search endpoint: one index entry per result."""
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ParseError(doc.name, "(json)", f"not valid JSON: {exc}") from None
        if not isinstance(data, dict) or not isinstance(data.get("results"), list):
            raise ParseError(doc.name, "results", "not a SHERLOC search response (no 'results' list)")
        records = []
        for i, result in enumerate(data["results"]):
            values = result.get("values") if isinstance(result, dict) else None
            if not isinstance(values, dict):
                self.report_problem(doc.name, f"results.{i}", "result without 'values'")
                continue
            uri = result.get("uri") or values.get("uri")
            url = f"https://sherloc.unodc.org/cld{uri}?lng=en&tmpl=sherloc" if isinstance(uri, str) and uri.startswith("/") else None
            if url is None or not CASE_URL.search(url):
                self.report_problem(doc.name, f"results.{i}.uri", f"no case URI ({uri!r})")
                continue
            crime_types = values.get("__el.caseLaw.crimeTypes_s") or []
            if isinstance(crime_types, str):
                crime_types = [crime_types]
            if crime_types and "traffickingPersonsCrimeType" not in crime_types:
                self.note_skip(url, "not filed as trafficking in persons")
                continue
            raw_date = str(values.get("caseLaw@decisionVerdictDate_s1") or "")
            decided = parse_date(raw_date) if raw_date and raw_date != "YYYY-MM-DD" else None
            title = values.get("page_title")
            record = self.index_record(
                doc,
                url,
                title if isinstance(title, str) and title.strip() else None,
                country=str(values.get("en#caseLaw@country_label_s1") or ""),
                decided=_past(decided),
                unodc_no=str(values.get("caseLaw@unodcNo_s1") or "") or None,
                where=f"results.{i}",
            )
            if record is not None:
                records.append(record)
        return self._dedupe(records, doc)

    def _companion_urls(self, doc: RawDocument, years: list[int | None]) -> list[str] | None:
        if doc.path is None:
            return None
        for candidate in sorted(doc.path.parent.glob("*.csv")):
            try:
                lines = [line.strip() for line in candidate.read_text(encoding="utf-8").splitlines() if line.strip()]
            except (OSError, UnicodeDecodeError):
                continue
            if len(lines) != len(years) or not all(CASE_URL.search(line) for line in lines):
                continue
            agree = True
            for line, year in zip(lines, years, strict=True):
                m = CASE_URL.search(line)
                url_year = int(m["year"]) if m and m["year"] and m["year"].isdigit() else None
                if year is not None and url_year is not None and year != url_year:
                    agree = False
                    break
            if agree:
                return lines
        return None

    def parse_search_page(self, doc: RawDocument, soup: BeautifulSoup) -> list[CaseRecord]:
        """The rendered search-results page: one index entry per result row."""
        rows = soup.select("div.result-row")
        entries = []
        for i, row in enumerate(rows):
            title = _text(row.select_one(".result-title"))
            date_text = ""
            for date_row in row.select("div.row"):
                label = _text(date_row.select_one(".date-label"))
                if label.lower().startswith("verdict date"):
                    date_text = _text(date_row.select_one(".date-value"))
            decided = _past(parse_date(date_text)) if date_text and date_text != "YYYY-MM-DD" else None
            banners = [str(span.get("title", "")).strip() for span in row.select(".banner span[title]")]
            banners = [b for b in banners if b]
            link = row.select_one("a[href*='case-law-doc']")
            entries.append(
                _Row(
                    where=f"result row {i + 1}",
                    title=title,
                    decided=decided,
                    unodc=_text(row.select_one(".result-no")) or None,
                    country=_text(row.select_one(".country .text")),
                    url=urllib.parse.urljoin("https://sherloc.unodc.org/cld/", str(link["href"])) if link else None,
                    banners=banners,
                )
            )
        if not entries:
            raise ParseError(doc.name, "result rows", "no result rows")
        if not any(e.url for e in entries):
            urls = self._companion_urls(doc, [e.decided.year if e.decided else None for e in entries])
            if urls is not None:
                for entry, url in zip(entries, urls, strict=True):
                    entry.url = url
        records = []
        for entry in entries:
            if not entry.title:
                self.report_problem(doc.name, f"{entry.where}.title", "row without a title")
                continue
            if entry.banners and not any("trafficking in persons" in b.lower() for b in entry.banners):
                self.note_skip(entry.title, "not filed as trafficking in persons")
                continue
            record = self.index_record(
                doc, entry.url, entry.title, country=entry.country, decided=entry.decided, unodc_no=entry.unodc, where=entry.where
            )
            if record is not None:
                records.append(record)
        return self._dedupe(records, doc)

    # case briefs ---------------------------------------------------------------------
    def parse_case_page(self, doc: RawDocument, soup: BeautifulSoup) -> list[CaseRecord]:
        """A case brief in the documented structure: an ``extracted`` record."""
        url = _meta(soup, "og:url") or _canonical_link(soup) or (doc.url if doc.url.startswith("http") else None)
        title = _meta(soup, "og:title") or _text(soup.select_one("h1.case-title")) or _text(soup.select_one("h1")) or _text(soup.title)
        if not title:
            raise ParseError(doc.name, "title", "case brief without a title")
        fields = _labelled_fields(soup)
        country = (
            _text(soup.select_one("div.country span.text"))
            or _text(soup.select_one("div.countryNoHighlight h3"))
            or fields.get("country", "")
        )
        m = CASE_URL.search(url) if url else None
        code = self._jurisdiction(m["iso"], title) if m else None
        if code is None and country:
            code = country_code(country)
        if code is None:
            raise ParseError(doc.name, "country", f"no jurisdiction: country {country!r} not recognised and no case URL")
        decided_raw = fields.get("decision date") or fields.get("date of decision") or fields.get("verdict date") or ""
        decided = parse_date(decided_raw) if decided_raw else None
        if decided_raw and decided is None:
            self.report_problem(doc.name, "decision date", f"not a date: {decided_raw!r}")
        decided = _past(decided)
        year = decided.year if decided else (int(m["year"]) if m and m["year"] and m["year"].isdigit() else None)
        identifiers: list[Identifier] = []
        for key, kind in (("unodc no.", IdentifierType.UNODC_NUMBER), ("docket/file number", IdentifierType.DOCKET_NUMBER)):
            raw = fields.get(key)
            if raw:
                try:
                    identifiers.append(Identifier(type=kind, value=raw))
                except ValidationError:
                    self.report_problem(doc.name, key, f"{raw!r} is not a well-formed {kind.label}")
        court = self._court(code, fields.get("name of court") or fields.get("court") or "")
        offences, palermo, evidence = self._sidebar(soup)
        victims = _victims(soup)
        defendants = _defendants(soup)
        provisions, outcome, sentences = self._charges(soup, doc)
        source = self.source_entry(doc, url=canonical_url(url) if url and CASE_URL.search(url) else url)
        try:
            record = CaseRecord(
                id=make_case_id(INTERNATIONAL_PREFIX.get(code, code.lower()), year, title),
                title=title,
                jurisdiction=code,
                court=court,
                court_level=_court_level(court.name if court else ""),
                decision_date=decided,
                year=year,
                identifiers=identifiers,
                offence_types=offences,
                palermo=palermo,
                provisions=provisions,
                outcome=outcome,
                sentences=sentences,
                victims=victims,
                defendants=defendants,
                sources=[source],
                editorial_status=EditorialStatus.EXTRACTED,
                classification_evidence=evidence,
            )
        except ValidationError as exc:
            raise ParseError(doc.name, _first_loc(exc), _first_error(exc)) from None
        if not offences and soup.select_one("div.traffickingPersonsCrimeType-details-badge") is None:
            self.note_skip(doc.name, "case brief without the trafficking sidebar (filed under another crime type only)")
            return []
        return [record]

    def _court(self, code: str, name: str) -> Court | None:
        if code in INTERNATIONAL_COURT:
            return INTERNATIONAL_COURT[code]
        name = " ".join(name.split())
        if not name:
            return None
        court_id = us_court_id(name) if code == "USA" else None
        return Court(id=court_id or f"{code.lower()}-{slugify(name)}"[:80].rstrip("-"), name=name)

    def _sidebar(self, soup: BeautifulSoup) -> tuple[list[OffenceType], PalermoElements, list[Evidence]]:
        badge = soup.select_one("div.traffickingPersonsCrimeType-details-badge")
        offences: list[OffenceType] = []
        acts: list[PalermoAct] = []
        means: list[PalermoMeans] = []
        purposes: list[PalermoPurpose] = []
        evidence: list[Evidence] = []
        if badge is None:
            return offences, PalermoElements(), evidence
        for key, css in SIDEBAR_SECTIONS.items():
            heading = badge.find(["h3", "h4", "h5"], class_=css)
            if heading is None:
                continue
            container = heading.find_next_sibling("div", class_="containerListElement")
            values = [re.sub(r"^[•\-\u2022]\s*", "", _text(v)) for v in (container.select(".value") if container else [])]
            label = _text(heading).rstrip(":")
            for value in filter(None, values):
                passage = f"{label}: {value}"[:200]
                targets: list[tuple[str, list[Any], dict[str, Any]]] = []
                if key == "acts":
                    targets.append(("palermo.acts", acts, SIDEBAR_ACTS))
                elif key == "means":
                    targets.append(("palermo.means", means, SIDEBAR_MEANS))
                elif key == "purposes":
                    targets.append(("palermo.purposes", purposes, SIDEBAR_PURPOSES))
                    targets.append(("offence_types", offences, SIDEBAR_FORMS))
                elif key in ("form", "offences"):
                    targets.append(("offence_types", offences, SIDEBAR_FORMS))
                elif key == "sector" and "domestic" in value.lower():
                    targets.append(("offence_types", offences, {"domestic": OffenceType.DOMESTIC_SERVITUDE}))
                for target, bucket, table in targets:
                    for tag in _match_table(value, table):
                        if tag not in bucket:
                            bucket.append(tag)
                            evidence.append(Evidence(field=target, value=tag.value, rule=f"sherloc-sidebar-{key}", passage=passage))
        return offences, PalermoElements(acts=acts, means=means, purposes=purposes), evidence

    def _charges(self, soup: BeautifulSoup, doc: RawDocument) -> tuple[list[Provision], Outcome | None, list[Sentence]]:
        provisions: list[Provision] = []
        verdicts: list[str] = []
        sentences: list[Sentence] = []
        for i, charge in enumerate(soup.select("div.charge"), start=1):
            fields = _labelled_fields(charge)
            statute = fields.get("statute") or fields.get("legislation") or ""
            if statute:
                instrument, _, section = statute.rpartition(",")
                provision = Provision(instrument=(instrument or statute).strip(), section=section.strip() or None if instrument else None)
                if provision not in provisions:
                    provisions.append(provision)
            verdict = fields.get("verdict") or fields.get("decision") or ""
            if verdict:
                verdicts.append(verdict)
            term = fields.get("sentence") or fields.get("term of imprisonment") or ""
            if term:
                months = _months(term)
                if months is None and "life" not in term.lower():
                    self.report_problem(doc.name, f"charge {i}.sentence", f"no custodial term found in {term[:80]!r}")
                    continue
                sentences.append(Sentence(defendant=f"Defendant (charge {i})", custody_months=months, life="life" in term.lower()))
        outcome = None
        convicted = [v for v in verdicts if _CONVICTED.search(v) and not re.search(r"\bnot guilty\b", v, re.IGNORECASE)]
        acquitted = [v for v in verdicts if _ACQUITTED.search(v)]
        if convicted and acquitted:
            outcome = Outcome.PARTIAL_CONVICTION
        elif convicted:
            outcome = Outcome.CONVICTION
        elif acquitted:
            outcome = Outcome.ACQUITTAL
        return provisions, outcome, sentences


@dataclass
class _Row:
    where: str
    title: str
    decided: datetime.date | None
    unodc: str | None
    country: str
    url: str | None
    banners: list[str] = field(default_factory=list)


def _suffix(doc: RawDocument) -> str:
    name = doc.path.name if doc.path is not None else doc.url.split("?")[0]
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _past(value: datetime.date | None) -> datetime.date | None:
    return value if value is not None and value <= datetime.date.today() else None


def _first_error(exc: ValidationError) -> str:
    return str(exc.errors()[0]["msg"])


def _first_loc(exc: ValidationError) -> str:
    return ".".join(str(p) for p in exc.errors()[0]["loc"]) or "(record)"


def _meta(soup: BeautifulSoup, prop: str) -> str | None:
    node = soup.find("meta", attrs={"property": prop})
    content = node.get("content") if node is not None else None
    return str(content).strip() if content else None


def _canonical_link(soup: BeautifulSoup) -> str | None:
    node = soup.find("link", rel="canonical")
    href = node.get("href") if node is not None else None
    return str(href) if href else None


def _labelled_fields(root: Tag) -> dict[str, str]:
    """``label → value`` of every ``div.field`` (``div.label`` + ``div.value``) under ``root``, first wins."""
    out: dict[str, str] = {}
    for node in root.select("div.field, div.fieldFullWidth"):
        label = node.find("div", class_="label")
        value = node.find("div", class_="value")
        if label is None or value is None:
            continue
        key = _label(_text(label))
        if key and key not in out:
            out[key] = _text(value)
    return out


def _persons(soup: BeautifulSoup, css: str) -> list[dict[str, str]]:
    section = soup.select_one(f"div.{css}")
    if section is None:
        return []
    return [_labelled_fields(person) for person in section.select("div.person")]


def _victims(soup: BeautifulSoup) -> Victims | None:
    persons = _persons(soup, "victimsPlaintiffs")
    if not persons:
        return None
    female = sum(1 for p in persons if p.get("gender", "").lower() == "female")
    male = sum(1 for p in persons if p.get("gender", "").lower() == "male")
    minors = 0
    for person in persons:
        age = re.search(r"\d+", person.get("age", ""))
        if (age and int(age.group()) < 18) or "minor" in person.get("age", "").lower() or "child" in person.get("age", "").lower():
            minors += 1
    nationalities = []
    for person in persons:
        for name in re.split(r"\s*[/,;]\s*", person.get("nationality", "")):
            code = country_code(name) if name else None
            if code and jurisdiction_name(code) and code not in nationalities and len(code) == 3:
                nationalities.append(code)
    return Victims(count=len(persons), female=female or None, male=male or None, minors=minors or None, nationalities=nationalities)


def _defendants(soup: BeautifulSoup) -> Defendants | None:
    persons = _persons(soup, "defendantsRespondents")
    if not persons:
        return None
    legal = sum(1 for p in persons if "legal person" in " ".join(p).lower() or p.get("type", "").lower().startswith("legal"))
    return Defendants(count=len(persons), natural_persons=len(persons) - legal, legal_persons=legal or None)


def _months(term: str) -> float | None:
    total = 0.0
    found = False
    for number, unit in _TERM.findall(term):
        found = True
        total += float(number) * (12 if unit.lower().startswith("year") else 1)
    return total if found else None


def _court_level(name: str) -> CourtLevel | None:
    low = name.lower()
    if not low:
        return None
    if "supreme" in low or "constitutional" in low or "cassation" in low:
        return CourtLevel.APEX
    if "appeal" in low or "appellate" in low:
        return CourtLevel.APPELLATE
    if any(word in low for word in ("district", "magistrate", "regional court", "trial", "first instance", "county court", "crown court")):
        return CourtLevel.FIRST_INSTANCE
    return None
