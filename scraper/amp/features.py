"""What the AMP classifier reads in a text: its words and word pairs, and the cue phrases.

The same functions serve training (through scikit-learn) and coding (pure Python and
numpy), so a shipped model sees exactly the features it was trained on. Every feature
depends on the words of the text alone: line breaks, spacing and sentence order change
nothing, and shuffled sentences give the same features: word pairs never span a sentence boundary.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

CUES_FILE = Path(__file__).with_name("cues.yaml")
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+")
_TOKEN = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]|\d+")
_SPELLING = {
    "labor": "labour",
    "harbor": "harbour",
    "harbored": "harboured",
    "harboring": "harbouring",
    "offense": "offence",
    "offenses": "offences",
    "organized": "organised",
    "recognized": "recognised",
}


@dataclass(frozen=True)
class Cue:
    """A group of patterns the classifier sees as one feature; ``sets`` a label it decides alone."""

    id: str
    pattern: re.Pattern[str]
    sets: str | None = None
    evidence: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    """The cue table (``cues.yaml``), compiled once."""
    data: Any = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
    out = []
    for raw in data["cues"]:
        pattern = re.compile("|".join(f"(?:{p})" for p in raw["patterns"]), re.IGNORECASE)
        out.append(Cue(id=raw["id"], pattern=pattern, sets=raw.get("sets"), evidence=tuple(raw.get("evidence") or ())))
    return tuple(out)


def normalise(text: str) -> str:
    """Whitespace folded to single spaces: the form every feature and passage is read from."""
    return " ".join(text.split())


def sentences(text: str) -> list[str]:
    """The text split into sentences (after . ! ? ; or : and a space), whitespace folded; line breaks are only spaces."""
    return [s for s in (normalise(part) for part in _SENTENCE.split(text)) if s]


def tokens(sentence: str) -> list[str]:
    """Lower-cased word tokens of one sentence, American spellings folded to British."""
    return [_SPELLING.get(t, t) for t in _TOKEN.findall(sentence.lower())]


def analyse(text: str) -> list[str]:
    """The word features of a text: every word, and every pair of adjacent words within a sentence."""
    out: list[str] = []
    for sentence in sentences(text):
        words = tokens(sentence)
        out.extend(words)
        out.extend(f"{a} {b}" for a, b in itertools.pairwise(words))
    return out


def char_grams(text: str, low: int = 3, high: int = 5, skip: frozenset[str] = frozenset()) -> list[str]:
    """Character ``low``–``high``-grams of each word (padded with a space each side), words in ``skip`` left out."""
    out: list[str] = []
    for sentence in sentences(text):
        for word in tokens(sentence):
            if word in skip:
                continue
            padded = f" {word} "
            for n in range(low, high + 1):
                out.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


def proper_nouns(texts: list[str]) -> frozenset[str]:
    """Words that occur in ``texts`` only capitalised: names of people and places, kept out of a model's vocabulary."""
    capitalised: set[str] = set()
    lower: set[str] = set()
    for text in texts:
        for word in re.findall(r"[A-Za-z][A-Za-z'-]*", text):
            (lower if word[0].islower() else capitalised).add(_SPELLING.get(word.lower(), word.lower()))
    return frozenset(capitalised - lower)


def cue_counts(text: str) -> dict[str, int]:
    """How often each cue matches in the text (whitespace folded first)."""
    flat = normalise(text)
    return {cue.id: sum(1 for _ in cue.pattern.finditer(flat)) for cue in cues()}


def cue_vector(counts: dict[str, int]) -> list[float]:
    """The cue features in table order: ``log(1 + count)`` for each cue."""
    return [math.log1p(counts.get(cue.id, 0)) for cue in cues()]


def term_counts(text: str) -> Counter[str]:
    """Counts of the word features of a text."""
    return Counter(analyse(text))
