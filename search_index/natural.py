"""Questions in a lawyer's own words: plain words, widened by the thesaurus, with a closest-match fallback.

A query with no search syntax (no quotes, operators, parentheses, ``-word``,
wildcards or ``field:`` items) is a *plain question*. Its stemmed words (stop
words dropped) become units; a phrase found in the thesaurus becomes one unit
that also matches the phrase's equivalents at a lower weight. Every unit must
match first; when that finds fewer than :data:`FEW_RESULTS` cases, the closest
matches are those that match at least :data:`MIN_SHARE` of the units, ranked by
BM25 over the units they match. A query that uses the syntax is never changed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from whoosh.fields import Schema
from whoosh.query import And, Or, Phrase, Query, Term

from search_index.analysis import question_terms, terms
from search_index.documents import FIELD_BOOSTS, TEXT_FIELDS
from search_index.facets import facet_by_alias
from search_index.query import OPERATORS, tokenize
from search_index.thesaurus import EXPANSION_WEIGHT, Thesaurus

FEW_RESULTS = 3
"""Fewer all-words results than this and the closest matches are shown instead."""
MIN_SHARE = 0.4
"""A closest match has at least this share of the question's words (and at least one)."""

_FIELD_ITEM = re.compile(r"^[A-Za-z_]+:\S")
_EMPTY_FIELD = re.compile(r"^([a-z_]+):$")
_TRAILING = ",.;:!?"


@dataclass(frozen=True)
class Unit:
    """One word of the question, or one thesaurus phrase with the other terms it also searches."""

    words: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...] = ()
    labels: tuple[str, ...] = ()
    """The thesaurus terms the alternatives come from, as the user reads them."""


@dataclass(frozen=True)
class Plan:
    """How a plain question is searched: its units and the equivalents the thesaurus added."""

    units: tuple[Unit, ...]
    also_matched: tuple[str, ...] = ()

    @property
    def min_match(self) -> int:
        """How many units a closest match must match."""
        return max(1, math.ceil(MIN_SHARE * len(self.units)))


def is_plain(text: str) -> bool:
    """Whether a query is a plain question: words and punctuation only, none of the search syntax."""
    stripped = text.strip().rstrip("?").strip()
    if not stripped:
        return False
    try:
        tokens = tokenize(stripped)
    except ValueError:
        return False
    for token in tokens:
        if token in ("(", ")", *OPERATORS) or token.startswith(("-", '"')) or '"' in token:
            return False
        if "*" in token or "?" in token or _FIELD_ITEM.match(token.rstrip(_TRAILING)):
            return False
        empty = _EMPTY_FIELD.match(token.rstrip(",.;!?"))
        if empty and _is_field(empty.group(1)):
            return False  # "title:" alone is the syntax without its value (an error), not a word of a question
    return True


def _is_field(name: str) -> bool:
    return name in TEXT_FIELDS or name == "year" or name in facet_by_alias()


def plan(text: str, thesaurus: Thesaurus | None) -> Plan | None:
    """The units of a plain question (``None`` when it has no searchable word)."""
    words = question_terms(text)
    if not words:
        return None
    expansions = thesaurus.expansions(words) if thesaurus is not None else []
    units: list[Unit] = []
    also: list[str] = []
    i = 0
    for expansion in [*expansions, None]:
        stop = expansion.start if expansion is not None else len(words)
        units.extend(Unit((w,)) for w in dict.fromkeys(words[i:stop]) if (w,) not in {u.words for u in units})
        if expansion is None:
            break
        alternatives = tuple(tuple(terms(t)) for t in expansion.also)
        units.append(Unit(tuple(words[expansion.start : expansion.end]), alternatives, expansion.also))
        also.extend(t for t in expansion.also if t not in also)
        i = expansion.end
    return Plan(tuple(units), tuple(also))


def _words_query(words: tuple[str, ...], schema: Schema, phrase: bool, boost: float = 1.0) -> Query:
    """Words in any one text field (as a phrase where the field keeps positions, when asked)."""
    if len(words) == 1:
        return Or([Term(f, words[0], boost=FIELD_BOOSTS[f] * boost) for f in TEXT_FIELDS])
    if not phrase:
        return And([_words_query((w,), schema, False, boost) for w in words])
    per_field: list[Query] = []
    for f in TEXT_FIELDS:
        if schema[f].format.supports("positions"):
            per_field.append(Phrase(f, list(words), boost=FIELD_BOOSTS[f] * boost))
        else:
            per_field.append(And([Term(f, w) for w in words], boost=FIELD_BOOSTS[f] * boost))
    return Or(per_field)


def phrase_query(words: tuple[str, ...], schema: Schema) -> Query:
    """Words as a phrase in any text field (anywhere in the full text, which keeps no positions)."""
    return _words_query(words, schema, phrase=True)


def unit_query(unit: Unit, schema: Schema) -> Query:
    """A unit as a whoosh query: its own words anywhere, or any equivalent as a phrase at the thesaurus weight."""
    literal = _words_query(unit.words, schema, phrase=False)
    if not unit.alternatives:
        return literal
    return Or([literal, *(_words_query(alt, schema, phrase=True, boost=EXPANSION_WEIGHT) for alt in unit.alternatives)])


def all_words_query(units: tuple[Unit, ...], schema: Schema) -> Query:
    """Every unit must match."""
    queries = [unit_query(u, schema) for u in units]
    return queries[0] if len(queries) == 1 else And(queries)
