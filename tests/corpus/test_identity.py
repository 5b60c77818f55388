"""One case, one record: which keys make two records the same decision, the duplicate report, and folding one
record into another so that every old id still leads to the case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from palermo.cli import main
from palermo.corpus.identity import duplicate_groups, identity_keys, likely_pairs, sherloc_case_key
from palermo.corpus.store import dump_record, load_corpus, write_case
from palermo.corpus.validate import validate_paths
from palermo.model.schema import CaseRecord
from scraper.update import Change, CorpusUpdater
from tests.factories import case_record

SHERLOC = "https://www.unodc.org/cld/case-law-doc/{crime}/usa/2008/united_states_v._kaufman.html?lng=en&tmpl=sherloc"


def _record(case_id: str, **fields: Any) -> CaseRecord:
    fields.setdefault("title", case_id.replace("-", " ").title())
    fields.setdefault("decision_date", None)  # the factory's date would fix every record's year
    fields.setdefault("identifiers", [])
    return case_record(id=case_id, **fields)


@pytest.mark.parametrize(
    ("kind", "value", "court", "jurisdiction"),
    [
        ("ecli", "ECLI:CE:ECHR:2010:0107JUD002596504", None, "ECHR"),
        ("neutral_citation", "[2020] EWCA Civ 130", None, "GBR"),
        ("reporter_citation", "546 F.3d 1242", None, "USA"),
        ("hudoc_itemid", "001-96549", None, "ECHR"),
        ("courtlistener_cluster", "10692198", None, "USA"),
        ("unodc_number", "USA014", None, "USA"),
        ("application_number", "25965/04", None, "ECHR"),
        ("docket_number", "06-3099", {"id": "ca10", "name": "Tenth Circuit"}, "USA"),
    ],
)
def test_each_decision_identifier_makes_one_group(kind: str, value: str, court: dict[str, str] | None, jurisdiction: str) -> None:
    extra = {"court": court} if court else {}
    a = _record("a-2010-first", jurisdiction=jurisdiction, year=2010, identifiers=[{"type": kind, "value": value}], **extra)
    b = _record("b-2010-second", jurisdiction=jurisdiction, year=2010, identifiers=[{"type": kind, "value": value}], **extra)
    c = _record("c-2010-other", jurisdiction=jurisdiction, year=2010)
    [group] = duplicate_groups([a, b, c])
    assert group.ids == ("a-2010-first", "b-2010-second")


def test_docket_numbers_of_different_courts_are_different_cases() -> None:
    a = _record("a-2010-x", year=2010, court={"id": "ca9", "name": "Ninth"}, identifiers=[{"type": "docket_number", "value": "10-10191"}])
    b = _record("b-2010-x", year=2010, court={"id": "ca2", "name": "Second"}, identifiers=[{"type": "docket_number", "value": "10-10191"}])
    assert duplicate_groups([a, b]) == []


def test_a_unodc_number_years_apart_is_a_source_slip_not_one_case() -> None:
    a = _record("a-2001-x", year=2001, identifiers=[{"type": "unodc_number", "value": "USA174"}])
    b = _record("b-2009-y", year=2009, identifiers=[{"type": "unodc_number", "value": "USA174"}])
    assert duplicate_groups([a, b]) == []


def test_the_sherloc_key_ignores_host_crime_type_and_query() -> None:
    keys = {
        sherloc_case_key(SHERLOC.format(crime="traffickingpersonscrimetype")),
        sherloc_case_key(SHERLOC.format(crime="migrantsmugglingcrimetype").replace("www.", "sherloc.")),
        sherloc_case_key("https://sherloc.unodc.org/cld/case-law-doc/criminalgroupcrimetype/usa/2008/united_states_v._kaufman.html"),
    }
    assert keys == {"usa/2008/united_states_v._kaufman"}
    assert sherloc_case_key("https://sherloc.unodc.org/cld/v3/htms/cldb/search.html?lng=en") is None
    record = _record("usa-2008-x", sources=[{"name": "UNODC SHERLOC", "url": SHERLOC.format(crime="traffickingpersonscrimetype")}])
    assert ("document", "sherloc:usa/2008/united_states_v._kaufman") in identity_keys(record)


def test_a_trial_and_its_appeal_are_two_records_not_a_duplicate() -> None:
    trial = _record("usa-2006-x", year=2006, identifiers=[{"type": "docket_number", "value": "04-cr-1"}])
    appeal = _record(
        "usa-2008-x",
        year=2008,
        identifiers=[{"type": "reporter_citation", "value": "546 F.3d 1242"}],
        related=[{"case_id": "usa-2006-x", "relation": "appeal_of"}],
    )
    assert duplicate_groups([trial, appeal]) == []


def test_likely_pairs_offer_same_names_and_cited_titles_for_an_editor() -> None:
    curated = _record(
        "gbr-2013-r-v-l",
        title="R v L, HVN, THN and T",
        jurisdiction="GBR",
        year=2013,
        identifiers=[{"type": "neutral_citation", "value": "[2013] EWCA Crim 991"}],
    )
    listed = _record("gbr-2013-l-v-r", title="L. H.V.N. T.H.N. and T. v R 2013 Ewca Crim 991", jurisdiction="GBR", year=2013)
    echr = _record("ecthr-2010-rantsev", title="Rantsev v. Cyprus and Russia", jurisdiction="ECHR", year=2010)
    filed = _record("cyp-2010-rantsev", title="Case of Rantsev v. Cyprus and Russia Application No. 2596504", jurisdiction="CYP", year=2010)
    numbers = [
        _record("mda-2009-a", title="Dosar nr. 1ra-263/2009", jurisdiction="MDA", year=2009),
        _record("mda-2009-b", title="Dosar nr. 1ra-632/2009", jurisdiction="MDA", year=2009),
    ]
    pairs = {(p.first, p.second) for p in likely_pairs([curated, listed, echr, filed, *numbers])}
    assert pairs == {("gbr-2013-l-v-r", "gbr-2013-r-v-l"), ("cyp-2010-rantsev", "ecthr-2010-rantsev")}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "cases"
    curated = _record(
        "usa-2008-united-states-v-kaufman",
        title="United States v. Kaufman",
        year=2008,
        summary="An editor's summary of the appeal, long enough to be a summary of the case and its holding.",
        jurisdiction="USA",
        editorial_status="curated",
        sources=[
            {"name": "CourtListener", "url": "https://www.courtlistener.com/c/F.3d/546/1242/"},
            {"name": "UNODC SHERLOC", "url": SHERLOC.format(crime="traffickingpersonscrimetype").replace("2008", "2006")},
        ],
    )
    listed = _record(
        "usa-2006-united-states-v-kaufman",
        title="United States v. Kaufman",
        year=2006,
        jurisdiction="USA",
        editorial_status="index_only",
        identifiers=[{"type": "unodc_number", "value": "USA014"}],
        sources=[{"name": "UNODC SHERLOC", "url": SHERLOC.format(crime="traffickingpersonscrimetype").replace("2008", "2006")}],
    )
    citing = _record(
        "usa-2012-later", jurisdiction="USA", year=2012, related=[{"case_id": "usa-2006-united-states-v-kaufman", "relation": "cites"}]
    )
    for record in (curated, listed, citing):
        write_case(root, record)
    return root


def test_fold_keeps_the_editors_record_and_every_old_id(corpus: Path) -> None:
    updater = CorpusUpdater(corpus)
    merged = updater.fold("usa-2008-united-states-v-kaufman", "usa-2006-united-states-v-kaufman")
    assert merged.aliases == ["usa-2006-united-states-v-kaufman"]
    assert merged.summary and merged.year == 2008 and merged.editorial_status.value == "curated"
    assert [i.value for i in merged.identifiers] == ["USA014"] and len(merged.sources) == 2
    records, problems = validate_paths([corpus])
    assert problems == [] and {r.id for r in records} == {"usa-2008-united-states-v-kaufman", "usa-2012-later"}
    later = next(r for r in records if r.id == "usa-2012-later")
    assert [link.case_id for link in later.related] == ["usa-2008-united-states-v-kaufman"]


def test_a_rescrape_of_a_merged_away_entry_joins_the_kept_record(corpus: Path) -> None:
    CorpusUpdater(corpus).fold("usa-2008-united-states-v-kaufman", "usa-2006-united-states-v-kaufman")
    again = _record("usa-2006-united-states-v-kaufman", title="United States v. Kaufman", year=2006, editorial_status="index_only")
    applied = CorpusUpdater(corpus).apply(again)
    assert applied.change is not Change.NEW and applied.record.id == "usa-2008-united-states-v-kaufman"
    assert len(load_corpus(corpus).records) == 2


def test_validator_rejects_an_alias_that_is_still_a_record(corpus: Path) -> None:
    kept = load_corpus(corpus).by_id()["usa-2008-united-states-v-kaufman"]
    path = corpus / "usa" / "usa-2008-united-states-v-kaufman.yaml"
    path.write_text(dump_record(kept.model_copy(update={"aliases": ["usa-2006-united-states-v-kaufman"]})), encoding="utf-8")
    _records, problems = validate_paths([corpus])
    assert any(p.field == "aliases" and "is the id of a record" in p.message for p in problems)


def test_duplicates_command_reports_then_merges(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["duplicates", "--cases", str(corpus)]) == 1
    assert "usa-2006-united-states-v-kaufman = usa-2008-united-states-v-kaufman" in capsys.readouterr().out
    args = ["duplicates", "--cases", str(corpus), "--merge", "usa-2008-united-states-v-kaufman", "usa-2006-united-states-v-kaufman"]
    assert main(args) == 0
    assert main(["duplicates", "--cases", str(corpus)]) == 0
    assert main(["duplicates", "--cases", str(corpus), "--merge", "usa-2008-united-states-v-kaufman", "no-such-id"]) == 1


def test_the_bundled_corpus_has_no_duplicate_group() -> None:
    root = Path(__file__).resolve().parents[2] / "cases"
    groups = duplicate_groups(load_corpus(root).records)
    assert groups == [], [g.ids for g in groups]
