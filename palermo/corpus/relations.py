"""Links between cases: what records declare, and the reverse links they imply."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from palermo.model.schema import CaseRecord
from palermo.model.vocab import Relation

REVERSE: dict[Relation, Relation] = {
    Relation.CITES: Relation.CITED_BY,
    Relation.CITED_BY: Relation.CITES,
    Relation.APPEAL_OF: Relation.APPEALED_IN,
    Relation.APPEALED_IN: Relation.APPEAL_OF,
    Relation.SAME_FACTS: Relation.SAME_FACTS,
}
"""The relation a link implies in the other direction (A cites B, so B is cited by A)."""


@dataclass(frozen=True)
class RelatedLinks:
    """Every related case of every record, both directions, without duplicates: ``{id: {relation: [ids]}}``."""

    links: dict[str, dict[Relation, list[str]]]

    @classmethod
    def build(cls, records: Sequence[CaseRecord]) -> RelatedLinks:
        """Collect the links records declare and the reverse links they imply (only to records that exist)."""
        known = {r.id for r in records}
        links: dict[str, dict[Relation, list[str]]] = defaultdict(lambda: defaultdict(list))

        def add(source: str, relation: Relation, target: str) -> None:
            if source != target and target not in links[source][relation]:
                links[source][relation].append(target)

        for record in records:
            for link in record.related:
                add(record.id, link.relation, link.case_id)
                if link.case_id in known:
                    add(link.case_id, REVERSE[link.relation], record.id)
        return cls({k: dict(v) for k, v in links.items()})

    def of(self, case_id: str) -> dict[Relation, list[str]]:
        """The related ids of one case, by relation."""
        return self.links.get(case_id, {})
