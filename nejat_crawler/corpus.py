"""The corpus: the latest version of every known post, merged from the run files.

Each run file holds what one run saw: new, updated, unchanged and restored
posts, and deletion notices.  The corpus has one row per (edition, post id):

- every column from the post's latest post line, except the listing-only
  ones (``excerpt``, ``image``, ``listing_url``), which come from its latest
  line found on a listing: a post read again from its page alone (a
  revisit) has none of them, though its listing entry still shows them;
  the ones both show (``title``, ``date_text``, ``comment_count``,
  ``categories``), which come from its latest line that has them or was
  found on a listing: a revisit whose page shows none of them says nothing
  new, while a listed line is what a run reading both had, empty or not; and
  the post-page ones (``tags`` to ``canonical_url``), which come from its
  latest line that read the page: a listing-only run, or a page that failed
  for a while (``article_error``), says nothing of what the page holds;
- ``deleted_at`` and ``last_seen`` from its latest deletion notice when no
  post line came after it (a restored post has no ``deleted_at``);
  otherwise ``last_seen`` is the latest line's ``crawled_at``;
- ``change``, ``changed_fields`` and ``changed_at`` from its latest change
  (new, updated, restored or deleted): the corpus says what last happened
  to each post, not what the last run found;
- ``first_seen``, the ``crawled_at`` of its first post line, and
  ``run_file``, the name of the file of its latest line.

A post known only from a deletion notice has a row too, with nulls elsewhere.

By default the inputs are the finished runs of ``<output>/runs``: a file
without a manifest is unfinished or foreign, and a replay from archives
(``arguments.source`` set) re-reads an old run, it is no newer version of the
site.  They are read oldest first (``started_at``).  Within and across files
the order of the lines decides which is latest, never their timestamps.

DuckDB does the merge in one query, with the column types the schema gives
(``nejat_crawler.schema.duckdb_columns``), each column cast explicitly: a
corpus of ``articles=0`` runs, where every post-page field is null, has the
same columns and types as any other.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from nejat_crawler.files import manifest_path, write_atomically
from nejat_crawler.schema import duckdb_columns, duckdb_columns_sql, duckdb_struct_sql, sql_name, sql_string

FORMATS = {".parquet": "PARQUET", ".jsonl": "JSON"}
"""What ``write_corpus`` writes, by the suffix of the target: DuckDB's COPY format."""

LISTING_ONLY = ("excerpt", "image", "listing_url")
"""Post fields only a listing shows: a post read from its page alone has them null."""

SHOWN_BY_BOTH = {
    "title": "{} IS NULL OR {} = ''",
    "date_text": "{} IS NULL OR {} = ''",
    "comment_count": "{} IS NULL",
    "categories": "{} IS NULL OR len({}) = 0",
}
"""Post fields a listing entry and a post page both show, and when a line has none.  A run reading
both takes the page's value where it has one, else the listing's (``records.merge_article``); a
revisit reads the page alone, so where its page shows nothing it says nothing of the field."""

PAGE_ONLY = ("tags", "author", "content_html", "content_text", "images", "modified_at", "canonical_url")
"""Post fields only a post page shows: a listing-only line, or one whose page failed, has them empty."""

# A line that read its post page: no error, and something only a page gives.
_PAGE_READ = (
    "article_error IS NULL AND (content_text IS NOT NULL OR content_html IS NOT NULL"
    " OR modified_at IS NOT NULL OR canonical_url IS NOT NULL)"
)

EXTRA_COLUMNS = {"first_seen": "TIMESTAMPTZ", "changed_at": "TIMESTAMPTZ", "run_file": "VARCHAR"}
"""The corpus's columns beyond the schema's."""

# A deletion notice is the post's latest line: it is deleted now.
_DELETED = "latest_line.change IS NOT DISTINCT FROM 'deleted'"


# Where each column comes from, when not from the latest post line.
_SOURCES = {
    **{name: f'latest_listing."{name}"' for name in LISTING_ONLY},
    # A post never listed whose revisits all showed nothing: the latest line's empty value.
    **{name: f"coalesce(shown_{name}.value, latest_post.{sql_name(name)})" for name in SHOWN_BY_BOTH},
    # A post whose page was never read has these empty, as its latest line does.
    **{name: f'coalesce(latest_page."{name}", latest_post."{name}")' for name in PAGE_ONLY},
    "url": "latest_line.url",
    "edition": "edition",
    "post_id": "post_id",
    "change": "latest_change.change",
    "changed_fields": "coalesce(latest_change.changed_fields, [])",
    "deleted_at": f"CASE WHEN {_DELETED} THEN latest_line.deleted_at END",
    # A notice without last_seen: the latest post line is when it was last seen.
    "last_seen": f"coalesce(CASE WHEN {_DELETED} THEN latest_line.last_seen END, latest_post.crawled_at)",
    "first_seen": "first_seen",
    # A deletion notice has deleted_at and no crawled_at, a post line the reverse.
    "changed_at": "coalesce(latest_change.deleted_at, latest_change.crawled_at)",
    "run_file": "parse_filename(latest_line.filename)",
}

