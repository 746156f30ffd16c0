"""The corpus: the latest version of every known post, merged from synthetic run files by DuckDB.

The run files and manifests are written the way a run writes them
(``tests.history_runs``); the command runs as the real ``scrapy corpus``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from nejat_crawler.corpus import (
    CorpusError,
    corpus_columns,
    corpus_columns_sql,
    find_run_files,
    open_corpus,
    order_run_files,
    write_corpus,
)
from nejat_crawler.schema import duckdb_columns
from tests.history_runs import at, deletion_line, post_line, read_jsonl, scrapy, write_run

# The README's questions to the corpus ("The corpus"), word for word: keep them in step.
POSTS_PER_MONTH = """
SELECT edition, strftime(published, '%Y-%m') AS month, count(*) AS posts
FROM 'corpus.parquet'
WHERE deleted_at IS NULL AND published IS NOT NULL
GROUP BY ALL
ORDER BY month, edition;
"""
TOP_CATEGORIES = """
SELECT edition, category.name AS category, count(*) AS posts
FROM (SELECT edition, unnest(categories) AS category FROM 'corpus.parquet' WHERE deleted_at IS NULL)
GROUP BY ALL
ORDER BY posts DESC, edition, category
LIMIT 20;
"""
CHANGED_THIS_WEEK = """
SELECT changed_at, change, changed_fields, edition, post_id, title, deleted_at, last_seen, url
FROM 'corpus.parquet'
WHERE changed_at >= now() - INTERVAL 7 DAY
ORDER BY changed_at DESC, edition, post_id;
"""


def corpus_rows(run_files: list[Path]) -> dict[tuple[str, int], dict[str, Any]]:
    """The corpus of ``run_files``, a dict per post."""
    with open_corpus(run_files) as connection:
        relation = connection.sql("SELECT * FROM corpus")
        rows = [dict(zip(relation.columns, values, strict=True)) for values in relation.fetchall()]
    return {(row["edition"], row["post_id"]): row for row in rows}


def file_rows(connection: duckdb.DuckDBPyConnection, source: str) -> list[tuple[Any, ...]]:
    return connection.sql(f"SELECT * FROM {source} ORDER BY edition, post_id").fetchall()


def describe(connection: duckdb.DuckDBPyConnection, source: str) -> list[tuple[str, str]]:
    return [(name, kind) for name, kind, *_ in connection.sql(f"DESCRIBE SELECT * FROM {source}").fetchall()]


# --- which line wins -----------------------------------------------------------


def test_the_latest_line_gives_every_column(tmp_path):
    first = write_run(tmp_path, at(1), [post_line("en", 1, at(1), title="Old title"), post_line("en", 2, at(1))])
    edited = post_line("en", 1, at(2), "updated", title="New title", comment_count=3)
    edited["changed_fields"] = ["title", "comment_count"]
    second = write_run(tmp_path, at(2), [edited, post_line("en", 2, at(2), "unchanged")])

    rows = corpus_rows(find_run_files(tmp_path))

    post = rows["en", 1]
    assert (post["title"], post["comment_count"]) == ("New title", 3)
    assert (post["change"], post["changed_fields"], post["changed_at"]) == (
        "updated",
        ["title", "comment_count"],
        at(2),
    )
    assert (post["first_seen"], post["last_seen"], post["crawled_at"]) == (at(1), at(2), at(2))
    assert post["deleted_at"] is None and post["run_file"] == second.name
    # Seen unchanged since: its change is still the one that made it new, in the first run.
    unchanged = rows["en", 2]
    assert (unchanged["change"], unchanged["changed_at"], unchanged["last_seen"]) == ("new", at(1), at(2))
    assert unchanged["run_file"] == second.name != first.name


def test_a_revisit_keeps_the_listing_fields_of_the_latest_listed_line(tmp_path):
    listed = post_line("en", 1, at(1), excerpt="As listed")
    revisited = post_line("en", 1, at(2), "updated", revisit=True, content_text="Edited body")
    revisited["changed_fields"] = ["content_text"]
    assert revisited["listing_url"] is None and revisited["excerpt"] is None and revisited["image"] is None
    write_run(tmp_path, at(1), [listed])
    write_run(tmp_path, at(2), [revisited])

    post = corpus_rows(find_run_files(tmp_path))["en", 1]

    assert (post["excerpt"], post["image"], post["listing_url"]) == (
        "As listed",
        listed["image"],
        listed["listing_url"],
    )
    assert (post["content_text"], post["crawled_at"], post["changed_fields"]) == (
        "Edited body",
        at(2),
        ["content_text"],
    )

    # Listed again without an excerpt: the latest listed line wins, empty or not.
    write_run(tmp_path, at(3), [post_line("en", 1, at(3), "unchanged", excerpt=None)])
    assert corpus_rows(find_run_files(tmp_path))["en", 1]["excerpt"] is None


def test_a_revisit_whose_page_shows_no_categories_or_count_keeps_the_listed_ones(tmp_path):
    """A revisit line is read from the page alone: where the page shows nothing of a field the
    listing shows too, the listed value stands, as a run that reads both pages merges them."""
    listed = post_line("en", 1, at(1), comment_count=4)
    revisited = post_line("en", 1, at(2), "updated", revisit=True, categories=[], comment_count=None, date_text=None)
    revisited["changed_fields"] = ["content_text"]
    write_run(tmp_path, at(1), [listed, post_line("en", 2, at(1), comment_count=1)])
    shown = [{"name": "Camps", "slug": "camps", "url": f"{listed['url'].rsplit('/', 2)[0]}/category/camps"}]
    # The second post's page shows them all: the page's values win over the listed ones.
    write_run(tmp_path, at(2), [revisited, post_line("en", 2, at(2), "updated", revisit=True, categories=shown)])

    rows = corpus_rows(find_run_files(tmp_path))

    post = rows["en", 1]
    assert (post["categories"], post["comment_count"], post["date_text"]) == (
        listed["categories"],
        4,
        listed["date_text"],
    )
    assert post["crawled_at"] == at(2)
    assert (rows["en", 2]["categories"], rows["en", 2]["comment_count"]) == (shown, 0)

    # The newest line with a value, or listed, wins: the second post's revisit showed Camps and 0,
    # which a later revisit showing nothing does not undo, and the first post is listed without
    # categories, which a listing says with authority.
    third = post_line("en", 2, at(3), "updated", revisit=True, categories=[], comment_count=None)
    write_run(tmp_path, at(3), [post_line("en", 1, at(3), "updated", categories=[]), third])
    rows = corpus_rows(find_run_files(tmp_path))
    assert (rows["en", 2]["categories"], rows["en", 2]["comment_count"]) == (shown, 0)
    assert (rows["en", 1]["categories"], rows["en", 1]["comment_count"]) == ([], 0)


def test_a_deleted_post_keeps_its_last_version_and_says_when_it_went(tmp_path):
    write_run(tmp_path, at(1), [post_line("en", 1, at(1), title="Gone soon"), post_line("en", 2, at(1))])
    deletion = write_run(tmp_path, at(2), [deletion_line("en", 1, deleted_at=at(2, 5), last_seen=at(1))])

    rows = corpus_rows(find_run_files(tmp_path))

    post = rows["en", 1]
    assert (post["title"], post["first_seen"], post["run_file"]) == ("Gone soon", at(1), deletion.name)
    assert (post["deleted_at"], post["last_seen"]) == (at(2, 5), at(1))
    assert (post["change"], post["changed_at"], post["changed_fields"]) == ("deleted", at(2, 5), [])
    assert rows["en", 2]["deleted_at"] is None
    summary = write_corpus(find_run_files(tmp_path), tmp_path / "corpus.parquet")
    assert (summary.rows, summary.deleted, summary.runs) == (2, 1, 2)


def test_a_restored_post_is_not_deleted(tmp_path):
    write_run(tmp_path, at(1), [post_line("en", 1, at(1))])
    write_run(tmp_path, at(2), [deletion_line("en", 1, deleted_at=at(2), last_seen=at(1))])
    write_run(tmp_path, at(3), [post_line("en", 1, at(3), "restored", title="Back")])

    post = corpus_rows(find_run_files(tmp_path))["en", 1]

    assert (post["title"], post["deleted_at"], post["last_seen"]) == ("Back", None, at(3))
    assert (post["change"], post["changed_at"], post["first_seen"]) == ("restored", at(3), at(1))


def test_a_post_known_only_from_a_deletion_has_a_row(tmp_path):
    notice = deletion_line("fa", 7, deleted_at=at(1, 3), last_seen=at(1, 1))
    write_run(tmp_path, at(1), [post_line("en", 1, at(1)), notice])

    post = corpus_rows(find_run_files(tmp_path))["fa", 7]

    assert (post["url"], post["deleted_at"], post["last_seen"]) == (notice["url"], at(1, 3), at(1, 1))
    assert (post["change"], post["changed_at"]) == ("deleted", at(1, 3))
    assert post["title"] is None and post["first_seen"] is None and post["published"] is None


def test_replays_unfinished_runs_and_files_without_a_manifest_are_left_out(tmp_path):
    kept = write_run(tmp_path, at(1), [post_line("en", 1, at(1), title="Live")])
    write_run(tmp_path, at(2), [post_line("en", 1, at(2), "updated", title="Replayed")], source=["old.warc.gz"])
    write_run(tmp_path, at(3), [post_line("en", 1, at(3), "updated", title="No manifest")], manifest=False)
    unfinished = tmp_path / "runs" / "2026-12-04T00-00-00Z-en.jsonl.part"
    unfinished.write_text(json.dumps(post_line("en", 1, at(4), "updated", title="Unfinished")) + "\n")

    assert find_run_files(tmp_path) == [kept]
    assert corpus_rows(find_run_files(tmp_path))["en", 1]["title"] == "Live"


def test_runs_of_the_same_second_are_read_in_the_order_they_were_made(tmp_path):
    # <start>-en.jsonl, then <start>-en-2.jsonl … <start>-en-11.jsonl: by name, -11 would come before -2.
    made = [write_run(tmp_path, at(1), [post_line("en", 1, at(1), "updated", title=f"Run {n}")]) for n in range(1, 12)]
    assert made[-1].name == made[0].name.replace(".jsonl", "-11.jsonl")

    assert find_run_files(tmp_path) == made
    assert corpus_rows(find_run_files(tmp_path))["en", 1]["title"] == "Run 11"


def test_the_order_of_the_lines_decides_not_their_timestamps(tmp_path):
    # An appended feed (-o) holds run after run; big enough for DuckDB to read it in parallel.
    body = "x" * 2000
    older = [post_line("en", post_id, at(2), content_text=body, title="older") for post_id in range(1, 2501)]
    newer = [post_line("en", post_id, at(1), "updated", content_text=body, title="newer") for post_id in range(1, 2501)]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(line) + "\n" for line in older + newer), encoding="utf-8")

    rows = corpus_rows([feed])

    assert {row["title"] for row in rows.values()} == {"newer"}
    assert {row["first_seen"] for row in rows.values()} == {at(2)}


def test_named_run_files_are_read_oldest_first_when_each_has_a_manifest(tmp_path):
    old = write_run(tmp_path, at(1), [post_line("en", 1, at(1), title="Old")])
    new = write_run(tmp_path, at(2), [post_line("en", 1, at(2), "updated", title="New")])
    assert order_run_files([new, old]) == [old, new]

    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(post_line("en", 1, at(3), "updated", title="Feed")) + "\n", encoding="utf-8")
    assert order_run_files([feed, new, old]) == [feed, new, old]  # a file without manifest: as given
    assert corpus_rows(order_run_files([feed, new, old]))["en", 1]["title"] == "Old"


# --- columns and formats ---------------------------------------------------------


def test_the_columns_and_their_types_do_not_depend_on_the_data(tmp_path):
    listing, articles = tmp_path / "listing", tmp_path / "articles"
    write_run(listing, at(1), [post_line("en", 1, at(1), articles=False, categories=[], share_links=[])])
    write_run(articles, at(1), [post_line("ar", 2, at(1)), deletion_line("fa", 3, at(1), None)])
    for output in (listing, articles):
        write_corpus(find_run_files(output), output / "corpus.parquet")
        write_corpus(find_run_files(output), output / "corpus.jsonl")

    with duckdb.connect() as connection:
        nulls = ", ".join(f'CAST(NULL AS {kind}) AS "{name}"' for name, kind in corpus_columns().items())
        expected = describe(connection, f"(SELECT {nulls})")
        assert [name for name, _ in expected] == [*duckdb_columns(), "first_seen", "changed_at", "run_file"]
        for output in (listing, articles):
            parquet = f"read_parquet('{output / 'corpus.parquet'}')"
            jsonl = f"read_json('{output / 'corpus.jsonl'}', columns = {corpus_columns_sql()})"
            assert describe(connection, parquet) == expected
            # Every column is on every line, null or not, and the values read back are the Parquet file's.
            assert {tuple(line) for line in read_jsonl(output / "corpus.jsonl")} == {tuple(corpus_columns())}
            assert file_rows(connection, jsonl) == file_rows(connection, parquet)
            assert file_rows(connection, parquet)  # not two empty files


def test_an_empty_run_gives_an_empty_corpus_with_every_column(tmp_path):
    write_run(tmp_path, at(1), [])
    summary = write_corpus(find_run_files(tmp_path), tmp_path / "corpus.parquet")
    assert (summary.rows, summary.deleted) == (0, 0)
    with duckdb.connect() as connection:
        assert [name for name, _ in describe(connection, f"'{tmp_path / 'corpus.parquet'}'")] == list(corpus_columns())


def test_the_readme_queries_answer_their_questions(tmp_path, monkeypatch):
    now = datetime.now(UTC).replace(microsecond=0)
    long_ago, this_week = now - timedelta(days=30), now - timedelta(days=2)
    aid = {"name": "Aid", "slug": "aid", "url": "https://www.nejatngo.org/en/category/aid"}
    write_run(
        tmp_path,
        long_ago,
        [
            post_line("en", 1, long_ago, published="2024-05-01"),
            post_line("en", 2, long_ago, published="2024-05-20", categories=[aid]),
            post_line("ar", 3, long_ago, published="2024-06-02"),
            post_line("en", 4, long_ago, published="2024-06-03"),
            post_line("en", 6, long_ago, published="2024-06-10"),
        ],
    )
    edited = post_line("en", 1, this_week, "updated", published="2024-05-01", title="Edited")
    edited["changed_fields"] = ["title"]
    lines = [
        edited,
        post_line("sq", 5, this_week + timedelta(minutes=10), published=None),
        deletion_line("en", 4, this_week + timedelta(minutes=20), long_ago),
    ]
    write_run(tmp_path, this_week, lines)
    write_corpus(find_run_files(tmp_path), tmp_path / "corpus.parquet")
    monkeypatch.chdir(tmp_path)  # the queries name 'corpus.parquet', as the README's do

    assert duckdb.sql(POSTS_PER_MONTH).fetchall() == [("en", "2024-05", 2), ("ar", "2024-06", 1), ("en", "2024-06", 1)]
    assert duckdb.sql(TOP_CATEGORIES).fetchall() == [
        ("en", "News", 2),
        ("ar", "News", 1),
        ("en", "Aid", 1),
        ("sq", "News", 1),
    ]
    changed = [row[1:5] for row in duckdb.sql(CHANGED_THIS_WEEK).fetchall()]
    assert changed == [("deleted", [], "en", 4), ("new", [], "sq", 5), ("updated", ["title"], "en", 1)]


# --- the command -------------------------------------------------------------------


def test_the_command_writes_the_corpus_and_says_what_it_wrote(tmp_path):
    output = tmp_path / "output"
    write_run(output, at(1), [post_line("en", 1, at(1)), post_line("ar", 2, at(1))])
    write_run(output, at(2), [deletion_line("en", 1, at(2), at(1)), post_line("fa", 3, at(2))])
    target = tmp_path / "out" / "corpus.parquet"
    target.parent.mkdir()
    target.write_bytes(b"an older corpus")  # -O replaces it

    result = scrapy("corpus", "-O", str(target), output=output)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"wrote 3 posts (1 deleted) from 2 runs to {target}"]
    assert duckdb.sql(f"SELECT count(*), count(deleted_at) FROM '{target}'").fetchall() == [(3, 1)]
    assert sorted(path.name for path in target.parent.iterdir()) == ["corpus.parquet"]  # no .part left


def test_the_command_reads_the_run_files_named(tmp_path):
    output = tmp_path / "output"
    first = write_run(output, at(1), [post_line("en", 1, at(1))])
    write_run(output, at(2), [post_line("en", 2, at(2))])
    target = tmp_path / "corpus.jsonl"

    result = scrapy("corpus", "-O", str(target), str(first), output=output)

    assert result.returncode == 0, result.stderr
    assert [(line["edition"], line["post_id"]) for line in read_jsonl(target)] == [("en", 1)]


def test_no_finished_run_is_a_usage_error(tmp_path):
    output = tmp_path / "output"
    write_run(output, at(1), [post_line("en", 1, at(1))], manifest=False)  # unfinished: no manifest

    result = scrapy("corpus", "-O", str(tmp_path / "corpus.parquet"), output=output)

    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f'scrapy: error: no finished runs in {output / "runs"}: run "scrapy crawl nejat" first'
    ]
    assert not (tmp_path / "corpus.parquet").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        pytest.param(["-O", "corpus.csv"], "-O must name a .parquet or a .jsonl file, not corpus.csv", id="suffix"),
        pytest.param(["-O", "corpus.json"], "-O must name a .parquet or a .jsonl file, not corpus.json", id="json"),
        pytest.param([], "-O FILE is required", id="no-output"),
        pytest.param(["-o", "corpus.parquet"], "no such option: -o", id="append"),
        pytest.param(["-O", "corpus.parquet", "missing.jsonl"], "no such run file: missing.jsonl", id="missing"),
    ],
)
def test_usage_errors_are_one_line_and_status_2(tmp_path, arguments, message):
    write_run(tmp_path, at(1), [post_line("en", 1, at(1))])

    result = scrapy("corpus", *arguments, output=tmp_path)

    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"scrapy: error: {message}")


def test_a_broken_line_names_its_file_and_leaves_the_old_corpus_alone(tmp_path):
    output = tmp_path / "output"
    write_run(output, at(1), [post_line("en", 1, at(1))])
    broken = write_run(output, at(2), [post_line("en", 2, at(2))])
    with broken.open("a", encoding="utf-8") as handle:
        handle.write('{"url": "https://www.nejatngo.org/en/posts/3", "edition": \n')
    target = tmp_path / "corpus.parquet"
    target.write_bytes(b"the corpus of yesterday")

    result = scrapy("corpus", "-O", str(target), output=output)

    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"scrapy: error: cannot read {broken}: ")
    assert "Traceback" not in result.stderr + result.stdout
    assert target.read_bytes() == b"the corpus of yesterday"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["corpus.parquet", "output"]


def test_a_value_of_the_wrong_type_names_its_file(tmp_path):
    good = write_run(tmp_path, at(1), [post_line("en", 1, at(1))])
    wrong = tmp_path / "wrong.jsonl"
    wrong.write_text(json.dumps({**post_line("en", 2, at(2)), "post_id": "two"}) + "\n", encoding="utf-8")

    with pytest.raises(CorpusError, match=f"^cannot read {wrong}: "):
        write_corpus([good, wrong], tmp_path / "corpus.parquet")
    assert not (tmp_path / "corpus.parquet").exists()


def test_a_line_that_did_not_read_the_page_keeps_the_page_fields_of_the_last_that_did(tmp_path):
    first = write_run(tmp_path, at(1), [post_line("en", 1, at(1)), post_line("en", 2, at(1))])
    # A listing-only run, then a run whose page of post 2 failed: neither says what the pages hold.
    listing_only = write_run(tmp_path, at(2), [post_line("en", 1, at(2), "unchanged", articles=False)])
    failed = post_line("en", 2, at(3), "unchanged", articles=False, article_error="HTTP 503")
    page_failed = write_run(tmp_path, at(3), [failed])
    rows = corpus_rows([first, listing_only, page_failed])
    for post_id in (1, 2):
        assert rows[("en", post_id)]["content_text"] == f"Body of post {post_id}"
        assert rows[("en", post_id)]["tags"] != []
    assert rows[("en", 2)]["article_error"] == "HTTP 503"  # the latest line's own field
