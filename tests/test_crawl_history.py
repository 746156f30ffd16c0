"""End to end, across runs: edits and deletions found by revisiting known posts, and the guard.

A full crawl of the replica, then the replica moves to a later version: one
known post's body is edited (its modified time moves, its listing entry does
not), one is deleted (out of the listings, its page answers 410), one answers
503, the rest are unchanged.  Incremental runs with ``-a revisit=`` large
enough to cover every post find exactly the edit and the deletion.
"""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path
from typing import Any

import duckdb
from parsel import Selector

from tests.crawling import Crawl, CrawlResult, run_crawl
from tests.history_runs import scrapy
from tests.site import content
from tests.site.server import ReplicaServer, Reply

REVISIT_ALL = ("-a", "incremental=1", "-a", "revisit=1000")


def listed_with_page(edition: str, index: int) -> tuple[str, int]:
    """The ``index``-th listed post of ``edition`` whose page answers 200."""
    item = [p for p in content.listed_posts(edition) if p.page_status == 200][index]
    return (item.edition, item.post_id)


def lines(result: CrawlResult, change: str) -> list[dict[str, Any]]:
    return [item for item in result.items if item["change"] == change]


def command(name: str, *arguments: str, output: Path) -> None:
    """``scrapy <name> <arguments>`` in the project, on the runs of ``output``; it must succeed."""
    completed = scrapy(name, *arguments, output=output)
    assert completed.returncode == 0, completed.stderr[-3000:]


def build_corpus(output: Path, target: Path) -> list[dict[str, Any]]:
    """``scrapy corpus -O target`` on the runs of ``output``, and its rows."""
    command("corpus", "-O", str(target), output=output)
    relation = duckdb.sql(f"SELECT * FROM '{target}'")
    return [dict(zip(relation.columns, row, strict=True)) for row in relation.fetchall()]


def manifests(output: Path) -> list[dict[str, Any]]:
    """The manifests of the runs written to ``output``, oldest first."""
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(output.glob("runs/*.manifest.json"))]


