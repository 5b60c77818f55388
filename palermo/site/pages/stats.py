"""The statistics page: four charts drawn at build time from :mod:`palermo.corpus.stats`, each with its data table and a CSV."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from palermo.corpus.stats import (
    NOT_RECORDED,
    TOP_JURISDICTIONS,
    UNCLASSIFIED,
    Table,
    by_jurisdiction,
    by_sector,
    coded,
    compute,
    coverage,
    elements_by_region,
    means_by_year,
    outcomes_by_offence,
    per_year_by_offence,
    sentence_spreads,
    sentences_table,
    victims_profile,
)
from palermo.model.schema import CaseRecord
from palermo.model.vocab import EditorialStatus
from palermo.site.charts import PALETTE, Series, box_plot, stacked_bars, stacked_columns
from palermo.site.context import SiteContext
from palermo.site.generate import GeneratedPage
from palermo.site.render import esc, front_matter, heading, html_page


def _series(table: Table) -> list[Series]:
    series = []
    for i, label in enumerate(table.header[1:]):
        colour = "#888888" if label in (UNCLASSIFIED, NOT_RECORDED) else PALETTE[i % (len(PALETTE) - 1)]
        series.append(Series(label, colour, [float(row[i + 1]) for row in table.rows]))  # type: ignore[arg-type]
    return series


def table_html(table: Table, caption: str) -> str:
    """A data table as accessible HTML (a scrollable region when wide)."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in table.header)
    body = "\n".join(
        "<tr>" + f'<th scope="row">{esc(row[0])}</th>' + "".join(f'<td class="pl-num">{esc(v)}</td>' for v in row[1:]) + "</tr>"
        for row in table.rows
    )
    return (
        f'<div class="pl-scroll" role="region" aria-label="{esc(caption)}" tabindex="0">'
        f'<table class="pl-table"><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table></div>'
    )


def _section(title: str, intro: str, svg: str, table: Table, csv_name: str) -> str:
    return (
        f"{heading(2, title, re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-'))}\n"
        f'<p>{esc(intro)}</p>\n<figure class="pl-figure">\n{svg}\n</figure>\n'
        f"{table_html(table, f'Data: {title.lower()}')}\n"
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
    sections += list(_coding_sections(records))
    for name, table in _coding_tables(records).items():
        yield GeneratedPage(f"stats/{name}.csv", table.to_csv())
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
    held = coverage(records)
    yield GeneratedPage("stats/coverage.csv", held.to_csv())
    intro += (
        f"{heading(2, 'What the records hold', 'coverage')}\n"
        "<p>How many records carry each kind of fact, and who gave it: an editor, the reader of a case digest, UNODC "
        "SHERLOC's own coding, a rule that read the source, or the source's own data. A chart below covers only the "
        "records that hold its facts.</p>\n"
        f"{table_html(held, 'Data: what the records hold')}\n"
        '<p><a href="coverage.csv" download>Download this data as CSV</a></p>\n'
    )
    yield GeneratedPage("stats/index.md", html_page(front_matter("Statistics"), intro + "\n".join(sections)))


def _coding_tables(records: Sequence[CaseRecord]) -> dict[str, Table]:
    return {
        "means-per-year": means_by_year(records),
        "elements-by-region": elements_by_region(records),
        "sectors": by_sector(records),
        "victims": victims_profile(records),
    }


def _coding_sections(records: Sequence[CaseRecord]) -> Iterator[str]:
    """The charts of the coded records: means by year, elements by region, sectors, victims by sex and age."""
    tables = _coding_tables(records)
    n_coded = len(coded(records))
    n_sector = sum(1 for r in records if r.sector is not None)
    years, regions, sectors, victims = tables["means-per-year"], tables["elements-by-region"], tables["sectors"], tables["victims"]
    yield _section(
        "Means by year",
        f"The means of the {n_coded} records coded with Palermo elements (by UNODC SHERLOC, an editor or a rule), per decision "
        "year; a record with several means counts under each.",
        stacked_columns(
            "chart-means",
            "Means by year",
            "Stacked columns of coded records per decision year, one colour per means. The table below gives every value.",
            [str(row[0]) for row in years.rows],
            _series(years),
            "Records",
        )
        if years.rows
        else "<p>No record is coded with a means yet.</p>",
        years,
        "means-per-year.csv",
    )
    yield _section(
        "Palermo elements by region",
        f"Acts, means and purposes of the {n_coded} coded records, by the region of the deciding court.",
        stacked_bars(
            "chart-elements",
            "Palermo elements by region",
            "One horizontal bar per act, means or purpose, divided by region. The table below gives every value.",
            [str(row[0]) for row in regions.rows],
            _series(regions),
            "Records",
        )
        if regions.rows
        else "<p>No record is coded yet.</p>",
        regions,
        "elements-by-region.csv",
    )
    yield _section(
        "Sectors of exploitation",
        f"The {n_sector} records whose sector is recorded (most read in the SHERLOC brief by a digest's readers).",
        stacked_bars(
            "chart-sectors",
            "Sectors of exploitation",
            "One horizontal bar per sector. The table below gives every value.",
            [str(row[0]) for row in sectors.rows],
            [Series("Records", PALETTE[0], [float(row[1]) for row in sectors.rows])],  # type: ignore[arg-type]
            "Records",
        )
        if sectors.rows
        else "<p>No sector is recorded yet.</p>",
        sectors,
        "sectors.csv",
    )
    yield _section(
        "Victims by sex and age",
        "Victims as the records count them, summed over the records that state each figure (the third column says how many "
        "do); a victim may be counted both by sex and as under 18.",
        stacked_bars(
            "chart-victims",
            "Victims by sex and age",
            "One horizontal bar per figure. The table below gives every value and how many records state it.",
            [str(row[0]) for row in victims.rows],
            [Series("Victims", PALETTE[1], [float(row[1]) for row in victims.rows])],  # type: ignore[arg-type]
            "Victims",
        ),
        victims,
        "victims.csv",
    )
