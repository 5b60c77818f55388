"""The 17 SHERLOC AMP labels and their mapping onto Palermo's own vocabulary.

The label ids and their order are those of the SHERLOC analysis data set's ontology
(``amp_ontology_v1``: 5 acts, 6 means, 6 purposes). The mapping to
:mod:`palermo.model.vocab` is data, ``scraper/rules/sherloc_amp.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from palermo.model.vocab import PalermoAct, PalermoMeans, PalermoPurpose, Vocabulary

AMP_LABELS: tuple[str, ...] = (
    "ACT_RECRUITMENT",
    "ACT_TRANSPORTATION",
    "ACT_TRANSFER",
    "ACT_HARBOURING",
    "ACT_RECEIPT",
    "MEANS_THREAT_FORCE_OR_COERCION",
    "MEANS_ABDUCTION",
    "MEANS_FRAUD",
    "MEANS_DECEPTION",
    "MEANS_ABUSE_OF_POWER_OR_VULNERABILITY",
    "MEANS_PAYMENTS_OR_BENEFITS_FOR_CONTROL",
    "PURPOSE_SEXUAL_EXPLOITATION",
    "PURPOSE_FORCED_LABOUR_OR_SERVICES",
    "PURPOSE_SLAVERY_OR_SIMILAR_PRACTICES",
    "PURPOSE_SERVITUDE",
    "PURPOSE_REMOVAL_OF_ORGANS",
    "PURPOSE_OTHER",
)
"""The benchmark's label ids in its own (Palermo Protocol) order."""

MAPPING_FILE = Path(__file__).resolve().parent.parent / "rules" / "sherloc_amp.yaml"
FIELDS: dict[str, type[Vocabulary]] = {"acts": PalermoAct, "means": PalermoMeans, "purposes": PalermoPurpose}


class MappingError(ValueError):
    """The AMP mapping table is malformed: names the file, the label and the problem."""


@lru_cache(maxsize=1)
def mapping() -> dict[str, dict[str, list[Vocabulary]]]:
    """Label id -> ``{"acts"|"means"|"purposes": [values]}`` from ``sherloc_amp.yaml``, checked against the vocabulary.

    Raises:
        MappingError: when a label is missing or unknown, or a value is not in its vocabulary.
    """
    data: Any = yaml.safe_load(MAPPING_FILE.read_text(encoding="utf-8")) or {}
    entries = data.get("labels") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise MappingError(f"{MAPPING_FILE.name}: expected a mapping with a 'labels' list")
    table: dict[str, dict[str, list[Vocabulary]]] = {}
    for entry in entries:
        label = entry.get("id") if isinstance(entry, dict) else None
        if label not in AMP_LABELS:
            raise MappingError(f"{MAPPING_FILE.name}: unknown label {label!r}")
        target: dict[str, list[Vocabulary]] = {}
        for name, vocab in FIELDS.items():
            for value in entry.get(name) or []:
                try:
                    target.setdefault(name, []).append(vocab(value))
                except ValueError:
                    raise MappingError(f"{MAPPING_FILE.name}: {label}: {value!r} is not a value of {name}") from None
        table[label] = target
    missing = [label for label in AMP_LABELS if label not in table]
    if missing:
        raise MappingError(f"{MAPPING_FILE.name}: no entry for {', '.join(missing)}")
    return table


def amp_to_palermo(label_ids: Iterable[str]) -> dict[str, list[Vocabulary]]:
    """The Palermo acts, means and purposes that a set of AMP labels stands for.

    Returns ``{"acts": [...], "means": [...], "purposes": [...]}``, each list in vocabulary
    order without duplicates. A combined label (e.g. threat, force or coercion) gives all its
    values; ``PURPOSE_OTHER`` gives none (it names no exploitation the vocabulary can hold).

    Raises:
        MappingError: for a label id that is not one of :data:`AMP_LABELS`.
    """
    table = mapping()
    found: dict[str, set[Vocabulary]] = {name: set() for name in FIELDS}
    for label in label_ids:
        if label not in table:
            raise MappingError(f"{label!r} is not a SHERLOC AMP label")
        for name, values in table[label].items():
            found[name].update(values)
    return {name: [v for v in vocab if v in found[name]] for name, vocab in FIELDS.items()}


def family(label: str) -> str:
    """``acts``, ``means`` or ``purposes``: the Palermo element a label belongs to."""
    return {"ACT": "acts", "MEANS": "means", "PURPOSE": "purposes"}[label.split("_", 1)[0]]
