"""When an incremental walk of a listing chain may stop (pure, no Scrapy).

A listing is newest first, so once a whole page holds only posts the state
knows, unchanged, everything older is known too, provided the state is
whole below that point: the chain's last walk completed.  After an
interrupted walk the state is whole only below where that walk stopped, so
this walk must first get that far; the posts added since push that point
down by their number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from nejat_crawler.state import Change, StateStore, WalkRecord


@dataclass
class ChainWalk:
    """One listing chain's walk in this run."""

    previous: WalkRecord | None
    """How the chain's last walk ended; None if it was never walked."""
    overlap: int = 0
    """Pages of known posts to walk past the first one, for safety."""
    entries: int = 0
    new_posts: int = 0
    quiet_pages: int = 0
    """Pages walked so far holding only known, unchanged posts, since the last that did not."""

    def page_walked(self, changes: Iterable[Change]) -> None:
        changes = list(changes)
        self.entries += len(changes)
        self.new_posts += changes.count("new")
        quiet = bool(changes) and all(change == "unchanged" for change in changes)
        self.quiet_pages = self.quiet_pages + 1 if quiet else 0

    def may_stop(self) -> bool:
        """True when the pages past this one hold nothing the state does not know."""
        if self.quiet_pages <= self.overlap or self.previous is None:
            return False
        if self.previous.complete:
            return True
        required = self.previous.resume_depth
        return required is not None and self.entries >= required + self.new_posts

    def record(self, reached_end: bool) -> WalkRecord:
        """What to remember of this walk: complete if it reached the end or stopped
        where it safely could, else how far the next walk has to go."""
        if reached_end or self.may_stop():
            return WalkRecord(complete=True)
        if self.previous is None or (not self.previous.complete and self.previous.resume_depth is None):
            return WalkRecord(complete=False)  # never complete: the next walk goes to the end
        required = 0 if self.previous.complete else (self.previous.resume_depth or 0) + self.new_posts
        return WalkRecord(complete=False, resume_depth=max(self.entries, required))


class Walks:
    """Every listing chain walked in this run, against the state of earlier runs.

    Without a state (no run recorder) every post counts as new and every
    chain is walked to its end.
    """

    def __init__(self, state: StateStore | None, incremental: bool, overlap: int) -> None:
        self.state = state
        self.incremental = incremental and state is not None
        self.overlap = overlap
        self._walks: dict[str, ChainWalk] = {}

    def change_of(self, edition: str, post_id: int, fingerprint: str) -> Change:
        return self.state.change_of(edition, post_id, fingerprint) if self.state else "new"

    def page_walked(self, chain: str, changes: Iterable[Change]) -> None:
        if chain not in self._walks:
            previous = self.state.walk(chain) if self.state else None
            self._walks[chain] = ChainWalk(previous, self.overlap)
        self._walks[chain].page_walked(changes)

    def may_stop(self, chain: str) -> bool:
        """True when an incremental walk of ``chain`` may stop before its next page."""
        return self.incremental and chain in self._walks and self._walks[chain].may_stop()

    def ended(self, chain: str, reached_end: bool, at: str) -> None:
        """Remember how the walk of ``chain`` ended: at its end (or a safe stop), or short of it."""
        walk = self._walks.get(chain) or ChainWalk(self.state.walk(chain) if self.state else None, self.overlap)
        if self.state is not None:
            self.state.remember_walk(chain, walk.record(reached_end), at)
