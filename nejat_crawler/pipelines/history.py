"""How each post compares with what earlier runs saw: new, updated (and which fields), unchanged, restored.

The spider compares a listed post's listing fingerprint with the state, to
know where an incremental walk may stop.  This pipeline has the last word on
the exported ``change``, once the other pipelines have normalised the
values: it compares a digest per field of what the listing showed and, when
the post page was read, of the page's title, content, categories, tags and
modified time (``PAGE_FIELDS``), and names the fields that differ in
``changed_fields``.  So an edit to the body of a post whose listing did not
change is ``updated`` as soon as its page is read again, in a full run or on
a revisit (``-a revisit=``).

A post a run found deleted that is seen again is ``restored``.  A revisit
that finds the page unchanged exports nothing (incremental runs export
changes, and a revisit is a check): the post is only marked as checked.

The digests the run recorder stores come from here (``Post.raw.page_fields``).
Without a state (no run recorder) every post stays as the spider set it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from nejat_crawler.extensions.run import RunRecorder
from nejat_crawler.items import EXPORTED_FIELDS, Deletion, Post, Term
from nejat_crawler.pipelines import NejatPipeline
from nejat_crawler.records import digest
from nejat_crawler.state import Change, Fields, KnownPost, StateStore, changed_fields

PAGE_FIELDS = ("title", "categories", "tags", "content_text", "modified_at")
"""The post-page values whose change makes a post ``updated``."""


class HistoryPipeline(NejatPipeline):
    name = "history"
    fills = ("changed_fields",)

    def __init__(self, crawler: Crawler, state: Callable[[], StateStore | None] | None = None) -> None:
        super().__init__(crawler)
        self.state = state or self._recorder_state
        """The state of earlier runs, once open: the run recorder's, unless given."""

    def _recorder_state(self) -> StateStore | None:
        recorder = self.crawler.get_extension(RunRecorder)  # built before the engine: found once items flow
        return recorder.state if recorder is not None else None

    def process_item(self, item: Post | Deletion) -> Post | Deletion:
        state = self.state()
        if isinstance(item, Deletion) or state is None:
            return item
        if item.raw.page_status == 200:
            item.raw = replace(item.raw, page_fields=page_fields(item))
        known = state.known(item.edition, item.post_id)
        item.change, item.changed_fields = _compare(item, known)
        if item.raw.revisit and item.change == "unchanged":
            self.count("revisit_unchanged")
            state.remember_check(item.edition, item.post_id, 200, item.raw.page_fields)
            raise DropItem(f"revisited {item.url}: unchanged", log_level="DEBUG")
        self.count(item.change)
        return item


def _compare(item: Post, known: KnownPost | None) -> tuple[Change, list[str]]:
    if known is None:
        return "new", []
    if known.deleted_at is not None:
        return "restored", []
    differing = {
        *changed_fields(known.listing_fields, item.raw.listing_fields),
        *changed_fields(known.page_fields, item.raw.page_fields),
    }
    named = [name for name in EXPORTED_FIELDS if name in differing]
    if named:
        return "updated", named
    # The listing fingerprint differs but an older state kept no digest per field to name what.
    listing_changed = item.change == "updated" and not item.raw.revisit
    return ("updated" if listing_changed else "unchanged"), []


def page_fields(item: Post) -> Fields:
    """A digest of each of ``PAGE_FIELDS`` as the item exports it; of nothing for a field
    the page did not show (the item kept the listing's, which a revisit does not have)."""
    shown: dict[str, object] = {
        "title": item.title,
        "categories": _terms(item.categories),
        "tags": _terms(item.tags),
        "content_text": item.content_text,
        "modified_at": item.modified_at,
    }
    return {name: digest(None if name in item.raw.page_lacks else value) for name, value in shown.items()}


def _terms(terms: list[Term]) -> list[tuple[str | None, str]]:
    return [(term.slug, term.name) for term in terms]
