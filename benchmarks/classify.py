"""AMP classifier benchmark against the published SHERLOC evaluation (its Evaluation A).

Run by hand (never in the test suite)::

    .venv/bin/python benchmarks/classify.py
    .venv/bin/python benchmarks/classify.py --fixtures ../shared/fixtures --per-label

A1 (IID): the shipped model (trained by ``make model`` on A1 TRAIN + VALIDATION) codes
the 253 A1 TEST summaries. A2 (jurisdiction out of distribution): for each of the three
folds a model is trained the same way on that fold's TRAIN + VALIDATION cases (the other
jurisdictions) and codes its TEST cases; the 861 predictions are pooled. Metrics as the
report defines them (``scraper.amp.metrics``): macro-F1 over the labels with reference
support (17 on A1, 16 on pooled A2), micro-F1 over all 17, exact-set accuracy, example
Jaccard. Our row is printed under the paper's M1–M4 rows, with the CPU time per 100
summaries (the whole coding: phrase rules, features, model and evidence, one process,
after loading; CPU rather than wall time because the machine is shared). The last line
is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore", category=DeprecationWarning)

from scraper.amp.coding import code_text  # noqa: E402
from scraper.amp.data import Case, load_cases, paper_rows, training_digest  # noqa: E402
from scraper.amp.labels import AMP_LABELS  # noqa: E402
from scraper.amp.metrics import Scores, scores  # noqa: E402
from scraper.amp.model import AmpModel, load_model  # noqa: E402
from scraper.amp.train import train  # noqa: E402


def predict(model: AmpModel, cases: list[Case]) -> tuple[list[list[int]], float]:
    """0/1 rows for the cases, and the CPU seconds the coding took (rules, model and evidence)."""
    started = time.process_time()
    rows = []
    for case in cases:
        coding = code_text(case.text, model=model)
        rows.append([int(label in coding.amp) for label in AMP_LABELS])
    return rows, time.process_time() - started


def row(name: str, s: Scores | dict[str, str], seconds: str = "") -> str:
    if isinstance(s, Scores):
        cells = [str(s.n), f"{s.macro_f1:.3f}", f"{s.micro_f1:.3f}", f"{s.exact_set:.3f}", f"{s.jaccard:.3f}"]
    else:
        cells = [s["n"], *(f"{float(s[k]):.3f}" for k in ("macro_f1", "micro_f1", "exact_set_accuracy", "example_jaccard"))]
    return f"| {name} | " + " | ".join(cells) + f" | {seconds} |"


def table(title: str, paper: list[dict[str, str]], ours: Scores, seconds: float) -> list[str]:
    lines = [
        f"{title}",
        "",
        "| method | N | macro-F1 | micro-F1 | exact set | Jaccard | CPU time per 100 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [row(r["method"], r) for r in paper]
    lines.append(row("**Palermo (scraper.amp)**", ours, f"{seconds * 100 / ours.n:.3f} s"))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixtures", type=Path, default=ROOT.parent / "shared" / "fixtures")
    parser.add_argument("--per-label", action="store_true", help="print per-label F1 too")
    args = parser.parse_args()
    cases = load_cases(args.fixtures)
    result: dict[str, Any] = {"date": datetime.date.today().isoformat()}

    model = load_model()
    a1_train = [c for c in cases if c.a1_split in ("TRAIN", "VALIDATION")]
    if model.meta.get("training_sha256") != training_digest(a1_train):
        print("warning: the shipped model was not trained on these A1 TRAIN+VALIDATION cases; run `make model`", file=sys.stderr)
    test = [c for c in cases if c.a1_split == "TEST"]
    predicted, seconds = predict(model, test)
    a1 = scores(AMP_LABELS, [c.labels for c in test], predicted)
    result["A1"] = {"n": a1.n, "macro_f1": a1.macro_f1, "micro_f1": a1.micro_f1, "exact_set": a1.exact_set, "jaccard": a1.jaccard,
                    "seconds_per_100": seconds * 100 / a1.n, "per_label_f1": a1.per_label_f1}  # fmt: skip

    pooled_ref: list[tuple[int, ...]] = []
    pooled_pred: list[list[int]] = []
    a2_seconds = 0.0
    train_seconds = 0.0
    for fold in (1, 2, 3):
        fold_train = [c for c in cases if c.a2_fold.get(fold) in ("TRAIN", "VALIDATION")]
        fold_test = [c for c in cases if c.a2_fold.get(fold) == "TEST"]
        started = time.perf_counter()
        fold_model = train(fold_train)
        train_seconds += time.perf_counter() - started
        rows, spent = predict(fold_model, fold_test)
        a2_seconds += spent
        pooled_ref += [c.labels for c in fold_test]
        pooled_pred += rows
        s = scores(AMP_LABELS, [c.labels for c in fold_test], rows)
        result[f"A2_fold{fold}"] = {"train": len(fold_train), "n": s.n, "macro_f1": s.macro_f1, "micro_f1": s.micro_f1}
    a2 = scores(AMP_LABELS, pooled_ref, pooled_pred)
    result["A2"] = {"n": a2.n, "macro_f1": a2.macro_f1, "micro_f1": a2.micro_f1, "exact_set": a2.exact_set, "jaccard": a2.jaccard,
                    "supported_labels": a2.supported_labels, "seconds_per_100": a2_seconds * 100 / a2.n,
                    "train_seconds_per_fold": train_seconds / 3, "per_label_f1": a2.per_label_f1}  # fmt: skip

    print("\n".join(table(f"A1 IID TEST ({result['date']})", paper_rows(args.fixtures, "A1"), a1, seconds)))
    print()
    print("\n".join(table(f"A2 jurisdiction folds, pooled TEST ({result['date']})", paper_rows(args.fixtures, "A2"), a2, a2_seconds)))
    for fold in (1, 2, 3):
        f = result[f"A2_fold{fold}"]
        print(f"  fold {fold}: trained on {f['train']}, N={f['n']}, macro-F1 {f['macro_f1']:.3f}, micro-F1 {f['micro_f1']:.3f}")
    if args.per_label:
        print()
        print("| label | A1 F1 | A2 F1 |")
        print("|---|---:|---:|")
        for label in AMP_LABELS:
            x, y = a1.per_label_f1[label], a2.per_label_f1[label]
            print(f"| {label} | {'n/a' if x is None else f'{x:.3f}'} | {'n/a' if y is None else f'{y:.3f}'} |")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
