"""htd source: one record per prosecution, facts only, never a defendant's personal details or the coders' summaries."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from palermo.model.schema import CaseRecord
from palermo.model.vocab import CourtLevel, IdentifierType, OffenceType, Outcome
from scraper.base import ParseError, file_document
from scraper.sources.htd import Source, case_docket, case_title

ROOT = Path(__file__).resolve().parents[2]
OWN = ROOT / "tests" / "fixtures" / "htd"
REAL = "other-trafficking/htd_federal_trafficking_prosecutions_290rows.csv"


def parse(path: Path) -> tuple[Source, dict[str, CaseRecord]]:
    source = Source()
    return source, {r.id: r for r in source.parse(file_document("htd", path))}


@pytest.mark.parametrize(
    ("raw", "docket"),
    [("3:07-cr-00011-JCH-1", "3:07-cr-00011-JCH"), ("2:07-cr-00785-JLL", "2:07-cr-00785-JLL"), ("3:10-cr-00260", "3:10-cr-00260")],
)
def test_case_docket_drops_the_defendant_suffix(raw: str, docket: str) -> None:
    assert case_docket(raw) == docket


def test_case_title() -> None:
    assert case_title("USA v. Davis et al") == "United States v. Davis et al."
    assert case_title("USA v. Kalu") == "United States v. Kalu"


def test_defendants_on_one_docket_become_one_case() -> None:
    source, records = parse(OWN / "handwritten_htd_coding.csv")
    assert sorted(records) == ["usa-2011-united-states-v-placeholder", "usa-2013-united-states-v-example"]
    labour = records["usa-2011-united-states-v-placeholder"]
    assert labour.identifier(IdentifierType.DOCKET_NUMBER) == "2:09-cr-00001-ABC"
    assert labour.court is not None and labour.court.id == "njd"
    assert labour.court_level is CourtLevel.FIRST_INSTANCE
    assert labour.judges == ["Invented Judge One"]
    assert labour.offence_types == [OffenceType.LABOUR_TRAFFICKING]
    assert labour.outcome is Outcome.CONVICTION
    assert labour.defendants is not None and labour.defendants.count == 2
    assert [(s.defendant, s.custody_months) for s in labour.sentences] == [("Defendant 1", 120)]
    assert labour.sentences[0].restitution is not None and labour.sentences[0].restitution.amount == 25000
    assert [p.cite for p in labour.provisions] == ["18 U.S.C. § 1589", "18 U.S.C. § 1592"]
    minor = records["usa-2013-united-states-v-example"]
    assert minor.court is None, "California has four districts: the circuit number does not say which"
    assert OffenceType.CHILD_TRAFFICKING in minor.offence_types and OffenceType.SEX_TRAFFICKING in minor.offence_types
    assert minor.defendants is not None and minor.defendants.count == 2, "the row without CaseDef joins its docket"
    assert minor.victims is not None and (minor.victims.count, minor.victims.minors) == (1, 1)
    assert {r.rule for r in minor.classification_evidence} >= {"usc-1591-sex-trafficking", "htd-flag-MinorSex"}
    assert [reason for _, reason in source.skips] == ["no trafficking statute charged and no trafficking flag set"]
    assert sorted(p.field for p in source.problems) == ["line 5.TotalSentence", "line 7.CaseNum"]


def test_no_personal_detail_or_summary_reaches_a_record() -> None:
    _source, records = parse(OWN / "handwritten_htd_coding.csv")
    dumped = json.dumps([r.to_data() for r in records.values()])
    for never in ("NEVER-COPY", "1/1/1970", "1970-01-01", "Alpha", "Beta", "Gamma", "Delta", "7777"):
        assert never not in dumped, f"{never!r} leaked into a record"


def test_missing_columns_is_a_clear_error() -> None:
    with pytest.raises(ParseError) as caught:
        parse(OWN / "malformed" / "htd_missing_columns.csv")
    assert caught.value.field == "(header)"
    assert "CaseName" in caught.value.message


def test_real_coding_gives_fifty_cases_without_personal_details(shared_fixtures: Path) -> None:
    path = shared_fixtures / REAL
    source, records = parse(path)
    assert len(records) == 50
    assert not source.problems
    dumped = json.dumps([r.to_data() for r in records.values()], ensure_ascii=False)
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        summary = " ".join(row["CaseSummary"].split())
        if summary:
            assert summary[:60] not in dumped, "an HTD summary sentence was copied"
        birth = row["Birthdate"].strip()
        if len(birth) >= 8:  # full dates; a bare year would collide with statute numbers
            assert birth not in dumped
        for alias in (a.strip() for a in row["Alias"].split(";")):
            if len(alias) >= 6 and alias not in row["CaseName"]:
                assert f'"{alias}"' not in dumped and f" {alias} " not in dumped, f"alias {alias!r} leaked"
    afolabi = records["usa-2010-united-states-v-afolabi"]
    assert afolabi.identifier(IdentifierType.DOCKET_NUMBER) == "2:07-cr-00785-JLL"
    assert afolabi.court is not None and afolabi.court.id == "njd"
    assert afolabi.sources[0].url.startswith("https://github.com/OnyxSpartanII/JudgeFrog/")
