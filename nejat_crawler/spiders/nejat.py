"""The ``nejat`` spider: walks each edition's listings and emits one item per post.

It only navigates.  Pages are parsed by ``nejat_crawler.pages``; items are
normalised by the pipelines; where pages come from (the live site or a
mirror) is ``nejat_crawler.sources``, so every URL seen here is a live one.
Arguments are described and checked in ``nejat_crawler.arguments``.

Nothing is fetched twice: Scrapy's duplicate filter drops a request for a
page already requested, which also ends pagination cycles.  Each post is
compared with what earlier runs exported (``nejat_crawler.state``, kept by
the run recorder); an incremental run skips the unchanged ones and stops a
listing chain where the known posts begin (``nejat_crawler.incremental``).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any, Self

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from nejat_crawler.arguments import SpiderArguments
from nejat_crawler.editions import get_edition
from nejat_crawler.extensions.run import RunRecorder
from nejat_crawler.incremental import Walks
from nejat_crawler.items import Post
from nejat_crawler.pages.article import parse_article
from nejat_crawler.pages.listing import ListingPage, parse_listing
from nejat_crawler.records import differs, merge_article, post_from_entry
from nejat_crawler.urls import canonical_url, edition_of, post_key

logger = logging.getLogger(__name__)


class NejatSpider(scrapy.Spider):
    name = "nejat"

    def __init__(self, **kwargs: Any) -> None:
        arguments = SpiderArguments.parse(**kwargs)
        super().__init__()
        self.arguments = arguments

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # Settings are still open here: arguments that configure other
        # components (the page source) reach them as settings.
        crawler.settings.update(spider.arguments.settings(), priority="spider")
        return spider

    @classmethod
    def check_arguments(cls, **kwargs: Any) -> None:
        """Raise a ValueError for arguments this spider cannot run with."""
        SpiderArguments.parse(**kwargs)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        recorder = self.crawler.get_extension(RunRecorder)
        self.walks = Walks(recorder.state if recorder else None, self.arguments.incremental, self.arguments.overlap)
        for listing_url in self.arguments.listing_urls:
            yield self._listing_request(listing_url, 1, chain=listing_url)

    def parse_listing(
        self, response: Response, edition: str, page_number: int, chain: str
    ) -> Iterator[Post | scrapy.Request]:
        page_url = canonical_url(response.url)
        if not isinstance(response, TextResponse):
            self.count("listings/not_html", first=page_url)
            logger.error("Listing page %s is not an HTML page; its chain ends here", page_url)
            self.walks.ended(chain, reached_end=False)
            return
        page = parse_listing(response.selector, page_url, get_edition(edition))
        self.count("listings/pages")
        if not page.entries:
            self.count("listings/empty_pages", first=page_url)
            logger.warning("No post entries on listing page %s", page_url)
        posts = list(self._posts(page, page_url))
        self.walks.page_walked(chain, [change for post in posts if (change := post.change)])
        for post in posts:
            if self.walks.incremental and post.change == "unchanged":
                self.count("incremental/unchanged_skipped")
            elif self.arguments.articles:
                yield self._article_request(post)
            else:
                yield post
        yield from self._next_listing(page, page_number, chain)

    def _posts(self, page: ListingPage, page_url: str) -> Iterator[Post]:
        """The page's posts, each with its change against earlier runs."""
        for entry in page.entries:
            key = post_key(entry.url)
            if key is None:
                self.count("listings/entry_not_a_post")
                logger.warning("Listing entry links to %s, which is not a post permalink", entry.url)
                continue
            post = post_from_entry(entry, *key, listing_url=page_url)
            post.change = self.walks.change_of(post.edition, post.post_id, post.raw.listing_fingerprint)
            yield post

    def _next_listing(self, page: ListingPage, page_number: int, chain: str) -> Iterator[scrapy.Request]:
        if self.walks.may_stop(chain):
            self.count("incremental/stopped_early")
            self.walks.ended(chain, reached_end=True)
        elif not page.next_url:
            self.count("listings/chain_ended")
            self.walks.ended(chain, reached_end=True)
        elif self.arguments.max_pages is not None and page_number >= self.arguments.max_pages:
            self.count("listings/max_pages_reached")
            self.walks.ended(chain, reached_end=False)
        elif edition_of(page.next_url) is None:
            self.count("listings/next_offsite")
            logger.warning("Ignoring 'Older Posts' link off the site: %s", page.next_url)
            self.walks.ended(chain, reached_end=False)
        else:
            yield self._listing_request(page.next_url, page_number + 1, chain)

    def listing_failed(self, failure: Failure) -> None:
        response = getattr(failure.value, "response", None)
        page_number, chain = request_of(failure).cb_kwargs["page_number"], request_of(failure).cb_kwargs["chain"]
        if failure.check(HttpError) and response is not None and response.status == 404 and page_number > 1:
            # WordPress answers 404 one page past the last: the chain ends here.
            self.count("listings/past_end_404")
            logger.debug("Listing chain ended with 404 at %s", response.url)
            self.walks.ended(chain, reached_end=True)
            return
        self.walks.ended(chain, reached_end=False)
        url = canonical_url(request_of(failure).url)
        if failure.check(HttpError) and response is not None and response.status == 404:
            self.count("listings/not_found", first=url)
            logger.error("Listing %s does not exist (HTTP 404)", url)
            return
        self.count("listings/failed", first=url)
        logger.error("Listing page failed: %s (%s)", url, failure.getErrorMessage())

    def parse_article(self, response: Response, post: Post) -> Iterator[Post]:
        if not isinstance(response, TextResponse):
            yield self._without_article(post, "not an HTML page")
            return
        try:
            article = parse_article(response.selector, canonical_url(response.url), get_edition(post.edition))
        except Exception as error:  # a parser bug must not lose the listing record
            logger.exception("Could not parse post page %s", post.url)
            yield self._without_article(post, f"parse error: {error!r}")
            return
        self.count("articles/parsed")
        if article.paginated:
            self.count("articles/paginated")
        for field in differs(post, article):
            self.count(f"merge/{field}_differs")
        merge_article(post, article)
        yield post

    def article_failed(self, failure: Failure) -> Iterator[Post]:
        """A post page that failed for good still yields its listing record."""
        response = getattr(failure.value, "response", None)
        if failure.check(HttpError) and response is not None:
            reason = f"HTTP {response.status}"
        else:
            reason = f"{failure.type.__name__}: {failure.getErrorMessage()}"
        yield self._without_article(request_of(failure).cb_kwargs["post"], reason)

    def _without_article(self, post: Post, reason: str) -> Post:
        post.article_error = reason
        self.count("articles/failed")
        logger.warning("Post page %s failed (%s); keeping its listing record", post.url, reason)
        return post

    def count(self, event: str, first: str | None = None) -> None:
        """Count ``event`` in the stats; ``first`` names its first occurrence
        (``nejat/<event>/first``), for the health checks' messages."""
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"nejat/{event}")
        if first is not None and self.crawler.stats.get_value(f"nejat/{event}/first") is None:
            self.crawler.stats.set_value(f"nejat/{event}/first", first)

    def _article_request(self, post: Post) -> scrapy.Request:
        # Above listing pages, so each page's posts are fetched before the
        # next listing page: the request queue stays one page deep.
        return scrapy.Request(
            post.url,
            callback=self.parse_article,
            errback=self.article_failed,
            cb_kwargs={"post": post},
            priority=1,
        )

    def _listing_request(self, url: str, page_number: int, chain: str) -> scrapy.Request:
        # The edition comes from the URL requested, so a redirect cannot make
        # a page parse with another edition's words.  ``chain`` names the
        # listing walked: the URL of its first page.
        return scrapy.Request(
            canonical_url(url),
            callback=self.parse_listing,
            errback=self.listing_failed,
            cb_kwargs={"edition": edition_of(url), "page_number": page_number, "chain": chain},
        )


def request_of(failure: Failure) -> scrapy.Request:
    """The request an errback's failure is about; Scrapy sets it on the failure."""
    request: scrapy.Request = failure.request  # type: ignore[attr-defined]
    return request
