"""Table tests for scraper.normalise: dates, case ids, courts, countries and citations."""

from __future__ import annotations

import datetime as dt

import pytest

from scraper.normalise import (
    application_numbers,
    country_code,
    find_citations,
    make_case_id,
    neutral_citations,
    parse_date,
    redact_names,
    section_number,
    slugify,
    us_court_id,
    usc_sections,
)

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7 January 2010", D(2010, 1, 7)),
        ("7th of January 2010", D(2010, 1, 7)),
        ("26 Jul 2005", D(2005, 7, 26)),
        ("January 7, 2010", D(2010, 1, 7)),
        ("Sept. 3, 2019", D(2019, 9, 3)),
        ("2010-01-07", D(2010, 1, 7)),
        ("2010-01-07T00:00:00", D(2010, 1, 7)),
        ("2025-10-07T10:05:11.123-07:00", D(2025, 10, 7)),
        ("01/07/2010", D(2010, 1, 7)),
        ("07.01.2010", D(2010, 1, 7)),
        ("Thu, 07 Jan 2010 00:00:00 GMT", D(2010, 1, 7)),
        ("  7   January\n2010 ", D(2010, 1, 7)),
        ("", None),
        ("not a date", None),
        ("31 February 2010", None),
        ("13/13/2010", None),
        ("Smarch 3, 2010", None),
    ],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [("07/01/2010", D(2010, 1, 7)), ("31/12/2019", D(2019, 12, 31))])
def test_parse_date_day_first(text: str, expected: dt.date) -> None:
    assert parse_date(text, dayfirst=True) == expected


@pytest.mark.parametrize(
    ("prefix", "year", "title", "expected"),
    [
        ("ecthr", 2010, "Rantsev v. Cyprus and Russia", "ecthr-2010-rantsev-v-cyprus-and-russia"),
        ("ecthr", 2005, "CASE OF SILIADIN v. FRANCE", "ecthr-2005-siliadin-v-france"),
        ("ecthr", 2012, "C.N. and V. v. France", "ecthr-2012-cn-and-v-v-france"),
        ("ecthr", 2012, "M. and Others v. Italy and Bulgaria", "ecthr-2012-m-and-others-v-italy-and-bulgaria"),
        ("ecthr", 2021, "CASE OF V.C.L. AND A.N. v. THE UNITED KINGDOM", "ecthr-2021-vcl-and-an-v-united-kingdom"),
        ("ecthr", 2021, "Zoletić and Others v. Azerbaijan", "ecthr-2021-zoletic-and-others-v-azerbaijan"),
        ("ecthr", 2020, "S.M. v. Croatia [GC]", "ecthr-2020-sm-v-croatia-gc"),
        ("GBR", 2013, "R v L, HVN, THN and T", "gbr-2013-r-v-l-hvn-thn-and-t"),
        ("gbr", 2014, "Hounga v Allen", "gbr-2014-hounga-v-allen"),
        ("usa", 1988, "United States v. Kozminski", "usa-1988-united-states-v-kozminski"),
        ("usa", None, "Doe v. Smith & Co.", "usa-doe-v-smith-and-co"),
        ("usa", 2020, "O'Brien v. State", "usa-2020-obrien-v-state"),
    ],
)
def test_make_case_id(prefix: str, year: int | None, title: str, expected: str) -> None:
    assert make_case_id(prefix, year, title) == expected


def test_make_case_id_is_cut_at_a_hyphen_within_100_characters() -> None:
    case_id = make_case_id("usa", 2020, "United States v. " + " ".join(["Defendant"] * 30))
    assert len(case_id) <= 100
    assert not case_id.endswith("-")
    assert case_id.endswith("defendant")


@pytest.mark.parametrize("title", ["", "...", "  ", "–"])
def test_make_case_id_rejects_empty_slug(title: str) -> None:
    with pytest.raises(ValueError, match="empty slug"):
        make_case_id("usa", 2020, title)


