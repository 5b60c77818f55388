"""Spelling folding and the analyzer: British and American spellings meet in the index."""

from __future__ import annotations

import pytest

from search_index.analysis import fold, terms, text_analyzer

PAIRS = [
    ("labour", "labor"),
    ("labourers", "laborers"),
    ("harbouring", "harboring"),
    ("offence", "offense"),
    ("offences", "offenses"),
    ("organisation", "organization"),
    ("organised", "organized"),
    ("recognised", "recognized"),
    ("criminalisation", "criminalization"),
    ("behaviour", "behavior"),
    ("defence", "defense"),
    ("licence", "license"),
    ("judgement", "judgment"),
    ("travelled", "traveled"),
    ("programme", "program"),
    ("enrolment", "enrollment"),
    ("wilful", "willful"),
    ("victimisation", "victimization"),
]


@pytest.mark.parametrize(("british", "american"), PAIRS, ids=[p[0] for p in PAIRS])
def test_british_and_american_spellings_give_the_same_term(british: str, american: str) -> None:
    assert terms(british) == terms(american)
    assert [t.text for t in text_analyzer()(british)] == [t.text for t in text_analyzer()(american)]


@pytest.mark.parametrize("word", ["hour", "our", "four", "tour", "exercise", "promise", "enterprise", "colourless"])
def test_folding_leaves_other_words_alone(word: str) -> None:
    expected = {"colourless": "colorless"}.get(word, word)
    assert fold(word) == expected


def test_analyzer_drops_stop_words_and_stems() -> None:
    assert [t.text for t in text_analyzer()("The labourers were trafficked")] == ["labor", "traffick"]


def test_analyzer_positions_skip_stop_words_and_chars_point_into_the_text() -> None:
    text = "Forced labour of the workers"
    tokens = [(t.text, t.pos, text[t.startchar : t.endchar]) for t in text_analyzer()(text, positions=True, chars=True)]
    assert tokens == [("forc", 0, "Forced"), ("labor", 1, "labour"), ("worker", 2, "workers")]
