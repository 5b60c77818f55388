"""The digest entry: one case brief summarised in our own words, with the facts its writer read.

An entry lives in ``digests/sherloc/batch-NN.yaml`` (a YAML list). Unknown fields are errors, so a
typo never slips through; ``facts`` holds only what the fact summary states.
"""

from __future__ import annotations

import datetime
import re
from typing import Literal

from pydantic import ConfigDict, Field, field_validator

from palermo.model.base import Strict
from palermo.model.vocab import OffenceType, Outcome, Sector

KEY = re.compile(r"^[a-z_]{2,5}/(?:[a-z0-9]{4}/)?[^/\sA-Z]+$")
"""``<jurisdiction>/<year>/<slug>`` (year as the URL spells it, ``yyyy`` included, or absent): the SHERLOC URL path after the crime-type folder, lower-case, no ``.html``."""

MIN_WORDS = 60
MAX_WORDS = 150
MAX_POINTS = 3
MAX_POINT_WORDS = 40


class _Frozen(Strict):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class VictimFacts(_Frozen):
    """Victims as the summary counts them; leave out what it does not say."""

    count: int | None = Field(default=None, ge=0)
    female: int | None = Field(default=None, ge=0)
    male: int | None = Field(default=None, ge=0)
    minors: int | None = Field(default=None, ge=0)
    nationalities: list[str] = Field(default_factory=list, description="ISO 3166-1 alpha-3 codes")

    @field_validator("nationalities")
    @classmethod
    def _iso3(cls, value: list[str]) -> list[str]:
        for code in value:
            if not re.fullmatch(r"[A-Z]{3}", code):
                raise ValueError(f"nationality {code!r} is not an ISO 3166-1 alpha-3 code (e.g. NGA)")
        return value


class DefendantFacts(_Frozen):
    """Defendants as the summary counts them."""

    count: int | None = Field(default=None, ge=0)


class SentenceFact(_Frozen):
    """One defendant's sentence as the summary states it; a defendant is named by role."""

    defendant: str = Field(min_length=1)
    custody_months: float | None = Field(default=None, ge=0)
    suspended: bool | None = None
    fine: str | None = None


class Facts(_Frozen):
    """What the writer read in the fact summary: the basis of the consistency checks."""

    outcome: Outcome | None = None
    offence_types: list[OffenceType] = Field(default_factory=list)
    sector: Sector | None = None
    victims: VictimFacts | None = None
    defendants: DefendantFacts | None = None
    sentences: list[SentenceFact] = Field(default_factory=list)


class SecondReading(_Frozen):
    """The result of the second reading by a different reader."""

    status: Literal["confirmed", "corrected"]
    note: str = ""
    corrections: int = Field(default=0, ge=0)
    read_on: datetime.date | None = None


class DigestEntry(_Frozen):
    """One digest of a SHERLOC case brief."""

    key: str
    title: str = Field(min_length=1)
    unodc_number: str | None = None
    basis: str = Field(min_length=1)
    digest: str = Field(min_length=1)
    points_of_law: list[str] = Field(default_factory=list, max_length=MAX_POINTS)
    facts: Facts = Field(default_factory=Facts)
    written: datetime.date
    second_reading: Literal["pending"] | SecondReading = "pending"

    @field_validator("key")
    @classmethod
    def _key(cls, value: str) -> str:
        if not KEY.match(value):
            raise ValueError(f"key {value!r} is not <jurisdiction>/<year>/<slug> in lower case")
        return value
