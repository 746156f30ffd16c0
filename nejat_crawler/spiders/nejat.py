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
from parsel import Selector
from scrapy.http import Response, TextResponse
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
            listing_urls=_parse_listings(listings, codes if editions else EDITION_CODES),
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
        self.allowed_domains = [self.origin.domain]

    @classmethod
    def check_arguments(cls, **kwargs: Any) -> None:
        """Raise a ValueError for arguments this spider cannot run with."""
        SpiderArguments.parse(**kwargs)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for listing_url in self.arguments.listing_urls:
            yield self._listing_request(listing_url, 1)

    def parse_listing(self, response: Response, edition: str, page_number: int) -> Iterator[Post | scrapy.Request]:
        page_url = self.origin.live_url(response.url)
        selector = self._live_selector(response)
        if selector is None:
            self.crawler.stats.inc_value("nejat/listings/not_html")
            logger.error("Listing page %s is not an HTML page; its chain ends here", page_url)
            return
        page = parse_listing(selector, page_url, get_edition(edition))
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
        page_number = failure.request.cb_kwargs["page_number"]
        if failure.check(HttpError) and response is not None and response.status == 404:
            if page_number > 1:
                # WordPress answers 404 one page past the last: the chain ends here.
                self.crawler.stats.inc_value("nejat/listings/past_end_404")
                logger.debug("Listing chain ended with 404 at %s", response.url)
                return
            self.crawler.stats.inc_value("nejat/listings/not_found")
            logger.error("Listing %s does not exist (HTTP 404)", self.origin.live_url(response.url))
            return
        self.crawler.stats.inc_value("nejat/listings/failed")
        logger.error("Listing page failed: %s (%s)", failure.request.url, failure.getErrorMessage())

    def parse_article(self, response: Response, post: Post) -> Iterator[Post]:
        selector = self._live_selector(response)
        if selector is None:
            yield self._without_article(post, "not an HTML page")
            return
        try:
            article = parse_article(selector, self.origin.live_url(response.url), get_edition(post.edition))
        except Exception as error:  # a parser bug must not lose the listing record
            logger.exception("Could not parse post page %s", post.url)
            yield self._without_article(post, f"parse error: {error!r}")
            return
        self.crawler.stats.inc_value("nejat/articles/parsed")
        if article.paginated:
            self.crawler.stats.inc_value("nejat/articles/paginated")
        for field in merge_article(post, article):
            self.crawler.stats.inc_value(f"nejat/merge/{field}_differs")
        yield post

    def article_failed(self, failure: Failure) -> Iterator[Post]:
        """A post page that failed for good still yields its listing record."""
        response = getattr(failure.value, "response", None)
        if failure.check(HttpError) and response is not None:
            reason = f"HTTP {response.status}"
        else:
            reason = f"{failure.type.__name__}: {failure.getErrorMessage()}"
        yield self._without_article(failure.request.cb_kwargs["post"], reason)

    def _without_article(self, post: Post, reason: str) -> Post:
        post.article_error = reason
        self.crawler.stats.inc_value("nejat/articles/failed")
        logger.warning("Post page %s failed (%s); keeping its listing record", post.url, reason)
        return post

    def _live_selector(self, response: Response) -> Selector | None:
        """The page with any mirror-absolute links folded back to the live site; None if not HTML."""
        if not isinstance(response, TextResponse):
            return None
        live_html = self.origin.live_html(response.text)
        return response.selector if live_html is response.text else Selector(text=live_html)

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
        edition = edition_of(url)
        if edition is None:
            raise ValueError(
                f"listing {path!r} is not under an edition; it must start with one of "
                + ", ".join(f"/{code}/" for code in EDITION_CODES)
            )
        if edition not in editions:
            raise ValueError(
                f"listing {path!r} belongs to edition {edition}, which editions={','.join(editions)} leaves out"
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