def test_revisits_find_the_edit_and_the_deletion_and_nothing_else(tmp_path: Path) -> None:
    state, output = tmp_path / "state", tmp_path / "output"
    edited, gone, unavailable = listed_with_page("en", 3), listed_with_page("fa", 2), listed_with_page("ar", 1)
    options: dict[str, Any] = {"output": None, "state_dir": state, "output_dir": output}
    with ReplicaServer() as server:
        full = run_crawl(server, tmp_path / "full", **options)
    assert full.returncode == 0, full.log[-3000:]
    known = len(full.items)

    with content.later_version({}, edited=[edited], gone=[gone]) as later:
        faults = {f"/{unavailable[0]}/posts/{unavailable[1]}": Reply(503)}
        with ReplicaServer(faults=faults) as server:
            first = run_crawl(server, tmp_path / "first", *REVISIT_ALL, **options)
            second = run_crawl(server, tmp_path / "second", *REVISIT_ALL, **options)
    assert [(p.edition, p.post_id) for p in later.edited] == [edited]

    assert first.returncode == 0, first.log[-3000:]
    [updated] = lines(first, "updated")
    assert (updated["edition"], updated["post_id"]) == edited
    assert updated["changed_fields"] == ["content_text", "modified_at"]
    assert "edited after the first crawl" in updated["content_text"]
    [deleted] = lines(first, "deleted")
    assert set(deleted) == {"url", "edition", "post_id", "change", "deleted_at", "last_seen"}
    assert (deleted["edition"], deleted["post_id"]) == gone
    assert deleted["last_seen"] <= deleted["deleted_at"]
    # Nothing else: the 503 post has no line, and counts as not checked.
    assert len(first.items) == 2
    assert first.stats["nejat/revisits/not_checked"] == 1
    # Every known post was checked but the unavailable one (and the gone one answered).
    assert first.stats["nejat/revisits/checked"] == known - 1
    history = manifests(output)[1]["history"]
    assert history["revisit"] == 1000 and history["known_posts"] == known
    assert (history["checked"], history["not_checked"], history["deleted"]) == (known - 1, 1, 1)
    assert history["cycle_runs"] == 1  # every known post checked in one run at this rate

    # The next run finds nothing new: the edit and the deletion are known now.
    assert second.returncode == 0, second.log[-3000:]
    assert second.items == []
    # The deleted post, and the posts whose pages were already broken when the first run read them.
    broken = [p for p in content.listed_posts() if p.page_status != 200]
    assert second.stats["nejat/revisits/still_gone"] == 1 + len(broken)

    # The corpus of those runs: one row per post, the deleted one with deleted_at, the edit in place.
    corpus = build_corpus(output, tmp_path / "corpus.parquet")
    rows = {(row["edition"], row["post_id"]): row for row in corpus}
    assert len(corpus) == len(rows) == known
    assert [key for key, row in rows.items() if row["deleted_at"] is not None] == [gone]
    assert (rows[gone]["change"], rows[gone]["title"]) == ("deleted", content.post(*gone).title)
    assert (rows[edited]["change"], rows[edited]["changed_fields"]) == ("updated", ["content_text", "modified_at"])
    assert rows[edited]["listing_url"] is not None  # kept from the full run: the revisit read the page alone

    # The report's numbers are the corpus's.
    report = tmp_path / "report.html"
    command("report", "-O", str(report), output=output)
    page = Selector(text=report.read_text(encoding="utf-8"))
    drawn = {
        (cell.attrib["data-edition"], cell.attrib["data-month"]): int(cell.attrib["data-count"])
        for cell in page.css("td[data-month]")
    }
    counted = duckdb.sql(
        f"SELECT edition, strftime(published, '%Y-%m'), count(*) FROM '{tmp_path / 'corpus.parquet'}'"
        " WHERE deleted_at IS NULL AND published IS NOT NULL GROUP BY ALL"
    ).fetchall()
    assert {key: count for key, count in drawn.items() if count} == {(e, m): n for e, m, n in counted}
    assert sum(drawn.values()) == known - 1


def test_the_corpus_has_the_same_column_types_with_and_without_post_pages(tmp_path: Path) -> None:
    types = {}
    with ReplicaServer() as server:
        for articles in ("0", "1"):
            output = tmp_path / f"articles-{articles}"
            result = run_crawl(server, tmp_path / articles, "-a", f"articles={articles}", output=None,
                               output_dir=output)  # fmt: skip
            assert result.returncode == 0, result.log[-3000:]
            build_corpus(output, output / "corpus.parquet")
            types[articles] = duckdb.sql(f"DESCRIBE SELECT * FROM '{output / 'corpus.parquet'}'").fetchall()
    assert types["0"] == types["1"]
    assert ("tags", 'STRUCT("name" VARCHAR, slug VARCHAR, url VARCHAR)[]') in {row[:2] for row in types["0"]}


def test_a_run_where_half_the_posts_answer_404_records_no_deletion_and_is_unhealthy(tmp_path: Path) -> None:
    state = tmp_path / "state"
    with ReplicaServer() as server:
        full = run_crawl(server, tmp_path / "full", output=None, state_dir=state)
    assert full.returncode == 0, full.log[-3000:]
    readable = sorted((item["edition"], item["post_id"]) for item in full.items if not item["article_error"])
    half = readable[::2]
    faults = {f"/{edition}/posts/{post_id}": Reply(404) for edition, post_id in half}
    with ReplicaServer(faults=faults) as server:
        outage = run_crawl(server, tmp_path / "outage", *REVISIT_ALL, output=None, state_dir=state)
    with ReplicaServer() as server:
        after = run_crawl(server, tmp_path / "after", *REVISIT_ALL, output=None, state_dir=state)

    assert outage.returncode == 1
    assert lines(outage, "deleted") == []
    assert outage.stats["nejat/revisits/deletions_withheld"] == len(half)
    assert "unhealthy:" in outage.log and "NEJAT_DELETION_MAX_SHARE" in outage.log
    # Nothing was recorded: with the site back, no post comes back "restored", none is deleted.
    assert after.returncode == 0, after.log[-3000:]
    assert after.items == []


