"""Validator messages carry the path and the line of the offending YAML node; writes are atomic."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from palermo.corpus.store import atomic_write_text, dump_record, load_case, write_case
from palermo.corpus.validate import validate_paths
from tests.factories import case_record

GOOD = """\
id: tst-2020-test-v-state
title: Test v. State
jurisdiction: GBR
decision_date: 2020-03-04
sources:
- name: Test source
  url: https://example.org/judgment
editorial_status: extracted
offence_types:
- labour_trafficking
- piracy
"""


def _write(tmp_path: Path, text: str, name: str = "tst-2020-test-v-state.yaml", folder: str = "gbr") -> Path:
    path = tmp_path / "cases" / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_problem_has_path_line_and_field(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD)
    _, problems = validate_paths([tmp_path / "cases"])
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{path}:11: offence_types.1: Input should be 'sex_trafficking'")


def test_broken_date_reports_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("- piracy\n", "").replace("2020-03-04", "2020-02-31"))
    _, problems = validate_paths([tmp_path / "cases"])
    assert len(problems) == 1
    assert problems[0].path == str(path) and problems[0].line == 4 and problems[0].field == "decision_date"


def test_yaml_syntax_error(tmp_path: Path) -> None:
    _write(tmp_path, "id: x\ntitle: [unclosed\n")
    _, problems = validate_paths([tmp_path / "cases"])
    assert problems[0].field == "(yaml)" and problems[0].line >= 2


def test_id_must_match_file_name_and_folder(tmp_path: Path) -> None:
    _write(tmp_path, GOOD.replace("- piracy\n", ""), name="other-name.yaml", folder="fra")
    _, problems = validate_paths([tmp_path / "cases"])
    fields = sorted(p.field for p in problems)
    assert fields == ["id", "jurisdiction"]


def test_duplicate_ids_and_identifiers(tmp_path: Path) -> None:
    text = GOOD.replace("- piracy\n", "") + "identifiers:\n- type: neutral_citation\n  value: '[2020] EWCA Civ 130'\n"
    _write(tmp_path, text)
    _write(tmp_path, text.replace("tst-2020-test-v-state", "tst-2020-other"), name="tst-2020-other.yaml")
    _write(tmp_path, text, folder="gbr/sub")
    _, problems = validate_paths([tmp_path / "cases"])
    messages = " | ".join(p.message for p in problems)
    assert "duplicate id" in messages
    assert "neutral_citation '[2020] EWCA Civ 130' is also held by" in messages


def test_privacy_problem_points_at_the_field(tmp_path: Path) -> None:
    from palermo.model.privacy import hash_name

    text = (
        GOOD.replace("- piracy\n", "")
        + f"summary: Jane Roe was held.\nprotected_names:\n- {hash_name('tst-2020-test-v-state', 'Jane Roe')}\n"
    )
    _write(tmp_path, text)
    _, problems = validate_paths([tmp_path / "cases"])
    assert [(p.line, p.field) for p in problems] == [(11, "summary")]


def test_cli_on_corpus_copy_with_broken_date(tmp_path: Path, repo_root: Path) -> None:
    corpus = tmp_path / "cases"
    shutil.copytree(repo_root / "cases", corpus)
    target = corpus / "echr" / "ecthr-2010-rantsev-v-cyprus-and-russia.yaml"
    lines = target.read_text(encoding="utf-8").splitlines()
    lineno = next(i for i, line in enumerate(lines, 1) if line.startswith("decision_date:"))
    target.write_text(
        target.read_text(encoding="utf-8").replace("decision_date: 2010-01-07", "decision_date: 2010-01-77"), encoding="utf-8"
    )
    proc = subprocess.run([sys.executable, "-m", "palermo.cli", "validate", str(corpus)], capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert f"{target}:{lineno}: decision_date:" in proc.stdout


def test_cli_clean_corpus_exits_zero(repo_root: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "palermo.cli", "validate", str(repo_root / "cases")], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_atomic_write_skips_unchanged(tmp_path: Path) -> None:
    record = case_record()
    assert write_case(tmp_path, record) is True
    path = tmp_path / "gbr" / f"{record.id}.yaml"
    before = path.stat().st_mtime_ns
    os.utime(path, ns=(before - 10_000_000, before - 10_000_000))
    stamp = path.stat().st_mtime_ns
    assert write_case(tmp_path, record) is False
    assert path.stat().st_mtime_ns == stamp
    assert load_case(path) == record


def test_atomic_write_leaves_old_file_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("old", encoding="utf-8")

    def boom(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write_text(path, "new")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.yaml"]


def test_dump_round_trips() -> None:
    record = case_record(summary="Line one.\nLine two.", holdings=["A holding."])
    import yaml

    from palermo.model.schema import CaseRecord

    assert CaseRecord.model_validate(yaml.safe_load(dump_record(record))) == record
