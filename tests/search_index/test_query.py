"""The query syntax: rewriting to whoosh, and one-line explanations for malformed queries."""

from __future__ import annotations

import pytest

from search_index.query import QueryError, YearRange, parse, parse_year_range, rewrite
from search_index.whoosh_engine import build_schema

REWRITES = [
    ('"forced labour" AND passport', '"forced labour" AND passport'),
    ("offence:labour_trafficking", "offence_types:labour_trafficking"),
    ('offence:"Labour trafficking"', "offence_types:labour_trafficking"),
    ("offense:sex-trafficking", "offence_types:sex_trafficking"),
    ("jurisdiction:gbr", "jurisdiction:GBR"),
    ("issue:non_punishment level:apex", "legal_issues:non_punishment court_level:apex"),
    ("ilo:debt_bondage outcome:conviction", "ilo_indicators:debt_bondage outcome:conviction"),
    ("year:2010..2020", "year:[2010 TO 2020]"),
    ("year:2015", "year:[2015 TO 2015]"),
    ("year:..2005", "year:[ TO 2005]"),
    ("year:2019..", "year:[2019 TO ]"),
    ("labour -sex", "labour NOT sex"),
    ("(passport OR visa) NOT cabaret", "( passport OR visa ) NOT cabaret"),
    ('title:rantsev holdings:"positive obligations"', 'title:rantsev holdings:"positive obligations"'),
    ("ECLI:CE:ECHR:2010:0107JUD002596504", '"ECLI:CE:ECHR:2010:0107JUD002596504"'),
    ("traffick*", "traffick*"),
]


@pytest.mark.parametrize(("query", "expected"), REWRITES, ids=[q for q, _ in REWRITES])
def test_rewrite(query: str, expected: str) -> None:
    assert rewrite(query) == expected


MALFORMED = [
    ('"forced labour', "unclosed quotation mark"),
    ("(passport OR visa", "never closed"),
    ("passport)", "no matching"),
    ("()", "empty parentheses"),
    ("labour AND", "needs a word after it"),
    ("AND labour", "needs a word on each side"),
    ("labour OR OR sex", "needs a word on each side"),
    ("NOT", "needs a word after it"),
    ("colour:red", "unknown field 'colour'"),
    ("offence:piracy", "unknown offence type 'piracy'"),
    ("jurisdiction:XYZ", "unknown jurisdiction"),
    ("year:2020..2010", "runs backwards"),
    ("year:twenty", "not understood"),
    ("offence:", "needs a value"),
    ("the of and", "nothing to search for"),
]


@pytest.mark.parametrize(("query", "message"), MALFORMED, ids=[q for q, _ in MALFORMED])
def test_malformed_queries_get_one_line_explanations(query: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(query, build_schema())
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_empty_query_parses_to_none() -> None:
    assert parse("   ", build_schema()) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2010..2020", YearRange(2010, 2020)),
        ("2015", YearRange(2015, 2015)),
        ("..2005", YearRange(None, 2005)),
        ("2019..", YearRange(2019, None)),
    ],
)
def test_parse_year_range(text: str, expected: YearRange) -> None:
    assert parse_year_range(text) == expected


def test_year_range_contains() -> None:
    years = YearRange(2010, 2012)
    assert years.contains(2010) and years.contains(2012) and not years.contains(2013) and not years.contains(None)
