"""Citations: the site's Bluebook and OSCOLA strings and the CSL-JSON rendered by a real CSL processor.

Each row is a case as its record holds it, with its Bluebook (21st ed.) and OSCOLA (4th ed.) citations
written by hand from the style guides. The site's "Cite this case" strings must equal them. The CSL-JSON
item of the same record is rendered with citeproc-py and the standard CSL styles vendored in
``tests/site/vendor/csl/`` (Bluebook Law Review and OSCOLA, CC BY-SA 3.0); where the style itself
cannot print what the guide asks (the CSL Bluebook style has no docket or application number and no
jurisdiction parenthetical; the CSL OSCOLA style brackets every neutral citation's year and puts a US
report's year first), or where citeproc-py title-cases differently from the CSL specification (it
capitalises the word after an initial's full stop: "C.N. And V. V. France"), the row states the
processor's output instead.
"""

from __future__ import annotations

import warnings
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from palermo.corpus.citation import parse_neutral, parse_report
from palermo.corpus.export import csl_item
from palermo.site.citations import bluebook, oscola
from tests.factories import case_record

VENDOR = Path(__file__).parent / "vendor" / "csl"
STYLES = {"bluebook": "bluebook-law-review.csl", "oscola": "oscola.csl"}


def _ids(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"type": t, "value": v} for t, v in pairs]


def _court(court_id: str, name: str) -> dict[str, str]:
    return {"id": court_id, "name": name}


