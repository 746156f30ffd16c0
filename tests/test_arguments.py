"""The spider's ``-a`` arguments, parsed and checked in one place."""

from __future__ import annotations

from pathlib import Path

import pytest

from nejat_crawler.arguments import SpiderArguments
from nejat_crawler.warc import WarcFile

HOMES = tuple(f"https://www.nejatngo.org/{code}/" for code in ("en", "ar", "fa", "sq"))


def test_defaults_walk_every_edition_home_with_post_pages():
    arguments = SpiderArguments.parse()
    assert arguments.editions == ("en", "ar", "fa", "sq")
    assert arguments.listing_urls == HOMES
    assert (arguments.mirror, arguments.max_pages, arguments.articles) == (None, None, True)
    assert arguments.settings() == {}


def test_values_are_normalised():
    arguments = SpiderArguments.parse(
        editions=" FA, sq,fa ",
        listings="/fa/tag/x/?amp=1, sq/topic/y,",
        max_pages="3",
        articles="off",
        mirror="http://127.0.0.1:8000/",
        _job="scrapyd-job-id",
    )
    assert arguments.editions == ("fa", "sq")
    assert arguments.listing_urls == ("https://www.nejatngo.org/fa/tag/x", "https://www.nejatngo.org/sq/topic/y")
    assert (arguments.max_pages, arguments.articles) == (3, False)
    # A mirror's pages get a cache folder of their own: cached pages are keyed by live URL.
    assert arguments.settings() == {
        "NEJAT_MIRROR": "http://127.0.0.1:8000",
        "HTTPCACHE_DIR": "httpcache/mirror-127.0.0.1-8000",
    }


def test_editions_choose_the_homes():
    assert SpiderArguments.parse(editions="ar").listing_urls == ("https://www.nejatngo.org/ar/",)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"editions": "xx"}, "unknown edition 'xx'; valid editions are: en, ar, fa, sq"),
        ({"max_pages": "zero"}, "max_pages must be a whole number, not 'zero'"),
        ({"max_pages": "0"}, "max_pages must be at least 1, not 0"),
        ({"max_pages": "9" * 5000}, "max_pages must be a whole number"),
        ({"listings": "/xx/topic/un"}, "listing '/xx/topic/un' is not under an edition"),
        ({"articles": "maybe"}, "articles must be 1 or 0, not 'maybe'"),
        ({"edition": "fa"}, "unknown argument(s) edition; the nejat spider takes editions, mirror,"),
        ({"editions": "fa", "listings": "/en/topic/un"}, "belongs to edition en, which editions=fa leaves out"),
        ({"listings": "/en/..%2F..%2Fetc%2Fpasswd"}, "is no path of the site: it climbs out of its folder"),
        ({"listings": "/en/top\r\nic"}, "is no path of the site: it holds control characters"),
        ({"listings": "/en/a\\b"}, "is no path of the site: it climbs out of its folder"),
        ({"mirror": "127.0.0.1"}, "mirror must be an http(s) origin"),
        ({"mirror": "http://127.0.0.1:8000/en/"}, "mirror must be an origin without a path"),
        # An empty value is a mistake, not the default: it names the valid values.
        ({"editions": ""}, "editions names no edition; valid editions are: en, ar, fa, sq"),
        ({"editions": " "}, "editions names no edition; valid editions are: en, ar, fa, sq"),
        ({"editions": ",,"}, "editions names no edition; valid editions are: en, ar, fa, sq"),
        ({"listings": ""}, "listings names no listing; give listing paths such as /en/ or /en/topic/un"),
        ({"listings": " , ,"}, "listings names no listing"),
        ({"mirror": ""}, "mirror names no origin; leave mirror out to fetch from the live site"),
        ({"mirror": " "}, "mirror names no origin"),
        # A post is not a listing: its related posts would pass for entries.
        ({"listings": "/en/posts/15575"}, "listing '/en/posts/15575' is a post, not a listing"),
        ({"listings": "/en/topic/un,https://www.nejatngo.org/fa/posts/12/amp/"}, "is a post, not a listing"),
        ({"listings": "/en/?p=15575"}, "listing '/en/?p=15575' is a post, not a listing"),
        ({"mirror": "http://user:secret@127.0.0.1:8000"}, "mirror must be an origin without credentials"),
        ({"mirror": "http://127.0.0.1:99999"}, "mirror port must be a number from 1 to 65535"),
        ({"mirror": "http://127.0.0.1:abc"}, "mirror port must be a number from 1 to 65535"),
    ],
)
def test_bad_arguments_say_what_is_valid(arguments, message):
    with pytest.raises(ValueError) as error:
        SpiderArguments.parse(**arguments)
    assert message in str(error.value)


def test_listings_may_be_archives_of_any_kind():
    arguments = SpiderArguments.parse(listings="/en/, /en/page/3, /fa/tag/posts, /sq/topic/x")
    assert arguments.listing_urls == (
        "https://www.nejatngo.org/en/",
        "https://www.nejatngo.org/en/page/3",
        "https://www.nejatngo.org/fa/tag/posts",
        "https://www.nejatngo.org/sq/topic/x",
    )


def test_a_credential_in_the_mirror_is_never_repeated():
    with pytest.raises(ValueError) as error:
        SpiderArguments.parse(mirror="http://user:secret@127.0.0.1:8000")
    assert "secret" not in str(error.value)


def an_archive(folder: Path) -> Path:
    """A WARC file holding only its warcinfo record: enough to be named as a source."""
    return WarcFile.create(folder, "run", {"software": "test"}).close(complete=True)


def test_a_replay_waits_for_nothing(tmp_path):
    settings = SpiderArguments.parse(source=f"warc:{an_archive(tmp_path)}").settings()
    assert settings["NEJAT_SOURCE"] == f"warc:{tmp_path / 'run.warc.gz'}"
    # No delay between requests, and a stored 503 with Retry-After is retried at once.
    assert (settings["DOWNLOAD_DELAY"], settings["AUTOTHROTTLE_ENABLED"]) == (0, False)
    assert settings["NEJAT_RETRY_AFTER_MAX"] == 0


@pytest.mark.parametrize("incremental", ["1", "on", "true"])
def test_a_replay_is_never_incremental(tmp_path, incremental):
    source = f"warc:{an_archive(tmp_path)}"
    with pytest.raises(ValueError) as error:
        SpiderArguments.parse(source=source, incremental=incremental)
    assert "leave incremental out" in str(error.value)
    assert SpiderArguments.parse(source=source, incremental="0").archives == (tmp_path / "run.warc.gz",)
