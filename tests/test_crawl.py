"""End to end: the real ``scrapy crawl nejat`` against the replica on 127.0.0.1.

Expected values come from the replica's content (``tests.site.content``),
the data the replica renders its HTML from; the crawler only sees the HTML.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections import Counter

import pytest
from jsonschema import Draft202012Validator

from nejat_crawler.schema import post_schema
from tests.crawling import ROOT, CrawlResult, run_crawl, scrapy_executable
from tests.site import content
from tests.site.server import ReplicaServer

CANONICAL_POST = re.compile(r"^https://www\.nejatngo\.org/(en|ar|fa|sq)/posts/([0-9]+)$")


# --- every post once, right fields (issue 2) ---------------------------------


@pytest.mark.parametrize("crawl", ["listing_crawl", "article_crawl"])
def test_each_listed_post_comes_out_exactly_once(crawl, request):
    result: CrawlResult = request.getfixturevalue(crawl)
    assert result.returncode == 0, result.log[-3000:]
    keys = [(item["edition"], item["post_id"]) for item in result.items]
    assert len(keys) == len(set(keys)), [key for key, n in Counter(keys).items() if n > 1]
    expected = {(post.edition, post.post_id) for post in content.listed_posts()}
    assert set(keys) == expected


def test_listing_fields_match_the_replica(listing_crawl):
    items = listing_crawl.by_key()
    for post in content.listed_posts():
        item = items[(post.edition, post.post_id)]
        assert item["url"] == f"https://www.nejatngo.org/{post.edition}/posts/{post.post_id}"
        assert item["edition"] == post.edition
        assert item["post_id"] == post.post_id
        assert item["title"] == " ".join(post.title.split())
        assert [c["name"] for c in item["categories"]] == [term.name for term in post.categories]
        assert [c["slug"] for c in item["categories"]] == [term.slug for term in post.categories]
        assert item["comment_count"] == post.comment_count
        assert [link["platform"] for link in item["share_links"]] == list(content.SHARE_PLATFORMS)
        assert {link["target"] for link in item["share_links"]} == {item["url"]}
        assert item["published"] == post.published.date().isoformat(), item["date_text"]


def test_only_canonical_urls(listing_crawl):
    for item in listing_crawl.items:
        assert CANONICAL_POST.match(item["url"]), item["url"]
        assert item["listing_url"].startswith("https://www.nejatngo.org/")
        for category in item["categories"]:
            assert category["url"].startswith("https://www.nejatngo.org/"), category
            assert "?" not in category["url"] and "#" not in category["url"]
        assert item["image"] is None or item["image"].startswith("https://www.nejatngo.org/")
    assert "127.0.0.1" not in listing_crawl.raw_output


def test_no_request_leaves_the_mirror(listing_crawl, article_crawl):
    for result in (listing_crawl, article_crawl):
        # Every request Scrapy made reached the replica: had one gone to the
        # live host (an unmapped absolute link), the counts would differ.
        assert result.stats["downloader/request_count"] == len(result.requests)
        # Nothing was refused either: every link followed was the site's own.
        assert result.stats.get("offsite/filtered", 0) == 0
        assert "nejat/perimeter/refused" not in result.stats


def test_no_page_is_fetched_twice(listing_crawl, article_crawl):
    for result in (listing_crawl, article_crawl):
        paths = Counter(path for _, path, _ in result.requests)
        assert [path for path, n in paths.items() if n > 1] == []


def test_output_is_utf8_text_not_escapes(listing_crawl):
    assert "\\u06" not in listing_crawl.raw_output
    persian_titles = [post.title for post in content.listed_posts("fa")]
    assert any(title in listing_crawl.raw_output for title in persian_titles)


def test_whole_replica_output_validates_against_the_schema(article_crawl, listing_crawl):
    validator = Draft202012Validator(post_schema())
    for result in (article_crawl, listing_crawl):
        for item in result.items:
            errors = [error.message for error in validator.iter_errors(item)]
            assert errors == [], (item["url"], errors)
        assert not any(key.startswith("nejat/validate/emptied") for key in result.stats)


# --- arguments ------------------------------------------------------------------


def test_editions_fa_yields_only_persian_posts(tmp_path):
    with ReplicaServer() as server:
        result = run_crawl(server, tmp_path, "-a", "editions=fa", "-a", "articles=0")
    assert result.returncode == 0
    assert {item["edition"] for item in result.items} == {"fa"}
    assert {item["post_id"] for item in result.items} == {post.post_id for post in content.listed_posts("fa")}
    assert all(path.startswith(("/fa/", "/robots.txt")) for _, path, _ in result.requests)


def test_unknown_edition_fails_at_once_naming_the_valid_ones(tmp_path):
    # No LOG_FILE, and stderr apart from stdout: the console is all the user sees.
    # Exactly one line: no Scrapy banner, no usage block, no traceback.
    with ReplicaServer() as server:
        command = [*scrapy_executable(), "crawl", "nejat", "-a", f"mirror={server.url}", "-a", "editions=xx"]
        command += ["-s", f"NEJAT_OUTPUT_DIR={tmp_path / 'output'}", "-s", f"NEJAT_STATE_DIR={tmp_path / 'state'}"]
        command += ["-O", str(tmp_path / "out.jsonl")]
        env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "nejat_crawler.settings", "PYTHONPATH": str(ROOT)}
        completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
        requests = list(server.requests)
    assert completed.returncode == 2
    assert completed.stderr == "scrapy: error: unknown edition 'xx'; valid editions are: en, ar, fa, sq\n"
    assert completed.stdout == ""
    assert requests == []
    assert not (tmp_path / "out.jsonl").exists() and not (tmp_path / "output").exists()


def test_missing_listing_is_an_error_not_a_quiet_end(tmp_path):
    with ReplicaServer() as server:
        result = run_crawl(server, tmp_path, "-a", "listings=/en/topic/no-such-topic", "-a", "articles=0")
    assert result.items == []
    assert result.returncode == 1
    assert result.stats["nejat/listings/not_found"] == 1
    assert "Listing https://www.nejatngo.org/en/topic/no-such-topic does not exist (HTTP 404)" in result.log


def test_mirror_that_writes_its_own_origin_into_links(tmp_path, listing_crawl):
    with ReplicaServer(own_links=True) as server:
        result = run_crawl(server, tmp_path, "-a", "editions=sq,ar", "-a", "articles=0")
    expected = {key: item for key, item in listing_crawl.by_key().items() if key[0] in ("sq", "ar")}
    ignored = {"crawled_at"}
    assert {key: {k: v for k, v in item.items() if k not in ignored} for key, item in result.by_key().items()} == {
        key: {k: v for k, v in item.items() if k not in ignored} for key, item in expected.items()
    }
    assert "127.0.0.1" not in result.raw_output


def test_max_pages_caps_each_chain(tmp_path):
    with ReplicaServer() as server:
        result = run_crawl(server, tmp_path, "-a", "editions=en", "-a", "max_pages=1", "-a", "articles=0")
    first_page = [post.post_id for post in content.listed_posts("en")][:10]
    assert [item["post_id"] for item in result.items] == first_page
    assert result.stats["nejat/listings/max_pages_reached"] == 1
    assert [path for _, path, _ in result.requests if path != "/robots.txt"] == ["/en/"]


def test_listings_walk_the_given_archives_to_the_end(tmp_path):
    archives = [listing for listing in content.LISTINGS if listing.kind != "home"]
    with ReplicaServer() as server:
        result = run_crawl(
            server, tmp_path, "-a", "listings=" + ",".join(listing.path for listing in archives), "-a", "articles=0"
        )
    assert result.returncode == 0
    expected = {(listing.edition, post_id) for listing in archives for post_id in listing.post_ids}
    assert set(result.by_key()) == expected
    assert len(result.items) == len(expected)
    # With concurrent requests any archive may be the first to show a post;
    # listing_url must name a page that really lists it.
    pages = {
        f"https://www.nejatngo.org{listing.page_path(n)}": set(listing.page_post_ids(n))
        for listing in archives
        for n in range(1, listing.page_count + 1)
    }
    for item in result.items:
        assert item["post_id"] in pages[item["listing_url"]], item["listing_url"]
    # The cycle back to page 1 ends its chain quietly.
    assert result.stats["nejat/listings/chain_cycled"] >= 1
    assert "ERROR" not in result.log
    assert [path for path, n in Counter(p for _, p, _ in result.requests).items() if n > 1] == []
