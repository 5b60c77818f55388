"""Text analysis shared by every engine: tokens, stop words, British/American spelling folding, stemming.

Spelling folding happens inside the analyzer, before stemming, so a query for
``labor`` meets a record that says ``labour`` and the other way round. The same
table is exported to the browser search page, so both engines fold alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter, Token
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.lang.porter import stem

PREFIX_FOLDS: dict[str, str] = {
    # -our / -or
    "labour": "labor",
    "harbour": "harbor",
    "behaviour": "behavior",
    "colour": "color",
    "favour": "favor",
    "honour": "honor",
    "neighbour": "neighbor",
    "rumour": "rumor",
    "endeavour": "endeavor",
    "humour": "humor",
    "vigour": "vigor",
    "saviour": "savior",
    # -ce / -se
    "offence": "offense",
    "defence": "defense",
    "licence": "license",
    "pretence": "pretense",
    # -ise / -ize, -isation / -ization
    "organis": "organiz",
    "recognis": "recogniz",
    "criminalis": "criminaliz",
    "decriminalis": "decriminaliz",
    "authoris": "authoriz",
    "characteris": "characteriz",
    "penalis": "penaliz",
    "realis": "realiz",
    "victimis": "victimiz",
    "revictimis": "revictimiz",
    "prioritis": "prioritiz",
    "minimis": "minimiz",
    "legalis": "legaliz",
    "normalis": "normaliz",
    "apologis": "apologiz",
    "jeopardis": "jeopardiz",
    "summaris": "summariz",
    "categoris": "categoriz",
    "emphasis": "emphasiz",
    "utilis": "utiliz",
    "sensitis": "sensitiz",
    "stigmatis": "stigmatiz",
    "scrutinis": "scrutiniz",
    "familiaris": "familiariz",
    "analys": "analyz",
    # doubled consonants and other pairs
    "travell": "travel",
    "counsell": "counsel",
    "cancell": "cancel",
    "judgement": "judgment",
    "programme": "program",
    "paedophil": "pedophil",
    "sceptic": "skeptic",
    "centre": "center",
    "catalogue": "catalog",
    "dialogue": "dialog",
    "ageing": "aging",
    "gaol": "jail",
}
"""British spelling prefix → American prefix; a token starting with the key has it replaced."""

WORD_FOLDS: dict[str, str] = {
    "enrol": "enroll",
    "enrols": "enrolls",
    "enrolment": "enrollment",
    "fulfil": "fulfill",
    "fulfils": "fulfills",
    "fulfilment": "fulfillment",
    "skilful": "skillful",
    "wilful": "willful",
    "wilfully": "willfully",
}
"""Whole British words whose American form is not a prefix swap."""

_PREFIX_RE = re.compile("^(?:" + "|".join(sorted(map(re.escape, PREFIX_FOLDS), key=len, reverse=True)) + ")")

STOP_WORDS: frozenset[str] = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "this",
        "to",
        "was",
        "were",
        "which",
        "with",
        "when",
        "where",
        "who",
        "whom",
        "whose",
        "will",
        "would",
        "not",
        "no",
        "but",
        "than",
        "then",
        "there",
        "these",
        "those",
        "such",
    ]
)
"""Stop words dropped by every engine (small on purpose: legal phrases are kept)."""

TOKEN_PATTERN = re.compile(r"\w+(?:[.'’]\w+)*")


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Fold a lower-case British spelling to the American one (``labour`` → ``labor``, ``offences`` → ``offenses``)."""
    if word in WORD_FOLDS:
        return WORD_FOLDS[word]
    match = _PREFIX_RE.match(word)
    if match is None:
        return word
    prefix = match.group(0)
    return PREFIX_FOLDS[prefix] + word[len(prefix) :]


class SpellingFoldFilter(Filter):
    """A whoosh filter applying :func:`fold` to each (lower-case) token."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = fold(token.text)
            yield token


def text_analyzer(stemming: bool = True) -> CompositeAnalyzer:
    """The analyzer of every text field: tokenise, lower-case, drop stop words, fold spelling, stem (cached)."""
    chain = RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | StopFilter(stoplist=STOP_WORDS, minsize=2) | SpellingFoldFilter()
    if stemming:
        chain = chain | StemFilter(stemfn=stem, cachesize=-1)
    return chain


@lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    """The folded Porter stem of one lower-case word."""
    return stem(fold(word))


def terms(text: str) -> list[str]:
    """Folded, stemmed terms of a text, stop words dropped (the analysis whoosh applies, without whoosh's Token objects)."""
    return [stem_word(w) for w in TOKEN_PATTERN.findall(text.lower()) if len(w) >= 2 and w not in STOP_WORDS]
