"""Summaries and holdings are in our own words: no long run of words copied from a saved source document.

Compares every record's summary and holdings against the text of the real saved
documents in ../shared/fixtures (judgment paragraphs, LegalDocML, SHERLOC
extracts, the HTD coding's summaries, CourtListener opinions). A shared run of
SHINGLE words or more, outside a short passage marked as a quotation, counts
as copied prose.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from palermo.corpus.store import load_corpus

SHINGLE = 12
_WORD = re.compile(r"[a-z0-9]+")
# A short passage marked as a quotation (a statutory definition, a treaty's words) is a citation, not copied prose.
_QUOTED = re.compile(r"[\"“][^\"“”]{1,250}[\"”]")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _json_strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _json_strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _json_strings(value)


def _fixture_texts(root: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(root.rglob("*")):
        if not path.is_file() or "schema-reference" in path.parts:
            continue
        rel = str(path.relative_to(root))
        if path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            for text in _json_strings(data):
                if len(text) > 80:
                    yield rel, BeautifulSoup(text, "lxml").get_text(" ") if "<" in text else text
        elif path.suffix in {".xml", ".rss"}:
            yield rel, BeautifulSoup(path.read_bytes(), "xml").get_text(" ")
        elif path.suffix == ".html":
            yield rel, BeautifulSoup(path.read_bytes(), "lxml").get_text(" ")
        elif path.suffix == ".csv":
            with path.open(encoding="utf-8", errors="replace", newline="") as handle:
                for row in csv.reader(handle):
                    for cell in row:
                        if len(cell) > 80:
                            yield rel, cell


@pytest.fixture(scope="module")
def source_shingles(shared_fixtures: Path) -> dict[tuple[str, ...], str]:
    index: dict[tuple[str, ...], str] = {}
    for name, text in _fixture_texts(shared_fixtures):
        for shingle in _shingles(text):
            index.setdefault(shingle, name)
    return index


def test_no_copied_prose(repo_root: Path, source_shingles: dict[tuple[str, ...], str]) -> None:
    copied = []
    for record in load_corpus(repo_root / "cases").records:
        texts = [record.summary or "", *record.holdings]
        for text in texts:
            hits = _shingles(_QUOTED.sub(" ", text)) & source_shingles.keys()
            if hits:
                sample = sorted(hits)[0]
                copied.append(f"{record.id}: '{' '.join(sample)}' (from {source_shingles[sample]})")
    assert not copied, "summaries or holdings copy source prose:\n" + "\n".join(copied)
