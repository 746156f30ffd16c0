"""When an incremental walk of a listing chain may stop (pure, no Scrapy).

A listing is newest first, so once a whole page holds only posts the state
knows, unchanged, everything older is known too, provided the state is
whole below that point: the chain's last walk completed.  After an
interrupted walk the state is whole only below where that walk stopped
(and the new posts it never reached), so this walk may stop only at a page
of known posts that starts past that point, pushed down by the new posts
seen since.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from nejat_crawler.state import Change, StateStore, WalkRecord, compare


@dataclass
class ChainWalk:
    """One listing chain's walk in this run."""

    previous: WalkRecord | None
    """How the chain's last walk ended; None if it was never walked."""
    overlap: int = 0
    """Pages of known posts to walk past the first one, for safety."""
    entries: int = 0
    """Entries walked so far, the last page's included."""
    entries_above: int = 0
    """Entries above the last page walked: where that page starts."""
    new_posts: int = 0
    quiet_pages: int = 0
    """Pages walked so far holding only known, unchanged posts, since the last that did not."""

    def page_walked(self, changes: Iterable[Change]) -> None:
        changes = list(changes)
        self.entries_above = self.entries
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
        # The quiet page must start past where the cut-short walk stopped,
        # pushed down by the posts added since: the posts just below that
        # point may be new ones that walk never reached.
        required = self.previous.resume_depth
        return required is not None and self.entries_above >= required + self.new_posts

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
        # The run that first exported each post of the page being walked, as
        # change_of found it, for page_walked; emptied page by page.
        self._first_runs: dict[tuple[str, int], str | None] = {}
        self._reached_end: dict[str, bool] = {}

    def change_of(self, edition: str, post_id: int, fingerprint: str) -> Change:
        """How a listed post compares with what earlier runs exported (one state lookup per post)."""
        if self.state is None:
            return "new"
        known = self.state.known(edition, post_id)
        self._first_runs[(edition, post_id)] = known.first_run if known else None
        return compare(known, fingerprint)

    def page_walked(self, chain: str, posts: Iterable[tuple[str, int, Change]]) -> None:
        """A listing page of ``chain`` was walked: its posts as (edition, post_id, change)."""
        if chain not in self._walks:
            previous = self.state.walk(chain) if self.state else None
            self._walks[chain] = ChainWalk(previous, self.overlap)
        walk = self._walks[chain]
        walk.page_walked(self._to_chain(walk.previous, edition, post_id, change) for edition, post_id, change in posts)

    def _to_chain(self, previous: WalkRecord | None, edition: str, post_id: int, change: Change) -> Change:
        """A post another listing made known after this chain's last walk is new to this chain:
        the walk cannot stop on it, and it pushes the older posts down."""
        cached = (edition, post_id) in self._first_runs
        first_run = self._first_runs.pop((edition, post_id)) if cached else None
        if change == "new" or previous is None or self.state is None:
            return change
        if not cached:  # not looked up through change_of
            known = self.state.known(edition, post_id)
            first_run = known.first_run if known else None
        return "new" if first_run is None or first_run > previous.run else change

    def may_stop(self, chain: str) -> bool:
        """True when an incremental walk of ``chain`` may stop before its next page."""
        return self.incremental and chain in self._walks and self._walks[chain].may_stop()

    def reached_end(self, chain: str) -> bool:
        """True when this run's walk of ``chain`` went to its last page, with no page failing."""
        return self._reached_end.get(chain, False)

    def ended(self, chain: str, reached_end: bool) -> None:
        """Remember how the walk of ``chain`` ended: at its end (or a safe stop), or short of it."""
        # A walk that reached its end once but also lost a page elsewhere is not whole.
        self._reached_end[chain] = reached_end and self._reached_end.get(chain, True)
        if self.state is None:
            return
        walk = self._walks.get(chain) or ChainWalk(self.state.walk(chain), self.overlap)
        self.state.remember_walk(chain, walk.record(reached_end))
