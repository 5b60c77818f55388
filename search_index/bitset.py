"""Sets of document numbers as Python ints (bit ``n`` set = document ``n`` is in the set).

``&``, ``|`` and ``int.bit_count`` on these are C-speed, which is what makes
facet counting over a whole result set cheap (one AND and one popcount per
facet value) compared with asking whoosh to group every hit.
"""

from __future__ import annotations

from collections.abc import Iterable

from whoosh.idsets import DocIdSet

_POSITIONS: tuple[tuple[int, ...], ...] = tuple(tuple(p for p in range(8) if byte >> p & 1) for byte in range(256))


def from_ids(ids: Iterable[int], size: int) -> int:
    """The bitset of the given document numbers (each below ``size``)."""
    buf = bytearray((size >> 3) + 1)
    for n in ids:
        buf[n >> 3] |= 1 << (n & 7)
    return int.from_bytes(buf, "little")


def members(bits: int) -> list[int]:
    """The document numbers in a bitset, ascending."""
    out: list[int] = []
    raw = bits.to_bytes((bits.bit_length() + 7) >> 3, "little")
    for i, byte in enumerate(raw):
        if byte:
            base = i << 3
            out.extend(base + p for p in _POSITIONS[byte])
    return out


def union(sets: Iterable[int]) -> int:
    """The union of bitsets (empty set for none)."""
    out = 0
    for bits in sets:
        out |= bits
    return out


class BitsFilter(DocIdSet):
    """A read-only whoosh ``DocIdSet`` over a bitset, for ``Searcher.search(filter=...)``."""

    def __init__(self, bits: int) -> None:
        self._raw = bits.to_bytes((bits.bit_length() + 7) >> 3, "little")
        self._count = bits.bit_count()

    def __contains__(self, n: object) -> bool:
        if not isinstance(n, int) or n < 0:
            return False
        i = n >> 3
        return i < len(self._raw) and bool(self._raw[i] >> (n & 7) & 1)

    def __len__(self) -> int:
        return self._count

    def __iter__(self):  # type: ignore[no-untyped-def]
        raw = self._raw
        for i, byte in enumerate(raw):
            if byte:
                for p in _POSITIONS[byte]:
                    yield (i << 3) + p