# (row id, record fields, Bluebook by hand, OSCOLA by hand, CSL Bluebook if the style differs, CSL OSCOLA if it differs)
CASES: list[tuple[str, dict[str, Any], str, str, str | None, str | None]] = [
    (
        "us-supreme-court",
        {
            "title": "United States v. Kozminski",
            "jurisdiction": "USA",
            "court": _court("scotus", "Supreme Court of the United States"),
            "decision_date": "1988-06-29",
            "identifiers": _ids(("reporter_citation", "487 U.S. 931"), ("docket_number", "86-2000")),
        },
        "United States v. Kozminski, 487 U.S. 931 (1988)",
        "United States v Kozminski 487 US 931 (1988)",
        None,
        "United States v Kozminski (1988) 487 US 931",
    ),
    (
        "us-first-circuit",
        {
            "title": "United States v. Bradley",
            "jurisdiction": "USA",
            "court": _court("ca1", "United States Court of Appeals for the First Circuit"),
            "decision_date": "2004-12-08",
            "identifiers": _ids(("reporter_citation", "390 F.3d 145"), ("docket_number", "04-1146")),
        },
        "United States v. Bradley, 390 F.3d 145 (1st Cir. 2004)",
        "United States v Bradley 390 F3d 145 (1st Cir 2004)",
        None,
        "United States v Bradley (2004) 390 F3d 145 (1st Cir)",
    ),
    (
        "us-ninth-circuit",
        {
            "title": "United States v. Dann",
            "jurisdiction": "USA",
            "court": _court("ca9", "United States Court of Appeals for the Ninth Circuit"),
            "decision_date": "2011-07-22",
            "identifiers": _ids(("reporter_citation", "652 F.3d 1160"), ("docket_number", "10-10191")),
        },
        "United States v. Dann, 652 F.3d 1160 (9th Cir. 2011)",
        "United States v Dann 652 F3d 1160 (9th Cir 2011)",
        None,
        "United States v Dann (2011) 652 F3d 1160 (9th Cir)",
    ),
    (
        "us-district-unreported",
        {
            "title": "United States v. Afolabi",
            "jurisdiction": "USA",
            "court": _court("njd", "United States District Court for the District of New Jersey"),
            "decision_date": None,
            "year": 2010,
            "identifiers": _ids(("docket_number", "2:07-cr-00785-JLL")),
        },
        "United States v. Afolabi, No. 2:07-cr-00785-JLL (D.N.J. 2010)",
        "United States v Afolabi No 2:07-cr-00785-JLL (DNJ, 2010)",
        "United States v. Afolabi (D.N.J. 2010)",
        "United States v Afolabi [2010] DNJ 2:07-cr-00785-JLL",
    ),
    (
        "uk-supreme-court",
        {
            "title": "Hounga v Allen and another",
            "jurisdiction": "GBR",
            "court": _court("uksc", "Supreme Court of the United Kingdom"),
            "decision_date": "2014-07-30",
            "identifiers": _ids(("neutral_citation", "[2014] UKSC 47"), ("reporter_citation", "[2014] 1 WLR 2889")),
        },
        "Hounga v. Allen, [2014] UKSC 47 (U.K.)",
        "Hounga v Allen [2014] UKSC 47, [2014] 1 WLR 2889",
        "Hounga v. Allen, [2014] 1 WLR 2889 (UKSC 2014)",
        None,
    ),
    (
        "uk-court-of-appeal",
        {
            "title": "R v L, HVN, THN and T",
            "jurisdiction": "GBR",
            "court": _court("ewca-crim", "Court of Appeal of England and Wales (Criminal Division)"),
            "decision_date": "2013-06-21",
            "identifiers": _ids(("neutral_citation", "[2013] EWCA Crim 991"), ("reporter_citation", "[2013] 2 Cr App R 23")),
        },
        "R v. L, HVN, THN & T, [2013] EWCA Crim 991 (Eng.)",
        "R v L, HVN, THN and T [2013] EWCA Crim 991, [2013] 2 Cr App R 23",
        "R v. L, HVN, THN and T, [2013] 2 Cr App R 23 (EWCA Crim 2013)",
        None,
    ),
    (
        "ecthr-reported",
        {
            "title": "Rantsev v. Cyprus and Russia",
            "jurisdiction": "ECHR",
            "court": _court("ecthr", "European Court of Human Rights (First Section)"),
            "decision_date": "2010-01-07",
            "identifiers": _ids(("application_number", "25965/04"), ("reporter_citation", "(2010) 51 EHRR 1")),
        },
        "Rantsev v. Cyprus & Russia, App. No. 25965/04, 51 Eur. H.R. Rep. 1 (2010)",
        "Rantsev v Cyprus and Russia (2010) 51 EHRR 1",
        "Rantsev v. Cyprus and Russia, 51 EHRR 1 (ECtHR 2010)",
        "Rantsev v Cyprus and Russia (2010) 51 EHRR 1 (ECtHR)",
    ),
    (
        "ecthr-reported-a-year-later",
        {
            "title": "Siliadin v. France",
            "jurisdiction": "ECHR",
            "court": _court("ecthr", "European Court of Human Rights (Second Section)"),
            "decision_date": "2005-07-26",
            "identifiers": _ids(("application_number", "73316/01"), ("reporter_citation", "(2006) 43 EHRR 16")),
        },
        "Siliadin v. France, App. No. 73316/01, 43 Eur. H.R. Rep. 16 (2006)",
        "Siliadin v France (2006) 43 EHRR 16",
        "Siliadin v. France, 43 EHRR 16 (ECtHR 2005)",
        "Siliadin v France (2005) 43 EHRR 16 (ECtHR)",
    ),
    (
        "ecthr-unreported",
        {
            "title": "C.N. and V. v. France",
            "jurisdiction": "ECHR",
            "court": _court("ecthr", "European Court of Human Rights (Fifth Section)"),
            "decision_date": "2012-10-11",
            "identifiers": _ids(("application_number", "67724/09")),
        },
        "C.N. & V. v. France, App. No. 67724/09 (Eur. Ct. H.R. Oct. 11, 2012)",
        "CN and V v France App no 67724/09 (ECtHR, 11 October 2012)",
        "C.N. And V. V. France (ECtHR 2012)",
        "CN and V v France [2012] ECtHR 67724/09",
    ),
    (
        "ecthr-and-others",
        {
            "title": "Chowdury and Others v. Greece",
            "jurisdiction": "ECHR",
            "court": _court("ecthr", "European Court of Human Rights (First Section)"),
            "decision_date": "2017-03-30",
            "identifiers": _ids(("application_number", "21884/15")),
        },
        "Chowdury & Others v. Greece, App. No. 21884/15 (Eur. Ct. H.R. Mar. 30, 2017)",
        "Chowdury and Others v Greece App no 21884/15 (ECtHR, 30 March 2017)",
        "Chowdury and Others v. Greece (ECtHR 2017)",
        "Chowdury and Others v Greece [2017] ECtHR 21884/15",
    ),
    (
        "canada-supreme-court",
        {
            "title": "R. v. T.J.F. (2024 SCC 38)",
            "jurisdiction": "CAN",
            "court": _court("scc", "Supreme Court of Canada"),
            "decision_date": "2024-11-15",
            "identifiers": _ids(("neutral_citation", "2024 SCC 38"), ("docket_number", "40749")),
        },
        "R. v. T.J.F., 2024 SCC 38 (Can.)",
        "R v TJF 2024 SCC 38",
        "R. V. T.J.F. (SCC 2024)",
        "R v TJF [2024] SCC 38",
    ),
    (
        "canada-court-of-appeal",
        {
            "title": "R. v. A.A. (2015 ONCA 558)",
            "jurisdiction": "CAN",
            "court": _court("onca", "Court of Appeal for Ontario"),
            "decision_date": "2015-07-29",
            "identifiers": _ids(("neutral_citation", "2015 ONCA 558"), ("reporter_citation", "(2015) 337 O.A.C. 20")),
        },
        "R. v. A.A., 2015 ONCA 558 (Can.)",
        "R v AA 2015 ONCA 558, (2015) 337 OAC 20",
        "R. V. A.A., (2015) 337 O.A.C. 20 (ONCA 2015)",
        "R v AA [2015] ONCA 558, (2015) 337 OAC 20",
    ),
    (
        "australia-high-court",
        {
            "title": "The Queen v Tang",
            "jurisdiction": "AUS",
            "court": _court("hca", "High Court of Australia"),
            "decision_date": "2008-08-28",
            "identifiers": _ids(("neutral_citation", "[2008] HCA 39"), ("reporter_citation", "(2008) 237 CLR 1")),
        },
        "R v. Tang, [2008] HCA 39 (Austl.)",
        "R v Tang [2008] HCA 39, (2008) 237 CLR 1",
        "R v. Tang, (2008) 237 CLR 1 (HCA 2008)",
        None,
    ),
    (
        "year-only-no-identifier",
        {
            "title": "Prosecutor v. X",
            "jurisdiction": "NLD",
            "decision_date": None,
            "year": 2015,
            "court": _court("rb-amsterdam", "District Court of Amsterdam"),
        },
        "Prosecutor v. X (District Court of Amsterdam, 2015)",
        "Prosecutor v X (District Court of Amsterdam, 2015)",
        "Prosecutor v. X (2015)",
        "Prosecutor v X",
    ),
]


