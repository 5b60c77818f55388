"""Cross-validation of AMP classifier variants on the A1 TRAIN + VALIDATION cases only.

Run by hand (never in the test suite; never reads a TEST case)::

    .venv/bin/python benchmarks/amp_cv.py [--seeds 0 1] [--jobs 2]

Nested cross-validation: five outer folds; in each, every model family is fitted on the
outer training part and scores the held-out part, and thresholds are chosen from five-fold
out-of-fold scores inside the outer training part only. Families are scored once and then
combined (score averages after scaling each family's decision values by their
out-of-fold spread), so many variants cost one pass. Prints macro-F1 / micro-F1 of the
pooled outer predictions (all 17 labels; removal of organs by its cue) per variant, and
per-label F1 for the best.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore")

from scraper.amp.data import load_cases  # noqa: E402
from scraper.amp.features import cue_counts, cues  # noqa: E402
from scraper.amp.labels import AMP_LABELS  # noqa: E402
from scraper.amp.metrics import scores  # noqa: E402
from scraper.amp.train import PARAMS as SHIPPED  # noqa: E402
from scraper.amp.train import bagged_thresholds, choose_thresholds, family_features, fit_family  # noqa: E402

PARAMS = {**SHIPPED, "char_features": 20_000, "svm_C": 0.1}
"""The shipped settings, and those of the families only compared here."""
FAMILIES = ("word_lr", "char_lr", "word_svm", "word_lr_nw")


def _decisions(texts: list[str], y: np.ndarray, train: np.ndarray, test: np.ndarray, family: str) -> np.ndarray:
    x_train, x_test = family_features(family, [texts[i] for i in train], [texts[i] for i in test], PARAMS)
    return fit_family(family, x_train, y[train], PARAMS).decision(x_test)


def _outer(texts: list[str], y: np.ndarray, train: np.ndarray, test: np.ndarray, seed: int, families: list[str]) -> dict[str, Any]:
    from sklearn.model_selection import KFold

    out: dict[str, Any] = {}
    for family in families:
        inner = np.zeros((len(train), y.shape[1]))
        for a, b in KFold(5, shuffle=True, random_state=seed).split(train):
            inner[b] = _decisions(texts, y, train[a], train[b], family)
        out[family] = (inner, _decisions(texts, y, train, test, family))
    return out


def main() -> int:
    from joblib import Parallel, delayed
    from sklearn.model_selection import KFold

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixtures", type=Path, default=ROOT.parent / "shared" / "fixtures")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--families", nargs="+", default=list(FAMILIES), choices=FAMILIES)
    parser.add_argument("--cache", type=Path, default=None, help="folder to keep the fitted scores in between runs")
    args = parser.parse_args()
    cases = [c for c in load_cases(args.fixtures) if c.a1_split in ("TRAIN", "VALIDATION")]
    texts = [c.text for c in cases]
    y = np.array([c.labels for c in cases], dtype=int)
    decisive = {AMP_LABELS.index(c.sets): c.id for c in cues() if c.sets}
    cue_hits = {j: np.array([cue_counts(t)[cid] > 0 for t in texts]) for j, cid in decisive.items()}

    variants: dict[str, dict[str, float]] = {
        "word_lr": {"word_lr": 1},
        "char_lr": {"char_lr": 1},
        "word_svm": {"word_svm": 1},
        "word_lr_nw": {"word_lr_nw": 1},
        "word+char": {"word_lr": 1, "char_lr": 1},
        "word+svm": {"word_lr": 1, "word_svm": 1},
        "word+char+svm": {"word_lr": 1, "char_lr": 1, "word_svm": 1},
        "all4": {f: 1 for f in FAMILIES},
        "nw+char": {"word_lr_nw": 1, "char_lr": 1},
        "nw+word": {"word_lr_nw": 1, "word_lr": 1},
        "nw+char+svm": {"word_lr_nw": 1, "char_lr": 1, "word_svm": 1},
        "2word+char": {"word_lr": 2, "char_lr": 1},
    }
    variants = {name: w for name, w in variants.items() if set(w) <= set(args.families)}
    results: dict[tuple[str, str], list[np.ndarray]] = {}
    for seed in args.seeds:
        splits = list(KFold(5, shuffle=True, random_state=100 + seed).split(texts))
        cache = args.cache / f"amp_cv_seed{seed}.pkl" if args.cache else None
        if cache is not None and cache.is_file():
            outs = pickle.loads(cache.read_bytes())
        else:
            outs = Parallel(n_jobs=args.jobs)(delayed(_outer)(texts, y, tr, te, seed, args.families) for tr, te in splits)
            if cache is not None:
                cache.write_bytes(pickle.dumps(outs))
        per_label = np.zeros(y.shape, dtype=int)
        choices: list[list[str]] = []
        for (tr, te), out in zip(splits, outs, strict=True):
            combined = {name: _combine(out, weights) for name, weights in variants.items()}
            cut = {name: choose_thresholds(inner, y[tr], 0.5) for name, (inner, _) in combined.items()}
            names = [n for n in CANDIDATES if n in variants]
            best = [names[int(np.argmax([_best_f1(combined[n][0][:, j], y[tr, j]) for n in names]))] for j in range(y.shape[1])]
            choices.append(best)
            for j, name in enumerate(best):
                per_label[te, j] = combined[name][1][:, j] >= cut[name][j]
        for j in decisive:
            per_label[:, j] = cue_hits[j]
        results.setdefault(("per-label choice", "a0.5"), []).append(per_label)
        for j, label in enumerate(AMP_LABELS):
            print(f"seed {seed} {label}: {' '.join(c[j] for c in choices)}")
        for name, weights in variants.items():
            for alpha in (0.5, 1.0):
                pred = np.zeros(y.shape, dtype=int)
                for (tr, te), out in zip(splits, outs, strict=True):
                    inner, held = _combine(out, weights)
                    t = choose_thresholds(inner, y[tr], alpha)
                    pred[te] = held >= t
                for j in decisive:
                    pred[:, j] = cue_hits[j]
                results.setdefault((name, f"a{alpha}"), []).append(pred)
            if name in ("word_lr", "word+char", "nw+char"):
                pred = np.zeros(y.shape, dtype=int)
                for (tr, te), out in zip(splits, outs, strict=True):
                    inner, held = _combine(out, weights)
                    pred[te] = held >= bagged_thresholds(inner, y[tr], 0.5, 20)
                for j in decisive:
                    pred[:, j] = cue_hits[j]
                results.setdefault((name, "bag"), []).append(pred)
    rows = []
    for (name, a), preds in results.items():
        s = [scores(AMP_LABELS, y.tolist(), p.tolist()) for p in preds]
        rows.append((np.mean([x.macro_f1 for x in s]), np.mean([x.micro_f1 for x in s]), name, a, s))
    rows.sort(key=lambda r: -r[0])
    for macro, micro, name, a, _ in rows:
        print(f"{name:16s} thresholds {a:5s} macro {macro:.3f}  micro {micro:.3f}")
    print()
    for label in AMP_LABELS:
        line = "  ".join(f"{name}:{np.mean([s.per_label_f1[label] or 0 for s in ss]):.2f}" for _, _, name, a, ss in rows if a == "a0.5")
        print(f"{label:40s} {line}")
    return 0


CANDIDATES = ("word_lr", "word_lr_nw", "word+char", "word+svm", "char_lr")


def _combine(out: dict[str, Any], weights: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    inner = sum(w * _scaled(out[f][0], out[f][0]) for f, w in weights.items())
    held = sum(w * _scaled(out[f][1], out[f][0]) for f, w in weights.items())
    return np.asarray(inner), np.asarray(held)


def _best_f1(values: np.ndarray, y: np.ndarray) -> float:
    """The best F1 of one label's scores over thresholds at their quantiles."""
    from scraper.amp.metrics import f1_counts

    yb = y.astype(bool)
    best = 0.0
    for t in np.unique(np.quantile(values, np.linspace(0, 1, 101))):
        p = values >= t
        best = max(best, f1_counts(int((yb & p).sum()), int((~yb & p).sum()), int((yb & ~p).sum())))
    return best


def _scaled(values: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Decision values centred and scaled per label by the out-of-fold scores of the training part."""
    return (values - reference.mean(axis=0)) / (reference.std(axis=0) + 1e-9)


if __name__ == "__main__":
    raise SystemExit(main())
