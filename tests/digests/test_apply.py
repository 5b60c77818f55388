"""Digests reach their records: summary, points of law and the basis, idempotently, never over an editor's summary."""

from __future__ import annotations

import datetime
from pathlib import Path

from palermo.corpus.store import load_corpus, write_case
from palermo.digests.apply import apply_digests
from palermo.digests.model import DigestEntry
from palermo.model.vocab import EditorialStatus
from tests.factories import case_record

BRIEF = "https://sherloc.unodc.org/cld/case-law-doc/traffickingpersonscrimetype/arg/2011/processo_2306.html?lng=en&tmpl=sherloc"
TEXT = " ".join(["The court heard how the defendants recruited women for work that never existed."] * 5)


def _entry(key: str = "arg/2011/processo_2306", digest: str = TEXT) -> DigestEntry:
    return DigestEntry.model_validate(
        {
            "key": key,
            "title": "Processo 2306",
            "basis": "UNODC SHERLOC case brief (English fact summary), snapshot 2026-08-10",
            "digest": digest,
            "points_of_law": ["Consent of the victims was irrelevant once deception was proved."],
            "written": "2026-11-30",
            "second_reading": {"status": "corrected", "note": "an age removed", "corrections": 1},
        }
    )


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "cases"
    index = {"name": "UNODC SHERLOC case law database", "url": BRIEF.replace("traffickingpersonscrimetype", "migrantsmugglingcrimetype")}
    write_case(
        root,
        case_record(
            id="arg-2011-processo-2306", jurisdiction="ARG", decision_date=None, year=2011, editorial_status="index_only", sources=[index]
        ),
    )
    curated = {"name": "UNODC SHERLOC case law database", "url": BRIEF.replace("processo_2306", "causa_1")}
    write_case(
        root,
        case_record(
            id="arg-2011-causa-1",
            jurisdiction="ARG",
            decision_date=None,
            year=2011,
            editorial_status="curated",
            summary="An editor's summary written from the judgment itself, kept whatever the digests say.",
            sources=[curated],
        ),
    )
    return root


