"""The legal thesaurus: it loads, every entry has a source, and it widens a plain question at a lower weight."""

from __future__ import annotations

from pathlib import Path

import pytest

from search_index.engine import SearchRequest
from search_index.natural import is_plain, plan
from search_index.thesaurus import EXPANSION_WEIGHT, ThesaurusError, load_thesaurus, parse_thesaurus
from search_index.whoosh_engine import WhooshEngine


def test_bundled_thesaurus_loads_with_a_source_for_every_entry() -> None:
    thesaurus = load_thesaurus()
    assert len(thesaurus.entries) >= 60
    for entry in thesaurus.entries:
        assert entry.source.strip(), entry.terms
        assert len(entry.terms) >= 2 and all(entry.keys), entry.terms
    everything = {t.lower() for e in thesaurus.entries for t in e.terms}
    assert {"serious harm", "peonage", "wahaya", "loverboy method", "t visa", "artiste visa", "cannabis farm"} <= everything


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"entries": [{"terms": ["debt bondage", "peonage"]}]}, "has no 'source'"),
        ({"entries": [{"terms": ["peonage"], "source": "x"}]}, "at least two"),
        ({"other": []}, "list under 'entries'"),
    ],
)
def test_a_bad_entry_is_named(data: object, message: str) -> None:
    with pytest.raises(ThesaurusError, match=message) as caught:
        parse_thesaurus(data, "thesaurus.yaml")
    assert "thesaurus.yaml" in str(caught.value)


def test_unreadable_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ThesaurusError, match=r"missing\.yaml"):
        load_thesaurus(tmp_path / "missing.yaml")


def test_expansion_finds_phrases_in_a_question() -> None:
    question = plan("psychological coercion of labourers, passports confiscated", load_thesaurus())
    assert question is not None
    assert "serious harm" in question.also_matched and "retention of identity documents" in question.also_matched
    assert plan("psychological coercion", None) == plan("psychological coercion", load_thesaurus().__class__(()))


def test_only_plain_questions_are_widened() -> None:
    assert is_plain("girl sold as a fifth wife under wahaya custom?")
    for strict in ['"serious harm"', "debt AND bondage", "peonage -mexico", "title:kozminski", "traffick*", "(forced labour)"]:
        assert not is_plain(strict), strict


def test_thesaurus_weighs_less_than_the_literal_words(engine: WhooshEngine) -> None:
    assert 0 < EXPANSION_WEIGHT < 1
    widened = engine.search(SearchRequest(query="psychological coercion", limit=50))
    literal = engine.search(SearchRequest(query="psychological coercion", limit=50, thesaurus=False))
    assert "serious harm" in widened.also_matched and literal.also_matched == []
    scores = {h.id: h.score for h in widened.hits}
    # Kozminski says "psychological coercion"; Bradley only "serious harm": the literal words rank first.
    assert scores["usa-1988-united-states-v-kozminski"] > scores["usa-2004-united-states-v-bradley"]


def test_strict_syntax_is_untouched(engine: WhooshEngine) -> None:
    phrase = engine.search(SearchRequest(query='"psychological coercion"', limit=50))
    assert phrase.match == "all_words" and phrase.also_matched == []
    assert engine.search(SearchRequest(query="wahaya AND slavery")).total == 0
