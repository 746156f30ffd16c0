"""Which known posts a run checks again, and what their answers mean (pure, no Scrapy).

Incremental runs follow the listings, so an edit to an older post's body, or
its deletion, shows on no listing page.  Each run may therefore re-read the
pages of up to N known posts (``-a revisit=N``), those never checked first,
then the longest unchecked, so a schedule of small runs sweeps the whole
archive.  After a full walk that reached the end of every edition's listing,
the known posts it did not meet are checked too (up to a limit): a post
that left the listings may have been deleted.

A page that answers 404 or 410 is a deletion only:

- for a post whose page answered otherwise when last fetched, or that a
  complete walk no longer met (a post whose page was already broken while it
  was listed is not news, until it leaves the listings);
- if no more than a set share of the post pages answering this run (listed
  posts' pages and revisits alike) answered 404 or 410 when the post was
  thought to exist (a post found deleted before, or broken while listed,
  answering 404 again is no news and does not count).  Past that share
  the site more likely has an outage or new URLs than mass deletions, so no
  deletion is recorded and the run is unhealthy.  The share is weighed only
  past a few gone pages: one deletion among five revisits is no outage.

A 5xx, a timeout or a redirect is never a deletion: the post was not checked.
The attempt is remembered all the same, so a post that always fails goes
behind the others instead of holding the head of the queue.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from nejat_crawler.items import Deletion
from nejat_crawler.postset import PostSet
from nejat_crawler.state import GONE, StateStore
from nejat_crawler.urls import post_url


@dataclass
class Revisits:
    state: StateStore | None
    max_gone_share: float
    """Share of the post pages answering in one run above which no deletion is recorded."""
    guard_from: int = 0
    """Gone pages a run may have before the share is weighed at all."""
    answered: int = 0
    """Post pages that answered 200, 404 or 410 in this run."""
    gone: int = 0
    """Of those, the ones that answered 404 or 410."""
    pending: int = 0
    """Revisits asked for and not yet answered or given up."""
    candidates: list[tuple[str, int, int, str]] = field(default_factory=list)
    """(edition, post_id, status, last_seen) of the posts found gone, held until every revisit is done."""
    withheld: int = 0
    """Deletions not recorded because too many pages answered 404 or 410."""
    missing_over_limit: int = 0
    """Known posts missing from a complete walk beyond the limit, left unchecked."""
    missing: set[tuple[str, int]] = field(default_factory=set)
    """The posts planned because a complete walk did not meet them."""

    def plan(
        self, editions: Iterable[str], revisit: int, missing_from: Iterable[str], met: PostSet, missing_max: int
    ) -> list[tuple[str, int]]:
        """The posts to check: those of ``missing_from`` (editions walked whole) that this run did not
        meet, up to ``missing_max``, then up to ``revisit`` more, longest unchecked first."""
        if self.state is None:
            return []
        chosen: dict[tuple[str, int], None] = {}
        for edition in missing_from:
            for post_id in self.state.existing_posts(edition):
                if (edition, post_id) in met:
                    continue
                if len(chosen) >= missing_max:
                    self.missing_over_limit += 1
                else:
                    chosen[(edition, post_id)] = None
        self.missing = set(chosen)
        missing = len(chosen)
        if revisit:
            for key in self.state.longest_unchecked(editions):
                if key not in met and key not in chosen:
                    chosen[key] = None
                    if len(chosen) - missing >= revisit:
                        break
        self.pending = len(chosen)
        return list(chosen)

    def page_answered(self, edition: str, post_id: int, status: int) -> bool:
        """A post page of this run (listed or revisited) answered ``status``; count it toward the
        guard when it is news: a 200, or gone for a post thought to exist."""
        if status == 200 or (status in GONE and self._gone_is_news(edition, post_id)):
            self.answered += 1
            self.gone += status in GONE
            return True
        return False

    def _gone_is_news(self, edition: str, post_id: int) -> bool:
        known = self.state.known(edition, post_id) if self.state else None
        if known is None:
            return True  # a post no run exported: its gone page may be an outage's
        broken_while_listed = known.page_status in GONE and (edition, post_id) not in self.missing
        return known.deleted_at is None and not broken_while_listed

    def found_gone(self, edition: str, post_id: int, status: int) -> bool:
        """A revisited page answered 404 or 410: hold a deletion, unless it is no news (False)."""
        known = self.state.known(edition, post_id) if self.state else None
        if known is None:
            return False
        if not self.page_answered(edition, post_id, status):
            self.state.remember_check(edition, post_id, status)  # type: ignore[union-attr]
            return False
        self.candidates.append((edition, post_id, status, known.last_seen))
        return True

    def alive(self, edition: str, post_id: int) -> None:
        """A revisited page answered 200 but cannot be exported (no title): it exists, it was checked.
        A post found deleted stays so, unchecked: no line can say it is back."""
        known = self.state.known(edition, post_id) if self.state else None
        if known is None or known.deleted_at is not None:
            self.not_checked(edition, post_id)
            return
        self.state.remember_check(edition, post_id, 200)  # type: ignore[union-attr]

    def not_checked(self, edition: str, post_id: int) -> None:
        """A revisit without an answer to go by: remembered as tried, so the post waits its turn again."""
        if self.state is not None:
            self.state.remember_attempt(edition, post_id)

    def done(self) -> bool:
        """One revisit ended (answered or given up); True once none is left."""
        self.pending -= 1
        return self.pending == 0

    def gone_share(self) -> float:
        return self.gone / self.answered if self.answered else 0.0

    def deletions(self) -> list[Deletion]:
        """The deletions found, once every revisit is done; none past the share of gone pages."""
        if not self.candidates:
            return []
        if self.gone > self.guard_from and self.gone_share() > self.max_gone_share:
            self.withheld = len(self.candidates)
            return []
        now = datetime.now(UTC).isoformat(timespec="seconds")
        return [
            Deletion(post_url(edition, post_id), edition, post_id, deleted_at=now, last_seen=last_seen, status=status)
            for edition, post_id, status, last_seen in self.candidates
        ]
