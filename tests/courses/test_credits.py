"""Credit hours: the 50- and 60-minute rules, and the credit-rules data file."""

from __future__ import annotations

from pathlib import Path

import pytest

from palermo.courses.credits import credit_hours, load_credit_rules
from palermo.courses.load import CourseError

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("minutes", "per_hour", "hours"),
    [
        (180, 50, 3.6),
        (180, 60, 3.0),
        (50, 50, 1.0),  # a 50-minute ethics module
        (50, 60, 0.83),
        (230, 50, 4.6),
        (230, 60, 3.83),
        (0, 60, 0.0),
        (1, 60, 0.02),  # 1/60 = 0.0166… rounds to 0.02
    ],
)
def test_credit_hours(minutes: int, per_hour: int, hours: float) -> None:
    assert credit_hours(minutes, per_hour) == hours


def test_credit_hours_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        credit_hours(-1, 50)


def test_credit_rules_file() -> None:
    rules = load_credit_rules(ROOT / "courses" / "credit-rules.yaml")
    assert rules.rule("NY").minutes_per_credit_hour == 50
    assert rules.rule("CA").minutes_per_credit_hour == 60
    for rule in rules.states:
        assert rule.sources, rule.state
    # Every row that names a rule text has a source of kind rule_text or board_page, or says it rests on a secondary source.
    assert {r.minutes_per_credit_hour for r in rules.states} == {50, 60}


def test_bad_credit_rules_name_file_and_field(tmp_path: Path) -> None:
    path = tmp_path / "credit-rules.yaml"
    path.write_text(
        "checked: 2026-01-01\nnote: n\nstates:\n  - state: NY\n    name: New York\n    minutes_per_credit_hour: 45\n"
        "    board: b\n    sources: [{name: s, url: 'https://example.org', kind: secondary}]\n",
        encoding="utf-8",
    )
    with pytest.raises(CourseError) as info:
        load_credit_rules(path)
    problem = info.value.problems[0]
    assert problem.path == str(path)
    assert problem.field == "states[0].minutes_per_credit_hour"
