"""Figures over the whole corpus: the tables behind the statistics page, and ``palermo stats``.

The counts are of records (decisions), not of prosecutions or victims, and a
case with several offence types counts under each (see the methodology page).
"""

from __future__ import annotations

import csv
import io
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from palermo.model.jurisdictions import jurisdiction_label, region_of
from palermo.model.schema import CaseRecord
from palermo.model.vocab import EditorialStatus, OffenceType, Outcome, PalermoAct, PalermoMeans, PalermoPurpose, Sector


@dataclass(frozen=True)
class Spread:
    """The five-number summary of a distribution, with its size."""

    count: int
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        """Summarise values (at least one) with linear-interpolation quartiles."""
        data = sorted(values)

        def quantile(q: float) -> float:
            pos = (len(data) - 1) * q
            lo, hi = math.floor(pos), math.ceil(pos)
            return data[lo] + (data[hi] - data[lo]) * (pos - lo)

        return cls(len(data), data[0], quantile(0.25), quantile(0.5), quantile(0.75), data[-1])


TOP_JURISDICTIONS = 30
"""Jurisdictions shown by name on the chart; the rest are summed as "Other"."""
UNCLASSIFIED = "Not yet classified"
NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class Table:
    """The data behind a chart: a header row and data rows (first column is the category)."""

    header: list[str]
    rows: list[list[object]]

    def to_csv(self) -> str:
        """The table as CSV."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.header)
        writer.writerows(self.rows)
        return out.getvalue()


def _offences_in_use(records: Sequence[CaseRecord]) -> list[OffenceType]:
    used = {o for r in records for o in r.offence_types}
    return [o for o in OffenceType if o in used]


def per_year_by_offence(records: Sequence[CaseRecord]) -> Table:
    """Cases per decision year and offence type (a case counts under each of its types)."""
    offences = _offences_in_use(records)
    dated = {r.year for r in records if r.year}
    years = list(range(min(dated), max(dated) + 1)) if dated else []  # every year in the span, so gaps show
    counts: Counter[tuple[int, str]] = Counter()
    for r in records:
        if not r.year:
            continue
        for label in [o.label for o in r.offence_types] or [UNCLASSIFIED]:
            counts[(r.year, label)] += 1
    labels = [o.label for o in offences] + ([UNCLASSIFIED] if any(not r.offence_types for r in records) else [])
    return Table(["Year", *labels], [[y, *(counts[(y, label)] for label in labels)] for y in years])


def outcomes_by_offence(records: Sequence[CaseRecord]) -> Table:
    """Cases per offence type and outcome."""
    offences = _offences_in_use(records)
    outcomes = [o for o in Outcome if any(r.outcome is o for r in records)]
    labels = [o.label for o in outcomes] + ([NOT_RECORDED] if any(r.outcome is None for r in records) else [])
    rows = []
    for offence in offences:
        cases = [r for r in records if offence in r.offence_types]
        tally = Counter(r.outcome.label if r.outcome else NOT_RECORDED for r in cases)
        rows.append([offence.label, *(tally[label] for label in labels)])
    return Table(["Offence type", *labels], rows)


def sentence_spreads(records: Sequence[CaseRecord]) -> list[tuple[str, Spread, int]]:
    """Per offence type: the spread of custodial terms in years (life sentences apart, counted in the third item)."""
    result = []
    for offence in _offences_in_use(records):
        terms: list[float] = []
        life = 0
        for r in records:
            if offence not in r.offence_types:
                continue
            for s in r.sentences:
                if s.life:
                    life += 1
                elif s.custody_months is not None:
                    terms.append(s.custody_months / 12)
        if terms:
            result.append((offence.label, Spread.of(terms), life))
    return result


def sentences_table(spreads: Sequence[tuple[str, Spread, int]]) -> Table:
    """The sentence spreads as a table (years, one decimal)."""
    rows: list[list[object]] = [
        [label, s.count, f"{s.minimum:.1f}", f"{s.q1:.1f}", f"{s.median:.1f}", f"{s.q3:.1f}", f"{s.maximum:.1f}", life]
        for label, s, life in spreads
    ]
    header = ["Offence type", "Custodial sentences", "Shortest", "First quartile", "Median", "Third quartile", "Longest", "Life sentences"]
    return Table(header, rows)


def by_jurisdiction(records: Sequence[CaseRecord]) -> Table:
    """Cases per jurisdiction, most first; beyond :data:`TOP_JURISDICTIONS` summed as "Other"."""
    counts = Counter(r.jurisdiction for r in records)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], jurisdiction_label(kv[0])))
    rows: list[list[object]] = [[jurisdiction_label(code), n] for code, n in ranked[:TOP_JURISDICTIONS]]
    rest = ranked[TOP_JURISDICTIONS:]
    if rest:
        rows.append([f"Other ({len(rest)} jurisdictions)", sum(n for _, n in rest)])
    return Table(["Jurisdiction or court", "Cases"], rows)


REGION_ORDER = ["Africa", "Americas", "Asia", "Europe", "Oceania", "International courts", "Other"]


def _elements(record: CaseRecord) -> list[str]:
    p = record.palermo
    return [f"Act: {a.label}" for a in p.acts] + [f"Means: {m.label}" for m in p.means] + [f"Purpose: {u.label}" for u in p.purposes]


def coded(records: Sequence[CaseRecord]) -> list[CaseRecord]:
    """The records with at least one Palermo element (act, means or purpose)."""
    return [r for r in records if _elements(r)]


def means_by_year(records: Sequence[CaseRecord]) -> Table:
    """Coded records per decision year and means (a record counts under each of its means)."""
    rows = [r for r in coded(records) if r.year and r.palermo.means]
    means = [m for m in PalermoMeans if any(m in r.palermo.means for r in rows)]
    years = list(range(min(r.year for r in rows if r.year), max(r.year for r in rows if r.year) + 1)) if rows else []
    counts: Counter[tuple[int, str]] = Counter((r.year, m.value) for r in rows for m in r.palermo.means if r.year)
    return Table(["Year", *(m.label for m in means)], [[y, *(counts[(y, m.value)] for m in means)] for y in years])


def elements_by_region(records: Sequence[CaseRecord]) -> Table:
    """Coded records per Palermo element and region of the deciding jurisdiction."""
    rows = coded(records)
    regions = [g for g in REGION_ORDER if any(region_of(r.jurisdiction) == g for r in rows)]
    counts: Counter[tuple[str, str]] = Counter((e, region_of(r.jurisdiction)) for r in rows for e in _elements(r))
    order = (
        [f"Act: {a.label}" for a in PalermoAct]
        + [f"Means: {m.label}" for m in PalermoMeans]
        + [f"Purpose: {u.label}" for u in PalermoPurpose]
    )
    present = [e for e in order if any(counts[(e, g)] for g in regions)]
    return Table(["Element", *regions], [[e, *(counts[(e, g)] for g in regions)] for e in present])


def by_sector(records: Sequence[CaseRecord]) -> Table:
    """Records per sector of exploitation (only records whose sector is recorded)."""
    counts = Counter(r.sector for r in records if r.sector is not None)
    return Table(["Sector", "Cases"], [[s.label, counts[s]] for s in Sector if counts[s]])


def victims_profile(records: Sequence[CaseRecord]) -> Table:
    """Victims by sex and age, summed over the records that state each figure, with how many records state it."""
    rows: list[list[object]] = []
    for label, attr in (
        ("Female victims", "female"),
        ("Male victims", "male"),
        ("Victims under 18", "minors"),
        ("Victims in all", "count"),
    ):
        stated = [getattr(r.victims, attr) for r in records if r.victims is not None and getattr(r.victims, attr) is not None]
        rows.append([label, sum(stated), len(stated)])
    return Table(["Victims", "Number", "Records stating it"], rows)


COVERAGE_FIELDS: tuple[tuple[str, str, Callable[[CaseRecord], bool]], ...] = (
    ("Offence type", "offence_types", lambda r: bool(r.offence_types)),
    ("Palermo elements", "palermo", lambda r: bool(_elements(r))),
    ("Internal or transnational form", "form", lambda r: r.form is not None),
    ("Sector of exploitation", "sector", lambda r: r.sector is not None),
    ("Number of victims", "victims", lambda r: r.victims is not None and r.victims.count is not None),
    ("Number of defendants", "defendants", lambda r: r.defendants is not None and r.defendants.count is not None),
    ("Outcome", "outcome", lambda r: r.outcome is not None),
    ("Custodial sentence", "sentences", lambda r: any(s.custody_months is not None or s.life for s in r.sentences)),
    ("ILO forced-labour indicators", "ilo_indicators", lambda r: bool(r.ilo_indicators)),
    ("Provisions cited", "provisions", lambda r: bool(r.provisions)),
    ("Summary or digest", "summary", lambda r: bool(r.summary)),
)
COVERAGE_ORIGINS = ("Editor", "Digest reading", "SHERLOC coding", "Rules", "Source data")


def _origin(record: CaseRecord, field_name: str) -> str:
    """Who gave a record's value of a field: an editor, a digest's reader, SHERLOC's coding, a rule, or the source's
    own data (a value with no evidence entry, such as a court's metadata or HTD's columns)."""
    if field_name == "summary" and record.summary_basis is not None:
        return "Digest reading"  # a digest's text is kept from scrapes as an editor's is, but a reader wrote it
    if field_name in record.editorial_fields:
        return "Editor"
    rules = {e.rule for e in record.classification_evidence if e.field.split(".")[0] == field_name}
    if "digest-reading" in rules:
        return "Digest reading"
    if any(rule.startswith("sherloc-") for rule in rules):
        return "SHERLOC coding"
    return "Rules" if rules else "Source data"


def coverage(records: Sequence[CaseRecord]) -> Table:
    """How many records carry each kind of fact, and who gave it (see :func:`_origin`); the last row counts titles
    still rebuilt from a URL slug."""
    rows: list[list[object]] = []
    for label, field_name, present in COVERAGE_FIELDS:
        having = [r for r in records if present(r)]
        origins = Counter(_origin(r, field_name) for r in having)
        share = f"{len(having) / len(records):.0%}" if records else "0%"
        rows.append([label, len(having), share, *(origins[o] for o in COVERAGE_ORIGINS)])
    slug = sum(1 for r in records if any(e.field == "title" and e.rule == "title-from-url-slug" for e in r.classification_evidence))
    rows.append(
        ["Title rebuilt from a URL slug", slug, f"{slug / len(records):.0%}" if records else "0%", *([None] * len(COVERAGE_ORIGINS))]
    )
    return Table(["Fact", "Records", "Share", *COVERAGE_ORIGINS], rows)


def compute(records: Sequence[CaseRecord]) -> dict[str, object]:
    """The corpus statistics as plain data (what ``palermo stats --json`` prints); records marked out of scope are
    counted only as such, never as trafficking cases."""
    out_of_scope = sum(1 for r in records if not r.in_scope)
    records = [r for r in records if r.in_scope]
    return {
        "cases": len(records),
        "out_of_scope": out_of_scope,
        "jurisdictions": len({r.jurisdiction for r in records}),
        "by_editorial_status": {s.value: sum(1 for r in records if r.editorial_status is s) for s in EditorialStatus},
        "by_offence_type": {o.value: sum(1 for r in records if o in r.offence_types) for o in OffenceType},
        "unclassified": sum(1 for r in records if not r.offence_types),
        "coverage": {row[0]: dict(zip(["records", "share", *COVERAGE_ORIGINS], row[1:], strict=True)) for row in coverage(records).rows},
        "by_outcome": dict(Counter(r.outcome.value if r.outcome else "not_recorded" for r in records).most_common()),
        "by_jurisdiction": dict(sorted(Counter(r.jurisdiction for r in records).items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_year": dict(sorted(Counter(r.year for r in records if r.year).items())),
        "custody_years_by_offence_type": {
            label: {
                "sentences": s.count,
                "median": round(s.median, 2),
                "min": round(s.minimum, 2),
                "max": round(s.maximum, 2),
                "life": life,
            }
            for label, s, life in sentence_spreads(records)
        },
    }
