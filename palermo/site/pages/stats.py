"""The statistics page: four charts drawn at build time, each with its data table and a CSV.

:func:`compute` gives the same figures as plain data; ``palermo stats`` prints it.
The counts are of records (decisions), not of prosecutions or victims, and a
case with several offence types counts under each (see the methodology page).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from palermo.model.jurisdictions import jurisdiction_label
from palermo.model.schema import CaseRecord
from palermo.model.vocab import EditorialStatus, OffenceType, Outcome
from palermo.site.charts import PALETTE, Series, Spread, box_plot, stacked_bars, stacked_columns
from palermo.site.context import SiteContext
from palermo.site.generate import GeneratedPage
from palermo.site.render import esc, front_matter, heading, html_page

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

    def to_html(self, caption: str) -> str:
        """The table as accessible HTML (scrollable region when wide)."""
        head = "".join(f'<th scope="col">{esc(h)}</th>' for h in self.header)
        body = "\n".join(
            "<tr>" + f'<th scope="row">{esc(row[0])}</th>' + "".join(f'<td class="pl-num">{esc(v)}</td>' for v in row[1:]) + "</tr>"
            for row in self.rows
        )
        return (
            f'<div class="pl-scroll" role="region" aria-label="{esc(caption)}" tabindex="0">'
            f'<table class="pl-table"><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table></div>'
        )


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


def compute(records: Sequence[CaseRecord]) -> dict[str, object]:
    """The corpus statistics as plain data (what ``palermo stats --json`` prints)."""
    return {
        "cases": len(records),
        "jurisdictions": len({r.jurisdiction for r in records}),
        "by_editorial_status": {s.value: sum(1 for r in records if r.editorial_status is s) for s in EditorialStatus},
        "by_offence_type": {o.value: sum(1 for r in records if o in r.offence_types) for o in OffenceType},
        "unclassified": sum(1 for r in records if not r.offence_types),
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


def _series(table: Table) -> list[Series]:
    series = []
    for i, label in enumerate(table.header[1:]):
        colour = "#888888" if label in (UNCLASSIFIED, NOT_RECORDED) else PALETTE[i % (len(PALETTE) - 1)]
        series.append(Series(label, colour, [float(row[i + 1]) for row in table.rows]))  # type: ignore[arg-type]
    return series


def _section(title: str, intro: str, svg: str, table: Table, csv_name: str) -> str:
    return (
        f"{heading(2, title, re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-'))}\n"
        f'<p>{esc(intro)}</p>\n<figure class="pl-figure">\n{svg}\n</figure>\n'
        f"{table.to_html(f'Data: {title.lower()}')}\n"
        f'<p><a href="{esc(csv_name)}" download>Download this data as CSV</a></p>\n'
    )


def generate(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """Yield the statistics page and the CSV of each chart."""
    records = ctx.records
    years = per_year_by_offence(records)
    outcomes = outcomes_by_offence(records)
    spreads = sentence_spreads(records)
    sentences = sentences_table(spreads)
    places = by_jurisdiction(records)
    for name, table in (("cases-per-year", years), ("outcomes", outcomes), ("sentences", sentences), ("jurisdictions", places)):
        yield GeneratedPage(f"stats/{name}.csv", table.to_csv())
    sections = [
        _section(
            "Cases per year by offence type",
            "Decisions per year, stacked by offence type; a case with several offence types counts under each.",
            stacked_columns(
                "chart-years",
                "Cases per year by offence type",
                f"Stacked columns of decisions per year from {years.rows[0][0] if years.rows else '–'} to "
                f"{years.rows[-1][0] if years.rows else '–'}, one colour per offence type. The table below gives every value.",
                [str(row[0]) for row in years.rows],
                _series(years),
                "Cases",
            ),
            years,
            "cases-per-year.csv",
        ),
        _section(
            "Outcomes by offence type",
            "How the decisions came out, for each offence type.",
            stacked_bars(
                "chart-outcomes",
                "Outcomes by offence type",
                "One horizontal bar per offence type, divided by outcome. The table below gives every value.",
                [str(row[0]) for row in outcomes.rows],
                _series(outcomes),
                "Cases",
            ),
            outcomes,
            "outcomes.csv",
        ),
        _section(
            "Sentence lengths by offence type",
            "Custodial terms recorded per sentenced defendant, in years: the line runs from the shortest to the longest term, "
            "the box from the first to the third quartile, the thick mark is the median. Life sentences are counted in the table.",
            box_plot(
                "chart-sentences",
                "Sentence lengths by offence type",
                "Box plots of custodial terms in years for each offence type with recorded sentences. The table below gives every value.",
                [(label, spread) for label, spread, _ in spreads],
                "Custodial term (years)",
            )
            if spreads
            else "<p>No custodial sentence is recorded yet.</p>",
            sentences,
            "sentences.csv",
        ),
        _section(
            "Cases by jurisdiction",
            f"Decisions per jurisdiction or international court; the {TOP_JURISDICTIONS} with most cases by name.",
            stacked_bars(
                "chart-jurisdictions",
                "Cases by jurisdiction",
                "One horizontal bar per jurisdiction or court, longest first. The table below gives every value.",
                [str(row[0]) for row in places.rows],
                [Series("Cases", PALETTE[0], [float(row[1]) for row in places.rows])],  # type: ignore[arg-type]
                "Cases",
            ),
            places,
            "jurisdictions.csv",
        ),
    ]
    stats = compute(records)
    status = stats["by_editorial_status"]
    assert isinstance(status, dict)
    status_text = ", ".join(f"{n} {EditorialStatus(s).label.lower()}" for s, n in status.items() if n)
    intro = (
        "<h1>Statistics</h1>\n"
        f"<p>{len(records)} case records from {stats['jurisdictions']} jurisdictions and courts ({esc(status_text)}). "
        "The charts describe this collection, not trafficking or prosecutions at large: read the "
        '<a href="../methodology/">methodology</a> for what is counted and what is missing. '
        "Every chart has its data in a table below it and as CSV.</p>\n"
    )
    yield GeneratedPage("stats/index.md", html_page(front_matter("Statistics"), intro + "\n".join(sections)))
