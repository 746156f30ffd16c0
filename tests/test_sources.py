"""Where pages come from: the perimeter, the mirror mapping and the page-source handler."""

from __future__ import annotations

import re

import pytest

from nejat_crawler.sources.mirror import Mirror
from nejat_crawler.urls import is_site_origin
from tests.crawling import run_crawl
from tests.site import content
from tests.site.server import ReplicaServer, Reply

MIRROR = Mirror("http://127.0.0.1:8000")


@pytest.mark.parametrize(
    ("url", "inside"),
    [
        ("https://www.nejatngo.org/en/posts/1", True),
        ("http://nejatngo.org/en/", True),
        ("https://www.nejatngo.org:443/robots.txt", True),
        ("https://www.nejatngo.org:8443/en/", False),
        ("http://127.0.0.1:8000/en/", False),
        ("https://evil.nejatngo.org.example/en/", False),
        ("https://www.nejatngo.org:notaport/en/", False),
        ("ftp://www.nejatngo.org/en/", False),
    ],
)
def test_site_origin_is_exact(url, inside):
    assert is_site_origin(url) is inside


def test_mirror_maps_site_urls_out_and_its_own_origin_back():
    assert MIRROR.outgoing("https://www.nejatngo.org/fa/topic/x?paged=2") == "http://127.0.0.1:8000/fa/topic/x?paged=2"
    assert MIRROR.outgoing("http://nejatngo.org/en") == "http://127.0.0.1:8000/en"
    assert MIRROR.outgoing("https://example.org/en/") == "https://example.org/en/"
    body = b'<a href="http://127.0.0.1:8000/en/posts/1">x</a>{"url":"http:\\/\\/127.0.0.1:8000\\/en\\/posts\\/1"}'
    assert MIRROR.incoming(body) == (
        b'<a href="https://www.nejatngo.org/en/posts/1">x</a>{"url":"https:\\/\\/www.nejatngo.org\\/en\\/posts\\/1"}'
    )
    # Another port is another origin: it is left alone, so the perimeter sees it.
    assert MIRROR.incoming(b"http://127.0.0.1:8001/x") == b"http://127.0.0.1:8001/x"


@pytest.mark.parametrize(
    "value", ["127.0.0.1:8000", "http://127.0.0.1:8000/en/", "ftp://127.0.0.1", "http://", "http://h?x=1"]
)
def test_mirror_must_be_an_http_origin(value):
    with pytest.raises(ValueError, match="mirror must be"):
        Mirror.parse(value)


def test_redirect_or_meta_refresh_to_another_origin_is_not_followed(tmp_path):
    redirected, refreshed = (post.post_id for post in content.listed_posts("en")[:2])
    with ReplicaServer() as other:
        faults = {
            f"/en/posts/{redirected}": Reply(302, location=f"{other.url}/en/posts/{redirected}"),
            f"/en/posts/{refreshed}": Reply(
                200, f'<html><head><meta http-equiv="refresh" content="0; url={other.url}/en/posts/1"></head></html>'
            ),
        }
        with ReplicaServer(faults=faults) as server:
            # Three of ten post pages fail here, above the health check's default share.
            lenient = {"NEJAT_HEALTH_MAX_FAILED_POST_SHARE": "1"}
            result = run_crawl(server, tmp_path, "-a", "listings=/en/", "-a", "max_pages=1", settings=lenient)
    assert other.requests == []
    assert result.returncode == 0
    items = result.by_key()
    for post_id, target in ((redirected, redirected), (refreshed, 1)):
        item = items[("en", post_id)]
        assert item["title"] == content.post("en", post_id).title
        assert item["article_error"] == f"redirected off the site to {other.url}/en/posts/{target}"
        assert (
            f"Refused {other.url}/en/posts/{target} is outside https://www.nejatngo.org"
            f" (redirected from https://www.nejatngo.org/en/posts/{post_id})"
        ) in result.log
    assert result.stats["nejat/perimeter/refused"] == 2
    assert len(items) == 10
    others = [content.post(*key) for key in items if key[1] not in (redirected, refreshed)]
    assert {post.post_id: items[("en", post.post_id)]["article_error"] for post in others} == {
        post.post_id: None if post.page_status == 200 else f"HTTP {post.page_status}" for post in others
    }


