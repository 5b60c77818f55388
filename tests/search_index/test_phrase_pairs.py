"""Word pairs for the browser's phrase search: whoosh's positions, lunr's stems, one mask bit per field."""

from __future__ import annotations

import json

from search_index.phrase_pairs import FIELDS, chain, pair_masks, phrase_pair_files, shard_of
from tests.factories import case_record


def test_stop_words_leave_no_gap_and_words_are_stemmed_as_the_index_is() -> None:
    # whoosh drops "of" and "a" without a position, so the phrase's words stand side by side
    assert chain("Abuse of a position of vulnerability") == ["abus", "posit", "vulner"]
    # lunr.py's stemmer, which built the browser index ("pay" → "pai"), and lunr's stop words kept as whoosh keeps them
    assert chain("her pay") == ["her", "pai"]


def test_pairs_carry_the_fields_they_occur_in() -> None:
    record = case_record(title="Serious harm case", summary="The threat of serious harm was made.")
    masks = pair_masks([record])
    title, summary = 1 << FIELDS.index("title"), 1 << FIELDS.index("summary")
    assert masks["seriou harm"] == {0: title | summary}
    assert "harm case" in masks and masks["harm case"] == {0: title}


def test_files_are_split_by_the_first_two_letters() -> None:
    files = phrase_pair_files([case_record(title="Serious harm", summary="Élan vital")])
    assert "se.json" in files
    assert json.loads(files["se.json"])["seriou harm"] == [0, 1]
    assert shard_of("élan") == "_"
