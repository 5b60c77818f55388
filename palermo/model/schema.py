"""The case record: the one schema every part of Palermo imports.

Records are strict: unknown fields are rejected, every controlled vocabulary is
an enum from :mod:`palermo.model.vocab`, identifiers are typed and checked, and every
record names at least one source with a URL. ``editorial_fields`` lists what a
person wrote or corrected; scrapers never overwrite those fields.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, Self

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from palermo.model.base import SLUG, Strict
from palermo.model.identifiers import check_identifier, normalise_identifier
from palermo.model.jurisdictions import jurisdiction_name
from palermo.model.privacy import HASH_PREFIX, find_protected
from palermo.model.vocab import (
    CourtLevel,
    EditorialStatus,
    GeographicForm,
    IdentifierType,
    IloIndicator,
    LegalIssue,
    OffenceType,
    Outcome,
    PalermoAct,
    PalermoMeans,
    PalermoPurpose,
    Relation,
    Sector,
)

SCHEMA_VERSION = 1
EDITORIAL_FIELDS: frozenset[str] = frozenset(
    {"summary", "summary_basis", "holdings", "editorial_status", "procedural_history", "corrections"}
)
"""Fields that always belong to editors: a scrape never overwrites them once set."""

PRIVACY_ERROR = "protected_victim_name"
"""Error type of the privacy rule; its context names the field (``ctx["field"]``), which the validator reports."""

NonEmptyStr = Annotated[str, Field(min_length=1)]


class Court(Strict):
    """The deciding court: a stable id (courts-db ids for US courts) and its name."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", description="Stable court id; courts-db id for US courts.")
    name: NonEmptyStr


class Identifier(Strict):
    """A typed identifier, checked against the pattern of its type."""

    type: IdentifierType
    value: NonEmptyStr

    @model_validator(mode="after")
    def _well_formed(self) -> Self:
        self.value = normalise_identifier(self.type, self.value)
        error = check_identifier(self.type, self.value)
        if error:
            raise ValueError(error)
        return self


class PalermoElements(Strict):
    """Act, means and purpose as coded under Article 3 of the Palermo Protocol."""

    acts: list[PalermoAct] = Field(default_factory=list)
    means: list[PalermoMeans] = Field(default_factory=list)
    purposes: list[PalermoPurpose] = Field(default_factory=list)


class Provision(Strict):
    """A statutory or treaty provision applied in the case (``18 U.S.C.`` + ``§ 1589``)."""

    instrument: NonEmptyStr = Field(description="Statute, code or treaty, e.g. '18 U.S.C.', 'ECHR', 'Modern Slavery Act 2015'.")
    section: str | None = Field(default=None, description="Article or section, e.g. '§ 1589', 'Art. 4', 's. 45'.")

    @property
    def cite(self) -> str:
        """The provision as one string, e.g. ``18 U.S.C. § 1589``."""
        return f"{self.instrument} {self.section}" if self.section else self.instrument


