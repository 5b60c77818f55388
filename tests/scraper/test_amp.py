"""The AMP classifier (scraper.amp): metrics on a hand-made table, the label mapping, the shipped model,
invariance to layout, and that nothing in the package knows a benchmark case."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import numpy as np
import pytest

from palermo.model.vocab import PalermoAct, PalermoMeans, PalermoPurpose
from scraper.amp.coding import MODEL_RULE, code_text
from scraper.amp.labels import AMP_LABELS, MappingError, amp_to_palermo, mapping
from scraper.amp.metrics import scores
from scraper.amp.model import MODEL_DIR, load_model
from scraper.classify import classify, load_rules

AMP_DIR = Path(__file__).resolve().parents[2] / "scraper" / "amp"
RULES_DIR = AMP_DIR.parent / "rules"

# Invented summary in the style of a case report (no real case).
SUMMARY = (
    "The first defendant recruited four young women from a rural area by promising them work as waitresses abroad. "
    "The second defendant arranged their travel by bus across the border and received them on arrival. "
    "Their passports were taken and they were kept in a rented apartment. "
    "They were forced to provide sexual services to clients in a bar and were beaten when they refused. "
    "The defendants told them they owed a large debt for the journey and threatened to harm their families. "
    "The court convicted both defendants of trafficking in persons."
)


def test_metrics_on_a_hand_made_table() -> None:
    labels = ("A", "B", "C")
    reference = [[1, 0, 0], [1, 1, 0], [0, 1, 0], [0, 0, 0]]
    predicted = [[1, 0, 0], [1, 0, 1], [0, 1, 0], [0, 0, 0]]
    s = scores(labels, reference, predicted)
    # A: tp 2 -> F1 1; B: tp 1, fn 1 -> 2/3; C: no support -> left out of macro
    assert s.per_label_f1 == {"A": 1.0, "B": pytest.approx(2 / 3), "C": None}
    assert s.supported_labels == 2
    assert s.macro_f1 == pytest.approx((1 + 2 / 3) / 2)
    # pooled: tp 3, fp 1, fn 1 -> 6/8
    assert s.micro_f1 == pytest.approx(0.75)
    assert s.exact_set == pytest.approx(3 / 4)
    # Jaccard per case: 1, 1/3, 1, 1 (both empty)
    assert s.jaccard == pytest.approx((1 + 1 / 3 + 1 + 1) / 4)


def test_bootstrap_thresholds_separate_a_clean_label_and_repeat() -> None:
    from scraper.amp.train import bagged_thresholds

    rng = np.random.default_rng(1)
    y = (rng.random((60, 2)) < 0.3).astype(int)
    scores_ = np.where(y == 1, 2.0, -2.0) + rng.normal(0, 0.3, y.shape)
    first = bagged_thresholds(scores_, y, alpha=0.5, resamples=5)
    assert np.array_equal(first, bagged_thresholds(scores_, y, alpha=0.5, resamples=5))
    assert all(scores_[y[:, j] == 0, j].max() < first[j] <= scores_[y[:, j] == 1, j].min() for j in range(2))


def test_metrics_reject_ragged_tables() -> None:
    with pytest.raises(ValueError, match="one row per case"):
        scores(("A", "B"), [[1, 0]], [[1]])


def test_mapping_covers_every_label_with_vocabulary_values() -> None:
    table = mapping()
    assert set(table) == set(AMP_LABELS)
    assert amp_to_palermo(["MEANS_THREAT_FORCE_OR_COERCION"])["means"] == [PalermoMeans.THREAT, PalermoMeans.FORCE, PalermoMeans.COERCION]
    assert amp_to_palermo(["ACT_RECEIPT", "ACT_RECRUITMENT"])["acts"] == [PalermoAct.RECRUITMENT, PalermoAct.RECEIPT]
    assert amp_to_palermo(["PURPOSE_REMOVAL_OF_ORGANS"])["purposes"] == [PalermoPurpose.ORGAN_REMOVAL]
    assert amp_to_palermo(["PURPOSE_OTHER"]) == {"acts": [], "means": [], "purposes": []}
    with pytest.raises(MappingError, match="not a SHERLOC AMP label"):
        amp_to_palermo(["ACT_TELEPORTATION"])


def test_rule_tables_leave_the_mapping_file_alone() -> None:
    assert (RULES_DIR / "sherloc_amp.yaml").is_file()
    assert load_rules(RULES_DIR)  # the mapping is not read as a rule table


def test_shipped_model_loads_and_codes_a_summary() -> None:
    model = load_model()
    assert len(model.vocabulary) == model.word_coef.shape[1] == len(model.idf)
    assert re.fullmatch(r"[0-9a-f]{64}", model.meta["training_sha256"])
    coding = code_text(SUMMARY)
    assert {"ACT_RECRUITMENT", "PURPOSE_SEXUAL_EXPLOITATION"} <= set(coding.amp)
    assert set(coding.confidence) == set(AMP_LABELS)
    assert all((coding.confidence[label] >= 0.5) == (label in coding.amp) for label in AMP_LABELS)
    out = coding.as_json("x")
    assert "sexual_exploitation" in out["purposes"]
    # every label the model set carries evidence with a passage from the text
    amp_evidence = {e["value"]: e for e in out["evidence"] if e["field"] == "amp"}
    assert set(amp_evidence) == set(coding.amp)
    flat = " ".join(SUMMARY.split())
    for e in amp_evidence.values():
        assert e["passage"] and e["passage"] in flat
    # model tags carry their confidence; rule tags do not
    for e in out["evidence"]:
        assert ("confidence" in e) == (e["rule"].startswith(("amp-model", "amp-cue")))


def test_rule_tags_keep_their_evidence_and_model_adds_the_rest() -> None:
    c = classify(SUMMARY)
    recruitment = [e for e in c.evidence if e.field == "palermo.acts" and e.value == "recruitment"]
    assert [e.rule for e in recruitment] == ["act-recruitment"]
    assert any(e.rule.startswith(MODEL_RULE) and e.confidence is not None for e in c.evidence)
    assert classify(SUMMARY, amp=False).evidence == [e for e in c.evidence if e.confidence is None]


def test_short_texts_are_left_to_the_rules() -> None:
    assert code_text("Trafficking in persons: appeal dismissed.").amp == []


def test_organ_removal_is_set_by_its_cue() -> None:
    text = SUMMARY + " A kidney was removed from one victim at a private clinic and sold."
    coding = code_text(text)
    assert "PURPOSE_REMOVAL_OF_ORGANS" in coding.amp
    assert any(e.rule == "amp-cue:organs" and "kidney" in (e.passage or "") for e in coding.amp_evidence)


def _reshaped(text: str, seed: int) -> list[str]:
    sentences = re.split(r"(?<=\.)\s+", text.strip())
    shuffled = sentences[:]
    random.Random(seed).shuffle(shuffled)
    words = text.split()
    wrapped = "\n".join(" ".join(words[i : i + 9]) for i in range(0, len(words), 9))
    spaced = re.sub(r" ", "   ", text).replace(". ", ".\n\n  ")
    return [" ".join(shuffled), wrapped, spaced, "\t" + text + "\n\n"]


def _decision(text: str) -> tuple[list[str], dict[str, float]]:
    coding = code_text(text)
    return coding.amp, {k: round(v, 6) for k, v in coding.confidence.items()}


def test_output_unchanged_by_wrapping_spacing_and_sentence_order() -> None:
    expected = _decision(SUMMARY)
    for variant in _reshaped(SUMMARY, seed=1):
        assert _decision(variant) == expected


def test_output_unchanged_on_real_summaries(shared_fixtures: Path) -> None:
    from scraper.amp.data import load_cases

    cases = [c for c in load_cases(shared_fixtures) if c.a1_split == "TEST"][:25]
    for case in cases:
        text = case.text.rstrip() if case.text.rstrip().endswith(".") else case.text.rstrip() + "."
        expected = _decision(text)
        for variant in _reshaped(text, seed=len(text)):
            assert _decision(variant) == expected, case.key


def test_model_and_rules_name_no_benchmark_case(shared_fixtures: Path) -> None:
    from scraper.amp.data import DATASET, SPLIT_A1, load_cases, summaries, training_digest

    shipped = "\n".join(
        [*load_model().vocabulary, (MODEL_DIR / "model.json").read_text(encoding="utf-8")]
        + [p.read_text(encoding="utf-8") for p in [*AMP_DIR.glob("*.yaml"), *AMP_DIR.glob("*.py"), *RULES_DIR.glob("*.yaml")]]
    ).lower()
    import csv

    with (shared_fixtures / DATASET / SPLIT_A1).open(newline="", encoding="utf-8") as handle:
        urls = [row["canonical_url"].split("?")[0] for row in csv.DictReader(handle)]
    assert urls
    for url in urls:
        slug = url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html").lower()
        assert url.lower() not in shipped
        if len(re.split(r"[_\-.]+", slug)) >= 3:  # a case's own slug, not a common word such as "anonymous"
            assert slug not in shipped, slug
            assert slug.replace("_", " ") not in shipped, slug
    assert "unodc.org" not in shipped
    # no sentence of a summary is stored: the vocabulary holds single words and word pairs
    assert all(len(term.split()) <= 2 for term in load_model().vocabulary)
    texts = summaries(shared_fixtures / DATASET)
    sample = [s for t in list(texts.values())[:200] for s in re.split(r"(?<=\.)\s+", t) if len(s.split()) >= 8]
    assert not any(s.lower() in shipped for s in sample)
    # the shipped model records the data it was trained on
    trained = [c for c in load_cases(shared_fixtures) if c.a1_split in ("TRAIN", "VALIDATION")]
    assert load_model().meta["training_sha256"] == training_digest(trained)


def test_model_json_is_plain_data() -> None:
    meta = json.loads((MODEL_DIR / "model.json").read_text(encoding="utf-8"))
    assert meta["labels"] == list(AMP_LABELS)
    assert (MODEL_DIR / "model.npz").stat().st_size < 600_000
