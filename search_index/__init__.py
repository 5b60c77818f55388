"""Search over the case corpus: a whoosh index for the command line, a lunr index for the browser.

Callers use the engine-neutral interface (:mod:`search_index.engine`) through
:func:`open_engine` and :func:`ensure_index`; facets are configured in
:mod:`search_index.facets`; :func:`search_index.similar.similar_table` computes
"similar cases" for the site without any index on disk.
"""

from __future__ import annotations

from pathlib import Path

from palermo.corpus.store import CaseFileError
from search_index.engine import DEFAULT_INDEX_DIR, Hit, IndexReport, SearchEngine, SearchRequest, SearchResponse
from search_index.query import QueryError, YearRange, parse_year_range
from search_index.whoosh_engine import WhooshEngine

__all__ = [
    "DEFAULT_INDEX_DIR",
    "Hit",
    "IndexReport",
    "QueryError",
    "SearchEngine",
    "SearchRequest",
    "SearchResponse",
    "YearRange",
    "ensure_index",
    "open_engine",
    "parse_year_range",
]


def open_engine(index_dir: Path = DEFAULT_INDEX_DIR) -> WhooshEngine:
    """The search engine whose index lives in ``index_dir`` (it may not be built yet)."""
    return WhooshEngine(index_dir)


def ensure_index(cases_dir: Path, index_dir: Path = DEFAULT_INDEX_DIR) -> tuple[WhooshEngine, IndexReport | None, list[CaseFileError]]:
    """Open the index, building it from ``cases_dir`` first when it is missing.

    Returns:
        The engine, the build report (``None`` when the index already existed) and any files that failed to load.
    """
    engine = open_engine(index_dir)
    if engine.exists():
        return engine, None, []
    report, errors = engine.index_corpus(cases_dir)
    return engine, report, errors
