"""Facets for the search engines: the registry's facets (:mod:`palermo.model.facets`) with filtering and counting.

Each facet knows how to read its values from a record, how to label them,
which values to offer (``suggest``) and how to count them over a result set
(``results``). Counting works on bitsets of document numbers (see
:mod:`search_index.bitset`); the browser page counts the same facets the same
way in JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from palermo.model.facets import FACETS as REGISTRY
from palermo.model.facets import FacetSpec
from palermo.model.jurisdictions import jurisdiction_label, jurisdiction_name
from palermo.model.schema import CaseRecord
from palermo.model.vocab import Vocabulary


@dataclass
class Facet:
    """A faceted field: its registry entry, with what filtering and counting need."""

    spec: FacetSpec
    kind: ClassVar[str] = "column"

    @property
    def name(self) -> str:
        """The facet's name in results."""
        return self.spec.name

    @property
    def label(self) -> str:
        """The facet's label."""
        return self.spec.label

    @property
    def aliases(self) -> tuple[str, ...]:
        """The names a query may use for it."""
        return self.spec.aliases

    @property
    def vocab(self) -> type[Vocabulary] | None:
        """The controlled vocabulary of the facet's values, if it has one."""
        return self.spec.vocabulary

    def values(self, record: CaseRecord) -> list[str]:
        """The facet's values in one record."""
        return self.spec.values(record)

    def normalise(self, value: str) -> str:
        """A value as typed by a user (``Labour trafficking``, ``labour-trafficking``) as stored.

        Raises:
            ValueError: when the value is not one the facet can hold.
        """
        text = value.strip()
        vocab = self.vocab
        if vocab is None:
            return text
        key = text.lower().replace("-", "_").replace(" ", "_")
        for term in vocab:
            if key in (term.value, term.label.lower().replace(" ", "_").replace("-", "_")):
                return term.value
        known = ", ".join(t.value for t in vocab)
        raise ValueError(f"unknown {self.label.lower()} {value!r}; known values: {known}")

    def label_of(self, value: str) -> str:
        """The display label of a value."""
        vocab = self.vocab
        if vocab is not None:
            try:
                return vocab(value).label
            except ValueError:
                return value
        return value

    def suggest(self, present: Iterable[str] = ()) -> list[str]:
        """The values to offer as filters: the whole vocabulary, else the values present, sorted."""
        vocab = self.vocab
        if vocab is not None:
            return [t.value for t in vocab]
        return sorted(set(present))

    def results(self, base: int, postings: Mapping[str, int], selected: Iterable[str] = ()) -> dict[str, int]:
        """Count each value over the document set ``base``; non-zero counts and selected values only."""
        counts = {value: (base & bits).bit_count() for value, bits in postings.items()}
        keep = set(selected)
        return {v: c for v, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if c or v in keep}


@dataclass
class ArrayFacet(Facet):
    """A facet over a list field (a case can carry several offence types)."""

    kind: ClassVar[str] = "array"


@dataclass
class JurisdictionFacet(Facet):
    """The jurisdiction code (ISO 3166 alpha-3 or an international body)."""

    kind: ClassVar[str] = "jurisdiction"

    def normalise(self, value: str) -> str:
        """Upper-case a code and check it is known."""
        code = value.strip().upper()
        if jurisdiction_name(code) is None:
            raise ValueError(f"unknown jurisdiction {value!r}: use an ISO 3166 alpha-3 code (GBR, USA) or a body (ECHR, IACHR, ECOWAS)")
        return code

    def label_of(self, value: str) -> str:
        """The jurisdiction's name."""
        return jurisdiction_label(value)


@dataclass
class YearFacet(Facet):
    """The decision year; filtered by ranges (``--year 2010..2020``), counted per year."""

    kind: ClassVar[str] = "year"

    def normalise(self, value: str) -> str:
        """Check a year is four digits."""
        if not value.strip().isdigit():
            raise ValueError(f"year {value!r} is not a number")
        return str(int(value))

    def results(self, base: int, postings: Mapping[str, int], selected: Iterable[str] = ()) -> dict[str, int]:
        """Counts per year, newest year first."""
        counts = {value: (base & bits).bit_count() for value, bits in postings.items()}
        return {v: c for v, c in sorted(counts.items(), reverse=True) if c}


FACET_CLASSES: dict[str, type[Facet]] = {cls.kind: cls for cls in (Facet, ArrayFacet, JurisdictionFacet, YearFacet)}
"""Facet classes by the registry's ``kind``."""

FACETS: dict[str, Facet] = {spec.name: FACET_CLASSES[spec.kind](spec) for spec in REGISTRY}
"""The registered facets, by name, in display order."""

KEYWORD_FACETS: tuple[str, ...] = tuple(name for name, f in FACETS.items() if f.kind != "year")
"""Facets stored as keyword fields (the year is numeric)."""


def facet_by_alias() -> dict[str, Facet]:
    """Every name a query may use for a facet field (``offence``, ``offence_types``…)."""
    out: dict[str, Facet] = {}
    for facet in FACETS.values():
        out[facet.name] = facet
        for alias in facet.aliases:
            out[alias] = facet
    return out


def count_records(records: Iterable[CaseRecord], facet: Facet, keep: Callable[[CaseRecord], bool] = lambda r: True) -> dict[str, int]:
    """Count a facet's values by reading records directly (a reference for tests and small corpora)."""
    counts: dict[str, int] = {}
    for record in records:
        if keep(record):
            for value in facet.values(record):
                counts[value] = counts.get(value, 0) + 1
    return counts