def test_a_digest_becomes_the_summary_with_its_basis(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    report = apply_digests([_entry(), _entry("arg/2011/causa_1")], root, today=datetime.date(2026, 11, 30))
    assert report.applied == ["arg-2011-processo-2306"] and report.kept_editor_summary == ["arg-2011-causa-1"]
    records = load_corpus(root).by_id()
    digested = records["arg-2011-processo-2306"]
    assert digested.summary == TEXT and digested.holdings == ["Consent of the victims was irrelevant once deception was proved."]
    assert digested.editorial_status is EditorialStatus.DIGESTED
    assert digested.summary_basis is not None and digested.summary_basis.second_reading == "corrected"
    assert digested.summary_basis.url.endswith("processo_2306.html") and "summary" in digested.editorial_fields
    assert records["arg-2011-causa-1"].summary.startswith("An editor's summary")
    again = apply_digests([_entry(), _entry("arg/2011/causa_1")], root)
    assert again.applied == [] and again.unchanged == 1


def test_a_corrected_digest_replaces_the_old_one_and_unknown_keys_are_reported(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    apply_digests([_entry()], root)
    changed = TEXT.replace("women", "adults")
    report = apply_digests([_entry(digest=changed), _entry("zzz/2011/nothing")], root)
    assert report.applied == ["arg-2011-processo-2306"] and report.no_record == ["zzz/2011/nothing"]
    assert load_corpus(root).by_id()["arg-2011-processo-2306"].summary == changed


def test_every_bundled_digest_is_in_its_record() -> None:
    """The corpus carries every digest (``make corpus`` applies them); a re-apply changes nothing."""
    from palermo.digests.load import digest_files, load_file

    repo = Path(__file__).resolve().parents[2]
    entries = [e for path in digest_files(repo) for e in load_file(path)[0]]
    digested = [r for r in load_corpus(repo / "cases").records if r.summary_basis is not None]
    assert len(digested) >= 900
    assert all(r.editorial_status is EditorialStatus.DIGESTED for r in digested)
    by_summary = {" ".join(e.digest.split()) for e in entries}
    assert all(r.summary in by_summary for r in digested)


def test_every_digest_agrees_with_its_record() -> None:
    """A digest that says "acquitted" on a record coded as a conviction (or names an offence the coding leaves
    out) fails, naming the record."""
    from palermo.digests.apply import record_keys
    from palermo.digests.checks import check_against_record
    from palermo.digests.load import digest_files, load_file
    from palermo.digests.summaries import match_key

    repo = Path(__file__).resolve().parents[2]
    entries = {match_key(e.key): e for path in digest_files(repo) for e in load_file(path)[0]}
    problems = []
    for record in load_corpus(repo / "cases").records:
        if record.summary_basis is None:
            continue
        key = next(k for k, _url in record_keys(record) if k in entries)
        problems += check_against_record(entries[key], record)
    assert problems == [], "\n".join(map(str, problems[:20]))


def test_a_digest_that_contradicts_its_record_fails() -> None:
    from palermo.digests.checks import check_against_record

    entry = _entry(digest=TEXT + " The court acquitted both defendants.")
    record = case_record(outcome="conviction")
    [problem] = check_against_record(entry, record)
    assert problem.check == "consistency" and "record tst-2020-test-v-state" in str(problem)


def test_the_facts_the_readers_recorded_fill_only_empty_fields(tmp_path: Path) -> None:
    """Offence types, outcome, sector, victims, defendants and sentences read in the brief (and checked by the second
    reader) fill what the record leaves empty, with evidence saying so; a value already there is never replaced."""
    root = _corpus(tmp_path)
    facts = {
        "outcome": "conviction",
        "offence_types": ["sex_trafficking"],
        "sector": "sex_industry",
        "victims": {"count": 3, "female": 3, "nationalities": ["PRY"]},
        "defendants": {"count": 2},
        "sentences": [{"defendant": "first defendant", "custody_months": 48}],
    }
    entry = DigestEntry.model_validate({**_entry().model_dump(mode="json"), "facts": facts})
    apply_digests([entry], root)
    record = load_corpus(root).by_id()["arg-2011-processo-2306"]
    assert record.outcome is not None and record.outcome.value == "conviction"
    assert [o.value for o in record.offence_types] == ["sex_trafficking"] and record.sector is not None
    assert record.victims is not None and record.victims.count == 3 and record.victims.nationalities == ["PRY"]
    assert record.sentences[0].custody_months == 48
    read = {e.field for e in record.classification_evidence if e.rule == "digest-reading"}
    assert read == {"outcome", "offence_types", "sector", "victims", "defendants", "sentences"}
    assert apply_digests([entry], root).unchanged == 1
    # a corrected digest replaces what the earlier one filled in
    fewer = DigestEntry.model_validate({**entry.model_dump(mode="json"), "facts": {"outcome": "acquittal"}})
    apply_digests([fewer], root)
    record = load_corpus(root).by_id()["arg-2011-processo-2306"]
    assert record.outcome is not None and record.outcome.value == "acquittal" and record.offence_types == [] and record.sentences == []


def test_no_record_shares_eight_words_with_any_fact_summary() -> None:
    """Over every record, not only digests: summaries, holdings and procedural histories share no run of 8 words
    with any saved SHERLOC fact summary (UNODC's prose)."""
    import pytest

    from palermo.digests.checks import ShingleIndex
    from palermo.digests.summaries import FixturesMissing, fixtures_root, load_summaries

    repo = Path(__file__).resolve().parents[2]
    try:
        index = ShingleIndex(load_summaries(fixtures_root(repo)))
    except FixturesMissing as exc:
        pytest.skip(f"the saved fact summaries are not beside this checkout: {exc}")
    copied = []
    for record in load_corpus(repo / "cases").records:
        for text in [record.summary or "", record.procedural_history or "", *record.holdings]:
            runs = index.copied(text, "-")
            if runs:
                copied.append(f"{record.id}: {' '.join(runs[0][0])!r} ({runs[0][1]})")
    assert copied == [], "\n".join(copied[:20])


def test_a_reading_of_the_brief_replaces_an_offence_type_derived_from_a_coded_purpose(tmp_path: Path) -> None:
    root = tmp_path / "cases"
    derived = {
        "field": "offence_types",
        "value": "labour_trafficking",
        "rule": "sherloc-purpose",
        "passage": "SHERLOC purpose: Forced labour",
    }
    index = {"name": "UNODC SHERLOC case law database", "url": BRIEF}
    write_case(
        root,
        case_record(
            id="arg-2011-processo-2306",
            jurisdiction="ARG",
            decision_date=None,
            year=2011,
            editorial_status="index_only",
            sources=[index],
            offence_types=["labour_trafficking"],
            classification_evidence=[derived],
        ),
    )
    entry = DigestEntry.model_validate({**_entry().model_dump(mode="json"), "facts": {"offence_types": ["domestic_servitude"]}})
    apply_digests([entry], root)
    record = load_corpus(root).by_id()["arg-2011-processo-2306"]
    assert [o.value for o in record.offence_types] == ["domestic_servitude"]
    assert [e.rule for e in record.classification_evidence if e.field == "offence_types"] == ["digest-reading"]
    assert apply_digests([entry], root).unchanged == 1


def test_a_reading_of_the_brief_replaces_facts_read_by_rule(tmp_path: Path) -> None:
    root = tmp_path / "cases"
    by_rule = [
        {"field": "sector", "value": "agriculture", "rule": "facts-sector-agriculture", "passage": "“on his farm”"},
        {"field": "victims.count", "value": "1", "rule": "facts-victims-single", "passage": "“the victim”"},
        {"field": "outcome", "value": "conviction", "rule": "facts-outcome-conviction", "passage": "“was convicted”"},
    ]
    index = {"name": "UNODC SHERLOC case law database", "url": BRIEF}
    write_case(
        root,
        case_record(
            id="arg-2011-processo-2306",
            jurisdiction="ARG",
            decision_date=None,
            year=2011,
            editorial_status="index_only",
            sources=[index],
            sector="agriculture",
            victims={"count": 1},
            outcome="conviction",
            classification_evidence=by_rule,
        ),
    )
    facts = {"sector": "domestic_work", "victims": {"count": 2, "female": 2}}
    entry = DigestEntry.model_validate({**_entry().model_dump(mode="json"), "facts": facts})
    apply_digests([entry], root)
    record = load_corpus(root).by_id()["arg-2011-processo-2306"]
    assert record.sector is not None and record.sector.value == "domestic_work"
    assert record.victims is not None and record.victims.count == 2
    assert record.outcome is not None and record.outcome.value == "conviction"  # the digest says nothing of it: the rules' stays
    rules = {(e.field, e.rule) for e in record.classification_evidence}
    assert ("outcome", "facts-outcome-conviction") in rules
    assert not any(e.rule.startswith("facts-") and e.field.split(".")[0] in ("sector", "victims") for e in record.classification_evidence)
    assert apply_digests([entry], root).unchanged == 1
