"""Facts that contradict each other: warnings on machine-read records, errors on curated ones; corrections that
survive a re-scrape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from palermo.corpus.consistency import inconsistencies
from palermo.corpus.store import load_corpus, write_case
from palermo.corpus.validate import validate_paths
from palermo.model.schema import CaseRecord
from scraper.update import CorpusUpdater
from tests.factories import case_record

CURATED = {"editorial_status": "curated", "summary": "An editor's summary of the case, in the editor's own words."}


def _sentenced(case_id: str, **fields: Any) -> CaseRecord:
    fields.setdefault("sentences", [{"defendant": "first defendant", "custody_months": 60}])
    return case_record(id=case_id, **fields)


def test_custodial_sentence_without_a_conviction_is_flagged() -> None:
    machine = _sentenced("tst-2020-a", outcome="dismissed")
    person = _sentenced("tst-2020-b", outcome="acquittal", **CURATED)
    fine = _sentenced("tst-2020-c", outcome="partial_conviction")
    appeal = _sentenced("tst-2020-d", outcome="remanded", court_level="appellate")
    found = {(i.case_id, i.field, i.error) for i in inconsistencies([machine, person, fine, appeal])}
    assert found == {("tst-2020-a", "outcome", False), ("tst-2020-b", "outcome", True)}


def test_money_far_above_the_median_is_flagged_for_an_editor() -> None:
    def with_restitution(n: int, amount: float) -> CaseRecord:
        money = {"amount": amount, "currency": "USD"}
        return _sentenced(
            f"tst-2020-r{n}", outcome="conviction", sentences=[{"defendant": "d", "custody_months": 12, "restitution": money}]
        )

    records = [with_restitution(n, 1000 + n) for n in range(6)] + [with_restitution(9, 18_260_867)]
    [flag] = inconsistencies(records)
    assert flag.case_id == "tst-2020-r9" and flag.field == "sentences.0.restitution" and not flag.error
    assert "over 10 times the median" in flag.message


def test_validator_reports_warnings_without_failing(tmp_path: Path) -> None:
    root = tmp_path / "cases"
    write_case(root, _sentenced("tst-2020-a", outcome="dismissed"))
    _records, problems = validate_paths([root])
    [problem] = problems
    assert problem.warning and "warning: " in str(problem) and problem.field == "outcome"
    write_case(root, _sentenced("tst-2020-b", outcome="acquittal", **CURATED))
    _records, problems = validate_paths([root])
    assert [p.warning for p in sorted(problems, key=lambda p: p.path)] == [True, False]


def test_a_correction_must_protect_its_field() -> None:
    correction = {"field": "sentences", "reason": "The coded amount is ten times the reported one.", "source": "https://example.org/report"}
    with pytest.raises(ValueError, match="must be listed in editorial_fields"):
        case_record(corrections=[correction])
    record = case_record(corrections=[correction], editorial_fields=["sentences"])
    assert record.corrections[0].field == "sentences"


def test_a_correction_survives_a_rescrape_even_when_it_emptied_the_field(tmp_path: Path) -> None:
    root = tmp_path / "cases"
    machine = {"defendant": "Defendant 1", "custody_months": 420, "restitution": {"amount": 18_260_867, "currency": "USD"}}
    corrected = case_record(
        id="usa-2005-united-states-v-lee",
        jurisdiction="USA",
        decision_date="2005-06-22",
        identifiers=[{"type": "docket_number", "value": "1:01-cr-00132-SOM-BMK"}],
        sentences=[{"defendant": "Defendant 1", "custody_months": 420}],
        outcome=None,
        editorial_fields=["sentences", "outcome"],
        corrections=[
            {"field": "sentences", "reason": "Restitution left out: reports disagree.", "source": "https://example.org/a"},
            {"field": "outcome", "reason": "Left out until the judgment is read.", "source": "https://example.org/b"},
        ],
    )
    write_case(root, corrected)
    data = corrected.model_dump(mode="json") | {"sentences": [machine], "outcome": "conviction", "editorial_fields": [], "corrections": []}
    CorpusUpdater(root).apply(CaseRecord.model_validate(data))
    [record] = load_corpus(root).records
    assert record.sentences[0].restitution is None and record.outcome is None
