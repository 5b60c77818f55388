"""The build-time similar-cases table the site uses on case pages."""

from __future__ import annotations

from palermo.model.schema import CaseRecord
from search_index.similar import similar_table


def test_every_record_gets_up_to_five_other_cases(corpus_records: list[CaseRecord]) -> None:
    table = similar_table(corpus_records, limit=5)
    ids = {r.id for r in corpus_records}
    assert set(table) == ids
    for case_id, similar in table.items():
        assert case_id not in similar
        assert len(similar) <= 5 and len(set(similar)) == len(similar)
        assert set(similar) <= ids


def test_similar_cases_make_sense(corpus_records: list[CaseRecord]) -> None:
    table = similar_table(corpus_records)
    assert "ecthr-2012-cn-and-v-v-france" in table["ecthr-2005-siliadin-v-france"]
    assert "ecthr-2005-siliadin-v-france" in table["ecthr-2012-cn-and-v-v-france"]


def test_deterministic(corpus_records: list[CaseRecord]) -> None:
    assert similar_table(corpus_records) == similar_table(list(reversed(corpus_records)))