# Each post's lines, summed up: per kind of line, the latest one.  Only the latest post line is kept
# whole: it holds the post's HTML and text; of the others, what the corpus takes from them.
_POSTS_SQL = """
SELECT
    edition,
    post_id,
    arg_max(struct_pack(url, change, deleted_at, last_seen, filename), line_number) AS latest_line,
    arg_max(line, line_number) FILTER (WHERE change IS DISTINCT FROM 'deleted') AS latest_post,
    arg_max(struct_pack({listing_only}), line_number) FILTER (
        WHERE change IS DISTINCT FROM 'deleted' AND listing_url IS NOT NULL
    ) AS latest_listing,
    {shown_by_both}
    arg_max(struct_pack({page_only}), line_number) FILTER (
        WHERE change IS DISTINCT FROM 'deleted' AND {page_read}
    ) AS latest_page,
    arg_max(struct_pack(change, changed_fields, crawled_at, deleted_at), line_number) FILTER (
        WHERE change IN ('new', 'updated', 'restored', 'deleted')
    ) AS latest_change,
    arg_min(crawled_at, line_number) FILTER (WHERE change IS DISTINCT FROM 'deleted') AS first_seen
FROM lines AS line
GROUP BY edition, post_id
""".format(
    listing_only=", ".join(f'"{name}"' for name in LISTING_ONLY),
    # struct_pack: arg_max passes over a null value, and an empty one is what a listed line may say.
    shown_by_both="".join(
        f'arg_max(struct_pack(value := "{name}"), line_number) FILTER (WHERE change IS DISTINCT FROM '
        f"'deleted' AND (listing_url IS NOT NULL OR NOT ({blank.format(name, name)}))) AS shown_{name},\n    "
        for name, blank in SHOWN_BY_BOTH.items()
    ),
    page_only=", ".join(f'"{name}"' for name in PAGE_ONLY),
    page_read=_PAGE_READ,
)

# DuckDB reads these in a path as a pattern, which could match other files.
_GLOB_CHARACTERS = re.compile(r"[*?\[]")


class CorpusError(Exception):
    """A run file or manifest that cannot be read, or a corpus that cannot be written: the message names it."""


@dataclass(frozen=True)
class CorpusSummary:
    rows: int
    """Posts written, deleted ones included."""
    deleted: int
    """Of those, the posts deleted now (``deleted_at`` set)."""
    runs: int
    """Run files read."""
    target: Path


def corpus_columns() -> dict[str, str]:
    """The corpus's column types, in order: the schema's, then ``EXTRA_COLUMNS``."""
    return {**duckdb_columns(), **EXTRA_COLUMNS}


def corpus_columns_sql() -> str:
    """``corpus_columns()`` as a struct literal, to read a corpus written as JSON Lines back with its types."""
    return duckdb_struct_sql(corpus_columns())


def read_manifest(run_file: Path) -> dict[str, Any] | None:
    """The manifest beside ``run_file``, or None when it has none (the run did not finish)."""
    path = manifest_path(run_file)
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise CorpusError(f"cannot read {path}: {error}") from None
    if not isinstance(manifest, dict):
        raise CorpusError(f"cannot read {path}: a manifest is a JSON object")
    return manifest


def find_run_files(output_dir: Path) -> list[Path]:
    """The finished run files of ``output_dir/runs``, replays left out, oldest first."""
    runs = []
    for path in (output_dir / "runs").glob("*.jsonl"):  # an unfinished run's .jsonl.part does not match
        manifest = read_manifest(path)
        if manifest is not None and not _arguments(manifest).get("source"):
            runs.append((_run_order(path, manifest), path))
    return [path for _, path in sorted(runs)]


def order_run_files(paths: Sequence[Path]) -> list[Path]:
    """Run files named by the user, oldest first when each has a manifest, else in the order given."""
    manifests = [read_manifest(path) for path in paths]
    if any(manifest is None for manifest in manifests):
        return list(paths)
    started = {path: _started_at(manifest) for path, manifest in zip(paths, manifests, strict=True) if manifest}
    return sorted(paths, key=started.__getitem__)  # stable: runs of the same second stay as given


def corpus_sql(run_files: Sequence[Path]) -> str:
    """The query of the corpus of ``run_files``, read in that order: one row per post."""
    selected = ",\n    ".join(
        f"CAST({_SOURCES.get(name, f'latest_post.{sql_name(name)}')} AS {kind}) AS {sql_name(name)}"
        for name, kind in corpus_columns().items()
    )
    return (
        f"WITH lines AS (\n"
        f"    -- row_number() OVER () numbers the lines in file order, the files in list order.\n"
        f"    SELECT *, row_number() OVER () AS line_number FROM {_lines_source(run_files)}\n"
        f"),\nposts AS ({_POSTS_SQL})\n"
        f"SELECT\n    {selected}\nFROM posts\nORDER BY edition, post_id"
    )


