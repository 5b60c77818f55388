"""Credit hours: the 50- and 60-minute rules, and the credit-rules data file."""

from __future__ import annotations

from pathlib import Path

import pytest

from palermo.courses.credits import CreditRule, Rounding, board_hours, credit_hours, load_credit_rules
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


HALF_DOWN = Rounding(increment=0.5, mode="down", basis="test")


@pytest.mark.parametrize(
    ("minutes", "per_hour", "rounding", "hours"),
    [
        (230, 60, HALF_DOWN, 3.5),  # 3 h 50 min: the last 50 minutes earn a half hour
        (50, 60, HALF_DOWN, 0.5),
        (29, 60, HALF_DOWN, 0.0),
        (90, 60, HALF_DOWN, 1.5),
        (230, 60, Rounding(increment=0.25, mode="nearest", basis="test"), 3.75),  # 3.83 to the nearest quarter
        (50, 60, Rounding(increment=0.25, mode="nearest", basis="test"), 0.75),
        (52, 60, Rounding(increment=0.25, mode="nearest", basis="test"), 0.75),
        (53, 60, Rounding(increment=0.25, mode="nearest", basis="test"), 1.0),
        (230, 50, None, 4.6),
        (230, 60, None, 3.83),
    ],
)
def test_board_rounding(minutes: int, per_hour: int, rounding: Rounding | None, hours: float) -> None:
    assert board_hours(minutes, per_hour, rounding) == hours


@pytest.mark.parametrize(
    ("state", "hours", "ethics"), [("NY", 4.6, 1.0), ("PA", 3.5, 0.5), ("TX", 3.83, 0.83), ("CA", 3.75, 0.75), ("IL", None, None)]
)
def test_credits_per_state_for_the_published_course(state: str, hours: float | None, ethics: float | None) -> None:
    rules = load_credit_rules(ROOT / "courses" / "credit-rules.yaml")
    rule = rules.rule(state)
    assert (rule.hours(230), rule.hours(50)) == (hours, ethics)


def test_unconfirmed_rows_rest_on_secondary_sources_only() -> None:
    rules = load_credit_rules(ROOT / "courses" / "credit-rules.yaml")
    for rule in rules.states:
        primary = [s for s in rule.sources if s.kind != "secondary"]
        assert rule.confirmed == bool(primary and rule.rule), rule.state
        assert rule.confirmed or rule.hours(60) is None


def test_a_confirmed_row_needs_a_primary_source() -> None:
    data = {"state": "XX", "name": "X", "minutes_per_credit_hour": 60, "board": "b", "rule": "r", "confirmed": True}
    with pytest.raises(ValueError, match="rule_text or board_page"):
        CreditRule.model_validate({**data, "sources": [{"name": "s", "url": "https://example.org", "kind": "secondary"}]})
    with pytest.raises(ValueError, match="only be stated for a confirmed row"):
        CreditRule.model_validate(
            {
                **data,
                "confirmed": False,
                "rounding": HALF_DOWN.model_dump(),
                "sources": [{"name": "s", "url": "https://e.org", "kind": "secondary"}],
            }
        )