def test_mirror_origin_is_replaced_only_as_a_whole_origin():
    mirror = Mirror("http://127.0.0.1")
    assert mirror.incoming(b"http://127.0.0.1/en/") == b"https://www.nejatngo.org/en/"
    assert mirror.incoming(b'"http://127.0.0.1"') == b'"https://www.nejatngo.org"'
    assert mirror.incoming(b"http://127.0.0.1:8001/en/") == b"http://127.0.0.1:8001/en/"
    assert mirror.incoming(b"http://127.0.0.10/en/") == b"http://127.0.0.10/en/"


def test_gzipped_mirror_that_writes_its_own_origin_into_links(tmp_path, listing_crawl):
    with ReplicaServer(own_links=True, gzip_bodies=True) as server:
        result = run_crawl(server, tmp_path, "-a", "editions=sq", "-a", "articles=0")
    expected = {key for key in listing_crawl.by_key() if key[0] == "sq"}
    assert set(result.by_key()) == expected
    assert result.stats["httpcompression/response_count"] > 0
    assert "127.0.0.1" not in result.raw_output


def test_autothrottle_sees_the_latency_of_mirror_pages(tmp_path):
    settings = {"AUTOTHROTTLE_ENABLED": "1", "AUTOTHROTTLE_DEBUG": "1", "AUTOTHROTTLE_START_DELAY": "0"}
    with ReplicaServer() as server:
        result = run_crawl(server, tmp_path, "-a", "editions=sq", "-a", "articles=0", settings=settings)
    # AutoThrottle logs one line per response whose download latency it read.
    assert len(re.findall(r"slot: www\.nejatngo\.org \| conc:", result.log)) >= 2


def test_mirror_is_fetched_directly_whatever_the_proxy_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("https_proxy", "http://127.0.0.1:9")
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    with ReplicaServer() as server:
        result = run_crawl(server, tmp_path, "-a", "editions=sq", "-a", "articles=0")
    assert len(result.items) == len(content.listed_posts("sq"))


def test_bad_mirror_setting_is_a_usage_error(tmp_path):
    with ReplicaServer() as server:
        result = run_crawl(server, tmp_path, settings={"NEJAT_MIRROR": "127.0.0.1:8000"})
    assert (result.returncode, result.requests) == (2, [])
    assert "NEJAT_MIRROR: mirror must be an http(s) origin" in result.log and "Traceback" not in result.log


@pytest.mark.parametrize(
    "value",
    [
        "http://user:secret@127.0.0.1:8000",
        "https://secret@127.0.0.1",
        "http://:secret@127.0.0.1:8000",
        "http://user:secret@127.0.0.1:8000/en/?x=1#y",
        "user:secret@127.0.0.1:8000",
    ],
)
def test_mirror_with_credentials_is_refused_without_repeating_them(value):
    with pytest.raises(ValueError, match=r"mirror must be an origin without credentials \(user:password@\)") as error:
        Mirror.parse(value)
    assert "secret" not in str(error.value)
    # Nor can one be built around the check, to reach a log line through a request URL.
    with pytest.raises(ValueError) as error:
        Mirror(value)
    assert "secret" not in str(error.value)


@pytest.mark.parametrize(
    "value",
    [
        "http://127.0.0.1:99999",
        "http://127.0.0.1:abc",
        "http://127.0.0.1:0",
        "http://127.0.0.1:",
        "http://127.0.0.1:-1",
    ],
)
def test_mirror_port_must_be_a_port(value):
    with pytest.raises(ValueError) as error:
        Mirror.parse(value)
    assert str(error.value) == f"mirror port must be a number from 1 to 65535, not {value!r}"


@pytest.mark.parametrize(
    ("value", "origin"),
    [
        ("http://127.0.0.1:65535", "http://127.0.0.1:65535"),
        ("http://127.0.0.1:1/", "http://127.0.0.1:1"),
        (" https://mirror.example ", "https://mirror.example"),
        ("http://[::1]:8000", "http://[::1]:8000"),
    ],
)
def test_mirror_origins_that_are_fine(value, origin):
    assert Mirror.parse(value).origin == origin


def test_mirror_setting_with_credentials_is_one_line_that_does_not_repeat_them(tmp_path):
    with ReplicaServer() as server:
        secret_mirror = server.url.replace("://", "://user:secret@")
        result = run_crawl(server, tmp_path, settings={"NEJAT_MIRROR": secret_mirror})
    assert (result.returncode, result.requests) == (2, [])
    assert "NEJAT_MIRROR: mirror must be an origin without credentials" in result.log
    assert "secret" not in result.log and "Traceback" not in result.log
