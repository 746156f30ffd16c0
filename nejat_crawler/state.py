"""What earlier runs saw: the SQLite store behind incremental runs (pure, no Scrapy).

One database, ``state.sqlite3`` in the state directory, holds per edition
the posts earlier runs exported, each with a fingerprint of its listed data,
and per listing chain how its last walk ended.  A run writes into one open
transaction as its items are written, and commits only once its output is
durable: a run that dies at any moment leaves the state as it was, and the
next run fetches those posts again.

A lock file beside the database keeps two runs from sharing the state.
"""

from __future__ import annotations

import fcntl
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

Change = Literal["new", "updated", "unchanged"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS posts (
    edition TEXT NOT NULL,
    post_id INTEGER NOT NULL,
    listing_fingerprint TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,  -- the last run that exported it; for re-checking the oldest first
    PRIMARY KEY (edition, post_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS walks (
    chain TEXT PRIMARY KEY,
    complete INTEGER NOT NULL,
    resume_depth INTEGER,
    walked_at TEXT NOT NULL
) WITHOUT ROWID;
"""


class StateLocked(Exception):
    """Another run holds the state directory."""


@dataclass(frozen=True)
class WalkRecord:
    """How the last walk of one listing chain ended."""

    complete: bool
    """It reached the chain's end, or a page of known posts below which all were known."""
    resume_depth: int | None = None
    """For an incomplete walk: how many entries down it got, so the next walk
    goes at least that far (plus the posts added since) before stopping early.
    None when no walk ever completed: the next walk goes to the end."""
    run: str = ""
    """The run that walked it (its start time): posts first exported by a later
    run were not there for this walk, even if another listing knows them now."""


@dataclass(frozen=True)
class KnownPost:
    listing_fingerprint: str
    first_run: str
    """The run that first exported it (its start time)."""


class StateStore:
    def __init__(self, directory: Path, run: str) -> None:
        """Open (and lock) the state in ``directory`` for the run started at ``run`` (ISO 8601)."""
        directory.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        self.run = run
        self._lock = _acquire(directory / "lock")
        # isolation_level=None: transactions are opened and closed here, explicitly.
        self._db = sqlite3.connect(directory / "state.sqlite3", isolation_level=None)
        self._db.executescript(_SCHEMA)
        self._db.execute("BEGIN")

    def known(self, edition: str, post_id: int) -> KnownPost | None:
        """What the state knows of a post, or None if no run exported it."""
        row = self._db.execute(
            "SELECT listing_fingerprint, first_seen FROM posts WHERE edition = ? AND post_id = ?", (edition, post_id)
        ).fetchone()
        return None if row is None else KnownPost(row[0], row[1])

    def change_of(self, edition: str, post_id: int, fingerprint: str) -> Change:
        """How a post's listed data compares with what the state knows."""
        return compare(self.known(edition, post_id), fingerprint)

    def walk(self, chain: str) -> WalkRecord | None:
        """How the last walk of ``chain`` (its first page's URL) ended; None if never walked."""
        row = self._db.execute(
            "SELECT complete, resume_depth, walked_at FROM walks WHERE chain = ?", (chain,)
        ).fetchone()
        return None if row is None else WalkRecord(bool(row[0]), row[1], row[2])

    def remember_post(self, edition: str, post_id: int, fingerprint: str) -> None:
        """Record a post this run exported; it counts once ``commit`` has run."""
        self._db.execute(
            "INSERT INTO posts VALUES (?, ?, ?, ?, ?) ON CONFLICT (edition, post_id) DO UPDATE"
            " SET listing_fingerprint = excluded.listing_fingerprint, last_seen = excluded.last_seen",
            (edition, post_id, fingerprint, self.run, self.run),
        )

    def remember_walk(self, chain: str, record: WalkRecord) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO walks VALUES (?, ?, ?, ?)",
            (chain, int(record.complete), record.resume_depth, self.run),
        )

    def commit(self) -> None:
        """Make everything remembered since the last commit durable."""
        self._db.execute("COMMIT")
        self._db.execute("BEGIN")

    def close(self) -> None:
        """Close without committing: what was not committed is forgotten."""
        self._db.close()
        self._lock.close()


def compare(known: KnownPost | None, fingerprint: str) -> Change:
    """A post's change, from what the state knows of it and its listing fingerprint now."""
    if known is None:
        return "new"
    return "unchanged" if known.listing_fingerprint == fingerprint else "updated"


def state_locked(directory: Path) -> bool:
    """True when a run holds the state in ``directory`` right now."""
    lock = directory / "lock"
    if not lock.exists():
        return False
    try:
        _acquire(lock).close()
    except StateLocked:
        return True
    return False


def _acquire(path: Path) -> IO[str]:
    handle = path.open("a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise StateLocked(f"another run holds the state directory {path.parent} (lock file {path})") from None
    return handle
