"""``palermo course validate|show|packet`` on the published course and on a broken copy."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from palermo.cli import main

ROOT = Path(__file__).resolve().parents[2]
COURSE = "trafficking-jurisprudence"


def test_validate_published_course(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["course", "--courses", str(ROOT / "courses"), "--cases", str(ROOT / "cases"), "validate", COURSE])
    out = capsys.readouterr().out
    assert status == 0, out
    assert f"{COURSE}: valid" in out


def test_validate_names_file_and_field_of_a_missing_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    courses = tmp_path / "courses"
    shutil.copytree(ROOT / "courses", courses)
    path = courses / COURSE / "course.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("      - ecthr-2005-siliadin-v-france\n", "      - ecthr-2005-no-such-case\n", 1), encoding="utf-8")
    status = main(["course", "--courses", str(courses), "--cases", str(ROOT / "cases"), "validate", COURSE])
    out = capsys.readouterr().out
    assert status == 1
    assert f"{path}: modules[international-framework].readings[1]: case 'ecthr-2005-no-such-case' is not in the corpus" in out


def test_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["course", "--courses", str(ROOT / "courses"), "show", COURSE, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"id", "title", "modules", "total_minutes", "ethics_minutes", "questions", "readings"}
    assert data["id"] == COURSE
    assert data["total_minutes"] == sum(m["minutes"] for m in data["modules"]) >= 180
    assert data["ethics_minutes"] >= 50
    assert data["questions"] == sum(m["questions"] for m in data["modules"]) >= 40
    assert len(data["readings"]) == len(set(data["readings"]))


def args_for(out: Path) -> list[str]:
    return ["course", "--courses", str(ROOT / "courses"), "--cases", str(ROOT / "cases"), "packet", COURSE, "--out", str(out)]


def test_packet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["course", "--courses", str(ROOT / "courses"), "--cases", str(ROOT / "cases"), "packet", COURSE, "--out", str(tmp_path)])
    assert status == 0, capsys.readouterr().err
    md = (tmp_path / f"{COURSE}-packet.md").read_text(encoding="utf-8")
    html = (tmp_path / f"{COURSE}-packet.html").read_text(encoding="utf-8")
    for heading in ("## Agenda", "## Learning objectives", "## Faculty", "## Materials", "## Quiz"):
        assert heading in md
    assert "0:00–0:30" in md
    assert "*Answer:*" not in md and "✔" not in md  # the published packet gives no answers
    assert main([*args_for(tmp_path), "--with-answers"]) == 0
    private = (tmp_path / f"{COURSE}-packet.md").read_text(encoding="utf-8")
    assert "## Quiz with answers" in private and "*Answer:*" in private
    assert "Not yet reviewed by a qualified lawyer" in md
    assert "<script" not in html
    assert "<table>" in html


def test_packet_with_start_time(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["course", "--courses", str(ROOT / "courses"), "--cases", str(ROOT / "cases"), "packet", COURSE, "--out", str(tmp_path)]
    assert main([*args, "--start", "09:00"]) == 0
    md = (tmp_path / f"{COURSE}-packet.md").read_text(encoding="utf-8")
    assert "| 09:00–09:30 |" in md
    assert "| 11:30–12:20 |" in md  # the 50-minute ethics module after five 30-minute modules
    assert main([*args, "--start", "9 am"]) == 2
    assert "HH:MM" in capsys.readouterr().err
