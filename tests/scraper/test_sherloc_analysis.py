"""The SHERLOC_Case_Analysis source: the label mapping, titles, SHERLOC's own coding in the merge, scope, idempotence."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from palermo.corpus.store import load_corpus, write_case
from palermo.model.schema import CaseRecord
from palermo.model.vocab import GeographicForm
from scraper.amp.labels import AMP_LABELS, amp_to_palermo
from scraper.base import file_document
from scraper.merge import TITLE_FROM_SLUG, merge_records
from scraper.run import ScrapeOptions, run_scrape
from scraper.sources.sherloc_analysis import CODING_RULE, Source, form_of, short_title
from tests.factories import case_record

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "sherloc_analysis"
TODAY = datetime.date(2026, 11, 30)
BRIEF = "https://sherloc.unodc.org/cld/case-law-doc/traffickingpersonscrimetype/nzl/2019/placeholder_v._example.html?lng=en&tmpl=sherloc"
OTHER_FOLDER = "https://sherloc.unodc.org/cld/case-law-doc/drugcrimetype/nzl/2015/someone_else.html?lng=en&tmpl=sherloc"
SHERLOC = "UNODC SHERLOC case law database"


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (["ACT_RECRUITMENT"], {"acts": ["recruitment"]}),
        (
            ["ACT_TRANSPORTATION", "ACT_TRANSFER", "ACT_HARBOURING", "ACT_RECEIPT"],
            {"acts": ["transportation", "transfer", "harbouring", "receipt"]},
        ),
        (["MEANS_THREAT_FORCE_OR_COERCION"], {"means": ["threat", "force", "coercion"]}),
        (["MEANS_ABUSE_OF_POWER_OR_VULNERABILITY"], {"means": ["abuse_of_power", "abuse_of_vulnerability"]}),
        (["MEANS_ABDUCTION", "MEANS_FRAUD", "MEANS_DECEPTION"], {"means": ["abduction", "fraud", "deception"]}),
        (["MEANS_PAYMENTS_OR_BENEFITS_FOR_CONTROL"], {"means": ["payments_or_benefits"]}),
        (["PURPOSE_SEXUAL_EXPLOITATION"], {"purposes": ["sexual_exploitation"]}),
        (["PURPOSE_FORCED_LABOUR_OR_SERVICES"], {"purposes": ["forced_labour"]}),
        (["PURPOSE_SLAVERY_OR_SIMILAR_PRACTICES", "PURPOSE_SERVITUDE"], {"purposes": ["slavery", "servitude"]}),
        (["PURPOSE_REMOVAL_OF_ORGANS"], {"purposes": ["organ_removal"]}),
        (["PURPOSE_OTHER"], {}),
    ],
)
def test_label_mapping(labels: list[str], expected: dict[str, list[str]]) -> None:
    got = {name: [v.value for v in values] for name, values in amp_to_palermo(labels).items() if values}
    assert got == expected


def test_every_label_is_mapped() -> None:
    assert len(AMP_LABELS) == 17
    for label in AMP_LABELS:
        amp_to_palermo([label])  # raises for a label missing from the table


@pytest.mark.parametrize(
    ("title", "short"),
    [
        ("Krachunova v. Bulgaria, no. 18269/18, 28 November 2023", "Krachunova v. Bulgaria"),
        ("United States v. Booker, 447 Fed. Appx. 726 (7th Cir. Wis. 2011)", "United States v. Booker"),
        ("Cass. Pen. Sez. V, Sent. N. 37638", None),  # "V" is a section, not "versus"
        ("Rex and Obinna Obeta, Ike and Beatrice Ekweremadu", None),  # no case name before the comma
        ("Basfar v Wong 2022 UKSC 20", None),  # no comma
        ("R v. Smith, appeal dismissed", None),  # nothing citable after the comma
    ],
)
def test_short_title(title: str, short: str | None) -> None:
    assert short_title(title) == short


@pytest.mark.parametrize(
    ("row", "form"),
    [
        ({"geographic_form_eligible": "1", "geographic_form_internal": "1", "geographic_form_transnational": "0"}, GeographicForm.INTERNAL),
        (
            {"geographic_form_eligible": "1", "geographic_form_internal": "0", "geographic_form_transnational": "1"},
            GeographicForm.TRANSNATIONAL,
        ),
        ({"geographic_form_eligible": "1", "geographic_form_internal": "1", "geographic_form_transnational": "1"}, GeographicForm.BOTH),
        ({"geographic_form_eligible": "0", "geographic_form_internal": "1", "geographic_form_transnational": "1"}, None),
        ({"geographic_form_eligible": "1", "geographic_form_internal": "0", "geographic_form_transnational": "0"}, None),
    ],
)
def test_form(row: dict[str, str], form: GeographicForm | None) -> None:
    assert form_of(row) is form


def parsed() -> list[CaseRecord]:
    return Source().parse(file_document("sherloc_analysis", FIXTURES / "data" / "manifests" / "case_urls.csv"))


def test_records_credit_sherloc_and_the_data_set() -> None:
    first = parsed()[0]
    assert [s.name for s in first.sources] == [SHERLOC, Source.name]
    assert "6e237a85afe2f90c50901d3a4617b58319d2cfae" in first.sources[1].url
    assert {e.rule for e in first.classification_evidence if e.field != "offence_types"} == {CODING_RULE}
    assert {e.rule for e in first.classification_evidence if e.field == "offence_types"} <= {"sherloc-purpose"}
    assert first.form is GeographicForm.TRANSNATIONAL
    assert "abuse_of_vulnerability" in [m.value for m in first.palermo.means]


def test_duplicate_rows_and_bad_numbers_are_left_out_with_a_reason() -> None:
    source = Source()
    records = source.parse(file_document("sherloc_analysis", FIXTURES / "data" / "manifests" / "case_urls.csv"))
    assert len(records) == 3  # the fourth row is the third case under another crime-type folder
    reasons = [reason for _what, reason in source.skips]
    assert any("listed twice" in r for r in reasons) and any("UNODC number" in r for r in reasons)


# -- titles ---------------------------------------------------------------------------------
def index_entry(title: str, *, slug: bool, **overrides: Any) -> CaseRecord:
    evidence = [{"field": "title", "value": title, "rule": TITLE_FROM_SLUG}] if slug else []
    data: dict[str, Any] = {
        "id": "nzl-2019-placeholder-v-example",
        "title": title,
        "jurisdiction": "NZL",
        "decision_date": None,
        "year": 2019,
        "sources": [{"name": SHERLOC, "url": BRIEF}],
        "editorial_status": "index_only",
        "classification_evidence": evidence,
    }
    data.update(overrides)
    return case_record(**data)


STATED = "Placeholder v. Example, Criminal Case No. 12-345"


@pytest.mark.parametrize(
    ("existing", "replaced"),
    [
        (index_entry("Placeholder v. Example", slug=True), True),  # a slug title gives way
        (index_entry("Placeholder v Example (High Court)", slug=False), False),  # a title a source stated stays
        (index_entry("Placeholder v. Example", slug=True, editorial_status="extracted"), False),  # an extraction's title stays
        (index_entry("Placeholder v. Example", slug=True, editorial_fields=["title"]), False),  # an editor's title stays
    ],
)
def test_title_rule(existing: CaseRecord, replaced: bool) -> None:
    incoming = parsed()[0]
    merged = merge_records(existing, incoming, today=TODAY)
    assert merged.id == existing.id  # ids never change
    assert merged.title == (STATED if replaced else existing.title)
    if replaced:  # the stated title is no longer marked as rebuilt from a slug
        assert not any(e.rule == TITLE_FROM_SLUG for e in merged.classification_evidence)


def test_same_words_stated_clear_the_slug_mark() -> None:
    existing = index_entry(STATED, slug=True)
    merged = merge_records(existing, parsed()[0], today=TODAY)
    assert merged.title == STATED and not any(e.field == "title" for e in merged.classification_evidence)


def test_a_slug_title_never_replaces_a_stated_one() -> None:
    existing = index_entry(STATED, slug=False)
    incoming = index_entry("Placeholder v. Example", slug=True)
    assert merge_records(existing, incoming, today=TODAY).title == STATED


# -- SHERLOC's own coding ------------------------------------------------------------------
MACHINE_PALERMO = {"acts": ["receipt"], "means": ["fraud"], "purposes": ["sexual_exploitation"]}
MACHINE_EVIDENCE = [{"field": "palermo.acts", "value": "receipt", "rule": "palermo-receipt", "passage": "received"}]


def test_sherloc_coding_replaces_machine_tags() -> None:
    existing = index_entry("Placeholder v. Example", slug=True, editorial_status="extracted", palermo=MACHINE_PALERMO)
    merged = merge_records(existing, parsed()[0], today=TODAY)
    assert [a.value for a in merged.palermo.acts] == ["recruitment", "transportation"]
    assert all(e.rule == CODING_RULE for e in merged.classification_evidence if e.field.startswith("palermo"))


def test_sherloc_coding_never_replaces_an_editors() -> None:
    existing = index_entry("Placeholder v. Example", slug=False, palermo=MACHINE_PALERMO, editorial_fields=["palermo"])
    assert merge_records(existing, parsed()[0], today=TODAY).palermo == existing.palermo


def test_a_machine_reading_never_replaces_sherloc_coding() -> None:
    coded = merge_records(index_entry("Placeholder v. Example", slug=True), parsed()[0], today=TODAY)
    reading = index_entry(
        STATED, slug=False, editorial_status="extracted", palermo=MACHINE_PALERMO, classification_evidence=MACHINE_EVIDENCE
    )
    merged = merge_records(coded, reading, today=TODAY)
    assert merged.palermo == coded.palermo
    assert not any(e.rule == "palermo-receipt" for e in merged.classification_evidence)


def test_two_coded_pages_of_one_case_join_and_stay_joined() -> None:
    first, second = parsed()[0], parsed()[1]
    other = second.model_copy(update={"id": first.id, "jurisdiction": first.jurisdiction, "identifiers": []})
    once = merge_records(merge_records(first, other, today=TODAY), first, today=TODAY)
    assert {"harbouring", "recruitment"} <= {a.value for a in once.palermo.acts}
    assert merge_records(merge_records(once, other, today=TODAY), first, today=TODAY) == once


# -- scope and a whole run -----------------------------------------------------------------
def test_scope_rule() -> None:
    source = Source()
    assert source.scope_of(case_record()) is None  # no manifest read yet: no say
    source.parse(file_document("sherloc_analysis", FIXTURES / "data" / "manifests" / "case_urls.csv"))
    listed = index_entry("Placeholder v. Example", slug=True)
    unlisted = index_entry("Someone Else", slug=True, id="nzl-2015-someone-else", sources=[{"name": SHERLOC, "url": OTHER_FOLDER}])
    vouched = unlisted.model_copy(update={"sources": [*unlisted.sources, case_record().sources[0]]})
    trafficking_folder = unlisted.model_copy(
        update={"sources": [unlisted.sources[0].model_copy(update={"url": BRIEF.replace("placeholder", "x")})]}
    )
    assert source.scope_of(listed) == ""
    reason = source.scope_of(unlisted)
    assert reason and "drug offences" in reason and "2026-08-10" in reason
    assert source.scope_of(vouched) is None
    assert source.scope_of(trafficking_folder) is None


def test_run_marks_scope_and_a_second_run_changes_nothing(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    write_case(cases, index_entry("Placeholder v. Example", slug=True))
    stray = index_entry("Someone Else", slug=True, id="nzl-2015-someone-else", year=2015, sources=[{"name": SHERLOC, "url": OTHER_FOLDER}])
    write_case(cases, stray)
    options = ScrapeOptions(source_id="sherloc_analysis", from_path=FIXTURES, cases=cases, today=TODAY, state_dir=tmp_path / "state")
    first = run_scrape(options)
    assert first.completed and not first.errors
    assert (first.new, first.updated) == (2, 1)
    by_id = {r.id: r for r in load_corpus(cases).records}
    assert by_id["nzl-2019-placeholder-v-example"].title == STATED
    assert by_id["nzl-2015-someone-else"].out_of_scope
    assert not by_id["nzl-2019-placeholder-v-example"].out_of_scope
    files = {p: p.read_bytes() for p in cases.rglob("*.yaml")}
    second = run_scrape(options)
    assert (second.new, second.updated, second.unchanged) == (0, 0, 3)
    assert {p: p.read_bytes() for p in cases.rglob("*.yaml")} == files


def test_a_coded_purpose_gives_the_offence_type_with_its_evidence() -> None:
    from palermo.model.schema import PalermoElements
    from scraper.sources.sherloc_analysis import offence_types_of

    offences, evidence = offence_types_of(PalermoElements(purposes=["sexual_exploitation", "forced_labour", "slavery", "servitude"]))
    assert [o.value for o in offences] == ["sex_trafficking", "labour_trafficking", "slavery_servitude"]
    assert {e.rule for e in evidence} == {"sherloc-purpose"} and evidence[0].passage == "SHERLOC purpose: Sexual exploitation"
    assert offence_types_of(PalermoElements(acts=["recruitment"])) == ([], [])
