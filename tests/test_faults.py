"""End to end against a faulty site: no post is lost silently, and the exit status tells.

Each test gives the replica one kind of fault on some paths and crawls the
first English listing page (ten posts) in article mode.  Every reachable post
comes out once and complete; every post whose page cannot be had comes out
with its listing fields and an ``article_error`` in plain words; no traceback
reaches the log.  Faults on post pages and listing pages retry first.
"""

from __future__ import annotations

import urllib.request
from pathlib import Path

from tests.crawling import CrawlResult, run_crawl
from tests.site import content
from tests.site.server import ReplicaServer, Reply

FIRST_PAGE = [post.post_id for post in content.listed_posts("en")][:10]
FAULTY, OTHER = FIRST_PAGE[0], FIRST_PAGE[1]
ONE_PAGE = ("-a", "listings=/en/", "-a", "max_pages=1")
# Post-page failures above the default share would make any of these runs unhealthy.
LENIENT = {"NEJAT_HEALTH_MAX_FAILED_POST_SHARE": "1", "NEJAT_HEALTH_MAX_ERRORS": "100"}
MAINTENANCE = (
    "<html><head><title>Maintenance</title></head><body>"
    "<h1>Briefly unavailable for scheduled maintenance. Check back in a minute.</h1></body></html>"
)


def post_path(post_id: int) -> str:
    return f"/en/posts/{post_id}"


def crawl(tmp_path: Path, faults: dict, *arguments: str, settings: dict[str, str] | None = None) -> CrawlResult:
    with ReplicaServer(faults=faults) as server:
        return run_crawl(server, tmp_path, *(arguments or ONE_PAGE), settings={**LENIENT, **(settings or {})})


def assert_first_page(result: CrawlResult, errors: dict[int, str]) -> None:
    """Every post of the first page once; those in ``errors`` with that article_error, the rest complete.

    The crawls run with lenient post-page limits, so losing no post is a healthy run.
    """
    assert "Traceback" not in result.log
    assert "internal meta keys" not in result.log
    assert result.returncode == 0, result.log[-2000:]
    items = result.by_key()
    assert sorted(post_id for _, post_id in items) == sorted(FIRST_PAGE)
    assert len(result.items) == len(FIRST_PAGE)
    for post_id in FIRST_PAGE:
        item, post = items[("en", post_id)], content.post("en", post_id)
        assert item["title"] == " ".join(post.title.split())
        expected = errors.get(post_id) or (None if post.page_status == 200 else f"HTTP {post.page_status}")
        assert item["article_error"] == expected, post_id
        if expected is None:
            assert item["content_text"] == post.text
    failed = sum(1 for item in result.items if item["article_error"])
    assert result.stats.get("nejat/articles/failed", 0) == failed


def test_a_burst_of_server_errors_is_retried(tmp_path: Path) -> None:
    faults = {post_path(FAULTY): [Reply(503), Reply(500)], "/en/": [Reply(503)]}
    result = crawl(tmp_path, faults)
    assert_first_page(result, {})
    assert result.stats["retry/count"] == 3
    assert result.returncode == 0


def test_a_post_page_that_keeps_failing_keeps_its_listing_record(tmp_path: Path) -> None:
    result = crawl(tmp_path, {post_path(FAULTY): Reply(503)})
    assert_first_page(result, {FAULTY: "HTTP 503 after 2 retries"})
    assert result.stats["nejat/articles/failed"] >= 1


def test_a_reset_connection_is_retried_then_reported_in_plain_words(tmp_path: Path) -> None:
    faults = {post_path(FAULTY): Reply(200, fault="reset"), post_path(OTHER): [Reply(200, fault="reset")]}
    result = crawl(tmp_path, faults)
    assert_first_page(result, {FAULTY: "the connection closed before the whole page arrived"})


def test_a_truncated_page_is_retried_then_reported_in_plain_words(tmp_path: Path) -> None:
    truncated = Reply(200, "<html><body><article class='post'><h1>Cut", fault="truncate")
    result = crawl(tmp_path, {post_path(FAULTY): truncated, post_path(OTHER): [truncated]})
    assert_first_page(result, {FAULTY: "the connection was lost before the whole page arrived"})


def test_a_page_that_is_not_html_is_not_taken_for_the_post(tmp_path: Path) -> None:
    image = Reply(200, "GIF89a\x00\x01\x02", content_type="image/gif")
    result = crawl(tmp_path, {post_path(FAULTY): image})
    assert_first_page(result, {FAULTY: "not the post page: not an HTML page"})


def test_a_listing_served_as_json_is_still_read(tmp_path: Path) -> None:
    with ReplicaServer() as plain:
        listing = plain_page(plain, "/en/")
    result = crawl(tmp_path, {"/en/": Reply(200, listing, content_type="application/json")})
    assert_first_page(result, {})
    assert result.returncode == 0


def test_the_maintenance_page_is_retried_then_reported(tmp_path: Path) -> None:
    maintenance = Reply(200, MAINTENANCE)
    faults = {post_path(FAULTY): maintenance, post_path(OTHER): [maintenance], "/en/": [maintenance]}
    result = crawl(tmp_path, faults)
    assert_first_page(result, {FAULTY: "not the post page: the site's maintenance page"})
    assert result.stats["retry/count"] >= 4


def test_an_empty_page_is_not_taken_for_the_post(tmp_path: Path) -> None:
    result = crawl(tmp_path, {post_path(FAULTY): Reply(200, "")})
    assert_first_page(result, {FAULTY: "not the post page: an empty page"})


def test_a_page_without_the_post_is_not_taken_for_it(tmp_path: Path) -> None:
    other_page = Reply(200, "<html><body><p>Something else entirely.</p></body></html>")
    result = crawl(tmp_path, {post_path(FAULTY): other_page})
    assert_first_page(result, {FAULTY: "not the post page: no post title or content on it"})


