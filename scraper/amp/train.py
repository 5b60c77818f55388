"""Training the AMP classifier from the saved SHERLOC analysis data set (``make model``).

Method, chosen on the benchmark's TRAIN and VALIDATION cases only:

- features: TF-IDF of words and adjacent word pairs (sublinear term frequency, the 10,000
  most frequent features seen in at least two summaries; words that occur only capitalised,
  the names of people and places, are left out) beside the cue features of
  ``cues.yaml`` (``log(1 + count)``, weighted 0.3);
- one logistic regression per label (liblinear, C=10, balanced class weights);
- a threshold per label from five-fold out-of-fold scores on the training cases, chosen to
  maximise the mean of that label's F1 and the micro-F1 over all labels: the median of the
  thresholds so chosen on 20 bootstrap resamples of the cases;
- a label with a decisive cue (removal of organs: one training example) is set by its cue.

scikit-learn is needed here only: the shipped model is plain arrays (``model.npz``, loaded
without pickle) and metadata (``model.json``) read by :mod:`scraper.amp.model`.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from scraper.amp.data import Case, load_cases, training_digest
from scraper.amp.features import analyse, char_grams, cue_counts, cue_vector, cues, proper_nouns
from scraper.amp.labels import AMP_LABELS
from scraper.amp.metrics import f1_counts
from scraper.amp.model import MODEL_DIR, AmpModel

PARAMS: dict[str, Any] = {
    "max_features": 10_000,
    "min_df": 2,
    "cue_weight": 0.3,
    "C": 10.0,
    "folds": 5,
    "seed": 0,
    "alpha": 0.5,
    "resamples": 20,
}


def _features(texts: Sequence[str], cue_rows: np.ndarray, params: dict[str, Any], vectorizer: Any = None) -> tuple[Any, Any]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    if vectorizer is None:
        names = proper_nouns(list(texts))

        def common(text: str) -> list[str]:
            return [f for f in analyse(text) if not any(w in names for w in f.split())]

        vectorizer = TfidfVectorizer(analyzer=common, min_df=params["min_df"], sublinear_tf=True, max_features=params["max_features"])
        words = vectorizer.fit_transform(texts)
    else:
        words = vectorizer.transform(texts)
    return sp.hstack([words, sp.csr_matrix(cue_rows * params["cue_weight"])]).tocsr(), vectorizer


def _rule_labels() -> dict[int, str]:
    return {AMP_LABELS.index(c.sets): c.id for c in cues() if c.sets}


def _char_features(texts: Sequence[str], cue_rows: np.ndarray, params: dict[str, Any], vectorizer: Any = None) -> tuple[Any, Any]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    if vectorizer is None:
        names = proper_nouns(list(texts))

        def grams(text: str) -> list[str]:
            return char_grams(text, skip=names)

        vectorizer = TfidfVectorizer(analyzer=grams, min_df=params["min_df"], sublinear_tf=True, max_features=params["char_features"])
        chars = vectorizer.fit_transform(texts)
    else:
        chars = vectorizer.transform(texts)
    return sp.hstack([chars, sp.csr_matrix(cue_rows * params["cue_weight"])]).tocsr(), vectorizer


def family_features(family: str, train_texts: Sequence[str], test_texts: Sequence[str], params: dict[str, Any]) -> tuple[Any, Any]:
    """Feature matrices of a model family fitted on ``train_texts``, for both text lists.

    ``word_*``: the shipped word and word-pair features; ``char_*``: TF-IDF of character 3–5-grams of the words
    (``params["char_features"]`` most frequent; names left out), each beside the cue features. Used by
    ``benchmarks/amp_cv.py`` to compare model families; the shipped model is ``word_lr``.
    """
    build = _char_features if family.startswith("char") else _features
    train_cues = np.array([cue_vector(cue_counts(t)) for t in train_texts])
    test_cues = np.array([cue_vector(cue_counts(t)) for t in test_texts])
    x_train, vectorizer = build(train_texts, train_cues, params)
    x_test, _ = build(test_texts, test_cues, params, vectorizer)
    return x_train, x_test


@dataclass
class Linear:
    """Per-label linear decision functions: ``x @ coef.T + intercept``."""

    coef: np.ndarray
    intercept: np.ndarray

    def decision(self, x: Any) -> np.ndarray:
        """Decision values, one column per label."""
        return np.asarray(x @ self.coef.T) + self.intercept


def fit_family(family: str, x: Any, y: np.ndarray, params: dict[str, Any]) -> Linear:
    """One linear model per label: ``*_lr`` balanced logistic regression (shipped), ``*_lr_nw`` unweighted, ``*_svm`` linear SVM (``params["svm_C"]``)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    coef = np.zeros((len(AMP_LABELS), x.shape[1]))
    intercept = np.full(len(AMP_LABELS), -10.0)
    for j in range(len(AMP_LABELS)):
        if j in _rule_labels() or y[:, j].sum() < 2 or y[:, j].sum() == len(y):
            continue
        model: Any
        if family.endswith("_svm"):
            model = LinearSVC(C=params["svm_C"], class_weight="balanced", max_iter=5000)
        else:
            weight = None if family.endswith("_nw") else "balanced"
            model = LogisticRegression(C=params["C"], class_weight=weight, solver="liblinear", max_iter=2000)
        model.fit(x, y[:, j])
        coef[j] = model.coef_[0]
        intercept[j] = model.intercept_[0]
    return Linear(coef, intercept)


