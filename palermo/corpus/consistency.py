"""Facts in one record that contradict each other, or stand far out from the rest of the corpus.

A machine-read record that breaks a rule is published with a warning for an editor; a curated or reviewed
record must not break one (the validator reports it as an error). The rules:

* a custodial sentence needs an outcome of conviction or partial conviction (on appeal, an appeal dismissed or a
  case remanded leaves the sentence under review, so those outcomes are consistent too);
* a decision date cannot be in the future of the record's own last update;
* a fine, restitution or compensation in a machine-read record more than :data:`OUTLIER_FACTOR` times the median
  of its kind (over the whole corpus, in the same currency) is flagged for an editor to check against a public
  source (an amount a person wrote is taken as checked).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from palermo.model.schema import CaseRecord
from palermo.model.vocab import CourtLevel, EditorialStatus, Outcome

OUTLIER_FACTOR = 10
"""An amount this many times the median of its kind is flagged."""
MIN_AMOUNTS = 5
"""Below this many amounts of a kind and currency, no median is trusted."""
CONVICTED = frozenset({Outcome.CONVICTION, Outcome.PARTIAL_CONVICTION})
ON_APPEAL = frozenset({Outcome.DISMISSED, Outcome.REMANDED, Outcome.OTHER})
"""Outcomes of an appeal that leave the sentence under review standing or undecided."""
_MONEY_KINDS = ("fine", "restitution", "compensation")


@dataclass(frozen=True)
class Inconsistency:
    """One broken rule in one record."""

    case_id: str
    field: str
    message: str
    error: bool
    """True for a curated or reviewed record (an editor must fix it), False for a machine record (a warning)."""


def _by_a_person(record: CaseRecord) -> bool:
    return record.editorial_status in (EditorialStatus.CURATED, EditorialStatus.REVIEWED)


def _medians(records: Sequence[CaseRecord]) -> dict[tuple[str, str], float]:
    amounts: dict[tuple[str, str], list[float]] = defaultdict(list)
    for record in records:
        for sentence in record.sentences:
            for kind in _MONEY_KINDS:
                money = getattr(sentence, kind)
                if money is not None and money.amount > 0:
                    amounts[(kind, money.currency)].append(money.amount)
    return {key: statistics.median(values) for key, values in amounts.items() if len(values) >= MIN_AMOUNTS}


def inconsistencies(records: Sequence[CaseRecord]) -> list[Inconsistency]:
    """Every broken consistency rule in the corpus, in record order."""
    medians = _medians(records)
    found: list[Inconsistency] = []
    for record in records:
        error = _by_a_person(record)

        def add(field: str, message: str, record: CaseRecord = record, error: bool = error) -> None:
            found.append(Inconsistency(record.id, field, message, error))

        custodial = [s for s in record.sentences if s.life or (s.custody_months or 0) > 0]
        appeal = record.court_level in (CourtLevel.APPELLATE, CourtLevel.APEX) and record.outcome in ON_APPEAL
        if custodial and not _suspended_only(custodial) and record.outcome not in CONVICTED and not appeal:
            outcome = record.outcome.value if record.outcome else "not recorded"
            add(
                "outcome", f"{len(custodial)} custodial sentence(s) but the outcome is {outcome}: expected conviction or partial_conviction"
            )
        if record.decision_date and record.updated_at and record.decision_date > record.updated_at:
            add("decision_date", f"decision_date {record.decision_date} is after the record's last update {record.updated_at}")
        for n, sentence in enumerate(record.sentences):
            for kind in _MONEY_KINDS:
                money = getattr(sentence, kind)
                median = medians.get((kind, money.currency)) if money is not None else None
                if money is not None and median and money.amount > OUTLIER_FACTOR * median and not error:
                    add(
                        f"sentences.{n}.{kind}",
                        f"{money.currency} {money.amount:,.0f} is over {OUTLIER_FACTOR} times the median {kind} in the corpus "
                        f"({money.currency} {median:,.0f}): check it against a public source",
                    )
    return found


def _suspended_only(sentences: Sequence[object]) -> bool:
    """True when every custodial sentence given was suspended (no one went to prison)."""
    return all(getattr(s, "suspended", False) for s in sentences)
