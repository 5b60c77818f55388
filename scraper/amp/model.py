"""The shipped AMP classifier: plain arrays read without pickle, applied in pure Python and numpy.

``model.npz`` holds the vocabulary, the inverse document frequencies, per-label
coefficients (words in float16, cues in float32), intercepts and thresholds;
``model.json`` holds the label and cue order, the training parameters and the sha256 of
the training data. :func:`load_model` reads them once.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from scraper.amp.features import cue_counts, cue_vector, cues, term_counts
from scraper.amp.labels import AMP_LABELS

MODEL_DIR = Path(__file__).with_name("model")
CUE_CONFIDENCE = 0.6
"""The confidence given to a label a decisive cue set: above the model's 0.5, below what a record needs
(the phrase rules of ``scraper/rules/palermo.yaml`` write such tags themselves, with their own evidence)."""
MAX_CHARS = 20_000
"""The model reads at most this much of a text: ten times a long summary, the facts part of most judgments."""


class ModelError(RuntimeError):
    """The shipped model is missing or does not fit the code (names the file and the problem)."""


@dataclass
class LabelScore:
    """The model's decision on one label for one text."""

    label: str
    score: float
    """Decision value (logistic regression), or the cue count for a cue-decided label."""
    confidence: float
    """``sigmoid(score - threshold)``: above 0.5 exactly when the label is set; :data:`CUE_CONFIDENCE` for a cue-decided label that fired."""
    selected: bool
    top_terms: list[str] = field(default_factory=list)
    """The words or word pairs in the text that pushed this label up most, strongest first."""
    cue: str | None = None
    """The cue that decided the label, for a cue-decided label."""


@dataclass
class AmpModel:
    """Linear per-label model over word and cue features, with per-label thresholds."""

    vocabulary: list[str]
    idf: np.ndarray
    word_coef: np.ndarray
    cue_coef: np.ndarray
    intercept: np.ndarray
    thresholds: np.ndarray
    cue_ids: list[str]
    cue_weight: float
    meta: dict[str, Any] = field(default_factory=dict)
    _index: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._index = {term: i for i, term in enumerate(self.vocabulary)}

    def save(self, directory: Path) -> None:
        """Write ``model.npz`` and ``model.json`` into ``directory``."""
        directory.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            directory / "model.npz",
            vocabulary=np.array(self.vocabulary, dtype=np.str_),
            idf=self.idf,
            word_coef=self.word_coef,
            cue_coef=self.cue_coef,
            intercept=self.intercept,
            thresholds=self.thresholds,
        )
        meta = {**self.meta, "labels": list(AMP_LABELS), "cues": self.cue_ids, "cue_weight": self.cue_weight}
        (directory / "model.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, directory: Path = MODEL_DIR) -> AmpModel:
        """Read a model written by :meth:`save`.

        Raises:
            ModelError: when the files are missing or were made for other labels or cues.
        """
        try:
            meta = json.loads((directory / "model.json").read_text(encoding="utf-8"))
            with np.load(directory / "model.npz", allow_pickle=False) as arrays:
                data = {name: arrays[name] for name in arrays.files}
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"{directory}: cannot read the AMP model ({exc}); run `make model`") from exc
        if meta.get("labels") != list(AMP_LABELS):
            raise ModelError(f"{directory}/model.json: labels differ from scraper.amp.labels.AMP_LABELS; run `make model`")
        if meta.get("cues") != [c.id for c in cues()]:
            raise ModelError(f"{directory}/model.json: cues differ from cues.yaml; run `make model`")
        return cls(
            vocabulary=[str(t) for t in data["vocabulary"]],
            idf=data["idf"].astype(np.float64),
            word_coef=data["word_coef"].astype(np.float64),
            cue_coef=data["cue_coef"].astype(np.float64),
            intercept=data["intercept"].astype(np.float64),
            thresholds=data["thresholds"].astype(np.float64),
            cue_ids=list(meta["cues"]),
            cue_weight=float(meta["cue_weight"]),
            meta=meta,
        )

    def word_vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Indices and TF-IDF weights (sublinear tf, l2-normalised) of the text's known word features."""
        counts = term_counts(text)
        pairs = sorted((self._index[t], c) for t, c in counts.items() if t in self._index)
        if not pairs:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        idx = np.array([i for i, _ in pairs], dtype=np.int64)
        weights = np.array([1.0 + math.log(c) for _, c in pairs]) * self.idf[idx]
        return idx, weights / np.linalg.norm(weights)

    def score(self, text: str, top: int = 8) -> list[LabelScore]:
        """Every label's decision on ``text`` (its first :data:`MAX_CHARS` characters)."""
        text = text[:MAX_CHARS]
        idx, weights = self.word_vector(text)
        counts = cue_counts(text)
        cue_x = np.array(cue_vector(counts)) * self.cue_weight
        contributions = self.word_coef[:, idx] * weights
        values = contributions.sum(axis=1) + self.cue_coef @ cue_x + self.intercept
        deciding = {c.sets: c.id for c in cues() if c.sets}
        out = []
        for j, label in enumerate(AMP_LABELS):
            if label in deciding:
                hits = counts.get(deciding[label], 0)
                out.append(LabelScore(label, float(hits), CUE_CONFIDENCE if hits else 0.0, hits > 0, cue=deciding[label]))
                continue
            margin = float(values[j] - self.thresholds[j])
            order = np.argsort(-contributions[j])[:top]
            terms = [self.vocabulary[idx[k]] for k in order if contributions[j, k] > 0]
            confidence = 1.0 / (1.0 + math.exp(-max(min(margin, 50.0), -50.0)))
            out.append(LabelScore(label, float(values[j]), confidence, margin >= 0, top_terms=terms))
        return out


@lru_cache(maxsize=1)
def load_model() -> AmpModel:
    """The model shipped in the package (``scraper/amp/model/``), loaded once."""
    return AmpModel.load(MODEL_DIR)