def _fit(x: Any, y: np.ndarray, params: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """Coefficients and intercepts of one logistic regression per label (zeros where a label cannot be learned)."""
    fitted = fit_family("word_lr", x, y, params)
    return fitted.coef, fitted.intercept


def _out_of_fold(texts: list[str], cue_rows: np.ndarray, y: np.ndarray, params: dict[str, Any]) -> np.ndarray:
    from sklearn.model_selection import KFold

    out = np.zeros(y.shape)
    for train, test in KFold(params["folds"], shuffle=True, random_state=params["seed"]).split(texts):
        x_train, vectorizer = _features([texts[i] for i in train], cue_rows[train], params)
        x_test, _ = _features([texts[i] for i in test], cue_rows[test], params, vectorizer)
        coef, intercept = _fit(x_train, y[train], params)
        out[test] = np.asarray(x_test @ coef.T) + intercept
    return out


def choose_thresholds(oof: np.ndarray, y: np.ndarray, alpha: float, rounds: int = 2) -> np.ndarray:
    """Per-label thresholds: first each label's best F1, then coordinate ascent on ``alpha·F1(label) + (1-alpha)·micro-F1``."""
    n_labels = y.shape[1]
    yb = y.astype(bool)
    grids = [np.unique(np.quantile(oof[:, j], np.linspace(0, 1, 101))) for j in range(n_labels)]
    thresholds = np.zeros(n_labels)
    for j in range(n_labels):
        thresholds[j] = max(grids[j], key=lambda t, j=j: f1_counts(*_counts(yb[:, j], oof[:, j] >= t)))  # type: ignore[misc]
    for _ in range(rounds):
        for j in range(n_labels):
            pred = oof >= thresholds
            rest = np.array([_counts(yb[:, k], pred[:, k]) for k in range(n_labels) if k != j]).sum(axis=0)

            def objective(t: float, j: int = j, rest: np.ndarray = rest) -> float:
                own = _counts(yb[:, j], oof[:, j] >= t)
                return alpha * f1_counts(*own) + (1 - alpha) * f1_counts(*(rest + np.array(own)))

            thresholds[j] = max(grids[j], key=objective)
    return thresholds


def bagged_thresholds(oof: np.ndarray, y: np.ndarray, alpha: float, resamples: int, seed: int = 0) -> np.ndarray:
    """Per-label thresholds as the median of :func:`choose_thresholds` (one round) over bootstrap resamples of the cases.

    A threshold chosen once on 727 cases follows the few positives of a rare label closely; the median over
    resamples moves less with them (nested cross-validation on TRAIN + VALIDATION: macro-F1 0.632 against
    0.629, better on each of four shuffles).
    """
    rng = np.random.default_rng(seed)
    found = []
    for _ in range(resamples):
        i = rng.integers(0, len(y), len(y))
        found.append(choose_thresholds(oof[i], y[i], alpha, rounds=1))
    return np.asarray(np.median(found, axis=0))


def _counts(y: np.ndarray, p: np.ndarray) -> tuple[int, int, int]:
    return int((y & p).sum()), int((~y & p).sum()), int((y & ~p).sum())


def train(cases: Sequence[Case], params: dict[str, Any] | None = None) -> AmpModel:
    """Fit the classifier on ``cases`` (their summaries and 17 labels) and choose its thresholds."""
    params = {**PARAMS, **(params or {})}
    texts = [c.text for c in cases]
    y = np.array([c.labels for c in cases], dtype=int)
    cue_rows = np.array([cue_vector(cue_counts(t)) for t in texts])
    oof = _out_of_fold(texts, cue_rows, y, params)
    thresholds = bagged_thresholds(oof, y, params["alpha"], params["resamples"], params["seed"])
    x, vectorizer = _features(texts, cue_rows, params)
    coef, intercept = _fit(x, y, params)
    vocabulary = [term for term, _ in sorted(vectorizer.vocabulary_.items(), key=lambda kv: kv[1])]
    n_words = len(vocabulary)
    for j in _rule_labels():
        thresholds[j] = np.inf
    return AmpModel(
        vocabulary=vocabulary,
        idf=vectorizer.idf_.astype(np.float32),
        word_coef=coef[:, :n_words].astype(np.float16),
        cue_coef=coef[:, n_words:].astype(np.float32),
        intercept=intercept.astype(np.float32),
        thresholds=thresholds.astype(np.float32),
        cue_ids=[c.id for c in cues()],
        cue_weight=float(params["cue_weight"]),
        meta={"params": params, "training_cases": len(cases), "training_sha256": training_digest(list(cases))},
    )


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m scraper.amp.train``: train on A1 TRAIN+VALIDATION and write the shipped model."""
    parser = argparse.ArgumentParser(prog="python -m scraper.amp.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixtures", type=Path, default=Path("../shared/fixtures"), help="folder holding sherloc-analysis/")
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="folder to write model.npz and model.json into")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    cases = [c for c in load_cases(args.fixtures) if c.a1_split in ("TRAIN", "VALIDATION")]
    model = train(cases)
    model.meta["trained_on"] = "SHERLOC analysis data set, A1 TRAIN + VALIDATION cases with an English summary"
    model.meta["trained_at"] = datetime.date.today().isoformat()
    model.save(args.out)
    size = sum(p.stat().st_size for p in args.out.glob("model.*"))
    print(
        f"trained on {len(cases)} cases in {time.perf_counter() - started:.1f} s; wrote {args.out}/model.npz, model.json "
        f"({size / 1024:.0f} KB); training data sha256 {model.meta['training_sha256']}"
    )
    print(json.dumps({label: round(float(t), 3) for label, t in zip(AMP_LABELS, model.thresholds, strict=True)}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
