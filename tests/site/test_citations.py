"""Citation formatting: (record fields, expected Bluebook, expected OSCOLA) tables."""

from __future__ import annotations

from typing import Any

import pytest

from palermo.site.citations import bluebook, oscola
from tests.factories import case_record


def _ids(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"type": t, "value": v} for t, v in pairs]


CASES: list[tuple[str, dict[str, Any], str, str]] = [
    (
        "us-supreme-court",
        {
            "title": "United States v. Kozminski",
            "jurisdiction": "USA",
            "court": {"id": "scotus", "name": "Supreme Court of the United States"},
            "decision_date": "1988-06-29",
            "identifiers": _ids(("reporter_citation", "487 U.S. 931")),
        },
        "United States v. Kozminski, 487 U.S. 931 (1988)",
        "United States v Kozminski 487 US 931 (1988)",
    ),
    (
        "us-circuit",
        {
            "title": "United States v. Bradley",
            "jurisdiction": "USA",
            "court": {"id": "ca1", "name": "United States Court of Appeals for the First Circuit"},
            "decision_date": "2004-11-30",
            "identifiers": _ids(("reporter_citation", "390 F.3d 145")),
        },
        "United States v. Bradley, 390 F.3d 145 (1st Cir. 2004)",
        "United States v Bradley 390 F3d 145 (1st Cir 2004)",
    ),
    (
        "us-unreported-docket",
        {
            "title": "United States v Doe",
            "jurisdiction": "USA",
            "court": {"id": "ca9", "name": "Ninth Circuit"},
            "decision_date": "2011-08-04",
            "identifiers": _ids(("docket_number", "08-10187")),
        },
        "United States v. Doe, No. 08-10187 (9th Cir. Aug. 4, 2011)",
        "United States v Doe No 08-10187 (Ninth Circuit, 4 August 2011)",
    ),
    (
        "ecthr-reported",
        {
            "title": "Rantsev v. Cyprus and Russia",
            "jurisdiction": "ECHR",
            "court": {"id": "ecthr", "name": "European Court of Human Rights"},
            "decision_date": "2010-01-07",
            "identifiers": _ids(("application_number", "25965/04"), ("reporter_citation", "(2010) 51 EHRR 1")),
        },
        "Rantsev v. Cyprus & Russia, App. No. 25965/04, 51 Eur. H.R. Rep. 1 (2010)",
        "Rantsev v Cyprus and Russia (2010) 51 EHRR 1",
    ),
    (
        "ecthr-unreported",
        {
            "title": "C.N. and V. v. France",
            "jurisdiction": "ECHR",
            "decision_date": "2012-10-11",
            "identifiers": _ids(("application_number", "67724/09")),
        },
        "C.N. & V. v. France, App. No. 67724/09 (Eur. Ct. H.R. Oct. 11, 2012)",
        "CN and V v France App no 67724/09 (ECtHR, 11 October 2012)",
    ),
    (
        "uk-supreme-court",
        {
            "title": "Hounga v Allen",
            "jurisdiction": "GBR",
            "decision_date": "2014-07-30",
            "identifiers": _ids(("neutral_citation", "[2014] UKSC 47")),
        },
        "Hounga v. Allen, [2014] UKSC 47 (U.K.)",
        "Hounga v Allen [2014] UKSC 47",
    ),
    (
        "uk-court-of-appeal-with-report",
        {
            "title": "R v L",
            "jurisdiction": "GBR",
            "decision_date": "2013-06-21",
            "identifiers": _ids(("neutral_citation", "[2013] EWCA Crim 991"), ("reporter_citation", "[2013] 2 Cr. App. R. 23")),
        },
        "R v. L, [2013] EWCA Crim 991 (Eng.)",
        "R v L [2013] EWCA Crim 991, [2013] 2 Cr App R 23",
    ),
    (
        "year-only-no-identifier",
        {
            "title": "Prosecutor v. X",
            "jurisdiction": "NLD",
            "decision_date": None,
            "year": 2015,
            "court": {"id": "rb-amsterdam", "name": "District Court of Amsterdam"},
        },
        "Prosecutor v. X (District Court of Amsterdam, 2015)",
        "Prosecutor v X (District Court of Amsterdam, 2015)",
    ),
    (
        "no-court-no-date",
        {"title": "A v B", "jurisdiction": "FRA", "decision_date": None},
        "A v. B",
        "A v B",
    ),
]


@pytest.mark.parametrize(("fields", "expected_bluebook", "expected_oscola"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_citation_styles(fields: dict[str, Any], expected_bluebook: str, expected_oscola: str) -> None:
    record = case_record(**fields)
    assert bluebook(record).text == expected_bluebook
    assert oscola(record).text == expected_oscola


def test_citation_html_escapes_and_italicises_the_name() -> None:
    record = case_record(title="<b>A</b> & Co v. B")
    html = bluebook(record).html
    assert html.startswith("<i>&lt;b&gt;A&lt;/b&gt; &amp; Co v. B</i>")
    assert "<b>" not in html
