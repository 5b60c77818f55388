"""The contract every source module implements.

A source turns raw documents into validated :class:`~palermo.model.schema.CaseRecord` objects.
It can read saved documents from disk (:meth:`BaseSource.documents_from`, used by
``palermo scrape SOURCE --from PATH`` and by the tests) or fetch them live through the
shared :class:`~scraper.fetch.Fetcher` (:meth:`BaseSource.discover`). Parsing is pure:
:meth:`BaseSource.parse` looks only at the document it is given.
"""

from __future__ import annotations

import abc
import datetime
import pathlib
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

from palermo.model.schema import CaseRecord, Source
from scraper.document import ParseError, RawDocument, file_document
from scraper.fetch import Fetcher

__all__ = ["BaseSource", "ParseError", "RawDocument", "file_document"]


class BaseSource(abc.ABC):
    """A public source of case law. Subclasses live in ``scraper/sources/<source_id>.py`` as ``Source``."""

    source_id: ClassVar[str]
    """Equals the module name, e.g. ``"hudoc"``."""
    name: ClassVar[str]
    """Display name recorded in every Source entry, e.g. ``"HUDOC (European Court of Human Rights)"``."""
    homepage: ClassVar[str]
    licence: ClassVar[str]
    """Recorded in every Source entry."""
    default_base_url: ClassVar[str]
    requires_licence_confirmation: ClassVar[bool] = False
    """True when a live run needs ``--licence-confirmed`` (uk_fcl)."""
    offline_patterns: ClassVar[tuple[str, ...]] = ()
    """Glob patterns of the saved files this source reads, e.g. ``("*.rss", "*.json")``."""
    saved_documents: ClassVar[str | None] = None
    """Folder of its real saved documents, relative to the saved-documents root (``../shared/fixtures``); None if none."""
    corpus_order: ClassVar[int | None] = None
    """Its place in a full corpus build from the saved documents (lower runs first); None to leave it out."""

    def __init__(self, fetcher: Fetcher | None = None, base_url: str | None = None, options: dict[str, Any] | None = None) -> None:
        self.fetcher = fetcher
        self.base_url = (base_url or self.default_base_url).rstrip("/")
        self.options: dict[str, Any] = dict(options or {})
        self.problems: list[ParseError] = []
        """Non-fatal problems found while parsing (a bad row in an otherwise good file); the command reports and drains them."""
        self.skips: list[tuple[str, str]] = []
        """``(document or record, reason)`` for input deliberately left out (duplicates, out of scope)."""
        self.already_done: Callable[[str], bool] = lambda url: False
        """Set by the run when it resumes an interrupted one: ``discover`` may skip fetching a URL it says is done."""

    def report_problem(self, document: str, field: str, message: str) -> None:
        """Record a problem with part of a document and carry on with the rest."""
        self.problems.append(ParseError(document, field, message))

    def note_skip(self, what: str, reason: str) -> None:
        """Record input left out on purpose, with the reason the report will show."""
        self.skips.append((what, reason))

    # -- offline -----------------------------------------------------------------
    def matches(self, path: pathlib.Path) -> bool:
        """True when a saved file is one this source reads (by ``offline_patterns``)."""
        return any(path.match(pattern) for pattern in self.offline_patterns)

    def documents_from(self, path: pathlib.Path) -> Iterator[RawDocument]:
        """Offline (``--from``): the saved documents under ``path`` this source reads.

        A file given directly is always read; in a folder, every file matching
        ``offline_patterns`` (recursively, sorted), leaving out the ``*.meta.json`` files
        ``--save-responses`` writes beside each response.
        """
        if path.is_file():
            yield file_document(self.source_id, path)
            return
        for candidate in sorted(p for p in path.rglob("*") if p.is_file()):
            if candidate.name.endswith(".meta.json") or candidate.name.startswith("."):
                continue
            if self.matches(candidate):
                yield file_document(self.source_id, candidate)

    # -- live --------------------------------------------------------------------
    def discover(self, since: datetime.date | None, limit: int | None) -> Iterator[RawDocument]:
        """Live: fetch listing pages, then documents, through ``self.fetcher``; yield every raw document fetched.

        Args:
            since: only documents decided or published on or after this date, when the source can filter.
            limit: stop after about this many case documents.
        """
        raise NotImplementedError(f"{self.source_id} has no live discovery")
        yield  # pragma: no cover - makes this a generator

    def require_fetcher(self) -> Fetcher:
        """The fetcher, or a clear error when the source was built without one."""
        if self.fetcher is None:
            raise RuntimeError(f"{self.source_id}: a live run needs a Fetcher")
        return self.fetcher

    # -- parsing -----------------------------------------------------------------
    @abc.abstractmethod
    def parse(self, doc: RawDocument) -> list[CaseRecord]:
        """Pure: raw document → validated records.

        Returns:
            The records the document yields; ``[]`` for a document that is not about trafficking.

        Raises:
            ParseError: for bad input, naming the document and the field.
        """

    def case_url_key(self, url: str) -> str | None:
        """A canonical key when ``url`` is the page of one case at this source (``None`` otherwise).

        The corpus update matches records on it, so the same case reached through two
        spellings of its URL (or cited by a curated record) is merged, not duplicated.
        Listing or search URLs must return ``None``: they are shared by many cases.
        """
        return None

    def scope_of(self, record: CaseRecord) -> str | None:
        """After a run: whether a record in the corpus is a trafficking case, by what this source listed.

        Returns a reason to mark the record out of scope, ``""`` to clear a mark set by an earlier
        run (the source lists the case), or ``None`` when the source has no say (the default).
        A source that reads a complete list of trafficking cases (``sherloc_analysis``) overrides it.
        """
        return None

    def source_entry(self, doc: RawDocument, url: str | None = None) -> Source:
        """The schema ``Source`` entry citing ``doc`` (name, url, retrieval date, licence, sha256).

        Args:
            doc: the raw document the facts come from.
            url: the public http(s) address to cite, when ``doc.url`` is a local ``file://`` URI.
        """
        cite = url or doc.url
        if not cite.startswith(("http://", "https://")):
            cite = self.homepage
        return Source(name=self.name, url=cite, retrieved_at=doc.retrieved_at.date(), licence=self.licence, sha256=doc.sha256)
