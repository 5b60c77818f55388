"""The SHERLOC AMP benchmark read from the saved data set (``../shared/fixtures/sherloc-analysis``).

The fact summaries are UNODC's prose: they are read from the fixtures at training and
benchmark time and never copied into the repository. Cases are joined on their canonical
URL without its query string.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from scraper.amp.labels import AMP_LABELS

DATASET = "sherloc-analysis"
SPLIT_A1 = "data/splits/a1_iid_split_final_v1.csv"
SPLIT_A2 = "data/splits/a2_jurisdiction_folds_final_v1.csv"
SUMMARY_FILES: tuple[tuple[str, str], ...] = (
    ("outputs/metrics/stage3_m1_complete_validation/a1/amp_case_level_errors.csv", "fact_summary"),
    ("outputs/metrics/stage3_m1_complete_validation/a2/amp_case_level_errors.csv", "fact_summary"),
    ("data/annotations/reliability_sample_100.csv", "english_fact_summary_raw"),
    ("data/annotations/demo_bank_review_v2.csv", "english_fact_summary"),
    ("data/annotations/human_grounded_reference_v1.csv", "fact_summary"),
)
SUMMARY_JSONL = "outputs/predictions/evaluation_b/m2/predictions.jsonl"
PAPER_TABLES = {"A1": "outputs/analysis/evaluation_a/a1_main_comparison.csv", "A2": "outputs/analysis/evaluation_a/a2_main_comparison.csv"}


class DatasetMissing(FileNotFoundError):
    """The saved SHERLOC analysis data set is not where it was looked for."""


@dataclass(frozen=True)
class Case:
    """One coded case of the benchmark: its join key, summary, 17 labels and where it sits in each split."""

    key: str
    text: str
    labels: tuple[int, ...]
    a1_split: str
    a2_fold: dict[int, str]
    """fold id -> role (TRAIN, VALIDATION, TEST, ...)."""
    jurisdiction: str = ""


def url_key(url: str) -> str:
    """The join key of a case: its canonical URL without query string or fragment."""
    return url.split("?", 1)[0].split("#", 1)[0].strip()


def dataset_dir(fixtures: Path) -> Path:
    """The data set folder under ``fixtures`` (or ``fixtures`` itself when it is that folder)."""
    root = fixtures if (fixtures / SPLIT_A1).is_file() else fixtures / DATASET
    if not (root / SPLIT_A1).is_file():
        raise DatasetMissing(f"{fixtures}: no {DATASET}/{SPLIT_A1} (the saved SHERLOC analysis data set)")
    return root


def _rows(path: Path) -> Iterator[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with path.open(newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def summaries(root: Path) -> dict[str, str]:
    """Every English fact summary in the data set by case key (the first file that has a case wins)."""
    texts: dict[str, str] = {}
    for name, column in SUMMARY_FILES:
        for row in _rows(root / name):
            text = (row.get(column) or "").strip()
            if text:
                texts.setdefault(url_key(row["canonical_url"]), text)
    with (root / SUMMARY_JSONL).open(encoding="utf-8") as handle:
        for line in handle:
            data = json.loads(line)
            text = (data.get("fact_summary") or "").strip()
            if text:
                texts.setdefault(url_key(data["canonical_url"]), text)
    return texts


def load_cases(fixtures: Path) -> list[Case]:
    """The coded cases that have an English summary, with their labels, A1 split and A2 fold roles."""
    root = dataset_dir(fixtures)
    texts = summaries(root)
    folds: dict[str, dict[int, str]] = {}
    for row in _rows(root / SPLIT_A2):
        folds.setdefault(url_key(row["canonical_url"]), {})[int(row["fold_id"])] = row["role"]
    cases = []
    for row in _rows(root / SPLIT_A1):
        key = url_key(row["canonical_url"])
        if key not in texts:
            continue
        labels = tuple(int(row[label]) for label in AMP_LABELS)
        cases.append(
            Case(
                key=key,
                text=texts[key],
                labels=labels,
                a1_split=row["split"],
                a2_fold=folds.get(key, {}),
                jurisdiction=row.get("jurisdiction", ""),
            )
        )
    return cases


def training_digest(cases: list[Case]) -> str:
    """SHA-256 over the training texts and labels, in order: recorded beside the model it trained."""
    digest = hashlib.sha256()
    for case in cases:
        digest.update(case.text.encode("utf-8"))
        digest.update(bytes(case.labels))
    return digest.hexdigest()


def paper_rows(fixtures: Path, evaluation: str) -> list[dict[str, str]]:
    """The published results table (M1–M4) of evaluation ``A1`` or ``A2``."""
    return list(_rows(dataset_dir(fixtures) / PAPER_TABLES[evaluation]))
