"""The evidence passage of a fact read by rule: a pointer into the summary, never a copied sentence.

At most :data:`MAX_WORDS` words around the phrase that fired, marked as a quotation (“…”) so the page and the
copying checks know it is the source's words, with names after an honorific redacted.
"""

from __future__ import annotations

import re

from scraper.normalise import redact_names

MAX_WORDS = 15
"""The longest passage a fact rule quotes."""
_BEFORE = 4
"""Words kept before the phrase; the rest of the allowance goes after it."""
_WORD = re.compile(r"\S+")


def pointer(text: str, start: int, end: int) -> str:
    """The words of ``text`` around ``text[start:end]``: at most 15, in typographic quotation marks."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    inside = [i for i, (s, e) in enumerate(words) if e > start and s < end] or [0]
    first = max(0, inside[0] - _BEFORE)
    last = min(len(words), first + MAX_WORDS)
    if inside[-1] >= last:  # a long phrase: quote its start
        first, last = inside[0], min(len(words), inside[0] + MAX_WORDS)
    quoted = " ".join(text[s:e] for s, e in words[first:last])
    return f"“{redact_names(quoted)}”"


def words_in(passage: str) -> int:
    """How many words a passage quotes (the quotation marks are not words)."""
    return len(passage.strip("“”").split())
