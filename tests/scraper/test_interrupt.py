"""Interruption: a scrape killed midway (SIGKILL) leaves a valid corpus; a rerun resumes and finishes;
a third run changes no file."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from palermo.corpus.store import iter_case_files, load_corpus

ROOT = Path(__file__).resolve().parents[2]
KILL_AFTER = 250
"""Records written before the first run is killed (the saved SHERLOC documents give about 1,600)."""


def scrape(source_folder: Path, cases: Path, report: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "palermo.cli",
            "scrape",
            "sherloc",
            "--from",
            str(source_folder),
            "--cases",
            str(cases),
            "--report",
            str(report),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def snapshot(cases: Path) -> dict[str, tuple[int, str]]:
    return {str(p.relative_to(cases)): (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest()) for p in iter_case_files(cases)}


def test_killed_run_resumes_and_a_third_run_changes_nothing(shared_fixtures: Path, tmp_path: Path) -> None:
    source_folder = shared_fixtures / "unodc-sherloc"
    cases = tmp_path / "cases"
    report = tmp_path / "report.json"

    first = scrape(source_folder, cases, report)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and first.poll() is None:
        if cases.exists() and sum(1 for _ in cases.rglob("*.yaml")) >= KILL_AFTER:
            break
        time.sleep(0.005)
    if first.poll() is not None:
        pytest.fail(f"the first run ended before it could be interrupted (exit {first.returncode})")
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=30)
    assert first.returncode == -signal.SIGKILL

    interrupted = load_corpus(cases)
    assert not interrupted.errors, f"a record was left half-written: {interrupted.errors[:3]}"
    assert KILL_AFTER <= len(interrupted.records) < 1500
    assert (cases / ".palermo" / "scrape-sherloc.json").exists(), "the interrupted run left no checkpoint"

    second = scrape(source_folder, cases, report)
    assert second.wait(timeout=300) == 0
    resumed = json.loads(report.read_text(encoding="utf-8"))
    assert resumed["resumed"] and resumed["completed"]
    assert any(s["reason"] == "finished by the interrupted run this one resumes" for s in resumed["skipped"])
    finished = load_corpus(cases)
    assert not finished.errors
    assert len(finished.records) > len(interrupted.records)
    assert not (cases / ".palermo" / "scrape-sherloc.json").exists()
    assert not [p for p in cases.rglob("*.tmp")]

    before = snapshot(cases)
    third = scrape(source_folder, cases, report)
    assert third.wait(timeout=300) == 0
    again = json.loads(report.read_text(encoding="utf-8"))
    assert (again["new"], again["updated"]) == (0, 0)
    assert snapshot(cases) == before, "a run over unchanged documents touched a file"
