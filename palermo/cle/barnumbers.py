"""Checking a learner's jurisdiction of admission and bar or registration number.

Formats are data (``bar-number-formats.yaml`` beside this module, each with its
source); where no format is known the number must be a non-empty value that is
not a placeholder such as ``x``, ``n/a`` or ``123``.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pycountry
import yaml
from pydantic import Field

from palermo.model.base import StrictData

FORMATS_FILE = Path(__file__).resolve().parent / "bar-number-formats.yaml"

PLACEHOLDERS = frozenset(
    {"na", "n/a", "n.a.", "none", "null", "nil", "test", "unknown", "tbd", "tba", "pending", "todo", "dummy", "sample", "example", "abc"}
)


class FormatSource(StrictData):
    name: str
    url: str = Field(pattern=r"^https?://\S+$")
    kind: str


class BarNumberFormat(StrictData):
    """One state's number format and where it is described."""

    state: str = Field(pattern=r"^[A-Z]{2}$")
    name: str
    pattern: str
    description: str
    source: FormatSource


class BarNumberFormats(StrictData):
    states: list[BarNumberFormat]


@functools.cache
def formats() -> dict[str, BarNumberFormat]:
    """The known formats by USPS code."""
    data = yaml.safe_load(FORMATS_FILE.read_text(encoding="utf-8"))
    return {f.state: f for f in BarNumberFormats.model_validate(data).states}


@functools.cache
def us_jurisdictions() -> dict[str, str]:
    """USPS code -> name of every US state, the District of Columbia and the territories with a bar."""
    found = {}
    for sub in pycountry.subdivisions.get(country_code="US") or []:
        code = sub.code.split("-", 1)[1]
        if len(code) == 2:
            found[code] = sub.name
    return dict(sorted(found.items(), key=lambda kv: kv[1]))


def is_placeholder(value: str) -> bool:
    """True for values that stand in for a number rather than being one (``x``, ``n/a``, ``0000``, ``123``…)."""
    text = value.strip().lower()
    compact = re.sub(r"[\s.\-/#]", "", text)
    if len(compact) < 2 or text in PLACEHOLDERS or compact in PLACEHOLDERS:
        return True
    if not re.search(r"[0-9a-z]", compact):
        return True
    if len(set(compact)) == 1:  # xxxx, 0000, 1111
        return True
    # counting from 0 or 1, or down from 9: 123, 1234, 0123, 987…
    return any(run.startswith(compact) for run in ("0123456789", "123456789", "9876543210"))


def check_bar_number(jurisdiction: str, value: str) -> str | None:
    """None when ``value`` can be a bar number of ``jurisdiction``, else a message saying what is wrong."""
    number = value.strip()
    if not number:
        return "enter your bar or registration number"
    if len(number) > 40:
        return "a bar or registration number has at most 40 characters"
    fmt = formats().get(jurisdiction)
    if fmt is not None:
        if not re.fullmatch(fmt.pattern, number):
            return f"this is not a {fmt.name}: {fmt.description} (source: {fmt.source.name})"
        if is_placeholder(number):
            return "enter your real bar or registration number, not a placeholder"
        return None
    if is_placeholder(number):
        return "enter your real bar or registration number, not a placeholder"
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 .\-/]*", number):
        return "a bar or registration number has letters, digits, spaces, dots, dashes or slashes only"
    return None