def open_corpus(run_files: Sequence[Path]) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB database with the table ``corpus`` of ``run_files``, oldest first."""
    connection = duckdb.connect()
    # Timestamps come out in UTC whatever the machine's zone; lines are numbered in the order they are read;
    # a long merge draws no progress bar over the command's output.
    connection.execute("SET TimeZone = 'UTC'")
    connection.execute("SET preserve_insertion_order = true")
    connection.execute("SET enable_progress_bar = false")
    try:
        connection.execute(f"CREATE TABLE corpus AS {corpus_sql(run_files)}")
    except duckdb.Error as error:
        connection.close()
        raise _unreadable(run_files, error) from None
    return connection


def write_corpus(run_files: Sequence[Path], target: Path) -> CorpusSummary:
    """Write the corpus of ``run_files`` to ``target`` (.parquet or .jsonl), whole or not at all."""
    file_format = corpus_format(target)
    if file_format == "PARQUET":  # zstd: the posts' HTML and text take a third of snappy's room
        file_format += ", COMPRESSION ZSTD"
    connection = open_corpus(run_files)
    try:
        rows, deleted = connection.execute("SELECT count(*), count(deleted_at) FROM corpus").fetchone() or (0, 0)

        def copy(partial: Path) -> None:
            connection.execute(f"COPY corpus TO {sql_string(str(partial))} (FORMAT {file_format})")

        write_atomically(target, copy)
    except duckdb.Error as error:
        raise CorpusError(f"cannot write {target}: {_first_line(error)}") from None
    finally:
        connection.close()
    return CorpusSummary(rows=rows, deleted=deleted, runs=len(run_files), target=target)


def corpus_format(target: Path) -> str:
    """DuckDB's COPY format for ``target``'s suffix; ValueError for a suffix it has none for."""
    try:
        return FORMATS[target.suffix.lower()]
    except KeyError:
        raise ValueError(f"the corpus is written as {' or '.join(FORMATS)}, not {target.name!r}") from None


def _lines_source(run_files: Sequence[Path]) -> str:
    """Every line of ``run_files`` with the schema's types and its file's name; no files: no lines, same columns."""
    if not run_files:
        typed_nulls = ", ".join(f"CAST(NULL AS {kind}) AS {sql_name(name)}" for name, kind in duckdb_columns().items())
        return f"(SELECT {typed_nulls}, CAST(NULL AS VARCHAR) AS filename LIMIT 0)"
    for path in run_files:
        if _GLOB_CHARACTERS.search(str(path)):
            raise CorpusError(f"cannot read {path}: DuckDB would take its *, ? or [ for a pattern; rename it")
    paths = ", ".join(sql_string(str(path)) for path in run_files)
    return f"read_json([{paths}], format = 'newline_delimited', columns = {duckdb_columns_sql()}, filename = true)"


def _unreadable(run_files: Sequence[Path], error: duckdb.Error) -> CorpusError:
    """The error naming the first file that cannot be read on its own, else DuckDB's own."""
    with duckdb.connect() as probe:
        for path in run_files:
            try:
                # count(COLUMNS(*)) converts every value, as the merge does: a value of the wrong type fails too.
                probe.execute(f"SELECT count(COLUMNS(*)) FROM {_lines_source([path])}")
            except duckdb.Error as file_error:
                return CorpusError(f"cannot read {path}: {_first_line(file_error)}")
    return CorpusError(f"cannot merge the run files: {_first_line(error)}")


def _arguments(manifest: Mapping[str, Any]) -> Mapping[str, Any]:
    arguments = manifest.get("arguments")
    return arguments if isinstance(arguments, Mapping) else {}


def _run_order(path: Path, manifest: Mapping[str, Any]) -> tuple[datetime, str, int]:
    """Start, then name; ``<name>-2.jsonl`` started in the same second as ``<name>.jsonl``, after it."""
    stem, number = path.stem, 1
    collision = re.fullmatch(r"(.*Z(?:-[a-z]+)*)-(\d+)", stem)
    if collision:
        stem, number = collision[1], int(collision[2])
    return _started_at(manifest), stem, number


def _started_at(manifest: Mapping[str, Any]) -> datetime:
    """The manifest's ``started_at``; an old or damaged manifest without one sorts first."""
    try:
        started = datetime.fromisoformat(str(manifest["started_at"]))
    except (KeyError, ValueError):
        return datetime.min.replace(tzinfo=UTC)
    return started if started.tzinfo else started.replace(tzinfo=UTC)


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
