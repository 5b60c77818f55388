"""hudoc source: facts of the landmark judgments, listings, metadata and bad input (golden output: tests/scraper/test_golden.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from palermo.schema import CaseRecord
from palermo.vocab import IdentifierType, Outcome
from scraper.base import ParseError, RawDocument, file_document
from scraper.sources.hudoc import Source, conclusions_from_strings, known_article4

ROOT = Path(__file__).resolve().parents[2]
OWN = ROOT / "tests" / "fixtures" / "hudoc"

REAL = [
    "derived-json/ENG_HEJUD_25965_04_Rantsev_v_Cyprus_and_Russia.json",
    "derived-json/ENG_HEJUD_73316_01_Siliadin_v_France.json",
    "derived-json/ENG_HEJUD_40020_03_M_and_Others_v_Italy_and_Bulgaria.json",
    "derived-json/ENG_CLIN_73316_01_Siliadin_legal_summary.json",
    "derived-json/ENG_CLIN_40020_03_M_and_Others_legal_summary.json",
    "derived-json/ENG_HECOM_40020_03_M_and_Others_communicated.json",
    "echr-od/echr_od_explorer_cases_501.json",
    "rss/echr_hudoc_search_feed.rss",
    "rss/greta_hudoc_search_feed.rss",
    "derived-json/ENG_HEJUD_13580_88_Karlheinz_Schmidt_v_Germany.json",
    "derived-json/ENG_HEJUD_17209_02_Zarb_Adami_v_Malta.json",
    "derived-json/ENG_HEJUD_4239_08_C_N_v_the_United_Kingdom.json",
]
OWN_DOCS = ["query/own_fixture_query_page.json", "conversion/own_fixture_siliadin.html", "rss/own_fixture_article4_feed.rss"]


def parse_file(path: Path) -> tuple[Source, list[CaseRecord]]:
    source = Source()
    return source, source.parse(file_document("hudoc", path))


def test_offline_patterns_find_every_real_document(shared_fixtures: Path) -> None:
    found = sorted(str(d.path.relative_to(shared_fixtures / "hudoc")) for d in Source().documents_from(shared_fixtures / "hudoc"))
    assert found == sorted(REAL)


def test_rantsev_judgment_facts(shared_fixtures: Path) -> None:
    _source, [record] = parse_file(shared_fixtures / "hudoc" / REAL[0])
    assert record.id == "ecthr-2010-rantsev-v-cyprus-and-russia"
    assert record.title == "Rantsev v. Cyprus and Russia"
    assert str(record.decision_date) == "2010-01-07"
    assert record.identifier(IdentifierType.APPLICATION_NUMBER) == "25965/04"
    assert record.defendants is not None and record.defendants.names == ["Cyprus", "Russia"]
    assert record.outcome is Outcome.VIOLATION
    assert {p.cite for p in record.provisions} >= {"ECHR Art. 2", "ECHR Art. 4", "ECHR Art. 5"}
    assert "sex_trafficking" in record.offence_types
    outcome = next(e for e in record.classification_evidence if e.field == "outcome")
    assert outcome.passage == "Art. 2: no violation and violation; Art. 4: no violation and violation; Art. 5: violation"
    assert record.court is not None and record.court.name == "European Court of Human Rights (First Section)"
    assert record.summary is None and record.editorial_status.value == "extracted"


def test_no_victim_name_in_evidence(shared_fixtures: Path) -> None:
    _source, [record] = parse_file(shared_fixtures / "hudoc" / REAL[0])
    for evidence in record.classification_evidence:
        assert "Rantseva" not in (evidence.passage or "")
        assert "Oxana" not in (evidence.passage or "")


@pytest.mark.parametrize(
    ("relative", "case_id", "outcome"),
    [
        (REAL[1], "ecthr-2005-siliadin-v-france", Outcome.VIOLATION),
        (REAL[2], "ecthr-2012-m-and-others-v-italy-and-bulgaria", Outcome.VIOLATION),
        (REAL[3], "ecthr-2005-siliadin-v-france", Outcome.VIOLATION),
        (REAL[4], "ecthr-2012-m-and-others-v-italy-and-bulgaria", Outcome.DISMISSED),
    ],
)
def test_landmark_ids_and_outcomes(shared_fixtures: Path, relative: str, case_id: str, outcome: Outcome) -> None:
    _source, [record] = parse_file(shared_fixtures / "hudoc" / relative)
    assert record.id == case_id
    assert record.outcome is outcome


def test_communicated_case_gives_no_record(shared_fixtures: Path) -> None:
    source, records = parse_file(shared_fixtures / "hudoc" / REAL[5])
    assert records == []
    assert "not a decision" in source.skips[0][1]


def test_echr_od_sample_has_no_article4_judgment(shared_fixtures: Path) -> None:
    """The 501 ECHR-OD judgments include three under Article 4 of Protocol No. 7 (ne bis in idem): not Article 4."""
    source, records = parse_file(shared_fixtures / "hudoc" / REAL[6])
    assert records == []
    assert source.skips[0][1] == "501 judgment(s) not under Article 4"


def test_rss_keeps_known_article4_judgments_only(shared_fixtures: Path) -> None:
    source, records = parse_file(shared_fixtures / "hudoc" / REAL[7])
    ids = {r.id for r in records}
    assert {"ecthr-2020-sm-v-croatia", "ecthr-2021-vcl-and-an-v-united-kingdom", "ecthr-2021-zoletic-and-others-v-azerbaijan"} <= ids
    assert all(r.editorial_status.value == "index_only" for r in records)
    assert all(r.identifier(IdentifierType.HUDOC_ITEMID) for r in records)
    assert "not shown to concern Article 4" in source.skips[0][1]


def test_greta_feed_is_not_case_law(shared_fixtures: Path) -> None:
    source, records = parse_file(shared_fixtures / "hudoc" / REAL[8])
    assert records == []
    assert "not case law" in source.skips[0][1]


def test_article4_feed_keeps_every_judgment_and_reports_bad_items() -> None:
    source, records = parse_file(OWN / "rss" / "own_fixture_article4_feed.rss")
    assert [r.id for r in records] == ["ecthr-2010-rantsev-v-cyprus-and-russia", "ecthr-2005-siliadin-v-france"]
    fields = sorted(p.field for p in source.problems)
    assert fields == ["item 3.pubDate", "item 4.description", "item 5.title"]
    assert all("own_fixture_article4_feed.rss" in p.document for p in source.problems)


def test_query_page_rows() -> None:
    source, [record] = parse_file(OWN / "query" / "own_fixture_query_page.json")
    assert record.identifier(IdentifierType.ECLI) == "ECLI:CE:ECHR:2010:0107JUD002596504"
    assert record.court is not None and record.court.name == "European Court of Human Rights (Chamber)"
    assert [p.field for p in source.problems] == ["row 3.appno"]


def test_conclusions_from_strings() -> None:
    found = conclusions_from_strings(
        [
            "Violation of Article 4 - Prohibition of slavery and forced labour (Article 4-1 - Trafficking in human beings)",
            "No violation of Article 4 - Prohibition of slavery and forced labour",
            "Violation of Article 4 of Protocol No. 7 - Right not to be tried or punished twice",
            "Non-pecuniary damage - award",
        ]
    )
    assert found == {"4": {Outcome.VIOLATION, Outcome.NO_VIOLATION}}


def test_known_article4_list_matches_curated_landmarks() -> None:
    known = known_article4()
    assert known["25965/04"] == "Rantsev v. Cyprus and Russia"
    assert known["60561/14"] == "S.M. v. Croatia"


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("empty.json", "(document)"),
        ("truncated.json", "(json)"),
        ("paragraphs_not_a_list.json", "text_paragraphs"),
        ("judgment_without_application_number.json", "application_number"),
        ("judgment_without_date.json", "decision_date"),
        ("judgment_without_title.json", "title"),
        ("judgment_title_lost_respondent.json", "title"),
        ("legal_summary_without_date.json", "decision_date"),
        ("legal_summary_without_title.json", "title"),
        ("unknown_doc_type.json", "doc_type"),
        ("unknown_json.json", "(json)"),
        ("rss_without_channel.rss", "channel"),
        ("rss_truncated.rss", "(xml)"),
        ("not_utf8.json", "(encoding)"),
    ],
)
def test_malformed_input_names_document_and_field(name: str, field: str) -> None:
    path = OWN / "malformed" / name
    with pytest.raises(ParseError) as info:
        Source().parse(file_document("hudoc", path))
    assert info.value.field == field
    assert name in info.value.document


def test_judgment_html_takes_itemid_from_the_url() -> None:
    path = OWN / "conversion" / "own_fixture_siliadin.html"
    doc = file_document("hudoc", path)
    live = RawDocument(
        source_id="hudoc",
        url="https://hudoc.echr.coe.int/app/conversion/docx/html/body?library=ECHR&id=001-69891",
        content=doc.content,
        retrieved_at=doc.retrieved_at,
        content_type="text/html; charset=utf-8",
    )
    [record] = Source().parse(live)
    assert record.identifier(IdentifierType.HUDOC_ITEMID) == "001-69891"
    assert record.sources[0].url == "https://hudoc.echr.coe.int/eng?i=001-69891"


class StubFetcher:
    """Serves canned documents by URL path; fails for anything else."""

    def __init__(self, pages: dict[str, bytes]) -> None:
        self.pages = pages
        self.calls: list[tuple[str, dict[str, object] | None]] = []

    def get(self, url: str, *, params: dict[str, object] | None = None, headers: object = None, accept: str | None = None) -> RawDocument:
        from scraper.fetch import FetchError

        self.calls.append((url, params))
        key = f"{url}?id={params['id']}" if params and "id" in params else url
        if key not in self.pages:
            raise FetchError(url, "404 Not Found")
        now = file_document("hudoc", OWN / "query" / "own_fixture_query_page.json").retrieved_at
        return RawDocument("hudoc", key, self.pages[key], now, "application/json")


def test_live_discovery_pages_by_year_and_fetches_each_text() -> None:
    import datetime

    base = "https://hudoc.echr.coe.int"
    page = (OWN / "query" / "own_fixture_query_page.json").read_bytes()
    html = (OWN / "conversion" / "own_fixture_siliadin.html").read_bytes()
    fetcher = StubFetcher({f"{base}/app/query/results": page, f"{base}/app/conversion/docx/html/body?id=001-96549": html})
    this_year = datetime.date.today().year
    source = Source(fetcher=fetcher)  # type: ignore[arg-type]
    docs = list(source.discover(since=datetime.date(this_year, 1, 1), limit=None))
    query_calls = [params for url, params in fetcher.calls if url.endswith("/results")]
    assert len(query_calls) == 1  # one window: the current year
    assert query_calls[0] is not None
    assert 'article="4"' in str(query_calls[0]["query"]) and f'kpdate>="{this_year}-01-01' in str(query_calls[0]["query"])
    assert int(str(query_calls[0]["length"])) <= 500
    # the page lists three rows: one text is served, one is missing (reported by the fetcher), one row has no itemid
    assert [d.url.rsplit("/", 1)[-1] for d in docs] == ["results", "body?id=001-96549"]
