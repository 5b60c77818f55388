"""The digest checks on small hand-made entries and summaries: one passing entry and one failure per check."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
import yaml

from palermo.digests.__main__ import main
from palermo.digests.checks import (
    ShingleIndex,
    check_consistency,
    check_entries,
    check_length,
    check_names,
    check_numbers,
    check_overlap,
    numbers,
)
from palermo.digests.load import load_file
from palermo.digests.model import DigestEntry
from palermo.digests.summaries import MANIFEST, SUMMARY_FILES, Summary, case_key, load_summaries

KEY = "xyz/2015/case_no_12-2015"
URL = "https://www.unodc.org/cld/case-law-doc/traffickingpersonscrimetype/xyz/2015/case_no_12-2015.html"
TITLE = "Prosecutor v. Quenby and Marlowe"
SUMMARY = (
    "In 2015 the two accused, Quenby and Marlowe, approached four young women in Nigeria and offered them work as "
    "hairdressers abroad. When the women reached the destination, a neighbour called Zorbina Vask noticed that they were "
    "locked inside a flat and sent out every night to sell sex. Each woman was told she owed USD 30,000 for the journey. "
    "The trial court convicted both accused of trafficking in persons and imposed 8 years of imprisonment on each of them. "
    "It held that the women's consent did not matter once deception had been shown."
)
DIGEST = (
    "Two defendants, Quenby and Marlowe, recruited four women in Nigeria in 2015 by promising them jobs in hair salons in "
    "another country. After arrival the women were confined to an apartment and made to work in prostitution every "
    "night, and each was told that her travel had left her with a debt of $30,000. The court found both defendants guilty "
    "of trafficking in persons and sentenced each of them to 8 years in prison, holding that deception made any agreement "
    "by the women legally irrelevant."
)


def entry(**changes: Any) -> DigestEntry:
    data: dict[str, Any] = {
        "key": KEY,
        "title": TITLE,
        "unodc_number": "XYZ001",
        "basis": "UNODC SHERLOC case brief (English fact summary), snapshot 2026-08-10",
        "digest": DIGEST,
        "points_of_law": ["Once deception is proved, the victims' consent to the exploitation does not matter."],
        "facts": {
            "outcome": "conviction",
            "offence_types": ["sex_trafficking"],
            "sector": "sex_industry",
            "victims": {"count": 4, "female": 4, "nationalities": ["NGA"]},
            "defendants": {"count": 2},
            "sentences": [{"defendant": "each defendant", "custody_months": 96}],
        },
        "written": "2026-11-30",
        "second_reading": "pending",
    }
    data.update(changes)
    return DigestEntry.model_validate(data)


@pytest.fixture
def fixtures(tmp_path: Path) -> Path:
    """A saved-documents folder holding the one hand-made summary, laid out like the real one."""
    root = tmp_path / "fixtures"
    (root / MANIFEST).parent.mkdir(parents=True)
    with (root / MANIFEST).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["search_rank", "case_title", "canonical_url"])
        writer.writerow(["1", TITLE, URL])
    rel, column = SUMMARY_FILES[0]
    (root / rel).parent.mkdir(parents=True)
    with (root / rel).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["canonical_url", column])
        writer.writerow([URL + "?lng=en", SUMMARY])
        writer.writerow(
            [
                URL.replace("xyz/2015/case_no_12-2015", "xyz/2016/other"),
                "An unrelated summary about a farm where many men worked without pay.",
            ]
        )
    return root


@pytest.fixture
def index(fixtures: Path) -> ShingleIndex:
    return ShingleIndex(load_summaries(fixtures))


def test_case_key_folds_hosts_folders_and_suffixes() -> None:
    assert case_key(URL) == KEY
    assert case_key("https://sherloc.unodc.org/cld/case-law-doc/criminalgroupcrimetype/XYZ/2015//Case_No_12-2015.html?lng=en") == KEY
    assert case_key("https://example.org/other") is None
    assert case_key("https://sherloc.unodc.org/cld/case-law-doc/traffickingpersonscrimetype/usa/yyyy//Case_1014.html") == "usa/case_1014"


def test_passing_entry_has_no_problems(index: ShingleIndex) -> None:
    assert check_entries([entry()], "batch.yaml", index) == []


def test_numbers_normalise_words_currency_and_separators() -> None:
    assert {"4", "30000", "2015", "25", "12"} <= numbers("four women, USD 30,000 in 2015, twenty-five, a dozen")
    assert "5000" in numbers("$5,000") and "5000" in numbers("EUR 5.000") and "10000" in numbers("10 000 roubles")
    assert numbers("in 2010 150 women") == {"2010", "150"}
    assert "2.5" in numbers("2.5 years") and "500" in numbers("a marked P500 bill")


def test_length_fails_short_digest_and_long_point() -> None:
    problems = check_length(entry(digest="Too short.", points_of_law=["word " * 41]), "b.yaml")
    assert [p.check for p in problems] == ["length", "length"]
    assert "digest has 2 words" in problems[0].message
    assert str(problems[0]).startswith(f"b.yaml: {KEY}: length: ")


def test_overlap_fails_a_copied_run(index: ShingleIndex) -> None:
    copied = DIGEST + " A neighbour noticed that they were locked inside a flat and sent out."
    problems = check_overlap(entry(digest=copied), "b.yaml", index)
    assert len(problems) == 1 and problems[0].check == "overlap"
    assert "its fact summary" in problems[0].message


def test_overlap_finds_runs_of_other_summaries(index: ShingleIndex) -> None:
    problems = check_overlap(entry(digest=DIGEST + " It was a farm where many men worked without pay."), "b.yaml", index)
    assert problems and "xyz/2016/other" in problems[0].message


def test_overlap_finds_runs_of_other_saved_texts() -> None:
    other = ShingleIndex({}, {"htd.csv row 7": "The defendant kept the workers on the ranch and took their passports away."})
    problems = check_overlap(entry(digest=DIGEST + " They kept the workers on the ranch and took their passports."), "b.yaml", other)
    assert problems and "htd.csv row 7" in problems[0].message


def test_numbers_fail_one_not_in_the_summary(index: ShingleIndex) -> None:
    summary = index.summaries["xyz/2015/case_no_12-2015"]
    problems = check_numbers(entry(digest=DIGEST.replace("8 years", "nine years")), "b.yaml", summary)
    assert [p.message for p in problems] == ["'nine' does not occur in the fact summary"]


def test_names_fail_a_witness_named_in_the_summary(index: ShingleIndex) -> None:
    summary = index.summaries["xyz/2015/case_no_12-2015"]
    problems = check_names(entry(digest=DIGEST + " Vask, a neighbour, raised the alarm."), "b.yaml", summary, index.vocabulary)
    assert problems and "'Vask'" in problems[0].message


def test_names_allow_big_cities_but_not_name_like_ones() -> None:
    summary = Summary(KEY, SUMMARY + " They were moved through Los Angeles and Lagos to Adelaide, where Pereira met them.", "test", TITLE)
    digest = DIGEST + " They passed through Los Angeles and Lagos to Adelaide, where Pereira met them."
    flagged = {p.message.split("'")[1] for p in check_names(entry(digest=digest), "b.yaml", summary)}
    assert flagged == {"Adelaide", "Pereira"}


def test_names_fail_an_unknown_capitalised_word_without_the_summary() -> None:
    problems = check_names(entry(digest=DIGEST.replace("the women were confined", "the women and Ottoline were confined")), "b.yaml")
    assert [p.check for p in problems] == ["names"] and "'Ottoline'" in problems[0].message


def test_names_allow_title_countries_and_institutions() -> None:
    text = DIGEST + " The Court of Appeal in Nigeria, in May, upheld the Nigerian decision under Article 3 of the Protocol."
    assert check_names(entry(digest=text), "b.yaml") == []


@pytest.mark.parametrize(
    ("outcome", "text", "needle"),
    [
        ("conviction", " Both were later acquitted.", "acquitted"),
        ("acquittal", "", "facts.outcome is acquittal"),
        (None, "", "not recorded"),
    ],
)
def test_consistency_fails_an_outcome_contradicting_the_facts(outcome: str | None, text: str, needle: str) -> None:
    facts = {"outcome": outcome, "offence_types": ["sex_trafficking"], "sector": "sex_industry"}
    problems = check_consistency(entry(digest=DIGEST + text, facts=facts), "b.yaml")
    assert problems and needle in problems[0].message


def test_consistency_fails_offence_and_sector_contradicting_the_facts() -> None:
    labour = {"outcome": "conviction", "offence_types": ["labour_trafficking"], "sector": "agriculture"}
    messages = [p.message for p in check_consistency(entry(facts=labour), "b.yaml")]
    assert any("lacks sex_trafficking" in m for m in messages)
    assert any("facts.sector is agriculture" in m for m in messages)


def test_model_is_strict(tmp_path: Path) -> None:
    path = tmp_path / "batch-99.yaml"
    data = entry().model_dump(mode="json")
    data["colour"] = "red"
    data["facts"]["sector"] = "spaceships"
    path.write_text(yaml.safe_dump([data]), encoding="utf-8")
    entries, problems = load_file(path)
    assert entries == []
    assert {p.message.split(":")[0] for p in problems} == {"colour", "facts.sector"}
    assert all(p.key == KEY and p.check == "model" for p in problems)


def test_command_prints_problems_and_exits_1(tmp_path: Path, fixtures: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(yaml.safe_dump([entry().model_dump(mode="json")]), encoding="utf-8")
    bad.write_text(yaml.safe_dump([entry(digest=DIGEST + " Zorbina was 17.").model_dump(mode="json")]), encoding="utf-8")
    assert main(["check", str(good), "--fixtures", str(fixtures)]) == 0
    assert main(["check", str(good), str(bad), "--fixtures", str(fixtures)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"{bad}: {KEY}: names: 'Zorbina' starts a sentence but is no ordinary word; a person?" in out
    assert f"{bad}: {KEY}: numbers: '17' does not occur in the fact summary" in out


def test_command_reports_missing_summaries(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump([entry().model_dump(mode="json")]), encoding="utf-8")
    assert main(["check", str(good), "--fixtures", str(tmp_path / "nowhere")]) == 1
    captured = capsys.readouterr()
    assert "fact summaries not found" in captured.out and "did not run" in captured.err
