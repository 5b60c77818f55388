"""Helpers shared by the site tests: the records the test site was built from, and its pages parsed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

from palermo.corpus.store import load_corpus
from palermo.model.schema import CaseRecord


@pytest.fixture(scope="session")
def site_records(test_corpus: Path) -> list[CaseRecord]:
    """The records the site publishes: the test corpus (bundled corpus plus planted records) without those marked out of scope."""
    corpus = load_corpus(test_corpus)
    assert not corpus.errors, corpus.errors
    return [r for r in corpus.records if r.in_scope]


def html_pages(site: Path) -> Iterator[Path]:
    """Every HTML file of a built site."""
    yield from sorted(site.rglob("*.html"))


@pytest.fixture(scope="session")
def parsed_pages(built_site: Path) -> dict[Path, lxml.html.HtmlElement]:
    """Every HTML page of the built site, parsed, by path relative to the site root."""
    return {path.relative_to(built_site): lxml.html.fromstring(path.read_bytes()) for path in html_pages(built_site)}
