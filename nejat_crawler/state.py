"""What earlier runs saw: the SQLite store behind incremental runs (pure, no Scrapy).

One database, ``state.sqlite3`` in the state directory, holds per edition
the posts earlier runs exported, each with a fingerprint of its listed data
and of its post page (a digest per field too, so a change can be named), when
its page last answered and how, and whether a run found it deleted; per
listing chain how its last walk ended; and when each run started.  A run writes into one open
transaction as its items are written, and commits only once its output is
durable: a run that dies at any moment leaves the state as it was, and the
next run fetches those posts again.

A lock file beside the database keeps two runs from sharing the state.
"""

from __future__ import annotations

import fcntl
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

Change = Literal["new", "updated", "unchanged", "restored", "deleted"]
Fields = dict[str, str]
"""A digest per field, ``{"title": "…", "content_text": "…"}``: what changed can be named."""
GONE = (404, 410)
"""What a deleted post's page answers."""
CHECK_ANSWERS = (200, *GONE)
"""The answers of a post page that tell whether the post exists: anything else is no check."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS posts (
    edition TEXT NOT NULL,
    post_id INTEGER NOT NULL,
    listing_fingerprint TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,  -- the last run that exported it or had its page answer 200
    PRIMARY KEY (edition, post_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS runs (
    started TEXT PRIMARY KEY
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS walks (
    chain TEXT PRIMARY KEY,
    complete INTEGER NOT NULL,
    resume_depth INTEGER,
    walked_at TEXT NOT NULL
) WITHOUT ROWID;
"""


