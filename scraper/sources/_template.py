"""TEMPLATE — copy to ``scraper/sources/<source_id>.py`` to add a source (see CONTRIBUTING.md, "Add a source").

Source: <Full name of the source>
Id: <source_id>  (equals the module name; add it to ``scraper/sources/__init__.py::__all__``)
URL: <homepage>
Maintainer: <who looks after this module>
History:
    - YYYY-MM-DD: first version (<what it reads>).

What it reads: <listing pages, documents, their formats>. Saved documents live in
``../shared/fixtures/<folder>/`` (real ones) and ``tests/fixtures/<source_id>/`` (small,
hand-written, including malformed ones); golden output in ``tests/golden/<source_id>/``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import ClassVar

from palermo.model.schema import CaseRecord
from palermo.model.vocab import EditorialStatus
from scraper.base import BaseSource, ParseError, RawDocument


class Source(BaseSource):
    """<One line: what this source yields.>"""

    source_id: ClassVar[str] = "_template"
    name: ClassVar[str] = "Example source"
    homepage: ClassVar[str] = "https://example.org/"
    licence: ClassVar[str] = "Licence of the documents, as the source states it"
    default_base_url: ClassVar[str] = "https://example.org"
    offline_patterns: ClassVar[tuple[str, ...]] = ("*.json",)

    def discover(self, since: datetime.date | None, limit: int | None) -> Iterator[RawDocument]:
        """Live: page through the listing, then fetch each case document, via the shared fetcher."""
        fetcher = self.require_fetcher()
        listing = fetcher.get(f"{self.base_url}/cases.json", accept="application/json")
        yield listing
        # for url in urls_in(listing):
        #     if self.already_done(url): continue          # resuming an interrupted run
        #     try: yield fetcher.get(url, accept="text/html")
        #     except FetchError: continue                   # reported by the run
        # stop after `limit` case documents

    def parse(self, doc: RawDocument) -> list[CaseRecord]:
        """Read one raw document into records; raise ParseError naming the field for bad input."""
        text = doc.text()
        if not text.strip():
            raise ParseError(doc.name, "(document)", "empty document")
        title = text.strip().splitlines()[0]
        return [
            CaseRecord(
                id="xxx-2000-example",
                title=title,
                jurisdiction="USA",
                sources=[self.source_entry(doc)],
                editorial_status=EditorialStatus.EXTRACTED,
            )
        ]
