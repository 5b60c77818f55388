"""Word pairs for phrase search in the browser: which cases hold two words side by side, and in which field.

The command line matches a quoted phrase by word positions (whoosh). The browser
index keeps no positions, so the search page checks a phrase against these
pairs: a case matches ``"serious harm"`` in a field when the pair ``seriou harm``
occurs in that field (for longer phrases, every consecutive pair). Words are
taken as whoosh takes them (its tokens, its stop words skipped without leaving a
gap), then stemmed as the page's lunr.js pipeline stems them, so the page can
look a phrase up with its own analysis.

The pairs are split into small files by the first two letters of the first
word, fetched by the page only when a query holds a phrase.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from lunr.stemmer import porter_stemmer

from palermo.model.schema import CaseRecord
from search_index.analysis import STOP_WORDS, TOKEN_PATTERN, fold
from search_index.documents import record_texts

FIELDS: tuple[str, ...] = ("title", "summary", "holdings", "provisions", "labels")
"""The command line's fields a phrase is matched in; a pair's mask has bit ``i`` set for ``FIELDS[i]``."""

_SHARD = re.compile(r"^[a-z0-9]{1,2}$")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return str(porter_stemmer.stem(fold(word)))


def chain(text: str) -> list[str]:
    """The words of a text in whoosh's positions (stop words and single characters leave no gap), lunr-stemmed."""
    out = []
    for word in TOKEN_PATTERN.findall(text):
        lower = word.lower()
        if len(lower) >= 2 and lower not in STOP_WORDS:
            out.append(_stem(lower))
    return out


def shard_of(stem: str) -> str:
    """The file a pair starting with ``stem`` is kept in (its first two letters, or ``_``)."""
    key = stem[:2]
    return key if _SHARD.match(key) else "_"


def pair_masks(records: Iterable[CaseRecord]) -> dict[str, dict[int, int]]:
    """``{"first second": {record position: field mask}}`` over every consecutive pair of every field."""
    pairs: dict[str, dict[int, int]] = defaultdict(dict)
    for position, record in enumerate(records):
        texts = record_texts(record)
        for bit, name in enumerate(FIELDS):
            words = chain(texts.get(name, ""))
            for first, second in itertools.pairwise(words):
                masks = pairs[f"{first} {second}"]
                masks[position] = masks.get(position, 0) | 1 << bit
    return pairs


def phrase_pair_files(records: Iterable[CaseRecord]) -> dict[str, str]:
    """The pair files by name (``se.json``…): ``{"first second": [position delta, mask, …]}``, positions ascending."""
    shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for pair, masks in sorted(pair_masks(records).items()):
        flat: list[int] = []
        last = 0
        for position in sorted(masks):
            flat.extend((position - last, masks[position]))
            last = position
        shards[shard_of(pair)][pair] = flat
    return {f"{name}.json": json.dumps(content, ensure_ascii=False, separators=(",", ":")) for name, content in sorted(shards.items())}
