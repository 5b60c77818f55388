"""Numbers as a summary writes them: digits or words (table ``counts.yaml``)."""

from __future__ import annotations

import functools

from scraper.facts.tables import TableError, table


@functools.lru_cache(maxsize=1)
def number_words() -> dict[str, int]:
    """Number words and their values."""
    data = table("counts")
    words = data.get("numbers") if isinstance(data, dict) else None
    if not isinstance(words, dict):
        raise TableError("counts.yaml: 'numbers' must map words to numbers")
    return {str(k).lower(): int(v) for k, v in words.items()}


def number_pattern() -> str:
    """A regular expression matching a number in digits (1-9999) or words."""
    return r"(?:\d{1,4}|" + "|".join(sorted(number_words(), key=len, reverse=True)) + r")"


def value_of(word: str) -> int | None:
    """The value of a number in digits or words, or None."""
    word = word.lower().strip()
    if word.isdigit():
        return int(word)
    return number_words().get(word)
