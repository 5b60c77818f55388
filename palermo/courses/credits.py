"""CLE credit hours by US state: the 50- or 60-minute credit hour, kept as data (``courses/credit-rules.yaml``).

The same numbers reach the browser as ``courses/credit-rules.json``. A row is
*confirmed* only when it rests on the rule text or the board's own page; the
provider service's certificates state credits only for confirmed rows, rounded
as the row's ``rounding`` says (only where the cited rule says how the board
rounds), else to the nearest hundredth by :func:`credit_hours`.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Annotated, Any, Literal, Self

import yaml
from pydantic import Field, ValidationError, model_validator

from palermo.corpus.store import read_yaml
from palermo.courses.load import CREDIT_RULES_FILE, CourseError, CourseProblem, validation_problems
from palermo.model.base import StrictData

Text = Annotated[str, Field(min_length=1)]


class RuleSource(StrictData):
    """Where a credit rule was read: a rule text, a board page, or a secondary summary."""

    name: Text
    url: str = Field(pattern=r"^https?://\S+$")
    kind: Literal["rule_text", "board_page", "secondary"] = Field(
        description="rule_text: the rule itself (or a faithful copy); board_page: the CLE board's own page; secondary: a third-party summary."
    )


class Rounding(StrictData):
    """How a board rounds credit, as its rule says: to a multiple of ``increment`` hours, down or to the nearest."""

    increment: float = Field(gt=0, le=1, strict=False, description="e.g. 0.5 for half hours")
    mode: Literal["down", "nearest"] = Field(description="down: partial increments earn nothing; nearest: halves go up.")
    basis: Text = Field(description="The words of the rule this rests on, paraphrased, with the provision.")


class CreditRule(StrictData):
    """One state's credit hour: how many minutes of instruction make one CLE credit hour, and on what authority."""

    state: str = Field(pattern=r"^[A-Z]{2}$", description="USPS two-letter code.")
    name: Text
    minutes_per_credit_hour: Literal[50, 60]
    board: Text = Field(description="The body that administers CLE in the state.")
    rule: str | None = Field(default=None, description="The rule or regulation that sets the credit hour, where we read it.")
    sources: list[RuleSource] = Field(min_length=1)
    confirmed: bool = Field(
        default=False, description="True only when the row rests on the rule text or the board's own page (not a secondary summary)."
    )
    rounding: Rounding | None = Field(default=None, description="The board's rounding, only where the cited rule says it.")

    @model_validator(mode="after")
    def _confirmed_has_primary_source(self) -> Self:
        primary = [s for s in self.sources if s.kind != "secondary"]
        if self.confirmed and not (primary and self.rule):
            raise ValueError("a confirmed row needs a rule and a source of kind rule_text or board_page")
        if self.rounding is not None and not self.confirmed:
            raise ValueError("rounding can only be stated for a confirmed row")
        return self

    def hours(self, minutes: int) -> float | None:
        """Credit hours for ``minutes`` under this rule with the board's rounding; None when the row is unconfirmed."""
        if not self.confirmed:
            return None
        return board_hours(minutes, self.minutes_per_credit_hour, self.rounding)


class CreditRules(StrictData):
    """The table of credit rules, with when it was last checked."""

    checked: dt.date = Field(strict=False)
    note: Text
    states: list[CreditRule] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Self:
        codes = [r.state for r in self.states]
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        if dupes:
            raise ValueError(f"state {dupes[0]} is listed twice")
        return self

    def rule(self, state: str) -> CreditRule:
        """The rule of a state (USPS code).

        Raises:
            KeyError: when the state is not in the table.
        """
        for r in self.states:
            if r.state == state:
                return r
        raise KeyError(state)


def credit_hours(minutes: int, minutes_per_credit_hour: int) -> float:
    """Credit hours for ``minutes`` of instruction, to the nearest hundredth (halves rounded up).

    >>> credit_hours(180, 50), credit_hours(180, 60), credit_hours(50, 60)
    (3.6, 3.0, 0.83)
    """
    if minutes < 0 or minutes_per_credit_hour <= 0:
        raise ValueError("minutes must be >= 0 and the credit hour > 0")
    hundredths = (minutes * 200 + minutes_per_credit_hour) // (2 * minutes_per_credit_hour)
    return hundredths / 100


def board_hours(minutes: int, minutes_per_credit_hour: int, rounding: Rounding | None) -> float:
    """Credit hours rounded as a board rounds them (to ``rounding.increment``), else to the nearest hundredth.

    >>> board_hours(230, 60, Rounding(increment=0.5, mode="down", basis="x")), board_hours(230, 60, None)
    (3.5, 3.83)
    >>> board_hours(230, 60, Rounding(increment=0.25, mode="nearest", basis="x"))
    3.75
    """
    if rounding is None:
        return credit_hours(minutes, minutes_per_credit_hour)
    if minutes < 0 or minutes_per_credit_hour <= 0:
        raise ValueError("minutes must be >= 0 and the credit hour > 0")
    # exact rational arithmetic: whole increments contained in minutes / minutes_per_credit_hour
    exact = minutes / (minutes_per_credit_hour * rounding.increment)
    steps = math.floor(exact + 1e-9) if rounding.mode == "down" else math.floor(exact + 0.5 + 1e-9)
    return round(steps * rounding.increment, 2)


def load_credit_rules(path: Path) -> CreditRules:
    """Load and validate ``credit-rules.yaml``.

    Raises:
        CourseError: naming the file and field of every problem.
    """
    try:
        data = read_yaml(path)
    except (OSError, yaml.YAMLError) as exc:
        raise CourseError([CourseProblem(str(path), "(file)", f"cannot read YAML: {exc}")]) from exc
    try:
        return CreditRules.model_validate(data)
    except ValidationError as exc:
        raise CourseError(validation_problems(path, data, exc)) from exc


def credit_rules_path(courses_dir: Path) -> Path:
    """The credit-rules file of a courses folder."""
    return courses_dir / CREDIT_RULES_FILE


def rules_json(rules: CreditRules) -> dict[str, Any]:
    """The credit rules as the browser reads them."""
    return {
        "checked": rules.checked.isoformat(),
        "note": rules.note,
        "states": [
            {
                "state": r.state,
                "name": r.name,
                "minutes_per_credit_hour": r.minutes_per_credit_hour,
                "board": r.board,
                "rule": r.rule,
                "confirmed": r.confirmed,
                "rounding": r.rounding.model_dump() if r.rounding else None,
                "sources": [s.model_dump() for s in r.sources],
            }
            for r in sorted(rules.states, key=lambda r: r.name)
        ],
    }
