"""Health checks: each on hand-made stats, then each end to end with its exit status and its line.

The end-to-end crawls are kept small (one edition, one listing page); the
"did not finish" check is covered end to end in tests/test_run.py.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from nejat_crawler import health
from tests.crawling import Crawl, CrawlResult, run_crawl
from tests.site import content
from tests.site.server import ReplicaServer, Reply

# --- the checks on hand-made stats ------------------------------------------------

LIMITS = health.Limits(max_errors=10, max_failed_post_share=0.1, max_deletion_share=0.1)
HEALTHY: dict[str, Any] = {"item_scraped_count": 20, "nejat/articles/parsed": 20, "log_count/ERROR": 0}
URL = "https://www.nejatngo.org/en/page/3"


def problems(
    stats: dict[str, Any] | None = None,
    reason: str = "finished",
    incremental: bool = False,
    limits: health.Limits = LIMITS,
) -> list[str]:
    """The problems of a run with the healthy stats above, updated by ``stats``."""
    return health.problems(health.Run({**HEALTHY, **(stats or {})}, reason, incremental, limits))


def test_a_healthy_run_has_no_problems():
    assert problems() == []


@pytest.mark.parametrize(
    ("stats", "reason", "line"),
    [
        ({}, "shutdown", "the crawl did not finish: it stopped with finish reason 'shutdown'"),
        ({"item_scraped_count": 0}, "finished", "no items on a full crawl"),
        (
            {"nejat/listings/failed": 1, "nejat/listings/failed/first": URL},
            "finished",
            f"1 listing chain(s) ended in an error rather than at their last page, first at {URL}",
        ),
        (
            {"nejat/listings/empty_pages": 1, "nejat/listings/empty_pages/first": URL},
            "finished",
            f"{URL} answered 200 with no post entries: has the site's layout changed?",
        ),
        ({"log_count/ERROR": 11}, "finished", "11 errors logged, above the limit of 10 (NEJAT_HEALTH_MAX_ERRORS)"),
        (
            {"nejat/articles/failed": 3, "nejat/articles/parsed": 17},
            "finished",
            "3 of 20 post pages failed, above the limit of 10% (NEJAT_HEALTH_MAX_FAILED_POST_SHARE)",
        ),
        (
            {
                "nejat/revisits/deletions_withheld": 40,
                "nejat/revisits/pages_gone": 45,
                "nejat/revisits/pages_answered": 90,
            },
            "finished",
            "45 of 90 post pages answered 404 or 410, above the limit of 10% (NEJAT_DELETION_MAX_SHARE): "
            "the 40 deletion(s) found were not recorded; is the site down, or have its URLs changed?",
        ),
    ],
    ids=["finished", "items", "listing-chains", "empty-listings", "errors", "failed-post-share", "deletion-guard"],
)
def test_each_check_alone_gives_one_line_naming_its_problem(stats, reason, line):
    assert problems(stats, reason) == [line]


def test_a_full_crawl_without_the_item_count_has_no_items():
    # Scrapy leaves item_scraped_count out of the stats when nothing was scraped.
    stats = {key: value for key, value in HEALTHY.items() if key != "item_scraped_count"}
    assert health.problems(health.Run(stats, "finished", False, LIMITS)) == ["no items on a full crawl"]


def test_an_incremental_run_with_no_items_is_healthy():
    assert problems({"item_scraped_count": 0}, incremental=True) == []


@pytest.mark.parametrize("event", ["failed", "not_found"])
def test_every_way_a_listing_chain_fails_counts(event):
    [line] = problems({f"nejat/listings/{event}": 1, f"nejat/listings/{event}/first": URL})
    assert line == f"1 listing chain(s) ended in an error rather than at their last page, first at {URL}"


def test_failed_listing_chains_add_up():
    stats = {"nejat/listings/failed": 1, "nejat/listings/not_found": 2, "nejat/listings/not_found/first": URL}
    assert problems(stats) == [f"3 listing chain(s) ended in an error rather than at their last page, first at {URL}"]


def test_more_empty_listing_pages_are_counted_after_the_first():
    [line] = problems({"nejat/listings/empty_pages": 3, "nejat/listings/empty_pages/first": URL})
    assert line == f"{URL} answered 200 with no post entries (and 2 more listing pages): has the site's layout changed?"


def test_errors_up_to_the_limit_are_fine():
    assert problems({"log_count/ERROR": 10}) == []


def test_a_limit_of_zero_errors_allows_none():
    limits = health.Limits(max_errors=0, max_failed_post_share=0.1, max_deletion_share=0.1)
    assert problems({"log_count/ERROR": 1}, limits=limits) == [
        "1 errors logged, above the limit of 0 (NEJAT_HEALTH_MAX_ERRORS)"
    ]


def test_a_failed_post_share_equal_to_the_limit_is_fine():
    assert problems({"nejat/articles/failed": 2, "nejat/articles/parsed": 18}) == []


def test_a_failed_post_share_just_above_the_limit_is_not():
    [line] = problems({"nejat/articles/failed": 21, "nejat/articles/parsed": 179})
    assert line == "21 of 200 post pages failed, above the limit of 10% (NEJAT_HEALTH_MAX_FAILED_POST_SHARE)"


def test_a_share_limit_of_one_tolerates_every_post_page_failing():
    limits = health.Limits(max_errors=10, max_failed_post_share=1, max_deletion_share=0.1)
    assert problems({"nejat/articles/failed": 20, "nejat/articles/parsed": 0}, limits=limits) == []


def test_a_run_that_requested_no_post_pages_has_no_failed_share():
    assert problems({"nejat/articles/parsed": 0}) == []


def test_every_failed_check_gives_its_line_in_a_fixed_order():
    stats = {
        "item_scraped_count": 0,
        "nejat/listings/failed": 1,
        "nejat/listings/empty_pages": 1,
        "log_count/ERROR": 11,
        "nejat/articles/failed": 20,
    }
    assert [line.split(" ")[:3] for line in problems(stats, "shutdown")] == [
        ["the", "crawl", "did"],
        ["no", "items", "on"],
        ["1", "listing", "chain(s)"],
        ["?", "answered", "200"],
        ["11", "errors", "logged,"],
        ["20", "of", "40"],
    ]


# --- end to end: the exit status and the line ----------------------------------

EMPTY_LISTING = Reply(200, "<html><body><p>Nothing here</p></body></html>")
BOOM = Reply(500, "internal error")
CHAIN_FAILED = "1 listing chain(s) ended in an error rather than at their last page, first at {}"


def logged_problems(result: CrawlResult) -> list[str]:
    """The ``unhealthy: …`` problems in the log file."""
    return re.findall(r"^\S+ \S+ \[nejat_crawler\.extensions\.run\] ERROR: unhealthy: (.*)$", result.log, re.M)


def first_page_posts(edition: str) -> list[int]:
    home = content.find_listing(edition, "home")
    assert home is not None
    return list(home.page_post_ids(1))


def test_a_crawl_of_a_closed_port_has_no_items_and_a_failed_chain(tmp_path: Path):
    server = ReplicaServer().start()
    server.stop()  # nothing listens on its port any more: every connection is refused
    result = run_crawl(server, tmp_path, "-a", "editions=sq")
    assert result.returncode == 1
    assert result.requests == []
    assert "Traceback" not in result.log  # a network that fails is foreseen: one line says so
    assert logged_problems(result) == [
        "no items on a full crawl",
        CHAIN_FAILED.format("https://www.nejatngo.org/sq/"),
    ]


def test_unhealthy_lines_reach_stderr_when_the_log_goes_to_a_file(tmp_path: Path):
    with ReplicaServer() as server:
        crawl = Crawl(server, tmp_path, "-a", "listings=/sq/topic/no-such-topic")
        completed = subprocess.run(crawl.command, cwd=crawl.cwd, env=crawl.env, capture_output=True, text=True)
    assert completed.returncode == 1
    assert "LOG_FILE" in " ".join(crawl.command)
    assert re.findall(r"^unhealthy: .*$", completed.stderr, re.M) == [
        "unhealthy: no items on a full crawl",
        "unhealthy: " + CHAIN_FAILED.format("https://www.nejatngo.org/sq/topic/no-such-topic"),
    ]


def test_a_listing_page_without_entries_is_unhealthy(tmp_path: Path):
    with ReplicaServer(faults={"/sq/page/2": EMPTY_LISTING}) as server:
        result = run_crawl(server, tmp_path, "-a", "editions=sq", "-a", "articles=0")
    assert result.returncode == 1
    assert logged_problems(result) == [
        "https://www.nejatngo.org/sq/page/2 answered 200 with no post entries: has the site's layout changed?"
    ]


def test_a_listing_that_does_not_exist_is_unhealthy(tmp_path: Path):
    with ReplicaServer() as server:
        result = run_crawl(server, tmp_path, "-a", "listings=/en/topic/no-such-topic")
    assert result.returncode == 1
    assert logged_problems(result) == [
        "no items on a full crawl",
        CHAIN_FAILED.format("https://www.nejatngo.org/en/topic/no-such-topic"),
    ]


def test_errors_above_the_limit_are_unhealthy(tmp_path: Path):
    failing = first_page_posts("sq")[0]
    limits = {"NEJAT_HEALTH_MAX_ERRORS": "0", "NEJAT_HEALTH_MAX_FAILED_POST_SHARE": "1"}
    with ReplicaServer(faults={f"/sq/posts/{failing}": BOOM}) as server:
        result = run_crawl(server, tmp_path, "-a", "editions=sq", "-a", "max_pages=1", settings=limits)
    assert result.returncode == 1
    assert result.stats["nejat/articles/failed"] == 1  # retried, then given up with one ERROR line
    assert logged_problems(result) == ["1 errors logged, above the limit of 0 (NEJAT_HEALTH_MAX_ERRORS)"]


def test_a_larger_share_of_failed_post_pages_is_unhealthy(tmp_path: Path):
    posts = first_page_posts("sq")
    faults = {f"/sq/posts/{post_id}": BOOM for post_id in posts[:2]}
    with ReplicaServer(faults=faults) as server:
        result = run_crawl(
            server, tmp_path, "-a", "editions=sq", "-a", "max_pages=1", settings={"NEJAT_HEALTH_MAX_ERRORS": "100"}
        )
    assert result.returncode == 1
    assert logged_problems(result) == [
        f"2 of {len(posts)} post pages failed, above the limit of 10% (NEJAT_HEALTH_MAX_FAILED_POST_SHARE)"
    ]


def test_a_healthy_crawl_exits_0_and_says_nothing_unhealthy(tmp_path: Path):
    with ReplicaServer() as server:
        result = run_crawl(server, tmp_path, "-a", "editions=sq", "-a", "articles=0")
    assert result.returncode == 0
    assert result.items
    assert "unhealthy:" not in result.log
