"""When an incremental walk of a listing chain may stop, and what it leaves for the next walk.

Pages here hold ten entries, each given by its change against the state
(for ``Walks``, with the edition and post id it belongs to).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from nejat_crawler.incremental import ChainWalk, Walks
from nejat_crawler.state import Change, StateStore, WalkRecord

QUIET: list[Change] = ["unchanged"] * 10
ALL_NEW: list[Change] = ["new"] * 10
COMPLETE = WalkRecord(complete=True)
CHAIN = "https://www.nejatngo.org/en/"
RUN_A = "2026-12-01T10:00:00.000000+00:00"
RUN_B = "2026-12-02T10:00:00.000000+00:00"
RUN_C = "2026-12-03T10:00:00.000000+00:00"
OTHER_CHAIN = "https://www.nejatngo.org/en/category/news/"


def page(new: int = 0, updated: int = 0) -> list[Change]:
    """A page of ten entries: ``new`` new ones, ``updated`` updated ones, the rest unchanged."""
    return ["new"] * new + ["updated"] * updated + ["unchanged"] * (10 - new - updated)


def walked(previous: WalkRecord | None, *pages: list[Change], overlap: int = 0) -> ChainWalk:
    walk = ChainWalk(previous, overlap)
    for changes in pages:
        walk.page_walked(changes)
    return walk


def stops_after(previous: WalkRecord | None, *pages: list[Change], overlap: int = 0) -> list[bool]:
    """``may_stop`` after each page in turn."""
    walk, answers = ChainWalk(previous, overlap), []
    for changes in pages:
        walk.page_walked(changes)
        answers.append(walk.may_stop())
    return answers


# --- may_stop ------------------------------------------------------------------


def test_a_chain_never_walked_never_stops():
    assert stops_after(None, QUIET, QUIET, QUIET) == [False, False, False]


def test_after_a_complete_walk_the_first_quiet_page_stops():
    assert stops_after(COMPLETE, QUIET) == [True]


def test_nothing_stops_before_any_page():
    assert not ChainWalk(COMPLETE).may_stop()


def test_overlap_walks_that_many_quiet_pages_more():
    assert stops_after(COMPLETE, QUIET, QUIET, QUIET, overlap=2) == [False, False, True]


@pytest.mark.parametrize("changed", [page(new=1), page(updated=1)], ids=["new", "updated"])
def test_a_page_with_a_new_or_updated_post_is_not_quiet(changed):
    assert stops_after(COMPLETE, changed, QUIET) == [False, True]


@pytest.mark.parametrize("changed", [page(new=1), page(updated=1)], ids=["new", "updated"])
def test_a_changed_page_starts_the_quiet_count_again(changed):
    assert stops_after(COMPLETE, QUIET, changed, QUIET, QUIET, overlap=1) == [False, False, False, True]


def test_an_empty_page_is_not_quiet():
    assert stops_after(COMPLETE, []) == [False]


def test_an_empty_page_breaks_a_run_of_quiet_pages():
    assert stops_after(COMPLETE, QUIET, [], QUIET, overlap=1) == [False, False, False]


def test_after_an_incomplete_walk_a_quiet_page_that_starts_at_its_depth_stops():
    # The last walk got 20 entries down: page 3 starts there.
    previous = WalkRecord(complete=False, resume_depth=20)
    assert stops_after(previous, QUIET, QUIET, QUIET) == [False, False, True]


def test_after_an_incomplete_walk_a_quiet_page_across_its_depth_does_not_stop():
    # Entry 26 may be a new post that walk never reached: only page 4 starts past it.
    previous = WalkRecord(complete=False, resume_depth=25)
    assert stops_after(previous, QUIET, QUIET, QUIET, QUIET) == [False, False, False, True]


def test_new_posts_push_the_depth_to_reach_down_by_their_number():
    # 20 entries down then, 3 posts added on top since: 23 entries down now.
    previous = WalkRecord(complete=False, resume_depth=20)
    assert stops_after(previous, page(new=3), QUIET, QUIET, QUIET) == [False, False, False, True]


def test_updated_posts_do_not_push_the_depth_down():
    previous = WalkRecord(complete=False, resume_depth=20)
    assert stops_after(previous, page(updated=3), QUIET, QUIET) == [False, False, True]


def test_past_the_depth_a_quiet_page_is_still_needed():
    previous = WalkRecord(complete=False, resume_depth=10)
    assert stops_after(previous, page(updated=1), page(updated=1), QUIET) == [False, False, True]


def test_new_posts_below_a_walk_cut_short_among_new_posts_are_not_skipped():
    # 15 posts were added since a complete walk; this run walks one page (max_pages=1): 10 of them.
    cut_short = walked(COMPLETE, ALL_NEW).record(reached_end=False)
    # Nothing is added before the next run.  Its page 1 holds the 10 posts just exported;
    # page 2 starts with the 5 new posts never fetched, page 3 is known.
    assert stops_after(cut_short, QUIET, page(new=5), QUIET) == [False, False, True]


def test_after_an_incomplete_walk_with_no_depth_nothing_stops():
    previous = WalkRecord(complete=False, resume_depth=None)
    assert stops_after(previous, *[QUIET] * 5) == [False] * 5


# --- record --------------------------------------------------------------------


@pytest.mark.parametrize(
    "previous",
    [None, COMPLETE, WalkRecord(complete=False, resume_depth=25), WalkRecord(complete=False)],
    ids=["never", "complete", "resume-depth", "resume-none"],
)
def test_a_walk_that_reached_the_end_is_complete(previous):
    assert walked(previous, ALL_NEW, page(new=4)).record(reached_end=True) == COMPLETE


def test_a_walk_that_stopped_where_it_safely_could_is_complete():
    assert walked(COMPLETE, page(new=2), QUIET).record(reached_end=False) == COMPLETE


def test_a_walk_cut_short_after_a_complete_one_records_how_far_it_got():
    walk = walked(COMPLETE, page(new=2), page(updated=1))
    assert walk.record(reached_end=False) == WalkRecord(complete=False, resume_depth=20)


def test_a_walk_cut_short_above_an_earlier_one_s_depth_keeps_that_depth_pushed_down():
    walk = walked(WalkRecord(complete=False, resume_depth=30), page(new=4))
    assert walk.record(reached_end=False) == WalkRecord(complete=False, resume_depth=34)


def test_a_walk_cut_short_past_an_earlier_one_s_depth_records_its_own():
    walk = walked(WalkRecord(complete=False, resume_depth=5), page(new=1), page(updated=1), page(updated=1))
    assert walk.record(reached_end=False) == WalkRecord(complete=False, resume_depth=30)


def test_a_walk_cut_short_on_its_first_page_keeps_the_earlier_depth():
    walk = ChainWalk(WalkRecord(complete=False, resume_depth=25))
    assert walk.record(reached_end=False) == WalkRecord(complete=False, resume_depth=25)


@pytest.mark.parametrize("previous", [None, WalkRecord(complete=False)], ids=["never", "resume-none"])
def test_a_walk_cut_short_before_any_complete_one_leaves_no_depth(previous):
    assert walked(previous, QUIET).record(reached_end=False) == WalkRecord(complete=False, resume_depth=None)


# --- Walks ---------------------------------------------------------------------


def posts(ids: Iterable[int], change: Change = "unchanged") -> list[tuple[str, int, Change]]:
    """A listing page as ``Walks`` gets it: the posts ``ids`` of the English edition, all with ``change``."""
    return [("en", post_id, change) for post_id in ids]


def run(directory: Path, at: str, exported: Iterable[int] = (), walks: dict[str, WalkRecord] | None = None) -> None:
    """A whole run started ``at``: it exports the posts ``exported``, records ``walks`` and commits."""
    state = StateStore(directory, at)
    try:
        for post_id in exported:
            state.remember_post("en", post_id, "fp")
        for chain, record in (walks or {}).items():
            state.remember_walk(chain, record)
        state.commit()
    finally:
        state.close()


def stops_in(state: StateStore, *pages: list[tuple[str, int, Change]], overlap: int = 0) -> list[bool]:
    """``Walks.may_stop`` for CHAIN after each page in turn, in an incremental run on ``state``."""
    walks, answers = Walks(state, incremental=True, overlap=overlap), []
    for listed in pages:
        walks.page_walked(CHAIN, listed)
        answers.append(walks.may_stop(CHAIN))
    return answers


def test_without_a_state_every_post_is_new():
    assert Walks(None, incremental=True, overlap=0).change_of("en", 1, "abc") == "new"


def test_without_a_state_no_walk_stops_early():
    walks = Walks(None, incremental=True, overlap=0)
    walks.page_walked(CHAIN, posts(range(1, 11)))
    assert not walks.incremental
    assert not walks.may_stop(CHAIN)


def test_without_a_state_a_walk_ends_without_a_record():
    walks = Walks(None, incremental=True, overlap=0)
    walks.ended(CHAIN, reached_end=False)  # nothing to write: no error


def test_a_chain_not_walked_yet_may_not_stop():
    assert not Walks(None, incremental=True, overlap=0).may_stop(CHAIN)


def test_an_incremental_walk_starts_from_the_record_in_the_state(tmp_path):
    state = StateStore(tmp_path, RUN_A)
    try:
        for post_id in range(1, 11):
            state.remember_post("en", post_id, "fp")
        state.remember_walk(CHAIN, COMPLETE)
        assert stops_in(state, posts(range(1, 11))) == [True]
    finally:
        state.close()


def test_a_full_walk_never_stops_early_but_leaves_its_record(tmp_path):
    run(tmp_path, RUN_A, exported=range(2, 21), walks={CHAIN: COMPLETE})
    state = StateStore(tmp_path, RUN_B)
    try:
        walks = Walks(state, incremental=False, overlap=0)
        walks.page_walked(CHAIN, [("en", 1, "new"), *posts(range(2, 11))])
        walks.page_walked(CHAIN, posts(range(11, 21)))
        assert not walks.may_stop(CHAIN)
        walks.ended(CHAIN, reached_end=False)
        # Its last page was a safe place to stop.
        assert state.walk(CHAIN) == WalkRecord(complete=True, run=RUN_B)
    finally:
        state.close()


def test_a_walk_is_recorded_as_walked_by_this_run(tmp_path):
    run(tmp_path, RUN_A, walks={CHAIN: COMPLETE})
    state = StateStore(tmp_path, RUN_B)
    try:
        walks = Walks(state, incremental=True, overlap=0)
        walks.page_walked(CHAIN, posts(range(1, 11), "new"))
        walks.ended(CHAIN, reached_end=True)
        assert state.walk(CHAIN) == WalkRecord(complete=True, run=RUN_B)
    finally:
        state.close()


# --- Walks: posts another listing chain made known since this chain's last walk ---


def test_posts_another_chain_made_known_after_this_chain_s_walk_do_not_let_it_stop(tmp_path):
    run(tmp_path, RUN_A, exported=range(11, 21), walks={CHAIN: COMPLETE})
    run(tmp_path, RUN_B, exported=range(1, 11), walks={OTHER_CHAIN: COMPLETE})
    state = StateStore(tmp_path, RUN_C)
    try:
        assert state.change_of("en", 1, "fp") == "unchanged"  # to the state, but new to CHAIN
        assert stops_in(state, posts(range(1, 11))) == [False]
        assert stops_in(state, posts(range(11, 21))) == [True]
        assert stops_in(state, posts(range(1, 11)), posts(range(11, 21))) == [False, True]
    finally:
        state.close()


def test_posts_another_chain_made_known_push_the_depth_to_reach_down_like_new_posts(tmp_path):
    # Run A got 20 entries down CHAIN; since then posts 1..10 were added on top of it,
    # and run B exported them from another chain.  Run C has to reach 30 entries down.
    run(tmp_path, RUN_A, exported=range(101, 131), walks={CHAIN: WalkRecord(complete=False, resume_depth=20)})
    run(tmp_path, RUN_B, exported=range(1, 11))
    state = StateStore(tmp_path, RUN_C)
    try:
        pages = posts(range(1, 11)), posts(range(101, 111)), posts(range(111, 121)), posts(range(121, 131))
        assert stops_in(state, *pages) == [False, False, False, True]
    finally:
        state.close()


def test_a_walk_cut_short_among_posts_another_chain_made_known_records_them_in_its_depth(tmp_path):
    run(tmp_path, RUN_A, exported=range(101, 131), walks={CHAIN: WalkRecord(complete=False, resume_depth=20)})
    run(tmp_path, RUN_B, exported=range(1, 11))
    state = StateStore(tmp_path, RUN_C)
    try:
        walks = Walks(state, incremental=True, overlap=0)
        walks.page_walked(CHAIN, posts(range(1, 11)))
        walks.page_walked(CHAIN, posts(range(101, 111)))
        walks.ended(CHAIN, reached_end=False)
        assert state.walk(CHAIN) == WalkRecord(complete=False, resume_depth=30, run=RUN_C)
    finally:
        state.close()


def test_posts_exported_in_the_same_run_as_the_chain_s_walk_count_as_old(tmp_path):
    run(tmp_path, RUN_A, exported=range(1, 11), walks={CHAIN: COMPLETE})
    state = StateStore(tmp_path, RUN_B)
    try:
        assert stops_in(state, posts(range(1, 11))) == [True]
    finally:
        state.close()


def test_posts_exported_again_by_a_later_run_still_count_as_old(tmp_path):
    run(tmp_path, RUN_A, exported=range(1, 11), walks={CHAIN: COMPLETE})
    run(tmp_path, RUN_B, exported=range(1, 11), walks={OTHER_CHAIN: COMPLETE})
    state = StateStore(tmp_path, RUN_C)
    try:
        assert stops_in(state, posts(range(1, 11))) == [True]
    finally:
        state.close()


def test_a_chain_s_own_walk_in_a_later_run_makes_those_posts_old_to_it(tmp_path):
    run(tmp_path, RUN_A, exported=range(11, 21), walks={CHAIN: COMPLETE})
    run(tmp_path, RUN_B, exported=range(1, 11), walks={OTHER_CHAIN: COMPLETE, CHAIN: COMPLETE})
    state = StateStore(tmp_path, RUN_C)
    try:
        assert stops_in(state, posts(range(1, 11))) == [True]
    finally:
        state.close()
