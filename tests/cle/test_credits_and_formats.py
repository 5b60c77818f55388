"""Unit tests: credit lines of a certificate per state (confirmed rules only, the board's rounding) and bar-number formats."""

from __future__ import annotations

import pytest

from palermo.cle.attendance import attendance_code, normalise_code
from palermo.cle.barnumbers import check_bar_number, formats, is_placeholder, us_jurisdictions
from palermo.cle.certificates import ID_PATTERN, credit_facts, new_certificate_id
from palermo.courses.credits import load_credit_rules
from tests.cle.helpers import ROOT, course

RULES = load_credit_rules(ROOT / "courses" / "credit-rules.yaml")
COURSE = course()


@pytest.mark.parametrize(
    ("state", "hours", "ethics"),
    [
        ("NY", "4.60", "1.00"),  # 50-minute hour, no rounding cited: hundredths
        ("NJ", "4.60", "1.00"),
        ("TX", "3.83", "0.83"),
        ("PA", "3.50", "0.50"),  # 204 Pa. Code ch. 82 § 5(a)(3): down to the half hour
        ("CA", "3.75", "0.75"),  # State Bar rule 2.51(D): to the nearest quarter hour
    ],
)
def test_credits_under_confirmed_rules(state: str, hours: str, ethics: str) -> None:
    facts = credit_facts(COURSE, RULES, state)
    assert (facts["credits_text"], facts["ethics_text"]) == (hours, ethics)
    assert "Source:" in facts["rule_text"]


@pytest.mark.parametrize("state", ["FL", "IL", "OH", "CO", "WA"])
def test_no_credits_under_unconfirmed_rules(state: str) -> None:
    facts = credit_facts(COURSE, RULES, state)
    assert facts["hours"] is None and facts["ethics_hours"] is None
    assert "secondary source only" in facts["credits_text"]


def test_no_credits_where_no_rule_is_held() -> None:
    facts = credit_facts(COURSE, RULES, "VA")
    assert facts["hours"] is None
    assert "no credit rule for Virginia" in facts["credits_text"]


@pytest.mark.parametrize("value", ["x", "X", "n/a", "N.A.", "none", "0000", "1111", "123", "123456", "-", "??", "test", "xx"])
def test_placeholders(value: str) -> None:
    assert is_placeholder(value)
    assert check_bar_number("NY", value) is not None


@pytest.mark.parametrize(("state", "value"), [("NY", "4512345"), ("IL", "6301234"), ("DC", "D-10482"), ("CA", "271828"), ("CA", "45678")])
def test_real_looking_numbers_pass(state: str, value: str) -> None:
    assert check_bar_number(state, value) is None


@pytest.mark.parametrize(
    ("state", "value", "message"), [("CA", "1234567", "California"), ("CA", "AB123", "California"), ("NY", "45 12;", "letters, digits")]
)
def test_bad_formats(state: str, value: str, message: str) -> None:
    problem = check_bar_number(state, value)
    assert problem is not None and message in problem


def test_every_format_names_its_source() -> None:
    for fmt in formats().values():
        assert fmt.source.url.startswith("https://")
        assert fmt.state in us_jurisdictions()


def test_codes_are_per_learner_and_module() -> None:
    a = attendance_code(b"k" * 32, "c", 1, "m", 0)
    assert len(a) == 8 and a.isalnum() and a.isupper()
    assert a != attendance_code(b"k" * 32, "c", 2, "m", 0)
    assert a != attendance_code(b"k" * 32, "c", 1, "n", 0)
    assert a != attendance_code(b"j" * 32, "c", 1, "m", 0)
    assert normalise_code(f" {a[:4].lower()}-{a[4:]} ") == a


def test_certificate_ids() -> None:
    ids = {new_certificate_id() for _ in range(100)}
    assert len(ids) == 100
    assert all(ID_PATTERN.match(i) for i in ids)
