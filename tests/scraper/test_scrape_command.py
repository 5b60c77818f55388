"""``palermo scrape`` options over saved documents: --json writes nothing, --since and --limit filter, bad paths are fatal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from palermo.cli import main
from palermo.corpus.store import load_corpus

ROOT = Path(__file__).resolve().parents[2]
HTD = ROOT / "tests" / "fixtures" / "htd" / "handwritten_htd_coding.csv"


def test_json_prints_records_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "cases"
    status = main(["scrape", "htd", "--from", str(HTD), "--cases", str(cases), "--json"])
    captured = capsys.readouterr()
    assert status == 2  # the fixture's bad rows are reported
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["id"] for r in lines] == ["usa-2011-united-states-v-placeholder", "usa-2013-united-states-v-example"]
    assert "line 5.TotalSentence" in captured.err
    assert not cases.exists()


def test_since_and_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "cases"
    report = tmp_path / "report.json"
    main(["scrape", "htd", "--from", str(HTD), "--cases", str(cases), "--since", "2012-01-01", "--report", str(report)])
    assert [r.id for r in load_corpus(cases).records] == ["usa-2013-united-states-v-example"]
    assert any("before --since 2012-01-01" in s["reason"] for s in json.loads(report.read_text(encoding="utf-8"))["skipped"])
    other = tmp_path / "other"
    main(["scrape", "htd", "--from", str(HTD), "--cases", str(other), "--limit", "1"])
    assert len(load_corpus(other).records) == 1
    capsys.readouterr()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["scrape", "nowhere"], "unknown source 'nowhere'"),
        (["scrape", "htd", "--from", "/no/such/folder"], "no such file or folder"),
        (["scrape", "htd", "--from", str(ROOT / "tests" / "fixtures" / "sherloc")], "no file there is one htd reads"),
    ],
)
def test_fatal_errors_exit_1_with_a_message(argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*argv, "--cases", str(tmp_path / "cases")]) == 1
    assert message in capsys.readouterr().out
