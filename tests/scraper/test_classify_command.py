"""``palermo classify``: files, standard input, JSON lines, and bad input reported line by line."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from palermo.cli import main
from tests.scraper.test_amp import SUMMARY

KEYS = {"id", "acts", "means", "purposes", "offence_types", "ilo_indicators", "legal_issues", "amp", "evidence", "confidence"}


def test_jsonl_codes_good_lines_and_names_bad_ones(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "a", "text": SUMMARY}),
        "not json",
        json.dumps({"id": "b"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"id": 7, "text": SUMMARY.replace(". ", ".\n")}),
    ]
    src.write_bytes(("\n".join(lines) + "\n").encode() + b'{"id": "c", "text": "\xff\xfe"}\n')
    out = tmp_path / "out.jsonl"
    assert main(["classify", "--jsonl", str(src), "--out", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"palermo classify: {src}:2: not JSON (Expecting value at column 1)",
        f"palermo classify: {src}:3: field 'text' is missing or empty",
        f'palermo classify: {src}:5: expected an object {{"id": …, "text": …}}',
        f"palermo classify: {src}:7: not UTF-8 (byte 21: invalid start byte)",
    ]
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", 7]
    assert all(set(r) == KEYS for r in rows)
    assert rows[0]["amp"] == rows[1]["amp"]
    assert "recruitment" in rows[0]["acts"]


def test_file_and_stdin(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "judgment.html"
    page.write_text(f"<html><body><h1>Judgment</h1><p>{SUMMARY}</p><script>var x = 1;</script></body></html>", encoding="utf-8")
    assert main(["classify", "--json", str(page)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == str(page) and "sexual_exploitation" in data["purposes"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SUMMARY.encode())))
    assert main(["classify", "-"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("-\n  acts: recruitment (rule act-recruitment)")
    assert "evidence:" in text


def test_bad_files_are_named_and_the_rest_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.4\x00\x01\x02")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Trafficking case, Bogot\u00e1".encode("latin-1"))
    good = tmp_path / "good.txt"
    good.write_text(SUMMARY, encoding="utf-8")
    assert main(["classify", str(empty), str(binary), str(latin), str(tmp_path / "missing.txt"), str(good)]) == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"palermo classify: {empty}: empty input",
        f"palermo classify: {binary}: binary input (NUL bytes), not text",
        f"palermo classify: {latin}: not UTF-8 (byte 23: unexpected end of data)",
        f"palermo classify: {tmp_path / 'missing.txt'}: cannot read (No such file or directory)",
    ]
    assert captured.out.startswith(f"{good}\n")


def test_nothing_to_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify"]) == 1
    assert "give a FILE" in capsys.readouterr().err
