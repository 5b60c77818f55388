"""Coding one text: the phrase and provision rules, then the AMP model for acts, means and purposes.

The rules (:mod:`scraper.classify`) give offence types, legal issues, ILO indicators and
the Palermo elements they name; the model adds the acts, means and purposes it finds,
each with its confidence and the passage it weighted most. A value a rule already gave
keeps the rule's evidence. A combined SHERLOC label (threat, force or coercion; abuse of
power or of vulnerability) is stored as the parts a rule also found, else as all its parts
(``scraper/rules/sherloc_amp.yaml``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from palermo.model.schema import Evidence, Provision
from scraper.amp.evidence import cue_passage, model_passage
from scraper.amp.features import cues
from scraper.amp.labels import mapping
from scraper.amp.model import AmpModel, LabelScore, load_model

MODEL_RULE = "amp-model"
"""Evidence rule prefix of a label the model set: ``amp-model:<LABEL>``."""
CUE_RULE = "amp-cue"
"""Evidence rule prefix of a label a decisive cue set: ``amp-cue:<cue>``."""
RECORD_CONFIDENCE = 0.75
"""The confidence a model label needs before a scraper writes it into a case record (when unsure, leave empty);
``palermo classify`` reports every label above the model's own threshold."""
RECORD_MAX_WORDS = 1_500
"""Longer documents (whole judgments) are coded by the rules only in a record: the model was trained on fact
summaries (median 180 words, 99% under 1,150) and over-reads long judgments."""
MIN_WORDS = 40
"""Texts shorter than this (titles, listing snippets) are left to the rules: the model was trained on summaries."""


@dataclass
class AmpCoding:
    """The coding of one text: the rule classification with the model's additions, and the model's own view."""

    classification: Any
    """A :class:`scraper.classify.Classification` (tags with evidence)."""
    amp: list[str] = field(default_factory=list)
    """The SHERLOC AMP label ids the model set."""
    confidence: dict[str, float] = field(default_factory=dict)
    """Every AMP label id -> the model's confidence (above 0.5 exactly when set)."""
    amp_evidence: list[Evidence] = field(default_factory=list)
    """One evidence entry per label set (field ``amp``)."""

    def as_json(self, identifier: Any = None) -> dict[str, Any]:
        """The coding as one JSON object (the ``palermo classify --jsonl`` line)."""
        c = self.classification
        out: dict[str, Any] = {} if identifier is None else {"id": identifier}
        out.update(
            {
                "acts": [v.value for v in c.palermo.acts],
                "means": [v.value for v in c.palermo.means],
                "purposes": [v.value for v in c.palermo.purposes],
                "offence_types": [v.value for v in c.offence_types],
                "ilo_indicators": [v.value for v in c.ilo_indicators],
                "legal_issues": [v.value for v in c.legal_issues],
                "amp": list(self.amp),
                "evidence": [e.model_dump(mode="json", exclude_none=True) for e in [*c.evidence, *self.amp_evidence]],
                "confidence": {k: round(v, 3) for k, v in self.confidence.items()},
            }
        )
        return out


def _evidence_for(decision: LabelScore, text: str, names: Sequence[str]) -> Evidence:
    if decision.cue is not None:
        pattern = next(c.pattern for c in cues() if c.id == decision.cue)
        return Evidence(
            field="amp",
            value=decision.label,
            rule=f"{CUE_RULE}:{decision.cue}",
            passage=cue_passage(text, pattern, names),
            confidence=decision.confidence,
        )
    # the label's own cue words make the clearest passage; else the word the model weighted most
    for cue in cues():
        if decision.label in cue.evidence:
            passage = cue_passage(text, cue.pattern, names)
            if passage:
                return Evidence(
                    field="amp",
                    value=decision.label,
                    rule=f"{MODEL_RULE}:{decision.label}",
                    passage=passage,
                    confidence=round(decision.confidence, 3),
                )
    term, passage = model_passage(text, decision.top_terms, names)
    rule = f"{MODEL_RULE}:{decision.label}" + (f" ({term})" if term else "")
    return Evidence(field="amp", value=decision.label, rule=rule, passage=passage, confidence=round(decision.confidence, 3))


def code_text(
    text: str, provisions: Sequence[Provision] = (), names: Sequence[str] = (), model: AmpModel | None = None, rules: Any = None
) -> AmpCoding:
    """Code a text: rules first, then the AMP model (texts of at least :data:`MIN_WORDS` words).

    Args:
        text: plain text of a judgment, summary or listing entry.
        provisions: provisions found in it, for the provision rules.
        names: surname stems to redact from quoted passages.
        model: the AMP model; the shipped one by default.
        rules: rule tables for :func:`scraper.classify.classify`; the bundled ones by default.
    """
    from scraper.classify import classify

    return apply_model(classify(text, provisions, rules=rules, names=names, amp=False), text, names, model)


def apply_model(
    classification: Any,
    text: str,
    names: Sequence[str] = (),
    model: AmpModel | None = None,
    min_confidence: float = 0.0,
    max_words: int | None = None,
) -> AmpCoding:
    """Add the AMP model's acts, means and purposes to a rule classification (in place) and return the coding.

    Texts shorter than :data:`MIN_WORDS` words are left as the rules coded them. Only labels with at
    least ``min_confidence`` add tags to the classification (all labels set are in ``amp``); a text of more
    than ``max_words`` words is left to the rules.
    """
    coding = AmpCoding(classification=classification)
    words = len(text.split())
    if words < MIN_WORDS or (max_words is not None and words > max_words):
        return coding
    decisions = (model or load_model()).score(text)
    table = mapping()
    for decision in decisions:
        coding.confidence[decision.label] = decision.confidence
        if not decision.selected:
            continue
        coding.amp.append(decision.label)
        evidence = _evidence_for(decision, text, names)
        coding.amp_evidence.append(evidence)
        if decision.confidence < min_confidence:
            continue
        for name, values in table[decision.label].items():
            target = getattr(classification.palermo, name)
            narrowed = [v for v in values if v in target] or values
            for value in narrowed:
                if value in target:
                    continue  # a rule found it: the rule's evidence stands
                target.append(value)
                classification.evidence.append(
                    Evidence(
                        field=f"palermo.{name}",
                        value=value.value,
                        rule=evidence.rule,
                        passage=evidence.passage,
                        confidence=evidence.confidence,
                    )
                )
    return coding
