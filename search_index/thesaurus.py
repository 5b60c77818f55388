"""The legal thesaurus: statutory and doctrinal equivalents a lawyer may use for the same idea.

The entries live as data in ``thesaurus.yaml`` beside this module, each with the
source that makes its terms equivalent (a statute, a ruling, the ILO indicators,
the Palermo Protocol). A query phrase that matches one term of an entry also
searches the entry's other terms, at :data:`EXPANSION_WEIGHT` of a literal word.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from search_index.analysis import question_terms, terms

THESAURUS_FILE = Path(__file__).with_name("thesaurus.yaml")
EXPANSION_WEIGHT = 0.4
"""Weight of a thesaurus term against 1.0 for a word the user typed."""


class ThesaurusError(ValueError):
    """A thesaurus file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class Entry:
    """Terms that mean the same thing in trafficking law, and why."""

    terms: tuple[str, ...]
    source: str

    @property
    def keys(self) -> tuple[tuple[str, ...], ...]:
        """Each term as a question's stemmed terms (the stop words of both engines dropped), to find it in a question."""
        return tuple(tuple(question_terms(t)) for t in self.terms)


@dataclass(frozen=True)
class Expansion:
    """One query phrase found in the thesaurus, and the terms it also searches."""

    start: int
    end: int
    """The phrase's span in the query's term list (end exclusive)."""
    matched: str
    also: tuple[str, ...]


@dataclass(frozen=True)
class Thesaurus:
    """Every entry, with an index from a term's first stemmed word to the entries holding it."""

    entries: tuple[Entry, ...]

    def expansions(self, query_terms: list[str]) -> list[Expansion]:
        """The thesaurus phrases in a query's stemmed terms, longest first, never overlapping."""
        found: list[Expansion] = []
        taken: set[int] = set()
        candidates: list[tuple[int, int, Entry, str]] = []
        for entry in self.entries:
            for term, key in zip(entry.terms, entry.keys, strict=True):
                if not key:
                    continue
                for i in range(len(query_terms) - len(key) + 1):
                    if tuple(query_terms[i : i + len(key)]) == key:
                        candidates.append((i, i + len(key), entry, term))
        for start, end, entry, term in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
            span = set(range(start, end))
            if span & taken:
                continue
            key = tuple(query_terms[start:end])
            also = tuple(t for t, k in zip(entry.terms, entry.keys, strict=True) if k and k != key)
            if also:
                taken |= span
                found.append(Expansion(start, end, term, also))
        return sorted(found, key=lambda e: e.start)

    def to_json(self) -> list[dict[str, object]]:
        """The entries as the browser index ships them: terms and source."""
        return [{"terms": list(e.terms), "source": e.source} for e in self.entries]


def parse_thesaurus(data: object, origin: str) -> Thesaurus:
    """Check and build a thesaurus from parsed YAML.

    Raises:
        ThesaurusError: naming ``origin`` and the entry, when an entry lacks terms or a source.
    """
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ThesaurusError(f"{origin}: expected a mapping with a list under 'entries'")
    entries = []
    for n, item in enumerate(data["entries"], 1):
        if not isinstance(item, dict):
            raise ThesaurusError(f"{origin}: entry {n} is not a mapping")
        found = item.get("terms")
        source = item.get("source")
        if not isinstance(found, list) or len(found) < 2 or not all(isinstance(t, str) and terms(t) for t in found):
            raise ThesaurusError(f"{origin}: entry {n} needs 'terms', a list of at least two searchable terms")
        if not isinstance(source, str) or not source.strip():
            raise ThesaurusError(f"{origin}: entry {n} ({found[0]!r}) has no 'source'")
        entries.append(Entry(tuple(found), source.strip()))
    return Thesaurus(tuple(entries))


@lru_cache(maxsize=4)
def load_thesaurus(path: Path = THESAURUS_FILE) -> Thesaurus:
    """The thesaurus in ``path`` (the bundled one by default), checked.

    Raises:
        ThesaurusError: when the file cannot be read or an entry is malformed.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ThesaurusError(f"{path}: cannot read the thesaurus: {exc}") from exc
    return parse_thesaurus(data, str(path))
