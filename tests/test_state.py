"""The SQLite state of earlier runs: changes, commits, walk records, the lock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from nejat_crawler.state import StateLocked, StateStore, WalkRecord

AT = "2026-01-01T00:00:00+00:00"
CHAIN = "https://www.nejatngo.org/en/"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[StateStore]:
    state = StateStore(tmp_path)
    yield state
    state.close()


def reopened(store: StateStore) -> StateStore:
    """Close ``store`` without committing and open its directory again."""
    store.close()
    return StateStore(store.directory)


def test_a_post_never_remembered_is_new(store):
    assert store.change_of("en", 1, "abc") == "new"


def test_a_post_remembered_with_the_same_fingerprint_is_unchanged(store):
    store.remember_post("en", 1, "abc", AT)
    assert store.change_of("en", 1, "abc") == "unchanged"


def test_a_post_remembered_with_another_fingerprint_is_updated(store):
    store.remember_post("en", 1, "abc", AT)
    assert store.change_of("en", 1, "xyz") == "updated"


def test_posts_are_known_per_edition(store):
    store.remember_post("en", 1, "abc", AT)
    assert store.change_of("fa", 1, "abc") == "new"
    assert (store.known_posts("en"), store.known_posts("fa")) == (1, 0)


def test_remembering_a_post_again_keeps_one_row_with_the_latest_fingerprint(store):
    store.remember_post("en", 1, "abc", AT)
    store.remember_post("en", 1, "xyz", AT)
    assert store.known_posts("en") == 1
    assert store.change_of("en", 1, "xyz") == "unchanged"


def test_a_committed_post_persists_across_a_reopen(tmp_path):
    store = StateStore(tmp_path)
    store.remember_post("en", 1, "abc", AT)
    store.commit()
    store = reopened(store)
    try:
        assert store.change_of("en", 1, "abc") == "unchanged"
    finally:
        store.close()


def test_closing_without_commit_forgets_what_was_remembered(tmp_path):
    store = StateStore(tmp_path)
    store.remember_post("en", 1, "abc", AT)
    store.remember_walk(CHAIN, WalkRecord(complete=True), AT)
    store = reopened(store)
    try:
        assert store.change_of("en", 1, "abc") == "new"
        assert store.known_posts("en") == 0
        assert store.walk(CHAIN) is None
    finally:
        store.close()


def test_only_what_was_remembered_before_the_commit_persists(tmp_path):
    store = StateStore(tmp_path)
    store.remember_post("en", 1, "abc", AT)
    store.commit()
    store.remember_post("en", 2, "def", AT)
    store = reopened(store)
    try:
        assert (store.change_of("en", 1, "abc"), store.change_of("en", 2, "def")) == ("unchanged", "new")
    finally:
        store.close()


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
    store = StateStore(tmp_path)
    store.remember_walk(CHAIN, record, AT)
    store.commit()
    store = reopened(store)
    try:
        assert store.walk(CHAIN) == record
    finally:
        store.close()


def test_a_later_walk_record_replaces_the_earlier_one(store):
    store.remember_walk(CHAIN, WalkRecord(complete=False, resume_depth=25), AT)
    store.remember_walk(CHAIN, WalkRecord(complete=True), AT)
    assert store.walk(CHAIN) == WalkRecord(complete=True)


def test_a_second_store_on_the_same_directory_is_locked_out(store):
    with pytest.raises(StateLocked) as raised:
        StateStore(store.directory)
    assert f"another run holds the state directory {store.directory}" in str(raised.value)


def test_the_lock_is_released_by_close(tmp_path):
    first = StateStore(tmp_path)  # kept referenced: only close() may release the lock
    first.close()
    second = StateStore(tmp_path)  # no StateLocked
    second.close()


def test_a_locked_out_store_leaves_the_holder_working(store):
    with pytest.raises(StateLocked):
        StateStore(store.directory)
    store.remember_post("en", 1, "abc", AT)
    store.commit()
    assert store.change_of("en", 1, "abc") == "unchanged"
