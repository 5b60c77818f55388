"""Finding the passage behind a label the model set: where its strongest word or word pair occurs."""

from __future__ import annotations

import re
from collections.abc import Sequence

from scraper.amp.features import normalise

_VARIANTS = {"labour": "labou?r", "harbour": "harbou?r", "harboured": "harbou?red", "harbouring": "harbou?ring", "offence": "offen[cs]e"}


def term_pattern(term: str) -> re.Pattern[str]:
    """A case-insensitive pattern for a word feature (one word or a pair) as it may be written in a text."""
    words = [_VARIANTS.get(w, re.escape(w)) for w in term.split()]
    return re.compile(r"(?<![a-z0-9])" + r"[^a-z0-9]+".join(words) + r"(?![a-z0-9])", re.IGNORECASE)


_SLIGHT = frozenset(
    [
        "the",
        "and",
        "was",
        "were",
        "her",
        "his",
        "him",
        "she",
        "they",
        "them",
        "their",
        "for",
        "with",
        "from",
        "that",
        "this",
        "into",
        "under",
        "over",
        "been",
        "had",
        "has",
        "have",
        "who",
        "which",
        "not",
    ]
)


def telling(term: str) -> bool:
    """True for a word feature worth quoting as evidence: at least one word of four letters or more that is not a function word."""
    return any(len(w) >= 4 and w.isalpha() and w not in _SLIGHT for w in term.split())


def locate(text: str, terms: Sequence[str]) -> tuple[str, int, int] | None:
    """The first telling one of ``terms`` (else the first) found in the (whitespace-folded) text, with where it is."""
    for term in sorted(terms, key=lambda t: not telling(t)):
        m = term_pattern(term).search(text)
        if m:
            return term, m.start(), m.end()
    return None


def model_passage(text: str, terms: Sequence[str], names: Sequence[str] = ()) -> tuple[str | None, str | None]:
    """``(term, passage)``: the strongest of ``terms`` found in ``text`` and the words around it (≤200 characters)."""
    from scraper.classify import passage_around

    flat = normalise(text)
    found = locate(flat, terms)
    if found is None:
        return None, None
    term, start, end = found
    return term, passage_around(flat, start, end, names)


def cue_passage(text: str, pattern: re.Pattern[str], names: Sequence[str] = ()) -> str | None:
    """The words around the first match of a cue (≤200 characters)."""
    from scraper.classify import passage_around

    flat = normalise(text)
    m = pattern.search(flat)
    return passage_around(flat, m.start(), m.end(), names) if m else None
