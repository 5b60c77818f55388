"""What the fact rules read in one summary: values by record field, each with its evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from palermo.corpus.attribution import FACT_RULE_PREFIX
from palermo.model.schema import Evidence


@dataclass
class FactReading:
    """Record fields read from a fact summary (only those a rule was sure of) and why."""

    values: dict[str, Any] = field(default_factory=dict)
    """Record field -> value, in the record's own types (``victims`` a mapping of the fields read)."""
    evidence: list[Evidence] = field(default_factory=list)

    def note(self, field_path: str, value: Any, rule: str, passage: str) -> None:
        """Record the evidence of one value (``field_path`` such as ``victims.count``)."""
        if not rule.startswith(FACT_RULE_PREFIX):
            raise ValueError(f"fact rule ids start with {FACT_RULE_PREFIX!r}: {rule!r}")
        self.evidence.append(Evidence(field=field_path, value=str(value), rule=rule, passage=passage))

    def fields(self) -> list[str]:
        """The record fields read, in order."""
        return list(self.values)
