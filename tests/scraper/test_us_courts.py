"""us_courts source: juriscraper's own scrapers over its saved pages, the trafficking filter, live plumbing, bad input."""

from __future__ import annotations

import datetime
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from palermo.model.schema import CaseRecord
from palermo.model.vocab import IdentifierType
from scraper.base import ParseError, RawDocument, file_document
from scraper.fetch import FetchError
from scraper.sources.us_courts import TRAFFICKING_TERMS, Source, court_level, court_module, run_site

ROOT = Path(__file__).resolve().parents[2]
OWN = ROOT / "tests" / "fixtures" / "us_courts"
PAGES = "juriscraper/opinions/united_states"
NOW = datetime.datetime(2026, 11, 23, tzinfo=datetime.UTC)


@cache
def parse_saved(path: Path) -> tuple[list[CaseRecord], tuple[tuple[str, str], ...]]:
    source = Source()
    records = source.parse(file_document("us_courts", path))
    return records, tuple(source.skips)


def saved_pages(shared: Path) -> list[Path]:
    return sorted(d.path for d in Source().documents_from(shared / PAGES) if d.path)


def test_every_saved_listing_page_is_read(shared_fixtures: Path) -> None:
    names = [p.name for p in saved_pages(shared_fixtures)]
    assert len(names) == 10
    assert not any(n.endswith(".compare.json") for n in names)


@pytest.mark.parametrize(
    "page",
    [
        "ca10_example.xml",
        "ca4_example.json",
        "ca5_example.html",
        "ca9_p_example.html",
        "cal_example.html",
        "dcd_example.html",
        "fla_example.json",
        "ncctapp_example.html",
        "ny_example.html",
        "scotus_slip_example.html",
    ],
)
def test_juriscraper_reads_its_own_pages_as_its_tests_expect(shared_fixtures: Path, page: str) -> None:
    """Used as a library in its test mode, juriscraper gives the case names of its own expected output."""
    path = shared_fixtures / PAGES / page
    _court, module = court_module(page)
    items = run_site(module, path)
    expected = json.loads((path.parent / (path.name.rsplit(".", 1)[0] + ".compare.json")).read_text(encoding="utf-8"))
    assert [i["case_names"] for i in items] == [e["case_names"] for e in expected]


def test_only_the_north_carolina_servitude_entry_qualifies(shared_fixtures: Path) -> None:
    found = {p.name: parse_saved(p)[0] for p in saved_pages(shared_fixtures)}
    assert {name: len(records) for name, records in found.items() if records} == {"ncctapp_example.html": 1}
    [record] = found["ncctapp_example.html"]
    assert record.id == "usa-2024-state-v-wilson"
    assert record.title == "State v. Wilson"
    assert str(record.decision_date) == "2024-12-31"
    assert record.identifier(IdentifierType.DOCKET_NUMBER) == "23-1031"
    assert record.court is not None and record.court.id == "ncctapp"
    assert record.editorial_status.value == "index_only"
    assert record.offence_types == []  # the listing does not say which servitude offence
    [evidence] = record.classification_evidence
    assert evidence.rule == "us-courts-listing-term" and "servitude" in (evidence.passage or "")
    assert record.sources[0].url == "https://appellate.nccourts.org/opinions/?c=2&pdf=43607"


def test_skips_say_how_many_listed_opinions_were_left_out(shared_fixtures: Path) -> None:
    _records, skips = parse_saved(shared_fixtures / PAGES / "ncctapp_example.html")
    assert skips[0][1] == "36 of 37 listed opinion(s) show no trafficking statute or term"


