"""The facet registry: every field a reader can filter, browse or follow by, declared once.

Each :class:`FacetSpec` says how the values come out of a record, how they are
labelled and defined, and where the facet appears: the ``palermo search`` flag
and query prefixes, the browser search page, the browse pages and the feeds.
The search engines, the command line, the browser index and the site all read
:data:`FACETS`; adding a facet is one entry here (plus its vocabulary in
:mod:`palermo.model.vocab` when it has one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from palermo.model.schema import CaseRecord
from palermo.model.vocab import (
    CourtLevel,
    GeographicForm,
    IloIndicator,
    LegalIssue,
    OffenceType,
    Outcome,
    PalermoAct,
    PalermoMeans,
    PalermoPurpose,
    Sector,
    Vocabulary,
)

FacetKind = Literal["array", "column", "jurisdiction", "year"]
"""How a facet's values are stored and filtered: several per record, one per record, a jurisdiction code, a year."""


@dataclass(frozen=True)
class FacetSpec:
    """One facet, declared once for every place that offers it."""

    name: str
    """The facet's name in search results, ``--json`` output and the browser index (``offence_types``)."""
    label: str
    """Its label in lists of facets (``Offence type``)."""
    kind: FacetKind
    values: Callable[[CaseRecord], list[str]]
    """The facet's values in one record (stored values, e.g. ``labour_trafficking`` or ``GBR``)."""
    vocabulary: type[Vocabulary] | None = None
    """The controlled vocabulary its values, labels and definitions come from, if any."""
    flag: str | None = None
    """``palermo search --<flag>`` and the browser page's URL parameter; None for a facet filtered otherwise."""
    prefixes: tuple[str, ...] = ()
    """Query prefixes besides the name (``offence:``, ``type:`` …)."""
    browse: str | None = None
    """URL segment of its browse pages (``browse/<browse>/<value>/``); None when it has none."""
    browse_heading: str | None = None
    """Heading of its browse pages, when it differs from the label."""
    feed: bool = False
    """Whether each value has an Atom feed of new cases."""

    @property
    def aliases(self) -> tuple[str, ...]:
        """Every name a query may use for the facet: its name, its flag and its prefixes."""
        names = [self.name, *([self.flag] if self.flag else []), *self.prefixes]
        return tuple(dict.fromkeys(names))

    @property
    def heading(self) -> str:
        """The heading of its browse pages."""
        return self.browse_heading or self.label

    @property
    def cli_option(self) -> str | None:
        """The command-line option (``--court-level``), or None."""
        return f"--{self.flag.replace('_', '-')}" if self.flag else None


def _values(field: str) -> Callable[[CaseRecord], list[str]]:
    def read(record: CaseRecord) -> list[str]:
        value = getattr(record, field)
        if value is None:
            return []
        if isinstance(value, list):
            return [v.value for v in value]
        return [value.value]

    read.__doc__ = f"The record's {field} values."
    return read


def _elements(element: str) -> Callable[[CaseRecord], list[str]]:
    def read(record: CaseRecord) -> list[str]:
        return [v.value for v in getattr(record.palermo, element)]

    read.__doc__ = f"The record's Palermo {element}."
    return read


FACETS: tuple[FacetSpec, ...] = (
    FacetSpec(
        "offence_types",
        "Offence type",
        "array",
        _values("offence_types"),
        OffenceType,
        flag="offence",
        prefixes=("offense", "type"),
        browse="offence",
        feed=True,
    ),
    FacetSpec(
        "jurisdiction",
        "Jurisdiction",
        "jurisdiction",
        lambda r: [r.jurisdiction],
        flag="jurisdiction",
        prefixes=("country",),
        browse="jurisdiction",
        browse_heading="Jurisdiction or court",
        feed=True,
    ),
    FacetSpec("court_level", "Court level", "column", _values("court_level"), CourtLevel, flag="court_level", prefixes=("level",)),
    FacetSpec("outcome", "Outcome", "column", _values("outcome"), Outcome, flag="outcome"),
    FacetSpec(
        "legal_issues", "Legal issue", "array", _values("legal_issues"), LegalIssue, flag="issue", prefixes=("issue",), browse="issue"
    ),
    FacetSpec(
        "ilo_indicators",
        "ILO indicator",
        "array",
        _values("ilo_indicators"),
        IloIndicator,
        flag="ilo",
        prefixes=("indicator",),
        browse="ilo",
        browse_heading="ILO forced-labour indicator",
    ),
    FacetSpec("acts", "Act", "array", _elements("acts"), PalermoAct, flag="act", browse="act", browse_heading="Palermo act"),
    FacetSpec("means", "Means", "array", _elements("means"), PalermoMeans, flag="means", browse="means", browse_heading="Palermo means"),
    FacetSpec(
        "purposes",
        "Purpose",
        "array",
        _elements("purposes"),
        PalermoPurpose,
        flag="purpose",
        browse="purpose",
        browse_heading="Purpose of exploitation",
    ),
    FacetSpec(
        "form", "Form", "column", _values("form"), GeographicForm, flag="form", browse="form", browse_heading="Internal or transnational"
    ),
    FacetSpec(
        "sector", "Sector", "column", _values("sector"), Sector, flag="sector", browse="sector", browse_heading="Sector of exploitation"
    ),
    FacetSpec("year", "Year", "year", lambda r: [str(r.year)] if r.year else [], browse="year"),
)
"""The facets, in the order lists of facets show them."""

BY_NAME: dict[str, FacetSpec] = {spec.name: spec for spec in FACETS}
"""The facets by name."""


def record_facets(record: CaseRecord) -> dict[str, list[str]]:
    """The facet values of a record, by facet name (always lists, possibly empty)."""
    return {spec.name: spec.values(record) for spec in FACETS}
