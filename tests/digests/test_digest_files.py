"""Every committed digest in digests/sherloc/ passes every check."""

from __future__ import annotations

from pathlib import Path

import pytest

from palermo.digests.checks import ShingleIndex, check_entries
from palermo.digests.load import digest_files, load_file
from palermo.digests.summaries import FixturesMissing, fixtures_root, load_other_summaries, load_summaries


@pytest.fixture(scope="module")
def index(repo_root: Path) -> ShingleIndex:
    try:
        root = fixtures_root(repo_root)
        return ShingleIndex(load_summaries(root), load_other_summaries(root))
    except FixturesMissing as exc:
        pytest.skip(f"summary checks (copied runs, numbers, summary names) skipped: {exc}")


def test_digest_files_exist(repo_root: Path) -> None:
    assert digest_files(repo_root), "no digests/sherloc/*.yaml"


def test_digests_pass_the_text_checks(repo_root: Path) -> None:
    problems = []
    for path in digest_files(repo_root):
        entries, load_problems = load_file(path)
        problems += load_problems + check_entries(entries, str(path.relative_to(repo_root)), None)
    assert not problems, "\n".join(map(str, problems))


def test_digests_pass_the_summary_checks(repo_root: Path, index: ShingleIndex) -> None:
    problems = []
    keys: dict[str, str] = {}
    for path in digest_files(repo_root):
        entries, load_problems = load_file(path)
        problems += load_problems + check_entries(entries, str(path.relative_to(repo_root)), index)
        for e in entries:
            assert e.key not in keys, f"{path}: {e.key}: duplicate: also in {keys[e.key]}"
            keys[e.key] = str(path)
    assert not problems, "\n".join(map(str, problems))