def test_a_redirect_loop_is_reported(tmp_path: Path) -> None:
    faults = {
        post_path(FAULTY): Reply(301, location=f"{post_path(FAULTY)}/loop"),
        f"{post_path(FAULTY)}/loop": Reply(301, location=post_path(FAULTY)),
    }
    result = crawl(tmp_path, faults, settings={"REDIRECT_MAX_TIMES": "4"})
    assert_first_page(result, {FAULTY: "too many redirects (a redirect loop)"})


def test_a_redirect_to_a_post_already_fetched_keeps_the_post(tmp_path: Path) -> None:
    # WordPress sends a merged post to the one that replaced it, which this
    # crawl fetches for its own entry too; the duplicate filter used to drop it.
    result = crawl(tmp_path, {post_path(FAULTY): Reply(301, location=post_path(OTHER))})
    replaced_by = f"https://www.nejatngo.org{post_path(OTHER)}"
    assert_first_page(result, {FAULTY: f"redirected to another post, {replaced_by}"})


def test_a_post_that_redirects_to_a_listing_is_not_taken_for_it(tmp_path: Path) -> None:
    result = crawl(tmp_path, {post_path(FAULTY): Reply(301, location="/en/")})
    assert_first_page(result, {FAULTY: "redirected away from the post to, https://www.nejatngo.org/en/"})


def test_a_listing_redirected_back_to_a_page_walked_cuts_its_chain_loudly(tmp_path: Path) -> None:
    result = crawl(tmp_path, {"/en/page/3": Reply(301, location="/en/")}, "-a", "editions=en", "-a", "articles=0")
    assert result.returncode == 1
    assert (
        "Listing page https://www.nejatngo.org/en/page/3 failed for good"
        " (redirected to https://www.nejatngo.org/en/, a page already walked)"
    ) in result.log
    assert "unhealthy: 1 listing chain(s) ended in an error" in result.log
    assert len(result.items) == 20 and result.stats["nejat/listings/failed"] == 1


def test_a_listing_that_redirects_in_a_loop_cuts_its_chain_loudly(tmp_path: Path) -> None:
    faults = {"/en/page/2": Reply(302, location="/en/page/2/x"), "/en/page/2/x": Reply(302, location="/en/page/2")}
    result = crawl(tmp_path, faults, "-a", "editions=en", "-a", "articles=0")
    assert result.returncode == 1
    assert "failed for good (too many redirects (a redirect loop))" in result.log
    assert len(result.items) == 10


def test_a_listing_that_stays_in_maintenance_cuts_its_chain_loudly(tmp_path: Path) -> None:
    result = crawl(tmp_path, {"/en/page/2": Reply(200, MAINTENANCE)}, "-a", "editions=en", "-a", "articles=0")
    assert result.returncode == 1
    assert "(not a listing page: the site's maintenance page)" in result.log
    assert result.stats["retry/count"] == 2 and len(result.items) == 10


def test_an_older_posts_link_that_climbs_out_cuts_its_chain(tmp_path: Path) -> None:
    with ReplicaServer() as plain:
        page = plain_page(plain, "/en/").replace(
            'href="https://www.nejatngo.org/en/page/2"', 'href="/en/..%2F..%2Fetc%2Fpasswd"'
        )
    result = crawl(tmp_path, {"/en/": Reply(200, page)}, "-a", "editions=en", "-a", "articles=0")
    assert result.returncode == 1
    assert "its 'Older Posts' link leaves the site's listings" in result.log
    assert not [path for _, path, _ in result.requests if "passwd" in path]


def test_a_listing_that_redirects_off_the_site_cuts_its_chain_loudly(tmp_path: Path) -> None:
    result = crawl(tmp_path, {"/en/page/2": Reply(302, location="http://127.0.0.1:1/en/page/2")}, "-a", "editions=en")
    assert result.returncode == 1
    assert "Traceback" not in result.log
    assert "unhealthy: 1 listing chain(s) ended in an error rather than at their last page" in result.log
    assert "the listing https://www.nejatngo.org/en/ is cut after page 1" in result.log
    assert {post_id for _, post_id in result.by_key()} == set(FIRST_PAGE)
    assert result.stats["nejat/perimeter/refused"] == 1 and result.stats["nejat/listings/failed"] == 1


def test_a_404_in_the_middle_of_a_chain_is_an_error_not_an_end(tmp_path: Path) -> None:
    result = crawl(tmp_path, {"/en/page/2": Reply(404, "<html><body>Not found</body></html>")}, "-a", "editions=en")
    assert result.returncode == 1
    assert "Listing page https://www.nejatngo.org/en/page/2 failed for good (HTTP 404)" in result.log
    assert "unhealthy: 1 listing chain(s) ended in an error" in result.log
    assert {post_id for _, post_id in result.by_key()} == set(FIRST_PAGE)
    assert result.stats["nejat/listings/failed"] == 1


def plain_page(server: ReplicaServer, path: str) -> str:
    with urllib.request.urlopen(server.url + path, timeout=10) as response:
        return response.read().decode("utf-8")


def test_a_listing_redirected_to_another_spelling_of_itself_goes_on(tmp_path: Path) -> None:
    # ?amp=1 is noise: the page landed on is the page asked for, not one walked before.
    result = crawl(
        tmp_path, {"/en/page/2": Reply(301, location="/en/page/2?amp=1")}, "-a", "editions=en", "-a", "articles=0"
    )
    assert result.returncode == 0, result.log[-2000:]
    assert {post_id for _, post_id in result.by_key()} == {post.post_id for post in content.listed_posts("en")}
    assert "nejat/listings/failed" not in result.stats