def test_a_full_run_finds_edits_and_the_posts_gone_from_its_walk_then_their_return(tmp_path: Path) -> None:
    state = tmp_path / "state"
    edited, gone = listed_with_page("en", 3), listed_with_page("fa", 2)
    with ReplicaServer() as server:
        run_crawl(server, tmp_path / "full", output=None, state_dir=state)
        with content.later_version({}, edited=[edited], gone=[gone]):
            later = run_crawl(server, tmp_path / "later", output=None, state_dir=state)
        back = run_crawl(server, tmp_path / "back", output=None, state_dir=state)

    assert later.returncode == 0, later.log[-3000:]
    changes = {(item["edition"], item["post_id"]): item["change"] for item in later.items}
    assert changes.pop(edited) == "updated" and changes.pop(gone) == "deleted"
    assert set(changes.values()) == {"unchanged"}
    # The walk reached the end of every listing: only the post it missed was checked again.
    assert later.stats["nejat/revisits/planned"] == 1
    # The site as it was: the deleted post is back, the edit undone.
    assert back.returncode == 0, back.log[-3000:]
    assert {(i["edition"], i["post_id"]): i["change"] for i in back.items if i["change"] != "unchanged"} == {
        gone: "restored",
        edited: "updated",
    }


def test_a_page_that_redirects_to_a_404_is_not_checked_and_never_a_deletion(tmp_path: Path) -> None:
    state = tmp_path / "state"
    moved = listed_with_page("en", 3)
    with ReplicaServer() as server:
        run_crawl(server, tmp_path / "full", output=None, state_dir=state)
    faults = {f"/{moved[0]}/posts/{moved[1]}": Reply(301, "", "/en/no-such-page-anywhere")}
    with ReplicaServer(faults=faults) as server:
        later = run_crawl(server, tmp_path / "later", *REVISIT_ALL, output=None, state_dir=state)
    assert later.returncode == 0, later.log[-3000:]
    assert lines(later, "deleted") == []
    assert later.stats["nejat/revisits/not_checked"] == 1


def test_a_run_stopped_during_its_revisits_records_no_deletion_and_says_so(tmp_path: Path) -> None:
    state, gone = tmp_path / "state", listed_with_page("fa", 2)
    with ReplicaServer() as server:
        run_crawl(server, tmp_path / "full", output=None, state_dir=state)
    # One request at a time, slowly: the run is still revisiting when it is stopped.
    slow = {"DOWNLOAD_DELAY": "0.2", "CONCURRENT_REQUESTS": "1", "CONCURRENT_REQUESTS_PER_DOMAIN": "1"}
    with content.later_version({}, gone=[gone]), ReplicaServer() as server:
        crawl = Crawl(server, tmp_path / "stopped", *REVISIT_ALL, output=None, settings=slow, state_dir=state)
        process = crawl.start()
        gone_path = f"/{gone[0]}/posts/{gone[1]}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(path == gone_path for _, path, _ in server.requests):
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)
        console, _ = process.communicate(timeout=60)
        stopped = crawl.result(process.returncode, console)
        again = run_crawl(server, tmp_path / "again", *REVISIT_ALL, output=None, state_dir=state)
    assert stopped.returncode == 1
    assert stopped.stats["nejat/revisits/unfinished"] > 0
    assert "revisits unanswered" in stopped.log
    assert crawl.run_files() == []  # nothing written as a whole run, nothing committed
    # The next run finds the deletion the stopped one could not record.
    assert [(item["edition"], item["post_id"]) for item in lines(again, "deleted")] == [gone]
