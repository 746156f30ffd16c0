"""Politeness and limits: Retry-After waited out, robots.txt obeyed by every request, per-page limits.

The crawls are small (one edition, often one listing page) and keep their
retries few, so the whole module takes seconds.  Times are taken where the
replica receives each request (``TimedRequests``), not from the crawl's log.
"""

from __future__ import annotations

import dataclasses
import signal
import time
from datetime import UTC, datetime
from email.utils import format_datetime

import pytest
from scrapy.settings import Settings
from twisted.internet.defer import Deferred

from nejat_crawler import settings as project_settings
from nejat_crawler.sources.retry import retry_after_seconds
from nejat_crawler.sources.robots import _own_copy
from tests.crawling import Crawl, run_crawl
from tests.site import content
from tests.site.server import ReplicaServer, Reply, route

POST = content.listed_posts("sq")[0]
"""A post on the first page of the Albanian home listing (13 posts on two pages)."""
ONE_PAGE = ("-a", "listings=/sq/", "-a", "max_pages=1")
# Scrapy 2.19 holds CONCURRENT_REQUESTS_PER_DOMAIN only with a download delay:
# without one, every queued page is connected at once, which overflows the
# replica's listen queue (5) and holds a few connections back by a second (TCP
# SYN retry): enough to trip a one-second timeout, and slower overall.
STEADY = {"DOWNLOAD_DELAY": "0.01", "CONCURRENT_REQUESTS_PER_DOMAIN": "4"}


class TimedRequests(list[tuple[str, str, int]]):
    """``ReplicaServer.requests`` that also notes when each request arrived (``time.monotonic``)."""

    def __init__(self) -> None:
        super().__init__()
        self.times: list[float] = []

    def append(self, entry: tuple[str, str, int]) -> None:
        self.times.append(time.monotonic())
        super().append(entry)

    def arrivals(self, path: str) -> list[tuple[int, float]]:
        """(status, arrival time) of each request for ``path``, in order."""
        return [(status, at) for (_, target, status), at in zip(self, self.times, strict=True) if target == path]


def timed_replica(faults: dict[str, Reply | list[Reply]] | None = None) -> tuple[ReplicaServer, TimedRequests]:
    server = ReplicaServer(faults=faults)
    server.requests = requests = TimedRequests()  # the server appends to this list, under its lock
    return server, requests


def too_many(status: int = 429, retry_after: str = "1") -> Reply:
    return Reply(status, "Slow down", content_type="text/plain", headers=(("Retry-After", retry_after),))


def project() -> Settings:
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    return settings


