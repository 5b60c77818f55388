"""Ranking a lawyer trusts: richer records first for the same match, adverse outcomes and limiting holdings flagged."""

from __future__ import annotations

from palermo.model.schema import CaseRecord
from palermo.model.vocab import EditorialStatus
from search_index.engine import SearchRequest
from search_index.trust import EDITED_BOOST, RICH_BOOST, boost, flags, trust_meta
from search_index.whoosh_engine import WhooshEngine


def _record(corpus_records: list[CaseRecord], case_id: str) -> CaseRecord:
    return next(r for r in corpus_records if r.id == case_id)


def test_a_record_with_a_summary_outranks_a_bare_entry_for_the_same_match(corpus_records: list[CaseRecord]) -> None:
    curated = _record(corpus_records, "usa-1988-united-states-v-kozminski")
    bare = curated.model_copy(update={"summary": None, "holdings": [], "editorial_status": EditorialStatus.INDEX_ONLY})
    assert boost(trust_meta(curated)) == RICH_BOOST * EDITED_BOOST > boost(trust_meta(bare)) == 1.0


def test_kozminski_is_flagged_as_limiting_psychological_coercion(engine: WhooshEngine) -> None:
    hits = engine.search(SearchRequest(query="psychological coercion", limit=10)).hits
    kozminski = next(h for h in hits if h.id == "usa-1988-united-states-v-kozminski")
    assert any(f.startswith("limiting holding:") and "psychological coercion" in f for f in kozminski.flags)
    bradley = next(h for h in hits if h.id == "usa-2004-united-states-v-bradley")
    assert bradley.flags == []  # "not limited to physical injury" widens the offence: no flag


def test_flags_come_from_the_record_only(corpus_records: list[CaseRecord]) -> None:
    toviave = trust_meta(_record(corpus_records, "usa-2014-united-states-v-toviave"))
    assert flags({**toviave, "outcome": "acquittal"}, set()) == ["outcome: acquittal"]
    kozminski = trust_meta(_record(corpus_records, "usa-1988-united-states-v-kozminski"))
    assert flags({**kozminski, "outcome": "remanded"}, {"sentenc"}) == []  # no holding shares a word with the query
