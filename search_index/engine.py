"""The engine-neutral interface the CLI and the site call: ``index``, ``search``, ``similar``.

Callers import these types only; :mod:`search_index.whoosh_engine` implements
them with whoosh, and another engine (tantivy, SQLite FTS5) could replace it by
implementing :class:`SearchEngine`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from palermo.model.schema import CaseRecord
from search_index.query import YearRange

DEFAULT_INDEX_DIR = Path(".palermo") / "index"
"""Where ``palermo index`` builds the index by default (gitignored)."""


@dataclass(frozen=True)
class SearchRequest:
    """A query with its filters: several values of one facet are ORed, different facets ANDed."""

    query: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    years: YearRange | None = None
    limit: int = 10
    thesaurus: bool = True
    """Whether a plain question also searches the thesaurus's equivalents of its phrases."""


@dataclass(frozen=True)
class Hit:
    """One ranked result."""

    id: str
    title: str
    score: float
    snippet: str
    offence_types: list[str]
    jurisdiction: str
    decision_date: str | None
    meta: dict[str, Any] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    """Plain warnings from the record: an adverse outcome, a holding that limits the asked-for theory."""

    def to_json(self) -> dict[str, Any]:
        """The result as the ``--json`` output shows it."""
        return {
            "id": self.id,
            "title": self.title,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "offence_types": self.offence_types,
            "jurisdiction": self.jurisdiction,
            "decision_date": self.decision_date,
            "flags": self.flags,
        }


@dataclass(frozen=True)
class SearchResponse:
    """Ranked hits, the total number of matches, and facet counts over all matches."""

    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    match: str = "all_words"
    """``all_words`` (every word or the query's own logic matched) or ``closest`` (no case had every word)."""
    also_matched: list[str] = field(default_factory=list)
    """Thesaurus equivalents searched besides the words typed."""

    def to_json(self) -> dict[str, Any]:
        """``{"total", "match", "also_matched", "results", "facets"}`` as documented for ``palermo search --json``."""
        return {
            "total": self.total,
            "match": self.match,
            "also_matched": self.also_matched,
            "results": [h.to_json() for h in self.hits],
            "facets": self.facets,
        }


@dataclass(frozen=True)
class IndexReport:
    """What an index run did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    rebuilt: bool = False
    seconds: float = 0.0


class SearchEngine(Protocol):
    """What Palermo needs from a search engine."""

    def index(self, records: Iterable[CaseRecord]) -> IndexReport:
        """Bring the index up to date with ``records`` (the whole corpus), touching only what changed."""
        ...

    def search(self, request: SearchRequest) -> SearchResponse:
        """Run a query with filters; facet counts cover every match."""
        ...
