"""The compact browser index: what lunr.js rebuilds equals what lunr.py built, and it is much smaller than the naive export."""

from __future__ import annotations

import json

import pytest

from benchmarks.naive_lunr import naive_lunr_files
from palermo.model.schema import CaseRecord
from search_index.browser_shards import assemble
from search_index.lunr_export import (
    SCORE_SCALE,
    BrowserIndex,
    browser_index_files,
    gzip_size,
    lunr_index_from_compact,
    lunr_terms,
    meta,
)


@pytest.fixture(scope="module")
def browser(corpus_records: list[CaseRecord]) -> BrowserIndex:
    index = BrowserIndex()
    index.extend(corpus_records)
    return index


def test_lunr_terms_fold_and_stem_like_the_page() -> None:
    assert lunr_terms("The Labourers' offences") == lunr_terms("labor offenses")
    assert lunr_terms("Zoletić") == ["zoleti"]  # lunr.js trims non-ASCII word ends, so the index must too


def test_compact_postings_carry_lunr_scores(browser: BrowserIndex) -> None:
    full = browser.build_lunr()
    compact = BrowserIndex(summary_terms=10_000, records=browser.records).compact_index()
    assert compact["terms"] == sorted(full.inverted_index)
    fields = compact["fields"]
    for term, row in zip(compact["terms"], compact["postings"], strict=True):
        for f, plist in enumerate(row):
            docs, doc = [], 0
            for k in range(0, len(plist or []), 2):
                doc += plist[k]
                docs.append(str(doc))
                vector = full.field_vectors[f"{fields[f]}/{doc}"]
                index = full.inverted_index[term]["_index"]
                score = dict(zip(vector.elements[0::2], vector.elements[1::2], strict=True))[index]
                shipped = max(1 / SCORE_SCALE, score)  # a score below one unit ships as one unit, so the posting is kept
                assert abs(plist[k + 1] / SCORE_SCALE - shipped) <= 0.5 / SCORE_SCALE + 1e-3
            assert sorted(docs) == sorted(full.inverted_index[term][fields[f]])


def test_top_result_for_titles_and_holdings_is_kept(browser: BrowserIndex) -> None:
    from lunr.index import Index

    full = browser.build_lunr()
    compact = lunr_index_from_compact(browser.compact_index())

    from lunr.query import QueryPresence

    def top(index: Index, text: str) -> list[str]:
        # As the search page does: every word required.
        query = index.create_query()
        for term in lunr_terms(text):
            query.term(term, use_pipeline=False, presence=QueryPresence.REQUIRED)
        return [r["ref"] for r in index.query(query)[:3]]

    for i, record in enumerate(browser.records):
        assert top(compact, record.title)[:1] == top(full, record.title)[:1]
        assert str(i) in top(compact, record.title)
        if record.holdings:
            words = " ".join(record.holdings[0].split()[:12])
            if top(full, words)[:1] == [str(i)]:
                assert top(compact, words)[:1] == [str(i)]


def test_store_holds_text_not_markup_and_is_small(corpus_records: list[CaseRecord], files: dict[str, str]) -> None:
    docs = assemble(files)["docs"]
    planted = docs["id"].index("zzz-2019-planted-xss-title")
    assert docs["title"][planted] == "Planted search test record <img src=x onerror=alert(1)> v. Nobody"
    assert gzip_size(files) * 3 < gzip_size(naive_lunr_files(corpus_records))


@pytest.fixture(scope="module")
def files(browser: BrowserIndex) -> dict[str, str]:
    return browser_index_files(browser.records)


def test_shards_put_back_together_are_the_whole_index(browser: BrowserIndex, files: dict[str, str]) -> None:
    """Nothing is lost or renumbered by sharding: every term keeps its id, posting and score, every row its place."""
    assert len([n for n in files if n.startswith("terms/")]) > 5
    assert len([n for n in files if n.startswith("rows/")]) > 5
    whole = assemble(files)
    assert whole["index"] == browser.compact_index()
    assert whole["docs"] == browser.documents()
    assert whole["meta"] == meta(browser.records)
    manifest = json.loads(files["meta.json"])
    assert manifest["shards"] == sorted(manifest["shards"])
    for n, first in enumerate(manifest["shards"]):
        assert json.loads(files[f"terms/{n}.json"])["terms"][0] == first


def test_a_query_reads_a_small_part_of_the_index(files: dict[str, str]) -> None:
    """meta.json and one term shard are each a small share of the whole index."""
    whole = gzip_size(files)
    assert gzip_size({"meta.json": files["meta.json"]}) * 5 < whole
    assert max(gzip_size({n: t}) for n, t in files.items() if n.startswith("terms/")) * 10 < whole
