"""``palermo index``, ``palermo search`` and ``palermo similar`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from palermo.cli import main
from palermo.model.schema import CaseRecord
from search_index.similar import similar_table


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli") / "index"


def test_search_builds_the_index_on_demand_and_prints_json(test_corpus: Path, index_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["search", "forced labour", "--offence", "labour_trafficking", "--json", "--cases", str(test_corpus), "--index", str(index_dir)]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"total", "match", "also_matched", "results", "facets"}
    assert out["total"] == len(out["results"]) or len(out["results"]) == 10
    for result in out["results"]:
        assert set(result) == {"id", "title", "score", "snippet", "offence_types", "jurisdiction", "decision_date", "flags"}
        assert "labour_trafficking" in result["offence_types"]
    assert set(out["facets"]) >= {"offence_types", "jurisdiction", "court_level", "outcome", "legal_issues", "ilo_indicators"}
    assert all(isinstance(c, int) for counts in out["facets"].values() for c in counts.values())


@pytest.mark.parametrize(
    "argv",
    [
        ['"unclosed phrase'],
        ["labour AND"],
        ["colour:red"],
        ["labour", "--offence", "piracy"],
        ["labour", "--year", "2020..2010"],
    ],
)
def test_malformed_query_exits_2_with_one_line(
    test_corpus: Path, index_dir: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert main(["search", *argv, "--cases", str(test_corpus), "--index", str(index_dir)]) == 2
    # The first search of a worker may build the index and say so first.
    err = "\n".join(line for line in capsys.readouterr().err.strip().splitlines() if not line.startswith("(built the index"))
    assert err.startswith("palermo search: ") and "\n" not in err and "Traceback" not in err


def test_human_output_has_badges_and_facets(test_corpus: Path, index_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--jurisdiction", "ECHR", "--year", "2017..2017", "--cases", str(test_corpus), "--index", str(index_dir)]) == 0
    out = capsys.readouterr().out
    assert "Chowdury" in out and "[Labour trafficking]" in out and "Offence type:" in out


def test_index_command_reports_what_it_did(test_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", "--cases", str(test_corpus), "--index", str(tmp_path / "ix")]) == 0
    assert "built" in capsys.readouterr().out
    assert main(["index", "--cases", str(test_corpus), "--index", str(tmp_path / "ix")]) == 0
    assert "0 added, 0 updated, 0 removed" in capsys.readouterr().out


def test_similar_command(test_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["similar", "ecthr-2005-siliadin-v-france", "--json", "--cases", str(test_corpus)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out) == 5 and all(r["id"] != "ecthr-2005-siliadin-v-france" for r in out)
    assert main(["similar", "no-such-case", "--cases", str(test_corpus)]) == 1
    assert "no case with id" in capsys.readouterr().err


def test_similar_command_and_case_pages_agree(
    test_corpus: Path, corpus_records: list[CaseRecord], capsys: pytest.CaptureFixture[str]
) -> None:
    """The case pages' "Similar cases" and ``palermo similar`` come from one algorithm: same five, same order."""
    table = similar_table(corpus_records, limit=5)
    sample = ["ecthr-2005-siliadin-v-france", *sorted(table)[:: max(1, len(table) // 4)]]
    for case_id in sample:
        assert main(["similar", case_id, "--json", "--cases", str(test_corpus)]) == 0
        assert [r["id"] for r in json.loads(capsys.readouterr().out)] == table[case_id], case_id


def test_plain_question_falls_back_to_closest_matches_and_says_so(
    test_corpus: Path, index_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    question = ["strawberry pickers shot at when they asked for their wages"]
    assert main(["search", *question, "--cases", str(test_corpus), "--index", str(index_dir)]) == 0
    assert "no case has every word; closest matches" in capsys.readouterr().out
    assert main(["search", *question, "--json", "--cases", str(test_corpus), "--index", str(index_dir)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["match"] == "closest" and out["results"][0]["id"] == "ecthr-2017-chowdury-and-others-v-greece"


def test_thesaurus_is_shown_and_can_be_turned_off(test_corpus: Path, index_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["search", "psychological coercion", "--json", "--cases", str(test_corpus), "--index", str(index_dir)]
    assert main(base) == 0
    assert "serious harm" in json.loads(capsys.readouterr().out)["also_matched"]
    assert main([*base, "--no-thesaurus"]) == 0
    assert json.loads(capsys.readouterr().out)["also_matched"] == []
    assert main(["search", "psychological coercion", "--cases", str(test_corpus), "--index", str(index_dir)]) == 0
    assert "also matched: serious harm" in capsys.readouterr().out
