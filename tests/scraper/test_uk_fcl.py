"""uk_fcl source: both LegalDocML flavours, press summaries, the Atom feed (own synthetic fixture), bad input (golden: test_golden.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from palermo.model.schema import CaseRecord
from palermo.model.vocab import IdentifierType
from scraper.base import ParseError, RawDocument, file_document
from scraper.sources.uk_fcl import LICENCE, Source, court_id_from_citation, short_name

ROOT = Path(__file__).resolve().parents[2]
OWN = ROOT / "tests" / "fixtures" / "uk_fcl"
REAL = [
    "ewca_civ_2020_130_QSA_v_SSHD.xml",
    "ewca_civ_2020_1746_MN_v_SSHD.xml",
    "uksc_2023_42_AAA_Rwanda.xml",
    "ewca_civ_2025_673_Tortoise_Media.xml",
    "eat_2023_1_Imperial_College_v_Matar.xml",
    "ukut_iac_2012_82_Abisoye.xml",
    "uksc_2022_14_press_summary.xml",
    "uksc_2023_50_press_summary.xml",
]
OWN_DOCS = [
    "atom/own_fixture_synthetic_atom_feed_trafficking.xml",
    "atom/own_fixture_synthetic_atom_feed_other_query.xml",
    "judgments/own_fixture_minimal_judgment.xml",
]


def parse_file(path: Path) -> tuple[Source, list[CaseRecord]]:
    source = Source()
    return source, source.parse(file_document("uk_fcl", path))


def test_offline_patterns_read_every_saved_judgment(shared_fixtures: Path) -> None:
    found = sorted(d.path.name for d in Source().documents_from(shared_fixtures / "tna-find-case-law") if d.path)
    assert found == sorted(REAL)


def test_old_flavour_qsa(shared_fixtures: Path) -> None:
    """2021-22 flavour: relative FRBR URIs, uk: bound to another namespace, no <party> or <judge> elements."""
    _source, [record] = parse_file(shared_fixtures / "tna-find-case-law" / REAL[0])
    assert record.id == "gbr-2020-qsa-v-sshd"
    assert record.identifier(IdentifierType.NEUTRAL_CITATION) == "[2020] EWCA Civ 130"
    assert record.identifier(IdentifierType.DOCKET_NUMBER) == "C1/2018/0783/QBACF"
    assert str(record.decision_date) == "2020-02-10"
    assert record.judges == ["Lord Justice Bean", "Lady Justice King", "Lord Justice Hickinbottom"]
    assert record.court is not None and record.court.id == "ewca-civ"
    assert record.court.name == "Court of Appeal of England and Wales (Civil Division)"
    assert record.court_level is not None and record.court_level.value == "appellate"
    cites = {p.cite for p in record.provisions}
    assert {"Modern Slavery Act 2015 s. 45", "Council of Europe Convention on Action against Trafficking in Human Beings Art. 26"} <= cites
    assert "non_punishment" in record.legal_issues
    assert record.defendants is not None
    assert record.defendants.names == ["Secretary of State for the Home Department", "Secretary of State for Justice"]


def test_claimants_never_named(shared_fixtures: Path) -> None:
    """Claimants in trafficking cases are usually the victims: no claimant name in any field or passage."""
    _source, [record] = parse_file(shared_fixtures / "tna-find-case-law" / REAL[0])
    dumped = record.model_dump_json()
    assert "BROADFOOT" not in dumped.upper()


def test_old_flavour_mn_parties_and_judges(shared_fixtures: Path) -> None:
    source = Source()
    doc = file_document("uk_fcl", shared_fixtures / "tna-find-case-law" / REAL[1])
    judgment = source.read_judgment(doc, source._root(doc))
    assert ("MN", "appellant") in judgment.parties
    assert ("THE SECRETARY OF STATE FOR THE HOME DEPARTMENT", "respondent") in judgment.parties
    assert judgment.judges == ["Lord Justice Underhill", "Lord Justice Baker", "Lady Justice Simler"]
    [record] = source.judgment_records(doc, judgment)
    assert record.id == "gbr-2020-mn-v-sshd"
    assert record.identifier(IdentifierType.NEUTRAL_CITATION) == "[2020] EWCA Civ 1746"


def test_current_flavour_parties_and_judges_from_elements(shared_fixtures: Path) -> None:
    source = Source()
    doc = file_document("uk_fcl", shared_fixtures / "tna-find-case-law" / REAL[2])
    judgment = source.read_judgment(doc, source._root(doc))
    assert judgment.cite == "[2023] UKSC 42"
    assert judgment.court_name == "The Supreme Court"
    assert ("Secretary of State for the Home Department", "respondent") in judgment.parties
    assert judgment.judges[0] == "Lord Reed, President"


@pytest.mark.parametrize("name", REAL[2:6])
def test_non_trafficking_judgments_give_no_record(shared_fixtures: Path, name: str) -> None:
    _source, records = parse_file(shared_fixtures / "tna-find-case-law" / name)
    assert records == []


@pytest.mark.parametrize(("name", "cite"), [(REAL[6], "[2022] UKSC 14"), (REAL[7], "[2023] UKSC 50")])
def test_press_summaries_are_noted_not_recorded(shared_fixtures: Path, name: str, cite: str) -> None:
    source, records = parse_file(shared_fixtures / "tna-find-case-law" / name)
    assert records == []
    assert cite in source.skips[0][1]


def test_every_source_entry_names_the_licence(shared_fixtures: Path) -> None:
    _source, [record] = parse_file(shared_fixtures / "tna-find-case-law" / REAL[1])
    assert record.sources[0].licence == LICENCE
    assert "transactional licence" in LICENCE
    assert Source.requires_licence_confirmation is True
    assert record.full_text is None


def test_trafficking_feed_gives_index_records_and_reports_bad_entries() -> None:
    source, records = parse_file(OWN / OWN_DOCS[0])
    assert [r.id for r in records] == ["gbr-2020-mn-v-sshd", "gbr-2020-qsa-v-sshd"]
    assert all(r.editorial_status.value == "index_only" for r in records)
    assert sorted(p.field for p in source.problems) == ["entry 3.published", "entry 4.tna:uri", "entry 5.tna:identifier"]


def test_feed_entries_for_live_discovery() -> None:
    doc = file_document("uk_fcl", OWN / OWN_DOCS[0])
    entries, has_next = Source().feed_entries(doc)
    assert has_next
    assert entries[0].data_url == "https://caselaw.nationalarchives.gov.uk/ewca/civ/2020/1746/data.xml"
    assert entries[0].content_hash == "b63febd31d6c32b4290a22dd26f8ee682f73354c196eed2c969b34051093fe7d"
    assert entries[1].data_url == "https://caselaw.nationalarchives.gov.uk/ewca/civ/2020/130/data.xml"


def test_other_feed_gives_nothing() -> None:
    source, records = parse_file(OWN / OWN_DOCS[1])
    assert records == []
    assert "not a trafficking search" in source.skips[0][1]


def test_minimal_judgment_names_no_appellant() -> None:
    _source, [record] = parse_file(OWN / OWN_DOCS[2])
    assert record.id == "gbr-2013-r-v-l-hvn-thn-and-t"
    assert record.court_level is not None and record.court_level.value == "appellate"
    assert record.defendants is None


@pytest.mark.parametrize(
    ("cite", "expected"),
    [
        ("[2020] EWCA Civ 130", "ewca-civ"),
        ("[2013] EWCA Crim 991", "ewca-crim"),
        ("[2023] UKSC 42", "uksc"),
        ("[2012] UKUT 82 (IAC)", "ukut-iac"),
        ("[2014] EWHC 1234 (Admin)", "ewhc-admin"),
        ("[2023] EAT 1", "eat"),
        ("Smith v Jones", ""),
    ],
)
def test_court_id_from_citation(cite: str, expected: str) -> None:
    assert court_id_from_citation(cite) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("QSA & Ors, R. (On the Application Of) v Secretary of State for the Home Department & Anor", "QSA v SSHD"),
        ("MN v The Secretary of State for the Home Department", "MN v SSHD"),
        ("R (on the application of ASM (Iraq)) v Secretary of State for the Home Department", "ASM (Iraq) v SSHD"),
        ("Hounga v Allen and another", "Hounga v Allen"),
    ],
)
def test_short_name(title: str, expected: str) -> None:
    assert short_name(title) == expected


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("empty.xml", "(document)"),
        ("truncated.xml", "(xml)"),
        ("wrong_root.xml", "(xml)"),
        ("no_judgment.xml", "judgment"),
        ("no_frbr_work.xml", "FRBRWork"),
        ("bad_date.xml", "FRBRdate"),
        ("bad_citation.xml", "cite"),
        ("no_citation_no_uri.xml", "cite"),
    ],
)
def test_malformed_input_names_document_and_field(name: str, field: str) -> None:
    with pytest.raises(ParseError) as info:
        Source().parse(file_document("uk_fcl", OWN / "malformed" / name))
    assert info.value.field == field
    assert name in info.value.document


class StubFetcher:
    """Serves the own Atom feed and one judgment; every other URL is a 404."""

    def __init__(self, shared: Path) -> None:
        self.feed = (OWN / OWN_DOCS[0]).read_bytes()
        self.judgment = (shared / "tna-find-case-law" / REAL[1]).read_bytes()
        self.calls: list[tuple[str, dict[str, object] | None]] = []

    def get(self, url: str, *, params: dict[str, object] | None = None, headers: object = None, accept: str | None = None) -> RawDocument:
        from scraper.fetch import FetchError

        self.calls.append((url, params))
        now = file_document("uk_fcl", OWN / OWN_DOCS[0]).retrieved_at
        if url.endswith("/atom.xml") and params and params.get("page") == 1:
            return RawDocument("uk_fcl", url, self.feed, now, "application/atom+xml")
        if url.endswith("/ewca/civ/2020/1746/data.xml"):
            return RawDocument("uk_fcl", url, self.judgment, now, "application/xml")
        raise FetchError(url, "404 Not Found")


def test_live_discovery_reads_the_feed_then_each_data_xml(shared_fixtures: Path) -> None:
    import datetime

    fetcher = StubFetcher(shared_fixtures)
    source = Source(fetcher=fetcher, options={"queries": ["modern slavery"]})  # type: ignore[arg-type]
    docs = list(source.discover(since=datetime.date(2020, 6, 1), limit=None))
    # the feed, then MN (21 Dec 2020); QSA (10 Feb 2020) is older than --since, so the search stops there
    assert [d.url.rsplit("caselaw.nationalarchives.gov.uk", 1)[-1] for d in docs] == ["/atom.xml", "/ewca/civ/2020/1746/data.xml"]
    [record] = source.parse(docs[1])
    assert record.id == "gbr-2020-mn-v-sshd"
