"""Fixtures for the search tests: one whoosh index of the test corpus per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from palermo.corpus.store import load_corpus
from palermo.model.schema import CaseRecord
from search_index.whoosh_engine import WhooshEngine


@pytest.fixture(scope="session")
def corpus_records(test_corpus: Path) -> list[CaseRecord]:
    """Every record of the test corpus the search index holds (bundled cases plus planted test records; records
    marked out of scope are never indexed)."""
    corpus = load_corpus(test_corpus)
    assert not corpus.errors, corpus.errors
    return [r for r in corpus.records if r.in_scope]


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory, test_corpus: Path) -> WhooshEngine:
    """The tuned whoosh engine over the test corpus."""
    engine = WhooshEngine(tmp_path_factory.mktemp("index") / "index")
    report, errors = engine.index_corpus(test_corpus)
    assert not errors and report.rebuilt
    return engine
