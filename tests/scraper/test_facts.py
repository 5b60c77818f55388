"""Facts read by rule from a fact summary (``scraper.facts``), on small summaries written for these tests."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from palermo.corpus.attribution import rule_read_fields
from palermo.model.schema import CaseRecord
from scraper.facts import MAX_WORDS, pointer, read_facts, words_in
from scraper.facts.tables import TABLES_DIR, TableError, phrase_rules
from scraper.merge import merge_records
from tests.factories import case_record

ONE_VICTIM = (
    "In 2015 the defendant offered the victim a job as a waitress in the capital. When she arrived he took her "
    "passport and forced her into prostitution in a brothel he ran, keeping all she earned. She was 16 years old. "
    "The court convicted the defendant of trafficking in persons under article 145 bis of the Penal Code and "
    "sentenced him to 7 years and 6 months of imprisonment."
)
GROUP = (
    "Three defendants ran a network that brought young Moldovan women to work in bars, where the traffickers forced "
    "them into prostitution. Two defendants were convicted; the third was acquitted on appeal. They were sentenced to terms "
    "between four and six years."
)
FARM = (
    "The defendant recruited the victim, a man from a rural village, for work on his farm harvesting vegetables. "
    "The victim worked fourteen hours a day without pay and was not allowed to leave the farm. The defendant was "
    "found guilty under 18 U.S.C. § 1589."
)


def values(text: str, jurisdiction: str | None = "ARG") -> dict[str, object]:
    return read_facts(text, jurisdiction).values


def test_one_victim_one_defendant_and_a_conviction_are_read_with_their_evidence() -> None:
    reading = read_facts(ONE_VICTIM, "ARG")
    got = reading.values
    assert [o.value for o in got["offence_types"]] == ["sex_trafficking", "child_trafficking"]
    assert got["sector"].value == "sex_industry"
    assert got["victims"] == {"count": 1, "female": 1, "minors": 1}
    assert got["defendants"] == {"count": 1, "natural_persons": 1}
    assert got["outcome"].value == "conviction"
    assert got["sentences"] == [{"defendant": "the defendant", "custody_months": 90.0}]
    assert [p.cite for p in got["provisions"]] == ["Penal Code (Argentina) Art. 145 bis"]
    fields = {e.field.split(".", 1)[0] for e in reading.evidence}
    assert fields == set(got)
    assert all(e.rule.startswith("facts-") for e in reading.evidence)


def test_every_passage_is_a_marked_quotation_of_at_most_fifteen_words() -> None:
    for text in (ONE_VICTIM, GROUP, FARM):
        for evidence in read_facts(text, "USA").evidence:
            assert evidence.passage is not None
            assert evidence.passage.startswith("“") and evidence.passage.endswith("”")
            assert words_in(evidence.passage) <= MAX_WORDS


def test_a_pointer_into_a_long_phrase_keeps_to_fifteen_words() -> None:
    text = " ".join(f"w{i}" for i in range(100))
    passage = pointer(text, text.index("w10"), text.index("w60"))
    assert words_in(passage) == MAX_WORDS and passage.startswith("“w10 ")


def test_several_defendants_and_an_appeal_leave_counts_outcome_and_sentences_empty() -> None:
    got = values(GROUP)
    assert "defendants" not in got  # "Three defendants" may be all or some of them: not read
    assert "outcome" not in got  # convicted and acquitted, and an appeal
    assert "sentences" not in got  # a range, for several defendants
    assert "count" not in got.get("victims", {})  # women in the plural: the rules do not count them
    assert got["victims"]["nationalities"] == ["MDA"]
    assert got["sector"].value == "sex_industry"  # the bars yield to the sex industry


def test_labour_on_a_farm() -> None:
    got = values(FARM, "USA")
    assert "offence_types" not in got  # no phrase names forced labour: left to a reader
    assert got["sector"].value == "agriculture"
    assert got["victims"] == {"count": 1}  # a man: no female count
    assert {i.value for i in got["ilo_indicators"]} >= {"excessive_overtime", "withholding_of_wages", "restriction_of_movement"}
    assert [p.cite for p in got["provisions"]] == ["18 U.S.C. § 1589"]
    assert got["outcome"].value == "conviction"


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("She was forced to beg on the streets of the city.", "street_begging"),
        ("The workers were held on a fishing vessel for two years.", "fishing"),
        ("He promised her work in a restaurant, but she was made to work as a prostitute.", "sex_industry"),
        ("They were employed at a garment factory and on a building site.", None),  # two sectors: not read
        ("The victims were made to work in the house and in the fields.", None),
    ],
)
def test_sector_only_when_one_is_left(text: str, sector: str | None) -> None:
    got = values(text).get("sector")
    assert (got.value if got else None) == sector


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("The court found the accused guilty of trafficking.", "conviction"),
        ("The accused was acquitted of all charges.", "acquittal"),
        ("The defendant, who had previously been convicted of pimping, was sentenced to 3 years in prison.", None),
        ("The court of appeal upheld the conviction.", None),
    ],
)
def test_outcome(text: str, outcome: str | None) -> None:
    got = values(text).get("outcome")
    assert (got.value if got else None) == outcome


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("The defendant lured the victim abroad. The court sentenced the defendant to imprisonment of 8 years and 7 months.", [103.0]),
        ("The defendant lured the victim abroad. She was sentenced to 2.5 years in prison.", [30.0]),
        ("The defendant lured the victim abroad. He was sentenced to 4 years of imprisonment, suspended.", []),
        ("The defendant lured the victim abroad. He was sentenced to life imprisonment and to 5 years in prison.", []),
    ],
)
def test_sentences(text: str, months: list[float]) -> None:
    got = values(text).get("sentences") or []
    assert [s["custody_months"] for s in got] == months  # type: ignore[index]


def test_victims_from_a_country_and_more_than_one_victim() -> None:
    got = values("The victims from Nigeria were taken to Italy. Another victim came from Ghana.")
    assert got["victims"] == {"nationalities": ["NGA"]}  # "came from" is no pattern; "victims" in the plural: no count


def test_offences_yield_and_several_purposes_are_read() -> None:
    got = values("He offered her domestic work abroad, then forced her into prostitution; the kidney removal was planned.")
    assert [o.value for o in got["offence_types"]] == ["sex_trafficking", "organ_removal"]
    got = values("The children were forced to beg and made to steal from shoppers; one girl was sold into marriage.")
    assert {o.value for o in got["offence_types"]} == {"forced_begging", "forced_criminality", "forced_marriage"}


def test_a_table_with_an_unknown_value_is_an_error_naming_file_and_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scraper.facts import tables

    (tmp_path / "broken.yaml").write_text("rules:\n  - id: facts-x\n    value: piracy\n    patterns: ['x']\n", encoding="utf-8")
    monkeypatch.setattr(tables, "TABLES_DIR", tmp_path)
    tables.table.cache_clear()
    try:
        with pytest.raises(TableError, match=r"broken.yaml: rule facts-x: 'piracy'"):
            phrase_rules("broken", ("sex_industry",))
    finally:
        tables.table.cache_clear()
        monkeypatch.undo()
    assert (TABLES_DIR / "sectors.yaml").is_file()


def _rule_evidence(field: str, value: str) -> dict[str, str]:
    return {"field": field, "value": value, "rule": "facts-test", "passage": "“a pointer”"}


def _entry(**fields: object) -> CaseRecord:
    return case_record(editorial_status="index_only", **fields)


def test_a_new_rule_reading_replaces_an_old_one_and_nothing_else() -> None:
    today = datetime.date(2026, 11, 30)
    old = _entry(sector="agriculture", classification_evidence=[_rule_evidence("sector", "agriculture")])
    new = _entry(sector="fishing", classification_evidence=[_rule_evidence("sector", "fishing")])
    merged = merge_records(old, new, today=today)
    assert merged.sector is not None and merged.sector.value == "fishing"
    assert [e.value for e in merged.classification_evidence if e.field == "sector"] == ["fishing"]
    # a digest's reading (or any value not read by rule) is never replaced by the rules
    read = {"field": "sector", "value": "agriculture", "rule": "digest-reading", "passage": "read in the brief"}
    digested = _entry(sector="agriculture", classification_evidence=[read])
    assert merge_records(digested, new, today=today).sector.value == "agriculture"  # type: ignore[union-attr]
    # nor an editor's
    edited = _entry(sector="agriculture", editorial_fields=["sector"], classification_evidence=[_rule_evidence("sector", "agriculture")])
    assert merge_records(edited, new, today=today).sector.value == "agriculture"  # type: ignore[union-attr]
    assert rule_read_fields(new.classification_evidence) == {"sector"}


def test_every_fact_read_by_rule_in_the_corpus_quotes_at_most_fifteen_words() -> None:
    from palermo.corpus.store import load_corpus

    root = Path(__file__).resolve().parents[2] / "cases"
    long = []
    for record in load_corpus(root).records:
        for e in record.classification_evidence:
            if e.rule.startswith("facts-"):
                passage = e.passage or ""
                if not (passage.startswith("“") and passage.endswith("”")) or words_in(passage) > MAX_WORDS:
                    long.append(f"{record.id}: {e.field} {passage!r}")
    assert long == [], "\n".join(long[:10])


def test_records_do_not_take_a_field_below_its_precision_target() -> None:
    from scraper.facts import NOT_FOR_RECORDS, record_fields

    reading = record_fields(read_facts(ONE_VICTIM, "ARG"))
    assert "outcome" in NOT_FOR_RECORDS and "outcome" not in reading.values
    assert not [e for e in reading.evidence if e.field == "outcome"]
    assert reading.values["sentences"]