@pytest.mark.parametrize(("text", "expected"), [("Zoletić", "zoletic"), ("L.E.", "le"), ("A & B", "a-and-b"), ("’Quote’", "quote")])
def test_slugify(text: str, expected: str) -> None:
    assert slugify(text) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Court of Appeals for the Fifth Circuit", "ca5"),
        ("Supreme Court of the United States", "scotus"),
        ("Court of Appeals of North Carolina", "ncctapp"),
        ("Supreme Court of Indiana", "ind"),
        ("", None),
        ("High Court of Justice of Narnia", None),
    ],
)
def test_us_court_id(name: str, expected: str | None) -> None:
    assert us_court_id(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("the United Kingdom", "GBR"),
        ("Russia", "RUS"),
        ("Cyprus", "CYP"),
        ("Republic of Moldova", "MDA"),
        ("Turkey", "TUR"),
        ("fr", "FRA"),
        ("usa", "USA"),
        ("Atlantis", None),
    ],
)
def test_country_code(name: str, expected: str | None) -> None:
    assert country_code(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R (QSA) v SSHD [2020] EWCA Civ 130", ["[2020] EWCA Civ 130"]),
        ("[2012]  UKUT 82 (IAC) and [2014] EWHC 1234 (Admin)", ["[2012] UKUT 82 (IAC)", "[2014] EWHC 1234 (Admin)"]),
        ("[2014] UKSC 47; [2023] EAT 1", ["[2014] UKSC 47", "[2023] EAT 1"]),
        ("[2010] 1 WLR 123 and [2008] QB 12 are law reports", []),
    ],
)
def test_neutral_citations(text: str, expected: list[str]) -> None:
    assert neutral_citations(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rantsev v. Cyprus and Russia, no. 25965/04, § 282", ["25965/04"]),
        ("(Application no. 73316/01)", ["73316/01"]),
        ("nos. 30696/09 and 1234/10", ["30696/09", "1234/10"]),
        ("a ratio of 12/04 without a number sign", []),
    ],
)
def test_application_numbers(text: str, expected: list[str]) -> None:
    assert application_numbers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18 U.S.C. § 1589", [("18", "1589")]),
        ("18 U.S.C. §§ 1589, 1590 and 1594(a)", [("18", "1589"), ("18", "1590"), ("18", "1594")]),
        ("18 U.S.C. § 1593A", [("18", "1593A")]),
        ("8 U.S.C. section 1324(a)(1)", [("8", "1324")]),
        ("no code here", []),
    ],
)
def test_usc_sections(text: str, expected: list[tuple[str, str]]) -> None:
    assert usc_sections(text) == expected


@pytest.mark.parametrize(
    ("text", "convention", "identifiers", "provisions"),
    [
        ("ECLI:CE:ECHR:2010:0107JUD002596504", None, ["ECLI:CE:ECHR:2010:0107JUD002596504"], []),
        ("(2010) 51 EHRR 1", None, ["(2010) 51 EHRR 1"], []),
        ("United States v. Kozminski, 487 U.S. 931 (1988)", None, ["487 U.S. 931"], []),
        ("18 U.S.C. § 1591(a)", None, [], ["18 U.S.C. § 1591"]),
        ("a breach of Article 4 of the Convention", "ECHR", [], ["ECHR Art. 4"]),
        ("a breach of Article 4 of the Convention", None, [], []),
        ("Article 4 of the Convention on Action against Trafficking", "ECHR", [], []),
        ("article 4 ECHR and Art. 3 of the European Convention on Human Rights", None, [], ["ECHR Art. 4", "ECHR Art. 3"]),
        (
            "Article 26 of the Trafficking Convention; Art 4 ECAT",
            None,
            [],
            [
                "Council of Europe Convention on Action against Trafficking in Human Beings Art. 26",
                "Council of Europe Convention on Action against Trafficking in Human Beings Art. 4",
            ],
        ),
        ("Article 2 of Directive 2011/36/EU", None, [], ["Directive 2011/36/EU Art. 2"]),
        ("Article 3 of the Palermo Protocol", None, [], ["Palermo Protocol Art. 3"]),
        (
            "section 45 of the Modern Slavery Act 2015 and MSA 2015, s. 1",
            None,
            [],
            ["Modern Slavery Act 2015 s. 45", "Modern Slavery Act 2015 s. 1"],
        ),
        ("s.45(4) of the MSA", None, [], ["Modern Slavery Act 2015 s. 45"]),
    ],
)
def test_find_citations(text: str, convention: str | None, identifiers: list[str], provisions: list[str]) -> None:
    found_ids, found_provisions = find_citations(text, convention=convention)
    assert [i.value for i in found_ids] == identifiers
    assert [p.cite for p in found_provisions] == provisions


@pytest.mark.parametrize(
    ("section", "expected"), [("§ 1591(a)(1)", "1591"), ("Art. 4", "4"), ("s. 45", "45"), ("§ 1593A", "1593A"), (None, None)]
)
def test_section_number(section: str | None, expected: str | None) -> None:
    assert section_number(section) == expected


@pytest.mark.parametrize(
    ("text", "stems", "expected"),
    [
        ("protection to Ms Rantseva against trafficking", (), "protection to Ms [name] against trafficking"),
        ("took Rantseva O.N. from the police station", (), "took [name] from the police station"),
        ("the daughter, Oxana Rantseva, travelled", ("Rantsev",), "the daughter, Oxana [name], travelled"),
        ("for Mr and Mrs B. in Paris", (), "for Mr and [name] in Paris"),
        ("Mr P. Clerides, Attorney-General", (), "Mr [name], Attorney-General"),
        ("the Court of Appeal", ("Roe",), "the Court of Appeal"),
    ],
)
def test_redact_names(text: str, stems: tuple[str, ...], expected: str) -> None:
    assert redact_names(text, stems) == expected