# Columns added after the first release: an older database gets them when opened.
_ADDED_POST_COLUMNS = (
    "listing_fields TEXT",  # JSON, a digest per listed field
    "page_fields TEXT",  # JSON, a digest per post-page field (history.PAGE_FIELDS)
    "checked_at TEXT",  # the last run its page answered (200, 404 or 410); revisits go oldest first
    "page_status INTEGER",  # what it answered then
    "deleted_at TEXT",  # when a run found it deleted; NULL while it exists
    "attempted_at TEXT",  # the last run that tried its page and had no answer to go by (a 5xx, a redirect)
)
_KNOWN_COLUMNS = "listing_fingerprint, first_seen, last_seen, listing_fields, page_fields, page_status, deleted_at"


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
    last_seen: str = ""
    """When it was last seen alive: the last run that exported it or had its page answer."""
    listing_fields_json: str | None = None
    page_fields_json: str | None = None
    page_status: int | None = None
    """What its page answered (200, 404 or 410) when last checked; None if never."""
    deleted_at: str | None = None

    # Parsed only when asked: the spider looks up every listed post and needs neither.
    @property
    def listing_fields(self) -> Fields | None:
        return _fields(self.listing_fields_json)

    @property
    def page_fields(self) -> Fields | None:
        """Digests of its post page's fields when last read; None if never read."""
        return _fields(self.page_fields_json)


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
        _add_missing_columns(self._db)
        self._db.execute("BEGIN")

    def known(self, edition: str, post_id: int) -> KnownPost | None:
        """What the state knows of a post, or None if no run exported it."""
        row = self._db.execute(
            f"SELECT {_KNOWN_COLUMNS} FROM posts WHERE edition = ? AND post_id = ?", (edition, post_id)
        ).fetchone()
        if row is None:
            return None
        return KnownPost(*row)

    def change_of(self, edition: str, post_id: int, fingerprint: str) -> Change:
        """How a post's listed data compares with what the state knows."""
        return compare(self.known(edition, post_id), fingerprint)

    def walk(self, chain: str) -> WalkRecord | None:
        """How the last walk of ``chain`` (its first page's URL) ended; None if never walked."""
        row = self._db.execute(
            "SELECT complete, resume_depth, walked_at FROM walks WHERE chain = ?", (chain,)
        ).fetchone()
        return None if row is None else WalkRecord(bool(row[0]), row[1], row[2])

    def remember_post(
        self,
        edition: str,
        post_id: int,
        fingerprint: str,
        listing_fields: Fields | None = None,
        page_fields: Fields | None = None,
        page_status: int | None = None,
    ) -> None:
        """Record a post this run exported; it counts once ``commit`` has run.

        What this run did not see keeps its earlier value: a post read from
        its page alone (a revisit) has no listing fingerprint, a listing-only
        run reads no page, and a page that gave no answer to go by (a 5xx, a
        timeout) is no check.  Exporting it again means it exists.
        """
        checked = page_status in CHECK_ANSWERS
        self._db.execute(
            "INSERT INTO posts (edition, post_id, listing_fingerprint, first_seen, last_seen, listing_fields,"
            " page_fields, checked_at, page_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (edition, post_id) DO UPDATE SET"
            " listing_fingerprint = coalesce(nullif(excluded.listing_fingerprint, ''), listing_fingerprint),"
            " last_seen = excluded.last_seen,"
            " listing_fields = coalesce(excluded.listing_fields, listing_fields),"
            " page_fields = coalesce(excluded.page_fields, page_fields),"
            " checked_at = coalesce(excluded.checked_at, checked_at),"
            " page_status = coalesce(excluded.page_status, page_status),"
            " deleted_at = NULL",
            (
                edition,
                post_id,
                fingerprint,
                self.run,
                self.run,
                _json(listing_fields),
                _json(page_fields),
                self.run if checked else None,
                page_status if checked else None,
            ),
        )

    def remember_check(self, edition: str, post_id: int, status: int, page_fields: Fields | None = None) -> None:
        """A known post's page answered ``status`` (200, 404 or 410) in this run, and nothing was exported;
        a page read gives its digests (the baseline of a post no run had read before)."""
        alive = status == 200
        self._db.execute(
            "UPDATE posts SET checked_at = ?, page_status = ?, last_seen = CASE WHEN ? THEN ? ELSE last_seen END,"
            " page_fields = coalesce(?, page_fields) WHERE edition = ? AND post_id = ?",
            (self.run, status, alive, self.run, _json(page_fields), edition, post_id),
        )

    def remember_attempt(self, edition: str, post_id: int) -> None:
        """A known post's page was tried in this run without an answer to go by: no check, but its turn."""
        self._db.execute(
            "UPDATE posts SET attempted_at = ? WHERE edition = ? AND post_id = ?", (self.run, edition, post_id)
        )

    def remember_deletion(self, edition: str, post_id: int, status: int, deleted_at: str) -> None:
        self._db.execute(
            "UPDATE posts SET checked_at = ?, page_status = ?, deleted_at = ? WHERE edition = ? AND post_id = ?",
            (self.run, status, deleted_at, edition, post_id),
        )

    def longest_unchecked(self, editions: Iterable[str]) -> Iterator[tuple[str, int]]:
        """Known posts of ``editions``, those whose page was never tried first, then those tried
        longest ago (checked, or tried without an answer); deleted ones included (a revisit finds
        them restored)."""
        editions = tuple(editions)
        marks = ", ".join("?" * len(editions))
        rows = self._db.execute(
            f"SELECT edition, post_id FROM posts WHERE edition IN ({marks})"
            " ORDER BY coalesce(checked_at, attempted_at) IS NOT NULL,"
            " max(coalesce(checked_at, ''), coalesce(attempted_at, '')), last_seen, edition, post_id",
            editions,
        )
        yield from rows

    def existing_posts(self, edition: str) -> Iterator[int]:
        """Ids of the known posts of ``edition`` not found deleted, in id order."""
        rows = self._db.execute(
            "SELECT post_id FROM posts WHERE edition = ? AND deleted_at IS NULL ORDER BY post_id", (edition,)
        )
        yield from (post_id for (post_id,) in rows)

    def count_posts(self, editions: Iterable[str]) -> int:
        editions = tuple(editions)
        marks = ", ".join("?" * len(editions))
        (count,) = self._db.execute(f"SELECT count(*) FROM posts WHERE edition IN ({marks})", editions).fetchone()
        return int(count)

    def previous_run(self) -> str | None:
        """When the last committed run before this one started (ISO 8601)."""
        row = self._db.execute("SELECT max(started) FROM runs WHERE started < ?", (self.run,)).fetchone()
        return row[0] if row else None

    def remember_walk(self, chain: str, record: WalkRecord) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO walks VALUES (?, ?, ?, ?)",
            (chain, int(record.complete), record.resume_depth, self.run),
        )

    def commit(self) -> None:
        """Make everything remembered since the last commit durable."""
        self._db.execute("INSERT OR IGNORE INTO runs VALUES (?)", (self.run,))
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
    if known.deleted_at is not None:
        return "restored"
    return "unchanged" if known.listing_fingerprint == fingerprint else "updated"


def changed_fields(before: Fields | None, now: Fields | None) -> list[str]:
    """The fields whose digests differ, among those both sides have."""
    if not before or not now:
        return []
    return [name for name, digest in now.items() if name in before and before[name] != digest]


def _fields(text: str | None) -> Fields | None:
    return json.loads(text) if text else None


def _json(fields: Fields | None) -> str | None:
    return json.dumps(fields, sort_keys=True) if fields is not None else None


def _add_missing_columns(db: sqlite3.Connection) -> None:
    present = {row[1] for row in db.execute("PRAGMA table_info(posts)")}
    for column in _ADDED_POST_COLUMNS:
        if column.split()[0] not in present:
            db.execute(f"ALTER TABLE posts ADD COLUMN {column}")


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
