"""The history pipeline: the exported change, the fields named, revisits that find nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.test import get_crawler

from nejat_crawler.items import Deletion, Post, RawValues, Term
from nejat_crawler.pipelines.history import HistoryPipeline, page_fields
from nejat_crawler.state import StateStore
from tests.conftest import make_post, nejat_stats

RUN = "2026-12-01T10:00:00.000000+00:00"
LISTED = {"title": "t", "date_text": "d", "published_at": "p", "categories": "c", "comment_count": "n"}


def read_post(**fields: object) -> Post:
    """A post whose page was read, with its listing fingerprint."""
    post = make_post(**{"content_text": "Body.", "modified_at": "2026-11-01T10:00:00+00:00", **fields})
    post.tags = [Term("Camp Ashraf", "camp-ashraf", None)]
    post.raw = RawValues(listing_fingerprint="f", listing_fields=LISTED, page_status=200)
    return post


@pytest.fixture
def store(tmp_path: Path) -> Iterator[StateStore]:
    state = StateStore(tmp_path, RUN)
    yield state
    state.close()


@pytest.fixture
def pipeline(crawler: Crawler, store: StateStore) -> HistoryPipeline:
    return HistoryPipeline(crawler, state=lambda: store)


def remember(store: StateStore, post: Post) -> None:
    """What the run recorder stores of an exported post."""
    raw = post.raw
    store.remember_post(post.edition, post.post_id, raw.listing_fingerprint, raw.listing_fields, raw.page_fields, 200)


def test_a_post_the_state_does_not_know_is_new(pipeline, crawler):
    item = pipeline.process_item(read_post())
    assert (item.change, item.changed_fields) == ("new", [])
    assert item.raw.page_fields == page_fields(item)
    assert nejat_stats(crawler) == {"nejat/history/new": 1}


def test_the_same_post_again_is_unchanged(pipeline, store):
    remember(store, pipeline.process_item(read_post()))
    # The pipeline has the last word: the state knows the post and finds nothing changed.
    assert pipeline.process_item(read_post(change="new")).change == "unchanged"


def test_an_edited_body_and_modified_time_are_named(pipeline, store):
    remember(store, pipeline.process_item(read_post()))
    edited = read_post(change="unchanged", content_text="Body, edited.", modified_at="2026-11-20T10:00:00+00:00")
    item = pipeline.process_item(edited)
    assert (item.change, item.changed_fields) == ("updated", ["content_text", "modified_at"])


def test_listing_and_page_changes_are_named_together_in_schema_order(pipeline, store):
    remember(store, pipeline.process_item(read_post()))
    item = read_post(change="updated", title="A new title")
    item.raw = replace(item.raw, listing_fields={**LISTED, "comment_count": "n+1", "title": "t2"})
    item.tags = []
    assert pipeline.process_item(item).changed_fields == ["title", "comment_count", "tags"]


def test_a_listing_change_an_older_state_cannot_name_stays_updated(pipeline, store):
    store.remember_post("en", 3601, "old fingerprint")  # stored before digests per field existed
    item = read_post(change="updated")
    assert (pipeline.process_item(item).change, item.changed_fields) == ("updated", [])


def test_a_listing_only_post_has_no_page_fields_and_keeps_the_stored_ones(pipeline, store):
    remember(store, pipeline.process_item(read_post()))
    listed = make_post(change="unchanged", raw=RawValues(listing_fingerprint="f", listing_fields=LISTED))
    item = pipeline.process_item(listed)
    assert (item.change, item.raw.page_fields) == ("unchanged", None)


def test_a_post_found_deleted_that_is_back_is_restored(pipeline, store):
    remember(store, pipeline.process_item(read_post()))
    store.remember_deletion("en", 3601, 410, "2026-12-01T11:00:00+00:00")
    assert pipeline.process_item(read_post(change="restored")).change == "restored"


def test_a_revisit_that_finds_nothing_changed_exports_nothing_but_marks_the_check(pipeline, store, crawler):
    remember(store, pipeline.process_item(read_post()))
    revisit = read_post(listing_url=None)
    revisit.raw = replace(revisit.raw, listing_fingerprint="", listing_fields=None, revisit=True)
    with pytest.raises(DropItem):
        pipeline.process_item(revisit)
    assert nejat_stats(crawler)["nejat/history/revisit_unchanged"] == 1
    assert store.known("en", 3601).page_status == 200  # type: ignore[union-attr]


def test_a_deletion_notice_passes_untouched(pipeline):
    notice = Deletion("https://www.nejatngo.org/en/posts/1", "en", 1, "2026-12-01T11:00:00+00:00", RUN)
    assert pipeline.process_item(notice) is notice


def test_without_a_state_the_spider_change_stands(crawler):
    item = HistoryPipeline(crawler, state=lambda: None).process_item(read_post(change="unchanged"))
    assert item.change == "unchanged"


def test_can_be_switched_off():
    with pytest.raises(NotConfigured):
        HistoryPipeline.from_crawler(get_crawler(settings_dict={"NEJAT_HISTORY_ENABLED": False}))


def test_a_revisit_of_a_post_no_run_had_read_records_its_baseline_then_finds_the_edit(pipeline, store):
    store.remember_post("en", 3601, "f", LISTED)  # known from a listing-only run
    for body, change in (("Body.", None), ("Body, edited.", "updated")):
        revisit = read_post(listing_url=None, content_text=body)
        revisit.raw = replace(revisit.raw, listing_fingerprint="", listing_fields=None, revisit=True)
        if change is None:
            with pytest.raises(DropItem):
                pipeline.process_item(revisit)
        else:
            assert pipeline.process_item(revisit).changed_fields == ["content_text"]


def test_fields_the_page_did_not_show_are_left_out_of_its_digests(pipeline, store):
    # A full run: the page shows no categories, the listing's are kept.
    listed = read_post(categories=[Term("UN", "un", None)])
    listed.raw = replace(listed.raw, page_lacks=("categories",))
    remember(store, pipeline.process_item(listed))
    # A revisit of the same page has no listing to fall back on: still unchanged.
    revisit = read_post(listing_url=None)
    revisit.raw = replace(
        revisit.raw, listing_fingerprint="", listing_fields=None, revisit=True, page_lacks=("categories",)
    )
    with pytest.raises(DropItem):
        pipeline.process_item(revisit)
