"""Patterns that typed case identifiers must match, and their normalisation.

Kept apart from the schema so scrapers can normalise raw strings before they
build records. Only shapes are checked here, not whether a citation exists.
"""

from __future__ import annotations

import re

from palermo.model.vocab import IdentifierType

PATTERNS: dict[IdentifierType, re.Pattern[str]] = {
    IdentifierType.ECLI: re.compile(r"^ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]{1,25}$"),
    # [2020] EWCA Civ 130, [2014] UKSC 47, [2012] UKUT 82 (IAC), [2008] HCA 39; Canadian style: 2015 ONCA 558, 2024 SCC 38
    IdentifierType.NEUTRAL_CITATION: re.compile(
        r"^(?:\[\d{4}\] [A-Z][A-Za-z]{1,10}(?: [A-Z][A-Za-z]{1,6})? \d{1,5}(?: \([A-Za-z]{2,8}\))?|\d{4} [A-Z]{2,8} \d{1,6})$"
    ),
    IdentifierType.APPLICATION_NUMBER: re.compile(r"^\d{1,6}/\d{2}$"),
    IdentifierType.DOCKET_NUMBER: re.compile(r"^\S(?:.{0,78}\S)?$"),
    # 487 U.S. 931, 390 F.3d 145, (2008) 237 CLR 1, (2010) 51 EHRR 1, [2014] 1 WLR 2889, [2014] ICR 847 (year-ordered, no volume)
    IdentifierType.REPORTER_CITATION: re.compile(
        r"^(?:(?:\(\d{4}\)|\[\d{4}\]) (?:\d{1,4} )?|\d{1,4} )[A-Z][A-Za-z0-9. ]{0,30}?[A-Za-z0-9.] \d{1,5}$"
    ),
    # USA001, and the x-numbers SHERLOC also assigns (USAx120)
    IdentifierType.UNODC_NUMBER: re.compile(r"^[A-Z]{3}x?\d{3,5}[a-z]?$"),
    IdentifierType.COURTLISTENER_CLUSTER: re.compile(r"^\d{1,12}$"),
    IdentifierType.HUDOC_ITEMID: re.compile(r"^\d{3}-\d{1,7}$"),
}

_SPACE = re.compile(r"\s+")


def normalise_identifier(kind: IdentifierType, value: str) -> str:
    """Return the canonical spelling of an identifier (spaces folded, ECLI upper-cased).

    Args:
        kind: the identifier type.
        value: the raw value as found in a document.
    """
    text = _SPACE.sub(" ", value).strip()
    if kind is IdentifierType.ECLI:
        text = text.upper().replace(" ", "")
    elif kind is IdentifierType.APPLICATION_NUMBER:
        text = text.replace(" ", "").removeprefix("no.").removeprefix("No.")
    return text


def check_identifier(kind: IdentifierType, value: str) -> str | None:
    """Return an error message when ``value`` is not a well-formed ``kind``, else ``None``."""
    pattern = PATTERNS[kind]
    if pattern.match(value):
        return None
    return f"{value!r} is not a well-formed {kind.label} (expected to match {pattern.pattern})"