def test_own_listing_keeps_statute_and_term_hits_not_property_servitude() -> None:
    records, _skips = parse_saved(OWN / "listings" / "ncctapp_own_fixture_synthetic_example.html")
    by_id = {r.id: r for r in records}
    assert set(by_id) == {"usa-2024-state-v-first-fixture", "usa-2024-united-states-ex-rel-second-fixture-v-example"}
    civil = by_id["usa-2024-united-states-ex-rel-second-fixture-v-example"]
    assert [p.cite for p in civil.provisions] == ["18 U.S.C. § 1595"]
    assert "compensation_restitution" in civil.legal_issues


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kidnapping, servitude, jury instructions", True),
        ("human trafficking; sexual servitude", True),
        ("peonage", True),
        ("forced labor; restitution", True),
        ("easement; predial servitude", False),
        ("servitude of passage", False),
        ("restrictive covenant; equitable servitude", False),
        ("drug trafficking; Fourth Amendment", False),
        ("firearms trafficking", False),
        ("sex trafficking of a minor", True),
        ("trafficking in persons", True),
        ("breach of contract", False),
    ],
)
def test_trafficking_terms(text: str, expected: bool) -> None:
    assert bool(TRAFFICKING_TERMS.search(text)) is expected


@pytest.mark.parametrize(
    ("court", "level", "expected"),
    [
        ("scotus", None, "apex"),
        ("cal", "colr", "apex"),
        ("ca5", "iac", "appellate"),
        ("ncctapp", None, "appellate"),
        ("dcd", None, "first_instance"),
    ],
)
def test_court_level(court: str, level: str | None, expected: str) -> None:
    found = court_level(court, level)
    assert found is not None and found.value == expected


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("empty_example.html", "(document)"),
        ("fla_broken_json_example.json", "(listing)"),
        ("nowhere_example.html", "court"),
    ],
)
def test_malformed_input_names_document_and_field(name: str, field: str) -> None:
    with pytest.raises(ParseError) as info:
        Source().parse(file_document("us_courts", OWN / "malformed" / name))
    assert info.value.field == field
    assert name in info.value.document


def test_listing_without_opinions_is_a_reported_problem() -> None:
    source = Source()
    assert source.parse(file_document("us_courts", OWN / "malformed" / "ncctapp_no_entries_example.html")) == []
    assert [p.field for p in source.problems] == ["(listing)"]


def test_live_page_is_parsed_from_its_bytes() -> None:
    """A fetched page has no file: the court comes from the URL fragment discovery added."""
    content = (OWN / "listings" / "ncctapp_own_fixture_synthetic_example.html").read_bytes()
    doc = RawDocument(
        "us_courts", "https://appellate.nccourts.org/opinion-filings/?c=coa&year=2024#juriscraper-court=ncctapp", content, NOW
    )
    assert len(Source().parse(doc)) == 2


class StubFetcher:
    def __init__(self) -> None:
        self.urls: list[str] = []

    def get(self, url: str, **_kwargs: Any) -> RawDocument:
        self.urls.append(url)
        if "ca10" in url:
            raise FetchError(url, "503 Service Unavailable (gave up after 4 attempts)")
        return RawDocument("us_courts", url, b"<html></html>", NOW, "text/html")


def test_live_discovery_fetches_each_court_listing_through_the_fetcher() -> None:
    fetcher = StubFetcher()
    source = Source(fetcher=fetcher, options={"courts": ["ca5", "ca10", "nowhere"]})  # type: ignore[arg-type]
    docs = list(source.discover(since=None, limit=None))
    assert [d.url for d in docs] == [
        "https://www.ca5.uscourts.gov/opinions/results?group=flat&pageSize=1000&quick=30#juriscraper-court=ca5"
    ]
    assert len(fetcher.urls) == 2
    assert source.skips[0][0] == "nowhere"


def test_runs_inside_a_running_event_loop(shared_fixtures: Path) -> None:
    """An async caller (or Playwright's sync API in the same process) already runs a loop: parsing still works."""
    import asyncio
    import threading

    path = shared_fixtures / PAGES / "ca10_example.xml"
    _court, module = court_module(path.name)

    async def inside() -> int:
        return len(run_site(module, path))

    # on a thread of its own, so the test does not depend on what loop this worker thread may already run
    found: list[int] = []
    thread = threading.Thread(target=lambda: found.append(asyncio.run(inside())))
    thread.start()
    thread.join()
    assert found == [4]
