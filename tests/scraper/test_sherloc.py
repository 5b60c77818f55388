"""sherloc source: URL and title normalisation, the hand-written case brief, the real index lists and search page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from palermo.model.schema import CaseRecord
from palermo.model.vocab import EditorialStatus, IdentifierType, OffenceType, Outcome, PalermoMeans
from scraper.base import ParseError, file_document
from scraper.sources.sherloc import Source, canonical_url, docket_in_title, international_body, title_from_slug, url_key

ROOT = Path(__file__).resolve().parents[2]
OWN = ROOT / "tests" / "fixtures" / "sherloc"


def parse(path: Path) -> tuple[Source, list[CaseRecord]]:
    source = Source()
    return source, source.parse(file_document("sherloc", path))


@pytest.mark.parametrize(
    ("slug", "title"),
    [
        ("case_ofv.c.l.and_a.n._v._the_united_kingdom_", "Case of V.C.L. and A.N. v. the United Kingdom"),
        ("c.n._and_v._v._france", "C.N. and V. v. France"),
        ("s.m._v._croatia", "S.M. v. Croatia"),
        ("rantsev_v._cyprus_and_russia", "Rantsev v. Cyprus and Russia"),
        ("affaire_t.i._et_autres_c._grece_", "Affaire T.I. et Autres c. Grece"),
    ],
)
def test_title_from_slug(slug: str, title: str) -> None:
    assert title_from_slug(slug) == title


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Case of V.C.L. and A.N. v. the United Kingdom", "ECHR"),
        ("Affaire T.I. et Autres c. Grece", "ECHR"),
        ("Rantsev v. Cyprus and Russia", "ECHR"),
        ("H.M. v. Republic of Niger", "ECOWAS"),
        ("Workers of a Ranch v. Brazil", "IACHR"),
        ("A.B. v. Atlantis", None),
        ("Some Prosecution", None),
    ],
)
def test_international_body_from_the_respondent(title: str, body: str | None) -> None:
    assert international_body(title) == body


@pytest.mark.parametrize(
    ("title", "docket"),
    [
        ("Docket Number - 1:10cr583 [2011]", "1:10cr583"),
        ("Docket Number: CR-10-00660-DGC [2013]", "CR-10-00660-DGC"),
        ("Docket Number - No. 08-cv-2970 (ADS)(WDW) [2011]", "08-cv-2970 (ADS)(WDW)"),
        ("Docket Number - Unknown [2010]", None),
        ("United States v. Shunnee King, Criminal Case No. CR 06-00658 CRB", "CR 06-00658 CRB"),
        ("United States v. Webster, Case No 08-30311", "08-30311"),
        ("United States of America v. Anthony Donte Collier 932 F.3d 1067 No. 18-1025", "18-1025"),
        ("United States v. Chang", None),
    ],
)
def test_docket_numbers_spelled_out_in_titles(title: str, docket: str | None) -> None:
    assert docket_in_title(title) == docket


def test_case_urls_fold_to_one_spelling_and_key() -> None:
    old = "https://sherloc.unodc.org/cld/case-law-doc/traffickingpersonscrimetype/usa/2005//United_States_V._Gouw.html?lng=en&tmpl=htms"
    new = "https://sherloc.unodc.org/cld/case-law-doc/traffickingpersonscrimetype/usa/2005/united_states_v._gouw.html?lng=en&tmpl=sherloc"
    other_type = new.replace("traffickingpersonscrimetype", "criminalgroupcrimetype")
    assert canonical_url(old) == new
    assert url_key(old) == url_key(new) == url_key(other_type) == "usa/2005/united_states_v._gouw"
    assert url_key("https://sherloc.unodc.org/cld/v3/htms/cldb/search.html?lng=en") is None
    assert canonical_url("https://sherloc.unodc.org/cld/case-law-doc/traffickingpersonscrimetype/usa/YYYY//Case_1014.html") == (
        "https://sherloc.unodc.org/cld/case-law-doc/traffickingpersonscrimetype/usa/case_1014.html?lng=en&tmpl=sherloc"
    )


def test_handwritten_case_brief_gives_an_extracted_record_with_aggregates_only() -> None:
    _source, records = parse(OWN / "handwritten_case_page_structure.html")
    (record,) = records
    assert record.editorial_status is EditorialStatus.EXTRACTED
    assert record.jurisdiction == "NZL"
    assert record.identifier(IdentifierType.UNODC_NUMBER) == "NZL9999"
    assert str(record.decision_date) == "2019-03-14"
    assert record.court is not None and record.court.name == "High Court of Placeholder Region"
    assert set(record.offence_types) == {OffenceType.LABOUR_TRAFFICKING, OffenceType.CHILD_TRAFFICKING}
    assert record.palermo.means == [PalermoMeans.DECEPTION, PalermoMeans.THREAT, PalermoMeans.ABUSE_OF_VULNERABILITY]
    assert record.outcome is Outcome.PARTIAL_CONVICTION
    assert record.sentences[0].custody_months == 114
    assert record.victims is not None
    assert (record.victims.count, record.victims.female, record.victims.male, record.victims.minors) == (4, 2, 2, 1)
    assert record.victims.nationalities == ["FJI", "WSM"]
    assert record.defendants is not None and (record.defendants.natural_persons, record.defendants.legal_persons) == (1, 1)
    assert all(e.rule.startswith("sherloc-sidebar-") and e.passage for e in record.classification_evidence)
    dumped = json.dumps(record.to_data())
    for never in ("Invented Person A", "Invented Defendant One", "Placeholder Farms Ltd", "false promises of pay"):
        assert never not in dumped, f"{never!r} leaked into the record"
    assert record.summary is None


def test_index_csv_entries_skips_and_problems() -> None:
    source, records = parse(OWN / "handwritten_index_urls.csv")
    by_id = {r.id: r for r in records}
    assert "ecthr-2021-xy-and-zw-v-united-kingdom" in by_id
    assert by_id["ecthr-2021-xy-and-zw-v-united-kingdom"].court is not None
    assert "bra-invented-matter-no-123" in by_id and by_id["bra-invented-matter-no-123"].year is None
    assert all(r.editorial_status is EditorialStatus.INDEX_ONLY for r in records)
    reasons = {reason for _, reason in source.skips}
    assert "listed twice in the same index" in reasons
    assert any("_irb" in reason for reason in reasons)
    assert [(p.field, "no SHERLOC case URL" in p.message) for p in source.problems] == [("row 7", True)]


def test_search_json_listing() -> None:
    source, records = parse(OWN / "handwritten_search_response.json")
    assert [r.id for r in records] == ["nzl-2019-placeholder-prosecutor-v-example-defendants"]
    assert records[0].identifier(IdentifierType.UNODC_NUMBER) == "NZL9999"
    assert [reason for _, reason in source.skips] == ["not filed as trafficking in persons"]
    assert [p.field for p in source.problems] == ["results.2.uri"]


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("not_a_case_page.html", "(document)"),
        ("case_page_without_country.html", "country"),
        ("search_response_without_results.json", "results"),
        ("undecodable_urls.csv", "(encoding)"),
    ],
)
def test_malformed_documents_name_the_field(name: str, field: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse(OWN / "malformed" / name)
    assert caught.value.field == field
    assert name in caught.value.document


def test_real_index_has_one_record_per_case_url(shared_fixtures: Path) -> None:
    source, records = parse(shared_fixtures / "unodc-sherloc" / "sherloc_case_links_all_1567.csv")
    assert not source.problems
    assert len(records) == 1566  # 1,567 rows, one URL listed twice
    assert len({r.id for r in records}) == len(records)
    assert {r.jurisdiction for r in records if "/_irb/" in r.sources[0].url} == {"ECHR", "ECOWAS"}
    assert "ecthr-2021-vcl-and-an-v-united-kingdom" in {r.id for r in records}


def test_real_search_page_rows_are_paired_with_their_url_list(shared_fixtures: Path) -> None:
    _source, records = parse(shared_fixtures / "unodc-sherloc" / "sherloc_search_results_usa_185_cases.html")
    assert len(records) == 185
    assert all(r.jurisdiction == "USA" for r in records)
    assert all("/case-law-doc/" in r.sources[0].url for r in records), "rows not paired with the saved URL list"
    chase = next(r for r in records if r.title == "United States of America v. Steven W Chase")
    assert str(chase.decision_date) == "2017-05-01"
    assert "united_states_of_america_v._steven_w_chase" in chase.sources[0].url
    assert sum(1 for r in records if r.identifier(IdentifierType.UNODC_NUMBER)) > 150
