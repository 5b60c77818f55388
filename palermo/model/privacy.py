"""Victims' privacy: names that must never appear in a record's text.

A record lists, as salted SHA-256 hashes, the names of victims that must not
appear in its text fields (the names themselves are never stored). The salt is
the record id, so the same name hashes differently in two records and a hash
list cannot be matched across the corpus. Names that are part of the official
case title (``Siliadin v. France``) are public and are not protected.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator

HASH_PREFIX = "sha256:"
MAX_NAME_WORDS = 4
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def name_words(text: str) -> list[str]:
    """Split text into case- and accent-folded words."""
    return _WORD.findall(_fold(text))


def hash_name(record_id: str, name: str) -> str:
    """Return the salted hash of a name as stored in ``protected_names``.

    Args:
        record_id: the id of the record the name belongs to (the salt).
        name: the victim's name as it might appear in text (``"Oxana Rantseva"``).
    """
    words = " ".join(name_words(name))
    digest = hashlib.sha256(f"{record_id}\x00{words}".encode()).hexdigest()
    return HASH_PREFIX + digest


def _ngrams(words: list[str], max_n: int) -> Iterator[str]:
    for n in range(1, max_n + 1):
        for i in range(len(words) - n + 1):
            yield " ".join(words[i : i + n])


def find_protected(record_id: str, hashes: Iterable[str], text: str) -> list[str]:
    """Return the phrases of ``text`` whose salted hash is in ``hashes``.

    Args:
        record_id: the salt (the record id).
        hashes: the record's ``protected_names``.
        text: any text field of the record.
    """
    wanted = set(hashes)
    if not wanted or not text:
        return []
    found = []
    for phrase in _ngrams(name_words(text), MAX_NAME_WORDS):
        digest = hashlib.sha256(f"{record_id}\x00{phrase}".encode()).hexdigest()
        if HASH_PREFIX + digest in wanted:
            found.append(phrase)
    return found
