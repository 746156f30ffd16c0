"""The ``nejat`` spider: walks each edition's listings and emits one item per post.

It only navigates.  Pages are parsed by ``nejat_crawler.pages``; items are
normalised by the pipelines.  Arguments (``-a name=value``):

========== ================================================== =====================
editions   comma list out of en, ar, fa, sq                   all four
mirror     origin to fetch from instead of the live site,     none
           e.g. http://127.0.0.1:8000; items keep live URLs
listings   comma list of listing paths to walk instead of     /{ed}/ per edition
           each edition's home, e.g. /en/topic/un
max_pages  cap on listing pages per listing chain             no cap
articles   1: fetch each post's own page once for the full    1
           record; 0: listing pages only
========== ================================================== =====================

Nothing is fetched twice: Scrapy's duplicate filter drops a request for a
page already requested, which also ends pagination cycles.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from nejat_crawler.editions import EDITION_CODES, get_edition
from nejat_crawler.items import Post
from nejat_crawler.pages.article import parse_article
from nejat_crawler.pages.listing import parse_listing
from nejat_crawler.records import merge_article, post_from_entry
from nejat_crawler.urls import Origin, canonical_url, edition_of, post_key

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SpiderArguments:
    """The spider's ``-a`` arguments, checked in one place before any request."""

    editions: tuple[str, ...]
    origin: Origin
    listing_urls: tuple[str, ...]
    max_pages: int | None
    articles: bool

    @classmethod
    def parse(
        cls,
        editions: str | None = None,
        mirror: str | None = None,
        listings: str | None = None,
        max_pages: str | int | None = None,
        articles: str | int | bool = True,
        **unknown: Any,
    ) -> SpiderArguments:
        """Parse the raw strings; a ValueError says what is wrong and what is valid."""
        unknown.pop("_job", None)  # scrapyd passes the job id as a spider argument
        if unknown:
            raise ValueError(
                f"unknown argument(s) {', '.join(sorted(unknown))}; "
                "the nejat spider takes editions, mirror, listings, max_pages and articles"
            )
        codes = _parse_editions(editions)
        return cls(
            editions=codes,
            origin=Origin.parse(mirror),
            listing_urls=_parse_listings(listings, codes),
            max_pages=_parse_max_pages(max_pages),
            articles=_parse_switch("articles", articles),
        )