class Money(Strict):
    """An amount with its ISO 4217 currency."""

    amount: float = Field(ge=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$")


class Sentence(Strict):
    """The sentence of one defendant (by name as in the public record, or by role)."""

    defendant: NonEmptyStr = Field(description="Defendant's name as in the public record, or a role ('first defendant').")
    custody_months: float | None = Field(default=None, ge=0, description="Custodial term in months.")
    life: bool = False
    suspended: bool = False
    fine: Money | None = None
    restitution: Money | None = None
    compensation: Money | None = Field(default=None, description="Damages awarded by a human-rights court or civil court.")
    note: str | None = None


class Victims(Strict):
    """Victims as aggregates only: never names."""

    count: int | None = Field(default=None, ge=0)
    female: int | None = Field(default=None, ge=0)
    male: int | None = Field(default=None, ge=0)
    minors: int | None = Field(default=None, ge=0)
    nationalities: list[str] = Field(default_factory=list, description="ISO 3166-1 alpha-3 codes.")

    @field_validator("nationalities")
    @classmethod
    def _iso(cls, codes: list[str]) -> list[str]:
        for code in codes:
            if jurisdiction_name(code) is None:
                raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-3 country code")
        return codes


class Defendants(Strict):
    """Defendants as aggregates; names only as they appear in the public record."""

    count: int | None = Field(default=None, ge=0)
    natural_persons: int | None = Field(default=None, ge=0)
    legal_persons: int | None = Field(default=None, ge=0)
    names: list[str] = Field(default_factory=list)


class Related(Strict):
    """A link to another case record."""

    case_id: str = Field(pattern=SLUG)
    relation: Relation


class Source(Strict):
    """A raw document or authoritative record the facts were taken from."""

    name: NonEmptyStr
    url: str = Field(pattern=r"^https?://\S+$")
    retrieved_at: dt.date | None = None
    licence: str | None = None
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")


class Evidence(Strict):
    """Why a machine set a tag: the rule that fired and the passage it read."""

    field: NonEmptyStr = Field(description="Record field the tag is in, e.g. 'offence_types'.")
    value: NonEmptyStr
    rule: NonEmptyStr
    passage: str | None = None
    confidence: float | None = Field(default=None, ge=0, le=1, description="A learned model's confidence in the tag; none for a rule.")


class SummaryBasis(Strict):
    """What a summary that is not written from the judgment was written from (a digest of a case brief)."""

    of: NonEmptyStr = Field(description="The document digested, e.g. 'UNODC SHERLOC case brief (English fact summary)'.")
    snapshot: dt.date = Field(description="When the digested document was saved.")
    url: NonEmptyStr = Field(pattern=r"^https?://", description="Where the digested document is published.")
    second_reading: Literal["pending", "confirmed", "corrected"] = Field(
        description="The second reader's check of the digest against the document."
    )


class Correction(Strict):
    """An editor's correction of a machine-read field: what was changed, why, and the public source that shows it.

    The corrected field is listed in ``editorial_fields`` too, so no later scrape puts the machine's value back.
    """

    field: NonEmptyStr = Field(description="The corrected field, e.g. 'sentences' or 'outcome'.")
    reason: NonEmptyStr = Field(description="What the machine had and why it was changed, in a sentence.")
    source: NonEmptyStr = Field(pattern=r"^https?://", description="A public source for the corrected value.")
    date: dt.date | None = Field(default=None, description="When the correction was made.")


class CaseRecord(Strict):
    """One trafficking case. Stored as ``cases/<jurisdiction>/<id>.yaml``."""

    # identity
    id: str = Field(pattern=SLUG, max_length=120, description="Stable slug; equals the file name.")
    aliases: list[Annotated[str, Field(pattern=SLUG, max_length=160)]] = Field(
        default_factory=list,
        description="Ids this case had before duplicates were merged into it; their pages redirect here.",
    )
    title: NonEmptyStr
    short_title: str | None = None
    jurisdiction: str = Field(description="ISO 3166-1 alpha-3, or a code for an international body (ECHR, IACHR, ECOWAS…).")
    court: Court | None = None
    court_level: CourtLevel | None = None
    judges: list[NonEmptyStr] = Field(default_factory=list, description="Judges who decided the case, as named in the public record.")
    decision_date: dt.date | None = None
    year: int | None = Field(
        default=None, ge=1800, le=2100, validate_default=True, description="Decision year; set from decision_date when present."
    )
    language: str = Field(default="en", pattern=r"^[a-z]{2}$")
    identifiers: list[Identifier] = Field(default_factory=list)
    # substance
    offence_types: list[OffenceType] = Field(default_factory=list)
    palermo: PalermoElements = Field(default_factory=PalermoElements)
    form: GeographicForm | None = Field(default=None, description="Internal, transnational or both, as the source codes it.")
    sector: Sector | None = Field(default=None, description="The sector of the economy in which the victims were exploited.")
    legal_issues: list[LegalIssue] = Field(default_factory=list)
    ilo_indicators: list[IloIndicator] = Field(default_factory=list)
    provisions: list[Provision] = Field(default_factory=list)
    outcome: Outcome | None = None
    sentences: list[Sentence] = Field(default_factory=list)
    victims: Victims | None = None
    defendants: Defendants | None = None
    summary: str | None = None
    summary_basis: SummaryBasis | None = Field(
        default=None, description="Set when the summary is a digest of another document, not written from the judgment."
    )
    holdings: list[NonEmptyStr] = Field(default_factory=list)
    procedural_history: str | None = None
    related: list[Related] = Field(default_factory=list)
    full_text: str | None = Field(default=None, description="Judgment text, only where its licence allows keeping it.")
    out_of_scope: str | None = Field(
        default=None,
        min_length=1,
        description="Why the record is not a trafficking case (kept so its id lives on); never counted, browsed or fed as one.",
    )
    # provenance
    sources: list[Source] = Field(min_length=1)
    editorial_status: EditorialStatus
    editorial_fields: list[str] = Field(default_factory=list, description="Fields a person wrote or corrected.")
    corrections: list[Correction] = Field(
        default_factory=list, description="Machine-read fields an editor corrected, with reason and source."
    )
    classification_evidence: list[Evidence] = Field(default_factory=list)
    protected_names: list[str] = Field(
        default_factory=list, description="Salted hashes (palermo.model.privacy.hash_name) of victims' names that must not appear."
    )
    updated_at: dt.date | None = None

    @field_validator("jurisdiction")
    @classmethod
    def _known_jurisdiction(cls, code: str) -> str:
        if jurisdiction_name(code) is None:
            raise ValueError(f"{code!r} is neither an ISO 3166-1 alpha-3 code nor a known international body")
        return code

    @field_validator("decision_date")
    @classmethod
    def _not_future(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and value > dt.date.today():
            raise ValueError(f"decision_date {value} is in the future")
        return value

    @field_validator("year")
    @classmethod
    def _year_from_date(cls, value: int | None, info: ValidationInfo) -> int | None:
        decided = info.data.get("decision_date")
        if decided is None:
            return value
        if value is not None and value != decided.year:
            raise ValueError(f"year {value} disagrees with decision_date {decided}")
        return decided.year

    @field_validator("editorial_status")
    @classmethod
    def _curated_needs_summary(cls, value: EditorialStatus, info: ValidationInfo) -> EditorialStatus:
        if value in (EditorialStatus.DIGESTED, EditorialStatus.CURATED, EditorialStatus.REVIEWED) and not info.data.get("summary"):
            raise ValueError(f"a {value.value} record needs a summary")
        return value

    @field_validator("protected_names")
    @classmethod
    def _hashes_only(cls, values: list[str]) -> list[str]:
        for value in values:
            if not re.fullmatch(re.escape(HASH_PREFIX) + r"[0-9a-f]{64}", value):
                raise ValueError("protected_names holds salted hashes only (use `palermo protect`), never names")
        return values

    @field_validator("editorial_fields")
    @classmethod
    def _real_fields(cls, values: list[str]) -> list[str]:
        unknown = sorted(set(values) - set(cls.model_fields))
        if unknown:
            raise ValueError(f"unknown field(s) {', '.join(unknown)}")
        return values

    @model_validator(mode="after")
    def _corrections_are_kept(self) -> Self:
        for correction in self.corrections:
            if correction.field not in type(self).model_fields:
                raise ValueError(f"corrections: unknown field {correction.field!r}")
            if correction.field not in self.editorial_fields:
                raise ValueError(
                    f"corrections: {correction.field!r} must be listed in editorial_fields, or a scrape would undo the correction"
                )
        return self

    @field_validator("offence_types", "legal_issues", "ilo_indicators", "identifiers", "provisions")
    @classmethod
    def _no_duplicates(cls, values: list[Any]) -> list[Any]:
        seen = []
        for value in values:
            if value in seen:
                raise ValueError(f"duplicate value {value!s}")
            seen.append(value)
        return values

    @model_validator(mode="after")
    def _no_victim_names(self) -> Self:
        for field, phrases in self.privacy_leaks().items():
            raise PydanticCustomError(
                PRIVACY_ERROR, "{field} contains a protected victim name ({count} occurrence(s))", {"field": field, "count": len(phrases)}
            )
        return self

    def text_fields(self) -> dict[str, str]:
        """Every free-text field other than the title, keyed by field path."""
        texts: dict[str, str] = {}
        if self.summary:
            texts["summary"] = self.summary
        for i, holding in enumerate(self.holdings):
            texts[f"holdings.{i}"] = holding
        if self.procedural_history:
            texts["procedural_history"] = self.procedural_history
        for i, sentence in enumerate(self.sentences):
            if sentence.note:
                texts[f"sentences.{i}.note"] = sentence.note
        for i, evidence in enumerate(self.classification_evidence):
            if evidence.passage:
                texts[f"classification_evidence.{i}.passage"] = evidence.passage
        return texts

    def privacy_leaks(self) -> dict[str, list[str]]:
        """Return ``{field: [phrases]}`` where a protected victim name appears."""
        if not self.protected_names:
            return {}
        leaks = {}
        for field, text in self.text_fields().items():
            found = find_protected(self.id, self.protected_names, text)
            if found:
                leaks[field] = found
        return leaks

    def identifier(self, kind: IdentifierType) -> str | None:
        """The first identifier of the given type, or ``None``."""
        return next((i.value for i in self.identifiers if i.type is kind), None)

    @property
    def in_scope(self) -> bool:
        """True for a trafficking case; False for a record kept but marked ``out_of_scope``."""
        return self.out_of_scope is None

    @property
    def display_title(self) -> str:
        """The short title when there is one, else the title."""
        return self.short_title or self.title

    def to_data(self) -> dict[str, Any]:
        """The record as plain JSON-ready data, leaving out empty optional fields."""
        return self.model_dump(mode="json", exclude_defaults=True, exclude_none=True)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a case record, for editors' tools."""
    schema = CaseRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://palermo.example.org/schema/case-record.json"
    return schema
