"""The spider's ``-a`` arguments, parsed and checked in one place."""

from __future__ import annotations

import pytest

from nejat_crawler.arguments import SpiderArguments

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
        ({"max_pages": "zero"}, "max_pages must be a whole number of pages, not 'zero'"),
        ({"max_pages": "0"}, "max_pages must be at least 1, not 0"),
        ({"max_pages": "9" * 5000}, "max_pages must be a whole number of pages"),
        ({"listings": "/xx/topic/un"}, "listing '/xx/topic/un' is not under an edition"),
        ({"articles": "maybe"}, "articles must be 1 or 0, not 'maybe'"),
        ({"edition": "fa"}, "unknown argument(s) edition; the nejat spider takes editions, mirror,"),
        ({"editions": "fa", "listings": "/en/topic/un"}, "belongs to edition en, which editions=fa leaves out"),
        ({"mirror": "127.0.0.1"}, "mirror must be an http(s) origin"),
        ({"mirror": "http://127.0.0.1:8000/en/"}, "mirror must be an origin without a path"),
    ],
)
def test_bad_arguments_say_what_is_valid(arguments, message):
    with pytest.raises(ValueError) as error:
        SpiderArguments.parse(**arguments)
    assert message in str(error.value)