@pytest.mark.parametrize(("fields", "expected_bluebook", "expected_oscola"), [c[1:4] for c in CASES], ids=[c[0] for c in CASES])
def test_site_citations_match_the_style_guides(fields: dict[str, Any], expected_bluebook: str, expected_oscola: str) -> None:
    record = case_record(**fields)
    assert bluebook(record).text == expected_bluebook
    assert oscola(record).text == expected_oscola


@cache
def _style(name: str) -> Any:
    from citeproc import CitationStylesStyle
    from citeproc.model import TextCased

    # citeproc-py's stop words for title case miss "v." and "vs.", which the CSL 1.0.2 specification lists
    for word in ("v.", "vs."):
        if word not in TextCased._stop_words:
            TextCased._stop_words.append(word)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CitationStylesStyle(str(VENDOR / STYLES[name]), validate=False)


def render_csl(item: dict[str, Any], style: str) -> str:
    """One CSL-JSON item rendered as a first citation by citeproc-py, as plain text without the final full stop."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(_style(style), CiteProcJSON([item]), formatter.plain)
        citation = Citation([CitationItem(item["id"])])
        bibliography.register(citation)
        text = str(bibliography.cite(citation, lambda _item: None))
    return text.removesuffix(".")


@pytest.mark.parametrize(
    ("fields", "expected_bluebook", "expected_oscola", "csl_bluebook", "csl_oscola"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_csl_json_renders_in_the_standard_styles(
    fields: dict[str, Any], expected_bluebook: str, expected_oscola: str, csl_bluebook: str | None, csl_oscola: str | None
) -> None:
    item = csl_item(case_record(**fields))
    assert render_csl(item, "bluebook") == (csl_bluebook or expected_bluebook)
    assert render_csl(item, "oscola") == (csl_oscola or expected_oscola)


def test_the_styles_match_the_guides_where_they_can() -> None:
    """The CSL item is right wherever the style can print the guide's form: most US Bluebook and UK/Australian OSCOLA rows."""
    exact_bluebook = sum(1 for c in CASES if c[4] is None)
    exact_oscola = sum(1 for c in CASES if c[5] is None)
    assert exact_bluebook >= 3 and exact_oscola >= 3


def test_no_court_no_date_falls_back_to_the_name() -> None:
    record = case_record(title="A v B", jurisdiction="FRA", decision_date=None, court=None)
    assert bluebook(record).text == "A v. B"
    assert oscola(record).text == "A v B"


def test_citation_html_escapes_and_italicises_the_name() -> None:
    record = case_record(title="<b>A</b> & Co v. B")
    html = bluebook(record).html
    assert html.startswith("<i>&lt;b&gt;A&lt;/b&gt; &amp; Co v. B</i>")
    assert "<b>" not in html


@pytest.mark.parametrize(
    ("text", "year", "court", "number", "bracketed"),
    [
        ("[2014] UKSC 47", "2014", "UKSC", "47", True),
        ("[2013] EWCA Crim 991", "2013", "EWCA Crim", "991", True),
        ("[2020] EWHC 123 (QB)", "2020", "EWHC", "123 (QB)", True),
        ("2024 SCC 38", "2024", "SCC", "38", False),
    ],
)
def test_neutral_citations_split_where_the_styles_print_them(text: str, year: str, court: str, number: str, bracketed: bool) -> None:
    neutral = parse_neutral(text)
    assert neutral is not None
    assert (neutral.year, neutral.court, neutral.number, neutral.bracketed) == (year, court, number, bracketed)
    item = csl_item(case_record(jurisdiction="GBR", identifiers=[{"type": "neutral_citation", "value": text}]))
    assert (item["authority"], item["number"]) == (court, number)


def test_us_reporters_are_spelt_as_reporters_db_spells_them() -> None:
    report = parse_report("390 F. 3d 145", us=True)
    assert report is not None and (report.volume, report.reporter, report.page) == ("390", "F.3d", "145")
    assert parse_report("not a citation") is None