# --- Retry-After -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (b" 0 ", 0.0),
        ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0),  # IMF-fixdate
        ("Wednesday, 21-Oct-15 07:28:30 GMT", 30.0),  # obsolete RFC 850
        ("Wed Oct 21 07:28:30 2015", 30.0),  # obsolete asctime, no zone: GMT
        ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),  # already past
        ("-5", None),
        ("1.5", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_in_seconds_or_as_a_date(value, seconds):
    now = datetime(2015, 10, 21, 7, 28, tzinfo=UTC).timestamp()
    assert retry_after_seconds(value, now=now) == seconds


def test_retry_after_date_from_the_clock():
    in_a_minute = format_datetime(datetime.fromtimestamp(time.time() + 60, UTC), usegmt=True)
    seconds = retry_after_seconds(in_a_minute)
    assert seconds is not None and 58 <= seconds <= 60


def test_post_page_answering_429_is_retried_after_retry_after(tmp_path):
    server, requests = timed_replica(faults={POST.path: [too_many(429, "1")]})
    with server:
        result = run_crawl(server, tmp_path, *ONE_PAGE, settings=STEADY)
    (first, asked_at), (second, retried_at) = requests.arrivals(POST.path)
    assert (first, second) == (429, 200)
    assert retried_at - asked_at >= 1.0
    item = result.by_key()[("sq", POST.post_id)]
    assert item["article_error"] is None
    assert item["content_text"] == POST.text
    assert result.returncode == 0
    assert result.stats["nejat/retry_after/waited"] == 1


def test_listing_page_answering_429_keeps_its_chain(tmp_path):
    server, requests = timed_replica(faults={"/sq/page/2": [too_many(429, "1")]})
    with server:
        result = run_crawl(server, tmp_path, "-a", "editions=sq", "-a", "articles=0", settings=STEADY)
    (first, asked_at), (second, retried_at) = requests.arrivals("/sq/page/2")
    assert (first, second) == (429, 200)
    assert retried_at - asked_at >= 1.0
    assert {post_id for _, post_id in result.by_key()} == {post.post_id for post in content.listed_posts("sq")}
    assert result.returncode == 0


def test_retry_after_above_the_cap_waits_the_cap(tmp_path):
    server, requests = timed_replica(faults={POST.path: [too_many(503, "30")]})
    with server:
        started = time.monotonic()
        result = run_crawl(server, tmp_path, *ONE_PAGE, settings={**STEADY, "NEJAT_RETRY_AFTER_MAX": "1"})
        took = time.monotonic() - started
    (first, asked_at), (second, retried_at) = requests.arrivals(POST.path)
    assert (first, second) == (503, 200)
    assert 1.0 <= retried_at - asked_at < 10
    assert took < 20
    assert result.by_key()[("sq", POST.post_id)]["article_error"] is None
    assert result.stats["nejat/retry_after/capped"] == 1
    assert "capped by NEJAT_RETRY_AFTER_MAX=1" in result.log


def test_a_stopped_crawl_does_not_sit_out_a_long_retry_after(tmp_path):
    server, requests = timed_replica(faults={POST.path: [too_many(429, "60")]})
    with server:
        crawl = Crawl(server, tmp_path, *ONE_PAGE, output=None, settings=STEADY)
        process = crawl.start()
        deadline = time.monotonic() + 60
        while not requests.arrivals(POST.path) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # the 429 reaches the retry middleware, which starts waiting
        stopped_at = time.monotonic()
        process.send_signal(signal.SIGINT)
        console, _ = process.communicate(timeout=60)
        took = time.monotonic() - stopped_at
        result = crawl.result(process.returncode, console)
    assert took < 10
    assert result.stats["finish_reason"] == "shutdown"
    assert [status for status, _ in requests.arrivals(POST.path)] == [429]


# --- robots.txt -----------------------------------------------------------------


def test_every_waiter_on_one_deferred_gets_its_result():
    shared: Deferred[str] = Deferred()
    copies = [_own_copy(shared) for _ in range(4)]
    seen: list[str] = []
    for copy in copies:
        copy.addCallback(seen.append)
    shared.callback("parser")
    assert seen == ["parser"] * 4


def test_robots_txt_disallowing_everything_stops_every_request(tmp_path):
    everything = Reply(200, "User-agent: *\nDisallow: /\n", content_type="text/plain")
    with ReplicaServer(faults={"/robots.txt": everything}) as server:
        result = run_crawl(server, tmp_path)  # all four editions: four start requests wait for robots.txt
    assert result.requests == [("GET", "/robots.txt", 200)]
    assert result.items == []
    assert result.stats["robotstxt/forbidden"] == 4
    assert result.returncode == 1
    assert "no items on a full crawl" in result.log


# --- Limits --------------------------------------------------------------------


def test_project_limits_and_middlewares():
    settings = project()
    assert settings.getint("DOWNLOAD_TIMEOUT") == 30
    assert 0 < settings.getint("DOWNLOAD_WARNSIZE") < settings.getint("DOWNLOAD_MAXSIZE") <= 16 * 1024 * 1024
    assert settings.getfloat("NEJAT_RETRY_AFTER_MAX") == 120
    middlewares = settings.getdict("DOWNLOADER_MIDDLEWARES")
    assert middlewares["nejat_crawler.sources.robots.RobotsTxtMiddleware"] == 100
    assert middlewares["scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware"] is None
    assert middlewares["nejat_crawler.sources.retry.RetryAfterMiddleware"] == 550
    assert middlewares["scrapy.downloadermiddlewares.retry.RetryMiddleware"] is None


def test_post_page_slower_than_the_timeout_fails_alone(tmp_path):
    slow = dataclasses.replace(route(POST.path), delay=10)
    server, requests = timed_replica(faults={POST.path: slow})
    with server:
        result = run_crawl(
            server, tmp_path, *ONE_PAGE, settings={**STEADY, "DOWNLOAD_TIMEOUT": "1", "RETRY_TIMES": "0"}
        )
        finished = time.monotonic()
    [(_, asked_at)] = requests.arrivals(POST.path)
    assert finished - asked_at < 8  # well before the page would have come
    items = result.by_key()
    assert items[("sq", POST.post_id)]["article_error"] == "no answer within the download timeout"
    assert items[("sq", POST.post_id)]["title"] == POST.title
    assert len(items) == 10 and sum(item["article_error"] is None for item in items.values()) == 9
    assert "Traceback" not in result.log


def test_body_over_the_size_cap_fails_that_page_alone(tmp_path):
    page = route(POST.path)
    huge = dataclasses.replace(page, body=page.body + f"<!-- {'x' * 500_000} -->")
    limits = {**STEADY, "DOWNLOAD_MAXSIZE": "200000", "DOWNLOAD_WARNSIZE": "100000", "RETRY_TIMES": "0"}
    with ReplicaServer(faults={POST.path: huge}) as server:
        result = run_crawl(server, tmp_path, *ONE_PAGE, settings=limits)
    items = result.by_key()
    assert (
        items[("sq", POST.post_id)]["article_error"]
        == "the page is larger than the download size limit (DOWNLOAD_MAXSIZE)"
    )
    assert items[("sq", POST.post_id)]["title"] == POST.title
    assert len(items) == 10 and sum(item["article_error"] is None for item in items.values()) == 9
    assert "larger than download max size (200000)" in result.log
    assert "Traceback" not in result.log