class NejatSpider(scrapy.Spider):
    name = "nejat"

    def __init__(self, **kwargs: Any) -> None:
        arguments = SpiderArguments.parse(**kwargs)
        super().__init__()
        self.arguments = arguments
        self.origin = arguments.origin
        # Scrapy's offsite middleware: nothing but the origin is ever requested.
        self.allowed_domains = [self.origin.host]

    @classmethod
    def check_arguments(cls, **kwargs: Any) -> None:
        """Raise a ValueError for arguments this spider cannot run with."""
        SpiderArguments.parse(**kwargs)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for listing_url in self.arguments.listing_urls:
            yield self._listing_request(listing_url, 1)

    def parse_listing(self, response: Response, edition: str, page_number: int) -> Iterator[Post | scrapy.Request]:
        page_url = self.origin.live_url(response.url)
        page = parse_listing(response.selector, page_url, get_edition(edition))
        self.crawler.stats.inc_value("nejat/listings/pages")
        if not page.entries:
            self.crawler.stats.inc_value("nejat/listings/empty_pages")
            logger.warning("No post entries on listing page %s", page_url)
        for entry in page.entries:
            key = post_key(entry.url)
            if key is None:
                self.crawler.stats.inc_value("nejat/listings/entry_not_a_post")
                logger.warning("Listing entry links to %s, which is not a post permalink", entry.url)
                continue
            post = post_from_entry(entry, *key, listing_url=page_url)
            if self.arguments.articles:
                yield self._article_request(post)
            else:
                yield post
        if not page.next_url:
            self.crawler.stats.inc_value("nejat/listings/chain_ended")
        elif self.arguments.max_pages is not None and page_number >= self.arguments.max_pages:
            self.crawler.stats.inc_value("nejat/listings/max_pages_reached")
        elif edition_of(page.next_url) is None:
            self.crawler.stats.inc_value("nejat/listings/next_offsite")
            logger.warning("Ignoring 'Older Posts' link off the site: %s", page.next_url)
        else:
            yield self._listing_request(page.next_url, page_number + 1)

    def listing_failed(self, failure: Failure) -> None:
        response = getattr(failure.value, "response", None)
        if failure.check(HttpError) and response is not None and response.status == 404:
            # WordPress answers 404 one page past the last: the chain ends here.
            self.crawler.stats.inc_value("nejat/listings/past_end_404")
            logger.debug("Listing chain ended with 404 at %s", response.url)
            return
        self.crawler.stats.inc_value("nejat/listings/failed")
        logger.error("Listing page failed: %s (%s)", failure.request.url, failure.getErrorMessage())

    def parse_article(self, response: Response, post: Post) -> Iterator[Post]:
        article = parse_article(response.selector, self.origin.live_url(response.url), get_edition(post.edition))
        self.crawler.stats.inc_value("nejat/articles/parsed")
        for field in merge_article(post, article):
            self.crawler.stats.inc_value(f"nejat/merge/{field}_differs")
        yield post

    def article_failed(self, failure: Failure) -> Iterator[Post]:
        """A post page that failed for good still yields its listing record."""
        post: Post = failure.request.cb_kwargs["post"]
        response = getattr(failure.value, "response", None)
        if failure.check(HttpError) and response is not None:
            post.article_error = f"HTTP {response.status}"
        else:
            post.article_error = f"{failure.type.__name__}: {failure.getErrorMessage()}"
        self.crawler.stats.inc_value("nejat/articles/failed")
        logger.warning("Post page %s failed (%s); keeping its listing record", post.url, post.article_error)
        yield post

    def _article_request(self, post: Post) -> scrapy.Request:
        # Above listing pages, so each page's posts are fetched before the
        # next listing page: the request queue stays one page deep.
        return scrapy.Request(
            self.origin.fetch_url(post.url),
            callback=self.parse_article,
            errback=self.article_failed,
            cb_kwargs={"post": post},
            priority=1,
        )

    def _listing_request(self, url: str, page_number: int) -> scrapy.Request:
        # The edition comes from the URL requested, so a redirect cannot make
        # a page parse with another edition's words.
        return scrapy.Request(
            self.origin.fetch_url(url),
            callback=self.parse_listing,
            errback=self.listing_failed,
            cb_kwargs={"edition": edition_of(url), "page_number": page_number},
        )


def _parse_editions(value: str | None) -> tuple[str, ...]:
    if value is None or not value.strip():
        return EDITION_CODES
    codes = tuple(dict.fromkeys(code.strip().lower() for code in value.split(",") if code.strip()))
    for code in codes:
        get_edition(code)  # raises a ValueError naming the valid editions
    return codes


def _parse_listings(value: str | None, editions: tuple[str, ...]) -> tuple[str, ...]:
    if value is None or not value.strip():
        return tuple(canonical_url(f"/{code}/") for code in editions)
    urls = []
    for path in (p.strip() for p in value.split(",")):
        if not path:
            continue
        url = canonical_url(path if path.startswith(("http:", "https:", "/")) else "/" + path)
        if edition_of(url) is None:
            raise ValueError(
                f"listing {path!r} is not under an edition; it must start with one of "
                + ", ".join(f"/{code}/" for code in EDITION_CODES)
            )
        urls.append(url)
    return tuple(urls)


def _parse_max_pages(value: str | int | None) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        pages = int(value)
    except ValueError:
        raise ValueError(f"max_pages must be a whole number of pages, not {value!r}") from None
    if pages < 1:
        raise ValueError(f"max_pages must be at least 1, not {pages}")
    return pages


def _parse_switch(name: str, value: str | int | bool) -> bool:
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{name} must be 1 or 0, not {value!r}")
