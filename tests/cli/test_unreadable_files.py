"""One unreadable case file never stops a command with a traceback: each reports ``path: reason`` and goes on
(or, where it promises a complete result, exits 1). Files Palermo writes are as readable as their neighbours."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from palermo.cli import main
from palermo.corpus.store import atomic_write_text

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = [
    "echr/ecthr-2005-siliadin-v-france.yaml",
    "echr/ecthr-2010-rantsev-v-cyprus-and-russia.yaml",
    "usa/usa-2011-united-states-v-dann.yaml",
]


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    cases = tmp_path / "cases"
    for rel in SAMPLE:
        (cases / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "cases" / rel, cases / rel)
    bad = cases / "gbr" / "gbr-2020-latin-1.yaml"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_bytes("id: gbr-2020-latin-1\ntitle: R v Mu\xf1oz\n".encode("latin-1"))
    return cases


@pytest.mark.parametrize(
    ("argv", "status"),
    [
        (["stats"], 1),
        (["export", "--format", "json"], 1),
        (["index"], 1),
        (["search", "trafficking"], 0),
        (["similar", "ecthr-2005-siliadin-v-france"], 0),
        (["validate"], 1),
        (["build"], 1),
    ],
    ids=lambda v: v[0] if isinstance(v, list) else str(v),
)
def test_non_utf8_file_is_reported_not_a_traceback(
    small_corpus: Path, tmp_path: Path, argv: list[str], status: int, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [*argv]
    if argv[0] == "validate":
        args.append(str(small_corpus))
    else:
        args += ["--cases", str(small_corpus)]
    if argv[0] in ("index", "search"):
        args += ["--index", str(tmp_path / "index")]
    if argv[0] == "export":
        args += ["--out", str(tmp_path / "out.json")]
    if argv[0] == "build":
        args += ["--out", str(tmp_path / "site")]
    assert main(args) == status
    captured = capsys.readouterr()
    said = captured.err + captured.out
    assert "gbr-2020-latin-1.yaml" in said and "Traceback" not in said
    assert "UTF-8" in said or "utf-8" in said


def test_written_files_keep_or_take_the_ordinary_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "new.yaml"
        atomic_write_text(fresh, "a: 1\n")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        shared = tmp_path / "shared.yaml"
        shared.write_text("a: 1\n", encoding="utf-8")
        shared.chmod(0o664)
        atomic_write_text(shared, "a: 2\n")
        assert stat.S_IMODE(shared.stat().st_mode) == 0o664
    finally:
        os.umask(old)


def test_export_and_scrape_write_readable_files(small_corpus: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        out = tmp_path / "export.csv"
        main(["export", "--format", "csv", "--cases", str(small_corpus), "--out", str(out)])
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
        fixtures = ROOT / "tests" / "fixtures" / "htd"
        assert main(["scrape", "htd", "--from", str(fixtures), "--cases", str(small_corpus)]) in (0, 2)
        written = [p for p in small_corpus.rglob("*.yaml") if p.name != "gbr-2020-latin-1.yaml"]
        assert len(written) > len(SAMPLE)
        assert {stat.S_IMODE(p.stat().st_mode) for p in written} == {0o644}
    finally:
        os.umask(old)
