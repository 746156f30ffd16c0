"""The posts a run has met, one bit each.

A run remembers every post it requested or emitted, so that none is fetched
or emitted twice.  Post ids are WordPress ids, dense and below a million on
this site: a bit per possible id of each edition takes 40 KB for ids up to
300,000, where a Python set took 60 to 250 bytes per post (6 to 25 MB at
100,000 posts).  An id too large for a bitmap (a typo in the site, a
hostile page: ``post_key`` accepts twelve digits) goes to a small set.
"""

from __future__ import annotations

# Ids from here on go to the set: 2 MB of bits per edition at most.
_BITMAP_IDS = 1 << 24


class PostSet:
    def __init__(self) -> None:
        self._bits: dict[str, bytearray] = {}
        self._beyond: set[tuple[str, int]] = set()

    def add(self, post: tuple[str, int]) -> None:
        edition, post_id = post
        if post_id >= _BITMAP_IDS:
            self._beyond.add(post)
            return
        bits = self._bits.setdefault(edition, bytearray())
        index = post_id >> 3
        if index >= len(bits):
            bits.extend(bytes(index + 1 - len(bits)))
        bits[index] |= 1 << (post_id & 7)

    def __contains__(self, post: tuple[str, int]) -> bool:
        edition, post_id = post
        if post_id >= _BITMAP_IDS:
            return post in self._beyond
        bits = self._bits.get(edition)
        index = post_id >> 3
        return bits is not None and index < len(bits) and bool(bits[index] & (1 << (post_id & 7)))
