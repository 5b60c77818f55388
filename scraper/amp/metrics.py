"""The benchmark's metrics, computed as the SHERLOC analysis report defines them (its §5–6).

- per-label precision, recall and F1 from the multilabel counts (F1 = 2TP / (2TP + FP + FN));
- macro-F1: the unweighted mean of per-label F1 over the labels with positive reference
  support (all 17 on A1; 16 on pooled A2, where removal of organs has none);
- micro-F1: counts pooled over all 17 labels;
- exact-set accuracy: the predicted set equals the reference set;
- example Jaccard: the mean per-case |pred ∩ ref| / |pred ∪ ref| (1 when both are empty).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def f1_counts(tp: int, fp: int, fn: int) -> float:
    """F1 from counts; 0 when there is no true positive."""
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


@dataclass(frozen=True)
class Scores:
    """The figures of one method on one evaluation."""

    n: int
    macro_f1: float
    micro_f1: float
    exact_set: float
    jaccard: float
    per_label_f1: dict[str, float | None]
    """None for a label without reference support (left out of macro-F1)."""
    supported_labels: int


def scores(labels: Sequence[str], reference: Sequence[Sequence[int]], predicted: Sequence[Sequence[int]]) -> Scores:
    """Compare 0/1 rows of predictions with the reference rows (same order of cases and labels).

    Raises:
        ValueError: when the tables differ in shape.
    """
    if len(reference) != len(predicted) or any(
        len(r) != len(labels) or len(p) != len(labels) for r, p in zip(reference, predicted, strict=True)
    ):
        raise ValueError("reference and predicted tables must have one row per case and one column per label")
    totals = [0, 0, 0]
    per_label: dict[str, float | None] = {}
    for j, label in enumerate(labels):
        tp = sum(1 for r, p in zip(reference, predicted, strict=True) if r[j] and p[j])
        fp = sum(1 for r, p in zip(reference, predicted, strict=True) if not r[j] and p[j])
        fn = sum(1 for r, p in zip(reference, predicted, strict=True) if r[j] and not p[j])
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
        per_label[label] = f1_counts(tp, fp, fn) if tp + fn > 0 else None
    supported = [v for v in per_label.values() if v is not None]
    exact = 0
    jaccard = 0.0
    for r, p in zip(reference, predicted, strict=True):
        ref = {j for j, v in enumerate(r) if v}
        pred = {j for j, v in enumerate(p) if v}
        exact += ref == pred
        union = ref | pred
        jaccard += len(ref & pred) / len(union) if union else 1.0
    n = len(reference)
    return Scores(
        n=n,
        macro_f1=sum(supported) / len(supported) if supported else 0.0,
        micro_f1=f1_counts(*totals),
        exact_set=exact / n if n else 0.0,
        jaccard=jaccard / n if n else 0.0,
        per_label_f1=per_label,
        supported_labels=len(supported),
    )
