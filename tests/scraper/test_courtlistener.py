"""courtlistener source: bundles, search pages, the token rule and cursor pagination (golden output: test_golden.py)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from palermo.model.schema import CaseRecord
from palermo.model.vocab import IdentifierType
from scraper.base import ParseError, RawDocument, file_document
from scraper.fetch import FetchError
from scraper.sources.courtlistener import TOKEN_VARIABLE, Source

ROOT = Path(__file__).resolve().parents[2]
OWN = ROOT / "tests" / "fixtures" / "courtlistener"
BUNDLE = OWN / "bundles" / "own_fixture_calimlim_bundle.json"
NOW = datetime.datetime(2026, 11, 23, tzinfo=datetime.UTC)


def parse_file(path: Path) -> tuple[Source, list[CaseRecord]]:
    source = Source()
    return source, source.parse(file_document("courtlistener", path))


def test_saved_documents_hold_no_trafficking_opinion(shared_fixtures: Path) -> None:
    """The real saved objects (an Indiana tax appeal, 20 search hits of one day) are format fixtures only."""
    docs = list(Source().documents_from(shared_fixtures / "courtlistener"))
    assert sorted(d.path.name for d in docs if d.path) == [
        "v4_bundle_search_cluster_opinion_docket_court_ind_10692198.json",
        "v4_search_results_sample_20.json",
    ]
    for doc in docs:
        source = Source()
        assert source.parse(doc) == []
        assert not source.problems


def test_saved_bundle_is_read_even_though_not_trafficking(shared_fixtures: Path) -> None:
    """Its facts are read before classification drops it: a trafficking phrase would make a record of it."""
    path = shared_fixtures / "courtlistener" / "v4_bundle_search_cluster_opinion_docket_court_ind_10692198.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["opinions"][0]["plain_text"] += "\nThe petitioner was convicted under 18 U.S.C. § 1591 of sex trafficking."
    doc = RawDocument("courtlistener", path.as_uri(), json.dumps(data).encode(), NOW, path=path)
    [record] = Source().parse(doc)
    assert record.id == "usa-2025-tulsi-sawlani-md-v-lake-county-assessor"
    assert record.court is not None and record.court.id == "ind"
    assert record.court_level is not None and record.court_level.value == "apex"
    assert record.identifier(IdentifierType.COURTLISTENER_CLUSTER) == "10692198"
    assert record.identifier(IdentifierType.DOCKET_NUMBER) == "25S-TA-00269"
    assert record.outcome is not None and record.outcome.value == "remanded"
    assert record.judges == ["Rush", "Massa", "Slaughter", "Goff", "Molter"]
    assert "sex_trafficking" in record.offence_types


def test_trafficking_bundle() -> None:
    _source, [record] = parse_file(BUNDLE)
    assert record.id == "usa-2008-united-states-v-calimlim"
    assert record.identifier(IdentifierType.REPORTER_CITATION) == "538 F.3d 706"
    assert [p.cite for p in record.provisions] == ["18 U.S.C. § 1589", "8 U.S.C. § 1324"]
    assert [str(o) for o in record.offence_types] == ["labour_trafficking", "migrant_smuggling"]
    assert record.outcome is None  # "Affirmed" says nothing certain about the trafficking counts
    assert record.defendants is not None and record.defendants.names == ["Calimlim"]
    assert record.sources[0].url == "https://www.courtlistener.com/opinion/900000001/united-states-v-calimlim/"


def test_search_page_keeps_trafficking_hits_and_reports_bad_rows() -> None:
    source, records = parse_file(OWN / "search" / "own_fixture_search_page.json")
    assert [r.id for r in records] == ["usa-2008-united-states-v-calimlim"]
    assert records[0].editorial_status.value == "index_only"
    assert [p.field for p in source.problems] == ["results[2].caseName"]
    assert "1 search hit(s)" in source.skips[0][1]


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("empty.json", "(document)"),
        ("truncated.json", "(json)"),
        ("scalar.json", "(json)"),
        ("unknown_shape.json", "(json)"),
        ("cluster_not_an_object.json", "cluster"),
        ("bad_cluster_id.json", "cluster.id"),
        ("no_case_name.json", "cluster.case_name"),
        ("bad_date.json", "cluster.date_filed"),
        ("opinions_not_a_list.json", "opinions"),
    ],
)
def test_malformed_input_names_document_and_field(name: str, field: str) -> None:
    with pytest.raises(ParseError) as info:
        Source().parse(file_document("courtlistener", OWN / "malformed" / name))
    assert info.value.field == field
    assert name in info.value.document


def test_bad_search_rows_are_reported_not_raised() -> None:
    source, records = parse_file(OWN / "malformed" / "search_rows_bad.json")
    assert records == []
    assert [p.field for p in source.problems] == ["results[0].cluster_id", "results[1].dateFiled"]


class StubFetcher:
    """Serves canned JSON by URL prefix; records what was asked."""

    def __init__(self, pages: dict[str, Any]) -> None:
        self.pages = pages
        self.calls: list[tuple[str, dict[str, Any] | None, dict[str, str] | None]] = []

    def get(
        self, url: str, *, params: dict[str, Any] | None = None, headers: dict[str, str] | None = None, accept: str | None = None
    ) -> RawDocument:
        self.calls.append((url, params, headers))
        key = url if url in self.pages else url.split("?")[0]
        if key not in self.pages:
            raise FetchError(url, "404 Not Found")
        return RawDocument("courtlistener", url, json.dumps(self.pages[key]).encode(), NOW, "application/json")


def _live_pages() -> dict[str, Any]:
    bundle = json.loads(BUNDLE.read_text(encoding="utf-8"))
    api = "https://www.courtlistener.com/api/rest/v4"
    second = f"{api}/search/?cursor=page2"
    hit = bundle["search"]
    return {
        f"{api}/search/": {"count": 2, "next": second, "results": [hit]},
        second: {"count": 2, "next": None, "results": [{**hit, "cluster_id": 404}]},
        f"{api}/clusters/900000001/": bundle["cluster"],
        f"{api}/opinions/900000002/": bundle["opinions"][0],
        f"{api}/dockets/900000003/": bundle["docket"],
        f"{api}/courts/ca7/": bundle["court"],
    }


def test_live_discovery_follows_the_cursor_and_bundles_each_hit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_VARIABLE, "test-token")
    fetcher = StubFetcher(_live_pages())
    source = Source(fetcher=fetcher)  # type: ignore[arg-type]
    docs = list(source.discover(since=datetime.date(2008, 1, 1), limit=None))
    assert len(docs) == 3  # page 1, the bundle, page 2 (its hit's cluster is missing: skipped)
    assert fetcher.calls[0][1] is not None and fetcher.calls[0][1]["filed_after"] == "2008-01-01"
    assert all(headers == {"Authorization": "Token test-token"} for _url, _params, headers in fetcher.calls)
    [record] = source.parse(docs[1])
    assert record.id == "usa-2008-united-states-v-calimlim"


def test_live_run_without_token_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)
    fetcher = StubFetcher({})
    with pytest.raises(FetchError, match=TOKEN_VARIABLE):
        list(Source(fetcher=fetcher).discover(since=None, limit=None))  # type: ignore[arg-type]
    assert fetcher.calls == []
