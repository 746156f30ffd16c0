"""Which known posts a run checks again, and when a page that answers 404 or 410 is a deletion."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from nejat_crawler.postset import PostSet
from nejat_crawler.revisits import Revisits
from nejat_crawler.state import StateStore

RUN = "2026-12-01T10:00:00.000000+00:00"
LATER = "2026-12-02T10:00:00.000000+00:00"
LAST = "2026-12-03T10:00:00.000000+00:00"


@pytest.fixture
def state(tmp_path: Path) -> Iterator[StateStore]:
    """A state that knows en posts 1 to 6 from a first run, then posts 1 and 2 checked by a later one."""
    first = StateStore(tmp_path, RUN)
    for post_id in range(1, 7):
        first.remember_post("en", post_id, f"listing {post_id}")
    first.remember_post("fa", 1, "listing fa 1")
    first.commit()
    first.close()
    later = StateStore(tmp_path, LATER)
    later.remember_check("en", 2, 200)
    later.remember_check("en", 1, 200)
    later.commit()
    later.close()
    store = StateStore(tmp_path, LAST)
    yield store
    store.close()


def test_never_checked_posts_come_first_then_the_longest_unchecked(state):
    revisits = Revisits(state, max_gone_share=0.1)
    planned = revisits.plan(["en"], revisit=6, missing_from=(), met=PostSet(), missing_max=10)
    assert planned == [("en", 3), ("en", 4), ("en", 5), ("en", 6), ("en", 1), ("en", 2)]
    assert revisits.pending == 6


def test_a_revisit_takes_no_more_than_asked_and_skips_posts_this_run_met(state):
    met = PostSet()
    met.add(("en", 3))
    planned = Revisits(state, 0.1).plan(["en"], revisit=2, missing_from=(), met=met, missing_max=10)
    assert planned == [("en", 4), ("en", 5)]


def test_only_the_editions_of_the_run_are_revisited(state):
    assert Revisits(state, 0.1).plan(["fa"], revisit=5, missing_from=(), met=PostSet(), missing_max=10) == [("fa", 1)]


def test_posts_missing_from_a_whole_walk_come_first_up_to_their_limit(state):
    met = PostSet()
    for post_id in (1, 2, 3):
        met.add(("en", post_id))
    revisits = Revisits(state, 0.1)
    planned = revisits.plan(["en"], revisit=1, missing_from=["en"], met=met, missing_max=2)
    # Posts 4 and 5 missing (6 is over the limit), then one revisit: the longest unchecked not met.
    assert planned == [("en", 4), ("en", 5), ("en", 6)]
    assert revisits.missing_over_limit == 1


def test_no_state_no_revisit():
    assert Revisits(None, 0.1).plan(["en"], revisit=5, missing_from=["en"], met=PostSet(), missing_max=5) == []


def test_a_post_whose_page_answered_before_and_is_gone_now_is_deleted_once_all_revisits_end(state):
    revisits = Revisits(state, max_gone_share=0.5)
    revisits.plan(["en"], revisit=2, missing_from=(), met=PostSet(), missing_max=0)
    assert revisits.found_gone("en", 3, 410)
    assert not revisits.done()
    revisits.page_answered("en", 1, 200)
    assert revisits.done()
    [deletion] = revisits.deletions()
    assert (deletion.url, deletion.change, deletion.status) == ("https://www.nejatngo.org/en/posts/3", "deleted", 410)
    assert deletion.last_seen == RUN


def test_a_page_that_was_already_gone_is_no_news_and_marked_checked(state):
    state.remember_post("en", 4, "listing 4", page_status=404)  # broken while it was listed
    revisits = Revisits(state, 0.5)
    assert not revisits.found_gone("en", 4, 404)
    assert revisits.deletions() == []
    known = state.known("en", 4)
    assert known is not None and known.page_status == 404 and known.deleted_at is None


def test_a_post_found_deleted_before_is_not_deleted_again(state):
    state.remember_deletion("en", 5, 410, "2026-12-02T11:00:00+00:00")
    assert not Revisits(state, 0.5).found_gone("en", 5, 410)


def test_past_the_share_of_gone_pages_no_deletion_is_recorded(state):
    revisits = Revisits(state, max_gone_share=0.1)
    for post_id in (3, 4):
        revisits.found_gone("en", post_id, 404)
    for _ in range(8):
        revisits.page_answered("en", 1, 200)
    assert revisits.gone_share() == pytest.approx(0.2)
    assert revisits.deletions() == []
    assert revisits.withheld == 2
    # Nothing was written: the posts are still known, alive.
    assert all(state.known("en", post_id).deleted_at is None for post_id in (3, 4))  # type: ignore[union-attr]


def test_a_share_of_gone_pages_equal_to_the_limit_still_records(state):
    revisits = Revisits(state, max_gone_share=0.1)
    revisits.found_gone("en", 3, 404)
    for _ in range(9):
        revisits.page_answered("en", 1, 200)
    assert len(revisits.deletions()) == 1


def test_only_200_404_and_410_count_as_answers(state):
    revisits = Revisits(state, 0.1)
    for status in (200, 404, 410, 503, 301, 500):
        revisits.page_answered("en", 1, status)
    assert (revisits.answered, revisits.gone) == (3, 2)


def test_one_deletion_among_few_checks_is_recorded_the_share_is_weighed_past_a_few(state):
    revisits = Revisits(state, max_gone_share=0.1, guard_from=3)
    revisits.found_gone("en", 3, 410)
    for _ in range(4):
        revisits.page_answered("en", 1, 200)
    assert revisits.gone_share() == pytest.approx(0.2)
    assert len(revisits.deletions()) == 1


def test_past_the_few_the_share_stops_every_deletion(state):
    revisits = Revisits(state, max_gone_share=0.1, guard_from=3)
    for post_id in (3, 4, 5, 6):
        revisits.found_gone("en", post_id, 404)
    assert revisits.deletions() == [] and revisits.withheld == 4


def test_a_page_broken_while_listed_is_deleted_once_a_whole_walk_no_longer_meets_it(state):
    state.remember_post("en", 4, "listing 4", page_status=404)
    met = PostSet()
    for post_id in (1, 2, 3, 5, 6):
        met.add(("en", post_id))
    revisits = Revisits(state, 0.5, guard_from=3)
    assert revisits.plan(["en"], revisit=0, missing_from=["en"], met=met, missing_max=10) == [("en", 4)]
    assert revisits.found_gone("en", 4, 404)
    assert [deletion.post_id for deletion in revisits.deletions()] == [4]


def test_pages_already_known_gone_do_not_count_toward_the_guard(state):
    for post_id in (1, 2, 3, 4):  # found deleted by earlier runs
        state.remember_deletion("en", post_id, 410, LATER)
    revisits = Revisits(state, max_gone_share=0.1, guard_from=3)
    for post_id in (1, 2, 3, 4):
        assert not revisits.found_gone("en", post_id, 410)
    assert revisits.found_gone("en", 5, 410)
    for _ in range(9):
        revisits.page_answered("en", 6, 200)
    assert (revisits.gone, revisits.answered) == (1, 10)
    assert [deletion.post_id for deletion in revisits.deletions()] == [5]


def test_a_post_tried_without_an_answer_waits_behind_the_others(state):
    revisits = Revisits(state, 0.1)
    assert revisits.plan(["en"], revisit=1, missing_from=(), met=PostSet(), missing_max=0) == [("en", 3)]
    revisits.not_checked("en", 3)  # a 503, a redirect: no check, but its turn
    again = Revisits(state, 0.1).plan(["en"], revisit=6, missing_from=(), met=PostSet(), missing_max=0)
    assert again == [("en", 4), ("en", 5), ("en", 6), ("en", 1), ("en", 2), ("en", 3)]


def test_a_deleted_post_whose_page_shows_no_title_stays_deleted_and_unchecked(state):
    state.remember_deletion("en", 5, 410, LATER)
    Revisits(state, 0.1).alive("en", 5)
    known = state.known("en", 5)
    assert known is not None and (known.deleted_at, known.page_status) == (LATER, 410)
