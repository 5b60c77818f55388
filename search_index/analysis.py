"""Text analysis shared by every engine: tokens, stop words, British/American spelling folding, stemming.

Spelling folding happens inside the analyzer, before stemming, so a query for
``labor`` meets a record that says ``labour`` and the other way round. The same
table is exported to the browser search page, so both engines fold alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from lunr.stop_word_filter import WORDS as LUNR_STOP_WORDS
from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter, Token, Tokenizer
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.formats import Existence
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


def stock_chain_analyzer() -> CompositeAnalyzer:
    """The same analysis as :class:`FoldingStemTokenizer`, as a chain of whoosh's own stages (slower; kept as a reference)."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | StopFilter(stoplist=STOP_WORDS, minsize=2)
        | SpellingFoldFilter()
        | StemFilter(stemfn=stem)
    )


class FoldingStemTokenizer(Tokenizer):
    """Tokenise, lower-case, drop stop words, fold spelling and stem in one pass, with one cache per word.

    Whoosh's chain (tokenizer | lowercase | stop | stem) costs a generator stage
    per token per filter; doing it in one loop with a word → term cache roughly
    halves indexing time. Positions skip stop words, as whoosh's StopFilter does.
    """

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FoldingStemTokenizer)

    def __hash__(self) -> int:
        return hash(FoldingStemTokenizer)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        pos = start_pos
        cache = _TERM_CACHE
        for match in TOKEN_PATTERN.finditer(value):
            word = match.group(0)
            term = cache.get(word)
            if term is None:
                term = cache[word] = _term(word)
            if not term:
                if removestops:
                    continue
                token.stopped = True
                token.text = word.lower()
            else:
                token.stopped = False
                token.text = term
            token.boost = 1.0
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = pos
                pos += 1
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


_TERM_CACHE: dict[str, str] = {}


def _term(word: str) -> str:
    lower = word.lower()
    if len(lower) < 2 or lower in STOP_WORDS:
        return ""
    return stem(fold(lower))


def unique_terms(text: str) -> set[str]:
    """The distinct terms of a text, as :class:`FoldingStemTokenizer` makes them, without building tokens."""
    cache = _TERM_CACHE
    out = set()
    for word in TOKEN_PATTERN.findall(text):
        term = cache.get(word)
        if term is None:
            term = cache[word] = _term(word)
        out.add(term)
    out.discard("")
    return out


class TermSetFormat(Existence):
    """Postings that only record that a document contains a term (no frequency, no positions).

    Used for the judgment's full text: it makes two thirds of all postings, and
    scoring it like the editorial fields would let a long judgment outweigh a
    case whose summary and holdings are about the query. Terms are taken
    straight from :func:`unique_terms`, skipping whoosh's per-token objects.
    """

    def word_values(self, value: str, analyzer: Any, **kwargs: Any) -> Iterator[tuple[str, int, float, bytes]]:
        boost = self.field_boost
        return ((term, 1, boost, b"") for term in unique_terms(value))


def text_analyzer() -> FoldingStemTokenizer:
    """The analyzer of every text field: tokenise, lower-case, drop stop words, fold spelling, stem (cached)."""
    return FoldingStemTokenizer()


@lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    """The folded Porter stem of one lower-case word."""
    return stem(fold(word))


QUESTION_STOP_WORDS: frozenset[str] = STOP_WORDS | frozenset(LUNR_STOP_WORDS)
"""Words a plain question never searches: every engine's stop words (the browser index has no lunr stop word)."""


def question_terms(text: str) -> list[str]:
    """Folded, stemmed terms of a plain question, with the stop words of both engines dropped.

    The browser page reads a question the same way, so both count the same words when they look for the
    closest matches (a question's "they" or "do" is no evidence of relevance in either).
    """
    out = []
    for word in TOKEN_PATTERN.findall(text):
        lower = word.lower()
        if len(lower) >= 2 and lower not in QUESTION_STOP_WORDS:
            out.append(stem_word(lower))
    return out


def terms(text: str) -> list[str]:
    """Folded, stemmed terms of a text, stop words dropped (the analysis whoosh applies, without whoosh's Token objects)."""
    cache = _TERM_CACHE
    out = []
    for word in TOKEN_PATTERN.findall(text):
        term = cache.get(word)
        if term is None:
            term = cache[word] = _term(word)
        if term:
            out.append(term)
    return out
