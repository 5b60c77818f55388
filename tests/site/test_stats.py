"""Statistics: counts add up, charts are accessible SVG, every chart has its table and CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import lxml.html
from lxml import etree

from palermo.corpus.stats import by_jurisdiction, compute, outcomes_by_offence, per_year_by_offence
from palermo.model.schema import CaseRecord
from palermo.site.charts import Series, Spread, box_plot, nice_max, stacked_bars, stacked_columns
from tests.factories import case_record

SVG = "{http://www.w3.org/2000/svg}"


def test_statistics_page_has_eight_accessible_charts_each_with_table_and_csv(built_site: Path) -> None:
    page = lxml.html.fromstring((built_site / "stats" / "index.html").read_bytes())
    charts = page.cssselect("svg.pl-chart")
    assert len(charts) == 8
    for svg in charts:
        assert svg.get("role") == "img"
        labelled = svg.get("aria-labelledby").split()
        for ident in labelled:
            assert page.get_element_by_id(ident).text_content().strip()
    assert len(page.cssselect("table.pl-table caption")) == 9  # the eight charts' data and the coverage table
    text = page.text_content()
    assert "records coded with Palermo elements" in text and "records whose sector is recorded" in text
    for link in page.cssselect("a[download]"):
        rows = list(csv.reader(io.StringIO((built_site / "stats" / link.get("href")).read_text(encoding="utf-8"))))
        assert len(rows) >= 1 and rows[0]


def test_year_table_counts_every_dated_case_under_each_offence(site_records: list[CaseRecord]) -> None:
    table = per_year_by_offence(site_records)
    total = sum(sum(int(v) for v in row[1:]) for row in table.rows)  # type: ignore[call-overload]
    assert total == sum(max(1, len(r.offence_types)) for r in site_records if r.year)


def test_outcomes_and_jurisdictions_add_up() -> None:
    records = [
        case_record(id="a-2001-a", offence_types=["sex_trafficking"], outcome="conviction", jurisdiction="USA"),
        case_record(id="a-2002-b", offence_types=["sex_trafficking", "child_trafficking"], outcome="acquittal", jurisdiction="USA"),
        case_record(id="a-2003-c", offence_types=[], jurisdiction="GBR"),
    ]
    outcomes = outcomes_by_offence(records)
    assert outcomes.header == ["Offence type", "Conviction", "Acquittal", "Not recorded"]
    assert outcomes.rows == [["Sex trafficking", 1, 1, 0], ["Child trafficking", 0, 1, 0]]
    assert by_jurisdiction(records).rows == [["United States", 2], ["United Kingdom", 1]]
    stats = compute(records)
    assert stats["unclassified"] == 1 and stats["cases"] == 3


def test_spread_quartiles() -> None:
    s = Spread.of([1, 2, 3, 4, 5])
    assert (s.minimum, s.q1, s.median, s.q3, s.maximum, s.count) == (1, 2, 3, 4, 5, 5)
    assert Spread.of([7]).median == 7


def test_nice_axis_maximum() -> None:
    assert [nice_max(v) for v in (0, 1, 3, 7, 12, 480)] == [1, 1, 5, 10, 20, 500]


def test_charts_are_well_formed_svg_with_escaped_labels() -> None:
    hostile = '<script>x</script> & "q"'
    charts = [
        stacked_columns("c1", hostile, hostile, ["2001", hostile], [Series(hostile, "#000", [1, 2])], "y"),
        stacked_bars("c2", "t", "d", [hostile], [Series("a", "#111", [3]), Series("b", "#222", [0])], "x"),
        box_plot("c3", "t", "d", [(hostile, Spread.of([1, 5, 9]))], "years"),
    ]
    for svg in charts:
        root = etree.fromstring(svg.encode())
        assert root.tag == f"{SVG}svg" and root.get("role") == "img"
        assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
        assert root.find(f".//{SVG}script") is None
        assert "style=" not in svg


def test_coding_tables_count_what_the_records_hold() -> None:
    from palermo.corpus.stats import by_sector, elements_by_region, means_by_year, victims_profile

    records = [
        case_record(id="a-2001-a", jurisdiction="USA", palermo={"means": ["deception", "coercion"]}, sector="agriculture"),
        case_record(id="a-2002-b", jurisdiction="ECHR", palermo={"acts": ["recruitment"]}, victims={"count": 3, "female": 2}),
        case_record(id="a-2003-c", jurisdiction="NGA", sector="agriculture", victims={"minors": 1}),
    ]
    means = means_by_year(records)
    assert means.header == ["Year", "Coercion", "Deception"] and means.rows == [[2020, 1, 1]]
    regions = elements_by_region(records)
    assert regions.header == ["Element", "Americas", "International courts"]
    assert ["Act: Recruitment", 0, 1] in regions.rows and ["Means: Deception", 1, 0] in regions.rows
    assert by_sector(records).rows == [["Agriculture", 2]]
    assert victims_profile(records).rows == [
        ["Female victims", 2, 1],
        ["Male victims", 0, 0],
        ["Victims under 18", 1, 1],
        ["Victims in all", 3, 1],
    ]


def test_coverage_counts_each_fact_once_under_whoever_gave_it() -> None:
    from palermo.corpus.stats import coverage

    digest = {"field": "sector", "value": "agriculture", "rule": "digest-reading", "passage": "read by the digest's writer"}
    coded = {"field": "palermo.means", "value": "deception", "rule": "sherloc-coding", "passage": "SHERLOC: Deception"}
    records = [
        case_record(id="a-2001-a", palermo={"means": ["deception"]}, sector="agriculture", classification_evidence=[digest, coded]),
        case_record(id="a-2002-b", sector="fishing", editorial_fields=["sector"], victims={"count": 3}),
        case_record(id="a-2003-c"),
    ]
    rows = {row[0]: row[1:] for row in coverage(records).rows}
    assert coverage(records).header == ["Fact", "Records", "Share", "Editor", "Digest reading", "SHERLOC coding", "Rules", "Source data"]
    assert rows["Sector of exploitation"] == [2, "67%", 1, 1, 0, 0, 0]
    assert rows["Palermo elements"] == [1, "33%", 0, 0, 1, 0, 0]
    assert rows["Number of victims"] == [1, "33%", 0, 0, 0, 0, 1]
    assert compute(records)["coverage"]["Sector of exploitation"]["records"] == 2  # type: ignore[index]
