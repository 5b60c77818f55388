"""The whoosh engine over the test corpus: filters, facet counts against the corpus, query logic, relevance."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from palermo.corpus.ordering import newest_first_key
from palermo.model.schema import CaseRecord
from search_index.engine import SearchRequest
from search_index.facets import FACETS, count_records
from search_index.query import QueryError, YearRange
from search_index.whoosh_engine import WhooshEngine

ALL = 10_000


def ids(engine: WhooshEngine, query: str = "", **kwargs: object) -> set[str]:
    response = engine.search(SearchRequest(query=query, limit=ALL, **kwargs))  # type: ignore[arg-type]
    assert response.total == len(response.hits)
    return {h.id for h in response.hits}


FILTERS: list[tuple[str, tuple[str, ...], Callable[[CaseRecord], bool]]] = [
    ("offence_types", ("labour_trafficking",), lambda r: "labour_trafficking" in r.offence_types),
    (
        "offence_types",
        ("sex_trafficking", "domestic_servitude"),
        lambda r: bool({"sex_trafficking", "domestic_servitude"} & set(r.offence_types)),
    ),
    ("jurisdiction", ("ECHR",), lambda r: r.jurisdiction == "ECHR"),
    ("jurisdiction", ("gbr", "USA"), lambda r: r.jurisdiction in ("GBR", "USA")),
    ("court_level", ("apex",), lambda r: r.court_level is not None and r.court_level.value == "apex"),
    ("outcome", ("conviction",), lambda r: r.outcome is not None and r.outcome.value == "conviction"),
    ("legal_issues", ("positive_obligations",), lambda r: "positive_obligations" in r.legal_issues),
    ("ilo_indicators", ("retention_of_identity_documents",), lambda r: "retention_of_identity_documents" in r.ilo_indicators),
]


@pytest.mark.parametrize(("facet", "values", "keep"), FILTERS, ids=[f"{f}={'+'.join(v)}" for f, v, _ in FILTERS])
def test_each_filter_returns_exactly_the_matching_records(
    engine: WhooshEngine, corpus_records: list[CaseRecord], facet: str, values: tuple[str, ...], keep: Callable[[CaseRecord], bool]
) -> None:
    expected = {r.id for r in corpus_records if keep(r)}
    assert expected, "the test corpus should hold at least one such record"
    assert ids(engine, filters={facet: values}) == expected


def test_year_range_filter(engine: WhooshEngine, corpus_records: list[CaseRecord]) -> None:
    expected = {r.id for r in corpus_records if r.year is not None and 2010 <= r.year <= 2014}
    assert ids(engine, years=YearRange(2010, 2014)) == expected
    assert ids(engine, "year:2010..2014") == expected


def test_filters_combine_across_facets(engine: WhooshEngine, corpus_records: list[CaseRecord]) -> None:
    expected = {
        r.id for r in corpus_records if r.jurisdiction == "ECHR" and "positive_obligations" in r.legal_issues and (r.year or 0) >= 2015
    }
    got = ids(engine, filters={"jurisdiction": ("ECHR",), "legal_issues": ("positive_obligations",)}, years=YearRange(2015, None))
    assert got == expected


def test_unknown_filter_value_is_a_query_error(engine: WhooshEngine) -> None:
    with pytest.raises(QueryError, match="unknown offence type"):
        engine.search(SearchRequest(filters={"offence_types": ("piracy",)}))


def test_facet_counts_of_the_whole_corpus_match_the_records(engine: WhooshEngine, corpus_records: list[CaseRecord]) -> None:
    response = engine.search(SearchRequest(limit=0))
    assert response.total == len(corpus_records)
    for name, facet in FACETS.items():
        assert response.facets[name] == count_records(corpus_records, facet), name


def test_facet_counts_are_disjunctive_under_filters(engine: WhooshEngine, corpus_records: list[CaseRecord]) -> None:
    request = SearchRequest(query="trafficking", filters={"offence_types": ("labour_trafficking",), "jurisdiction": ("ECHR",)}, limit=0)
    response = engine.search(request)
    matched = ids(engine, "trafficking")
    records = [r for r in corpus_records if r.id in matched]
    in_echr = [r for r in records if r.jurisdiction == "ECHR"]
    labour = [r for r in records if "labour_trafficking" in r.offence_types]
    both = [r for r in in_echr if "labour_trafficking" in r.offence_types]
    assert response.total == len(both)
    assert response.facets["offence_types"] == count_records(in_echr, FACETS["offence_types"])
    assert response.facets["jurisdiction"] == count_records(labour, FACETS["jurisdiction"])
    assert response.facets["outcome"] == count_records(both, FACETS["outcome"])


def test_boolean_logic_matches_set_logic(engine: WhooshEngine) -> None:
    labour, passport = ids(engine, "labour"), ids(engine, "passport")
    assert ids(engine, "labour passport") == labour & passport
    assert ids(engine, "labour AND passport") == labour & passport
    assert ids(engine, "labour OR passport") == labour | passport
    assert ids(engine, "labour NOT passport") == labour - passport
    assert ids(engine, "labour -passport") == labour - passport
    assert ids(engine, "(labour OR passport) AND offence:sex_trafficking") == (labour | passport) & ids(engine, "offence:sex_trafficking")


def test_phrase_is_narrower_than_its_words(engine: WhooshEngine) -> None:
    phrase, words = ids(engine, '"positive obligations"'), ids(engine, "positive obligations")
    assert phrase and phrase <= words


def test_field_query_searches_one_field(engine: WhooshEngine) -> None:
    in_title = ids(engine, "title:rantsev")
    assert "ecthr-2010-rantsev-v-cyprus-and-russia" in in_title
    assert in_title < ids(engine, "rantsev") or in_title == ids(engine, "rantsev")
    assert all("rantsev" in h.title.lower() for h in engine.search(SearchRequest(query="title:rantsev", limit=100)).hits)


@pytest.mark.parametrize(("british", "american"), [("labour", "labor"), ("offence", "offense"), ("organised crime", "organized crime")])
def test_spelling_folding_in_search(engine: WhooshEngine, british: str, american: str) -> None:
    assert ids(engine, british) == ids(engine, american)
    assert ids(engine, british)


def test_empty_query_lists_newest_first(engine: WhooshEngine, corpus_records: list[CaseRecord]) -> None:
    hits = engine.search(SearchRequest(limit=5)).hits
    expected = [r.id for r in sorted(corpus_records, key=newest_first_key)[:5]]
    assert [h.id for h in hits] == expected


def test_hits_carry_snippets_with_marked_words(engine: WhooshEngine) -> None:
    hit = engine.search(SearchRequest(query="artiste visa")).hits[0]
    assert hit.id == "ecthr-2010-rantsev-v-cyprus-and-russia"
    assert "**visa**" in hit.snippet or "**artiste**" in hit.snippet
    assert hit.to_json().keys() == {"id", "title", "score", "snippet", "offence_types", "jurisdiction", "decision_date", "flags"}


RELEVANCE = [
    ("artiste visa cabaret", "ecthr-2010-rantsev-v-cyprus-and-russia"),
    ("Rantsev", "ecthr-2010-rantsev-v-cyprus-and-russia"),
    ("Siliadin", "ecthr-2005-siliadin-v-france"),
    ('"involuntary servitude" psychological coercion', "usa-1988-united-states-v-kozminski"),
    ("non-punishment cannabis", "gbr-2013-r-v-l-hvn-thn-and-t"),
    ("strawberry pickers Greece", "ecthr-2017-chowdury-and-others-v-greece"),
    ("Hounga illegality employment", "gbr-2014-hounga-v-allen"),
    ("Facebook prostitution", "ecthr-2020-sm-v-croatia"),
    ("bonded labourers quarries", "ind-1983-bandhua-mukti-morcha-v-union-of-india"),
    ("Brazil ranch slave labor", "iacthr-2016-hacienda-brasil-verde-workers-v-brazil"),
    ("sex trafficking purchaser obtains", "usa-2013-united-states-v-jungers"),
    ("Tang slavery Australia", "aus-2008-r-v-tang"),
    ("Azerbaijan investigate construction", "ecthr-2021-zoletic-and-others-v-azerbaijan"),
    ("Krachunova compensation earnings", "ecthr-2023-krachunova-v-bulgaria"),
    ("labour trafficking offence:labour_trafficking jurisdiction:ECHR", "ecthr-2017-chowdury-and-others-v-greece"),
]


@pytest.mark.parametrize(("query", "case_id"), RELEVANCE, ids=[q for q, _ in RELEVANCE])
def test_relevance_expected_case_in_top_five(engine: WhooshEngine, query: str, case_id: str) -> None:
    top = [h.id for h in engine.search(SearchRequest(query=query, limit=5)).hits]
    assert case_id in top, top
