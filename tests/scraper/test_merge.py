"""Merging scraped records into the corpus: matching, editorial fields, curated records, unchanged files."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from palermo.corpus.attribution import SHERLOC_CODING
from palermo.corpus.store import case_path, load_corpus, write_case
from palermo.model.schema import CaseRecord
from palermo.model.vocab import EditorialStatus, OffenceType
from scraper.merge import merge_records
from scraper.update import Change, CorpusUpdater, UpdateError
from tests.factories import case_record

TODAY = datetime.date(2026, 11, 23)
SHA_A = "a" * 64
SHA_B = "b" * 64


def machine(**overrides: object) -> CaseRecord:
    base: dict[str, object] = {
        "sources": [{"name": "Src", "url": "https://example.org/judgment", "sha256": SHA_A, "retrieved_at": "2026-01-01"}],
        "identifiers": [{"type": "neutral_citation", "value": "[2020] EWCA Civ 1"}],
        "offence_types": ["labour_trafficking"],
        "classification_evidence": [{"field": "offence_types", "value": "labour_trafficking", "rule": "r1", "passage": "p"}],
    }
    base.update(overrides)
    return case_record(**base)


def test_same_document_again_changes_nothing() -> None:
    existing = machine()
    again = machine(sources=[{"name": "Src", "url": "https://example.org/judgment", "sha256": SHA_A, "retrieved_at": "2026-11-23"}])
    assert merge_records(existing, again, today=TODAY) is existing


def test_machine_fields_refresh_and_evidence_follows() -> None:
    existing = machine()
    incoming = machine(
        offence_types=["sex_trafficking"],
        sources=[{"name": "Src", "url": "https://example.org/judgment", "sha256": SHA_B}],
        classification_evidence=[{"field": "offence_types", "value": "sex_trafficking", "rule": "r2", "passage": "q"}],
    )
    merged = merge_records(existing, incoming, today=TODAY)
    assert merged.offence_types == [OffenceType.SEX_TRAFFICKING]
    assert [e.rule for e in merged.classification_evidence] == ["r2"]
    assert merged.sources[0].sha256 == SHA_B, "a changed document is cited in its new version"
    assert merged.updated_at == TODAY


def test_empty_incoming_values_never_erase() -> None:
    existing = machine(outcome="conviction")
    merged = merge_records(existing, machine(), today=TODAY)
    assert merged is existing


def test_editorial_fields_are_never_overwritten() -> None:
    existing = machine(summary="Written by an editor.", holdings=["Held by the editor."], editorial_fields=["offence_types"])
    incoming = machine(summary="Machine text.", holdings=["Machine holding."], offence_types=["sex_trafficking"])
    merged = merge_records(existing, incoming, today=TODAY)
    assert merged.summary == "Written by an editor."
    assert merged.holdings == ["Held by the editor."]
    assert merged.offence_types == [OffenceType.LABOUR_TRAFFICKING], "a field listed in editorial_fields is kept"


def test_curated_record_gets_only_sources_and_identifiers() -> None:
    existing = case_record(editorial_status="curated", summary="An editor's summary.", outcome=None, year=2020)
    incoming = machine(
        outcome="conviction",
        editorial_status="extracted",
        sources=[{"name": "Other", "url": "https://example.org/other", "sha256": SHA_B}],
        classification_evidence=[{"field": "relevance", "value": "trafficking", "rule": "r9", "passage": "p"}],
    )
    merged = merge_records(existing, incoming, today=TODAY)
    assert merged.editorial_status is EditorialStatus.CURATED
    assert merged.outcome is None, "even an empty field of a curated record stays the editor's"
    assert merged.offence_types == []
    assert [s.url for s in merged.sources] == ["https://example.org/judgment", "https://example.org/other"]
    assert [i.value for i in merged.identifiers] == ["[2020] EWCA Civ 1"]
    assert merged.classification_evidence == [], "no machine evidence is added to a person's record"


def test_index_entry_only_fills_gaps() -> None:
    existing = machine(title="Full Title v. State")
    entry = machine(title="Slug Title", editorial_status="index_only", outcome="acquittal")
    merged = merge_records(existing, entry, today=TODAY)
    assert merged.title == "Full Title v. State"
    assert merged.outcome is not None and merged.outcome.value == "acquittal"
    assert merged.editorial_status is EditorialStatus.EXTRACTED


def test_updater_matches_on_identifiers_then_id(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    write_case(cases, machine(id="gbr-2020-first-name"))
    updater = CorpusUpdater(cases, today=TODAY)
    by_identifier = updater.apply(machine(id="gbr-2020-another-spelling", outcome="conviction"))
    assert (by_identifier.change, by_identifier.record.id) == (Change.UPDATED, "gbr-2020-first-name")
    by_id = updater.apply(machine(id="gbr-2020-first-name", identifiers=[], outcome="conviction"))
    assert by_id.change is Change.UNCHANGED
    assert sorted(p.name for p in cases.rglob("*.yaml")) == ["gbr-2020-first-name.yaml"]


def test_same_slug_with_a_different_docket_is_another_case(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    first = case_record(
        id="usa-2010-united-states-v-smith", jurisdiction="USA", identifiers=[{"type": "docket_number", "value": "1:10-cr-1"}]
    )
    second = case_record(
        id="usa-2010-united-states-v-smith", jurisdiction="USA", identifiers=[{"type": "docket_number", "value": "2:10-cr-9"}]
    )
    updater = CorpusUpdater(cases, today=TODAY)
    assert updater.apply(first).change is Change.NEW
    result = updater.apply(second)
    assert (result.change, result.record.id) == (Change.NEW, "usa-2010-united-states-v-smith-2")


def test_an_identifier_held_by_another_record_is_left_out(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    updater = CorpusUpdater(cases, today=TODAY)
    updater.apply(
        case_record(
            id="usa-2010-a", jurisdiction="USA", year=2010, decision_date=None, identifiers=[{"type": "unodc_number", "value": "USA174"}]
        )
    )
    result = updater.apply(
        case_record(
            id="usa-2007-b", jurisdiction="USA", year=2007, decision_date=None, identifiers=[{"type": "unodc_number", "value": "USA174"}]
        )
    )
    assert result.change is Change.NEW and result.record.identifiers == []
    assert updater.notes and "USA174" in updater.notes[0]
    assert not load_corpus(cases).errors


def test_unchanged_record_leaves_its_file_untouched(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    record = machine()
    CorpusUpdater(cases, today=TODAY).apply(record)
    path = case_path(cases, record)
    before = (path.stat().st_mtime_ns, path.read_bytes())
    assert CorpusUpdater(cases, today=TODAY + datetime.timedelta(days=3)).apply(record).change is Change.UNCHANGED
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


def test_an_unreadable_record_is_never_overwritten(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    record = machine()
    path = case_path(cases, record)
    path.parent.mkdir(parents=True)
    path.write_text("id: [half edited\n", encoding="utf-8")
    updater = CorpusUpdater(cases, today=TODAY)
    assert updater.load_errors
    with pytest.raises(UpdateError):
        updater.apply(record)
    assert path.read_text(encoding="utf-8") == "id: [half edited\n"


def test_a_curated_file_keeps_its_layout_and_only_gains_lines(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    path = cases / "gbr" / "tst-2020-test-v-state.yaml"
    path.parent.mkdir(parents=True)
    original = (
        "id: tst-2020-test-v-state\n"
        "title: Test v. State   # a person's comment\n"
        "jurisdiction: GBR\n"
        "decision_date: 2020-03-04\n"
        "summary: >-\n"
        "  An editor's summary, folded\n"
        "  over two lines.\n"
        "sources:\n"
        "  - name: Test source\n"
        "    url: https://example.org/judgment\n"
        "editorial_status: curated\n"
    )
    path.write_text(original, encoding="utf-8")
    incoming = machine(sources=[{"name": "Other", "url": "https://example.org/other", "sha256": SHA_B}])
    result = CorpusUpdater(cases, today=TODAY).apply(incoming)
    assert result.change is Change.UPDATED
    text = path.read_text(encoding="utf-8")
    assert text.startswith(original.split("editorial_status")[0])
    assert "  - name: Other\n    url: https://example.org/other\n" in text
    assert "identifiers:\n- type: neutral_citation\n  value: '[2020] EWCA Civ 1'\n" in text
    assert text.rstrip().endswith("updated_at: 2026-11-23")
    assert load_corpus(cases).records[0] == result.record


def test_source_coding_wins_over_machine_coding() -> None:
    sherloc = {"field": "palermo.acts", "value": "recruitment", "rule": SHERLOC_CODING.rule, "passage": "Recruitment"}
    existing = machine(palermo={"acts": ["recruitment"]}, classification_evidence=[sherloc])
    model = {"field": "palermo.acts", "value": "transfer", "rule": "amp-model:ACT_TRANSFER", "passage": "p", "confidence": 0.8}
    incoming = machine(palermo={"acts": ["transfer"]}, classification_evidence=[model])
    merged = merge_records(existing, incoming, TODAY)
    assert [a.value for a in merged.palermo.acts] == ["recruitment"]
    assert [e.rule for e in merged.classification_evidence if e.field == "palermo.acts"] == [SHERLOC_CODING.rule]
