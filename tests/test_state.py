"""The SQLite state of earlier runs: changes, commits, walk records, runs, the lock."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from nejat_crawler.state import KnownPost, StateLocked, StateStore, WalkRecord

RUN = "2026-12-01T10:00:00.000000+00:00"
LATER_RUN = "2026-12-02T10:00:00.000000+00:00"
CHAIN = "https://www.nejatngo.org/en/"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[StateStore]:
    state = StateStore(tmp_path, RUN)
    yield state
    state.close()


def fingerprint_and_first_run(known: KnownPost | None) -> tuple[str, str] | None:
    return None if known is None else (known.listing_fingerprint, known.first_run)


def reopened(store: StateStore, run: str | None = None) -> StateStore:
    """Close ``store`` without committing and open its directory again, for ``run`` (default: the same run)."""
    store.close()
    return StateStore(store.directory, run or store.run)


def test_a_post_never_remembered_is_new(store):
    assert store.change_of("en", 1, "abc") == "new"


def test_a_post_remembered_with_the_same_fingerprint_is_unchanged(store):
    store.remember_post("en", 1, "abc")
    assert store.change_of("en", 1, "abc") == "unchanged"


def test_a_post_remembered_with_another_fingerprint_is_updated(store):
    store.remember_post("en", 1, "abc")
    assert store.change_of("en", 1, "xyz") == "updated"


def test_posts_are_known_per_edition(store):
    store.remember_post("en", 1, "abc")
    assert store.change_of("fa", 1, "abc") == "new"
    assert store.known("en", 1) is not None
    assert store.known("fa", 1) is None


def test_remembering_a_post_again_keeps_one_row_with_the_latest_fingerprint(store):
    store.remember_post("en", 1, "abc")
    store.remember_post("en", 1, "xyz")
    assert fingerprint_and_first_run(store.known("en", 1)) == ("xyz", RUN)
    assert store.change_of("en", 1, "xyz") == "unchanged"


def test_a_committed_post_persists_across_a_reopen(tmp_path):
    store = StateStore(tmp_path, RUN)
    store.remember_post("en", 1, "abc")
    store.commit()
    store = reopened(store)
    try:
        assert store.change_of("en", 1, "abc") == "unchanged"
    finally:
        store.close()


def test_closing_without_commit_forgets_what_was_remembered(tmp_path):
    store = StateStore(tmp_path, RUN)
    store.remember_post("en", 1, "abc")
    store.remember_walk(CHAIN, WalkRecord(complete=True))
    store = reopened(store)
    try:
        assert store.change_of("en", 1, "abc") == "new"
        assert store.known("en", 1) is None
        assert store.walk(CHAIN) is None
    finally:
        store.close()


def test_only_what_was_remembered_before_the_commit_persists(tmp_path):
    store = StateStore(tmp_path, RUN)
    store.remember_post("en", 1, "abc")
    store.commit()
    store.remember_post("en", 2, "def")
    store = reopened(store)
    try:
        assert (store.change_of("en", 1, "abc"), store.change_of("en", 2, "def")) == ("unchanged", "new")
    finally:
        store.close()


# --- known: what the state knows of a post, and which run first exported it ----


def test_a_post_never_remembered_is_not_known(store):
    assert store.known("en", 1) is None


def test_a_remembered_post_is_known_with_its_fingerprint_and_the_run_that_exported_it(store):
    store.remember_post("en", 1, "abc")
    assert fingerprint_and_first_run(store.known("en", 1)) == ("abc", RUN)


def test_a_later_run_remembering_a_post_keeps_the_run_that_first_exported_it(tmp_path):
    store = StateStore(tmp_path, RUN)
    store.remember_post("en", 1, "abc")
    store.commit()
    store = reopened(store, run=LATER_RUN)
    try:
        store.remember_post("en", 1, "xyz")
        store.commit()
        assert fingerprint_and_first_run(store.known("en", 1)) == ("xyz", RUN)
    finally:
        store.close()


def test_a_post_first_exported_by_a_later_run_is_known_from_that_run(tmp_path):
    store = StateStore(tmp_path, RUN)
    store.remember_post("en", 1, "abc")
    store.commit()
    store = reopened(store, run=LATER_RUN)
    try:
        store.remember_post("en", 2, "def")
        assert fingerprint_and_first_run(store.known("en", 2)) == ("def", LATER_RUN)
    finally:
        store.close()


# --- walk records ----------------------------------------------------------------


def test_a_chain_never_walked_has_no_record(store):
    assert store.walk(CHAIN) is None


@pytest.mark.parametrize(
    "record",
    [
        WalkRecord(complete=True),
        WalkRecord(complete=False, resume_depth=25),
        WalkRecord(complete=False, resume_depth=None),
    ],
    ids=["complete", "resume-depth", "resume-none"],
)
def test_a_walk_record_round_trips_through_a_reopen(tmp_path, record):
    store = StateStore(tmp_path, RUN)
    store.remember_walk(CHAIN, record)
    store.commit()
    store = reopened(store)
    try:
        assert store.walk(CHAIN) == replace(record, run=RUN)
    finally:
        store.close()


def test_a_later_walk_record_replaces_the_earlier_one(store):
    store.remember_walk(CHAIN, WalkRecord(complete=False, resume_depth=25))
    store.remember_walk(CHAIN, WalkRecord(complete=True))
    assert store.walk(CHAIN) == WalkRecord(complete=True, run=RUN)


def test_a_walk_is_recorded_as_walked_by_the_store_s_run(store):
    store.remember_walk(CHAIN, WalkRecord(complete=True, run=LATER_RUN))
    assert store.walk(CHAIN) == WalkRecord(complete=True, run=RUN)


def test_a_later_run_s_walk_replaces_the_run_of_the_record(tmp_path):
    store = StateStore(tmp_path, RUN)
    store.remember_walk(CHAIN, WalkRecord(complete=True))
    store.commit()
    store = reopened(store, run=LATER_RUN)
    try:
        assert store.walk(CHAIN) == WalkRecord(complete=True, run=RUN)
        store.remember_walk(CHAIN, WalkRecord(complete=False, resume_depth=10))
        assert store.walk(CHAIN) == WalkRecord(complete=False, resume_depth=10, run=LATER_RUN)
    finally:
        store.close()


# --- the lock --------------------------------------------------------------------


def test_a_second_store_on_the_same_directory_is_locked_out(store):
    with pytest.raises(StateLocked) as raised:
        StateStore(store.directory, LATER_RUN)
    assert f"another run holds the state directory {store.directory}" in str(raised.value)


def test_the_lock_is_released_by_close(tmp_path):
    first = StateStore(tmp_path, RUN)  # kept referenced: only close() may release the lock
    first.close()
    second = StateStore(tmp_path, LATER_RUN)  # no StateLocked
    second.close()


def test_a_locked_out_store_leaves_the_holder_working(store):
    with pytest.raises(StateLocked):
        StateStore(store.directory, LATER_RUN)
    store.remember_post("en", 1, "abc")
    store.commit()
    assert store.change_of("en", 1, "abc") == "unchanged"


def test_a_state_from_before_the_history_columns_is_upgraded_in_place(tmp_path):
    old = sqlite3.connect(tmp_path / "state.sqlite3")
    old.executescript(
        "CREATE TABLE posts (edition TEXT NOT NULL, post_id INTEGER NOT NULL, listing_fingerprint TEXT NOT NULL,"
        " first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, PRIMARY KEY (edition, post_id)) WITHOUT ROWID;"
        f" INSERT INTO posts VALUES ('en', 1, 'abc', '{RUN}', '{RUN}');"
    )
    old.commit()
    old.close()
    store = StateStore(tmp_path, LATER_RUN)
    known = store.known("en", 1)
    assert known is not None and (known.listing_fingerprint, known.page_fields, known.deleted_at) == ("abc", None, None)
    assert store.change_of("en", 1, "abc") == "unchanged"
    store.close()


def test_what_a_run_did_not_see_keeps_its_earlier_value(store):
    store.remember_post("en", 1, "abc", {"title": "t"}, {"content_text": "c"}, 200)
    store.remember_post("en", 1, "", None, None, None)  # read from its page alone, page fields not computed
    known = store.known("en", 1)
    assert known is not None
    assert (known.listing_fingerprint, known.listing_fields, known.page_fields, known.page_status) == (
        "abc",
        {"title": "t"},
        {"content_text": "c"},
        200,
    )


def test_a_deleted_post_exported_again_exists_again(store):
    store.remember_post("en", 1, "abc")
    store.remember_deletion("en", 1, 410, "2026-12-01T11:00:00+00:00")
    assert store.change_of("en", 1, "abc") == "restored"
    assert list(store.existing_posts("en")) == []
    store.remember_post("en", 1, "abc")
    assert store.known("en", 1).deleted_at is None  # type: ignore[union-attr]
    assert list(store.existing_posts("en")) == [1]


def test_a_check_that_found_the_page_alive_moves_last_seen_and_a_gone_one_does_not(tmp_path):
    first = StateStore(tmp_path, RUN)
    first.remember_post("en", 1, "abc")
    first.remember_post("en", 2, "def")
    first.commit()
    first.close()
    later = StateStore(tmp_path, LATER_RUN)
    later.remember_check("en", 1, 200)
    later.remember_check("en", 2, 404)
    assert later.known("en", 1).last_seen == LATER_RUN  # type: ignore[union-attr]
    assert later.known("en", 2).last_seen == RUN  # type: ignore[union-attr]
    assert later.known("en", 2).page_status == 404  # type: ignore[union-attr]
    later.close()


def test_runs_are_remembered_when_committed(tmp_path):
    first = StateStore(tmp_path, RUN)
    assert first.previous_run() is None
    first.commit()
    first.close()
    later = StateStore(tmp_path, LATER_RUN)
    assert later.previous_run() == RUN
    assert later.count_posts(["en"]) == 0
    later.close()


def test_a_page_that_gave_no_answer_to_go_by_is_no_check(store):
    store.remember_post("en", 1, "abc", page_status=404)
    store.remember_post("en", 1, "abc", page_status=503)
    known = store.known("en", 1)
    assert known is not None and known.page_status == 404


def test_a_check_stores_the_digests_of_a_post_no_run_had_read(store):
    store.remember_post("en", 1, "abc")
    store.remember_check("en", 1, 200, {"content_text": "c"})
    assert store.known("en", 1).page_fields == {"content_text": "c"}  # type: ignore[union-attr]
    store.remember_check("en", 1, 404)
    assert store.known("en", 1).page_fields == {"content_text": "c"}  # type: ignore[union-attr]
