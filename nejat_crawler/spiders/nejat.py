"""The ``nejat`` spider: walks each edition's listings and emits one item per post.

It only navigates.  Pages are parsed by ``nejat_crawler.pages``; items are
normalised by the pipelines; where pages come from is
``nejat_crawler.sources``, so every URL seen here is a live-site one.
Arguments are described and checked in ``nejat_crawler.arguments``.

Nothing is fetched twice, and no post is lost on the way:

- The spider keeps the set of pages (and, compactly, posts) it requested and never asks for one
  twice, which also ends pagination cycles.  Its requests bypass Scrapy's
  duplicate filter, which drops a request (a redirect to a page already
  fetched, say) before any errback runs: the post would vanish unreported.
- A post page that cannot be had keeps its listing record, with an
  ``article_error`` in plain words (``nejat_crawler.failures``).
- A page that answers 200 but is not a page of the site (WordPress's
  maintenance page, an empty body) is retried, then given up like an error.

Each post is compared with what earlier runs exported (``nejat_crawler.state``,
kept by the run recorder); an incremental run skips the unchanged ones and
stops a listing chain where the known posts begin (``nejat_crawler.incremental``).
Once the listings are walked (the spider is idle), known posts are checked
again from their pages: up to ``revisit`` of them, and those a complete
walk did not meet (``nejat_crawler.revisits``); deletions are emitted once
every check has ended.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from typing import Any, Self

import scrapy
from parsel import Selector
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import DontCloseSpider
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from nejat_crawler import failures
from nejat_crawler.arguments import SpiderArguments
from nejat_crawler.editions import get_edition
from nejat_crawler.extensions.run import RunRecorder
from nejat_crawler.incremental import Walks
from nejat_crawler.items import Deletion, Post
from nejat_crawler.pages.article import parse_article
from nejat_crawler.pages.listing import ListingPage, parse_listing
from nejat_crawler.pages.maintenance import not_a_page
from nejat_crawler.postset import PostSet
from nejat_crawler.records import differs, merge_article, post_from_entry, post_to_revisit
from nejat_crawler.revisits import Revisits
from nejat_crawler.state import GONE
from nejat_crawler.urls import canonical_url, edition_of, post_key, unsafe_path

logger = logging.getLogger(__name__)

# What the downloader noted about the last fetch; a retry starts afresh.
_DOWNLOAD_META = ("download_latency", "redirect_times", "redirect_ttl", "redirect_urls", "redirect_reasons")


class NejatSpider(scrapy.Spider):
    name = "nejat"

    def __init__(self, **kwargs: Any) -> None:
        arguments = SpiderArguments.parse(**kwargs)
        super().__init__()
        self.arguments = arguments
        self.requested: set[str] = set()
        """Canonical URLs of every listing page requested in this run."""
        self.posts_met = PostSet()
        """Every post requested or emitted in this run, a bit each."""

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # Settings are still open here: arguments that configure other
        # components (the page source) reach them as settings.
        crawler.settings.update(spider.arguments.settings(), priority="spider")
        crawler.signals.connect(spider.revisit_when_idle, signal=signals.spider_idle)
        return spider

    @classmethod
    def check_arguments(cls, **kwargs: Any) -> None:
        """Raise a ValueError for arguments this spider cannot run with."""
        SpiderArguments.parse(**kwargs)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        recorder = self.crawler.get_extension(RunRecorder)
        state = recorder.state if recorder else None
        self.walks = Walks(state, self.arguments.incremental, self.arguments.overlap)
        self.revisits = Revisits(
            state, self.settings.getfloat("NEJAT_DELETION_MAX_SHARE"), self.settings.getint("NEJAT_DELETION_GUARD_FROM")
        )
        self.revisits_planned = False
        for listing_url in self.arguments.listing_urls:
            if listing_url not in self.requested:
                yield self._listing_request(listing_url, 1, chain=listing_url)

    def parse_listing(
        self, response: Response, edition: str, page_number: int, chain: str
    ) -> Iterator[Post | scrapy.Request]:
        page_url = canonical_url(response.url)
        asked = canonical_url(response.meta["redirect_urls"][0]) if response.meta.get("redirect_urls") else page_url
        if asked != page_url and page_url in self.requested:
            # Redirected back to a page this run walked: whatever follows is unread.
            self.walks.ended(chain, reached_end=False)
            self._chain_cut(asked, chain, page_number, f"redirected to {page_url}, a page already walked")
            return
        selector = _page(response)
        if isinstance(selector, str):
            yield from self._retry_or_cut(response, page_url, chain, selector)
            return
        page = parse_listing(selector, page_url, get_edition(edition))
        self.count("listings/pages")
        if page.skipped:
            self.count("listings/entries_skipped", first=page_url, amount=page.skipped)
            logger.warning("%d entries of listing page %s could not be read", page.skipped, page_url)
        if not page.entries:
            self.count("listings/empty_pages", first=page_url)
            logger.warning("No post entries on listing page %s", page_url)
        posts = list(self._posts(page, page_url))
        self.walks.page_walked(chain, [(post.edition, post.post_id, post.change or "new") for post in posts])
        for post in posts:
            if self.walks.incremental and post.change == "unchanged":
                self.count("incremental/unchanged_skipped")
            elif (post.edition, post.post_id) in self.posts_met:
                continue  # listed on another page of this run: requested or emitted already
            elif self.arguments.articles:
                yield self._article_request(post)
            else:
                self.posts_met.add((post.edition, post.post_id))
                yield post
        yield from self._next_listing(page, page_url, page_number, chain)

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

    def _next_listing(self, page: ListingPage, page_url: str, page_number: int, chain: str) -> Iterator[scrapy.Request]:
        next_url = canonical_url(page.next_url) if page.next_url else None
        if self.walks.may_stop(chain):
            self.count("incremental/stopped_early")
            self.walks.ended(chain, reached_end=True)
        elif next_url is None:
            self.count("listings/chain_ended")
            self.walks.ended(chain, reached_end=True)
        elif next_url in self.requested:
            # "Older Posts" back to a page of this walk: the chain has no more.
            self.count("listings/chain_cycled")
            logger.warning(
                "'Older Posts' on %s leads back to %s, already walked: the listing ends here",
                page.next_url and chain,
                next_url,
            )
            self.walks.ended(chain, reached_end=True)
        elif self.arguments.max_pages is not None and page_number >= self.arguments.max_pages:
            self.count("listings/max_pages_reached")
            self.walks.ended(chain, reached_end=False)
        elif edition_of(next_url) is None or unsafe_path(next_url):
            self.walks.ended(chain, reached_end=False)
            reason = f"its 'Older Posts' link leaves the site's listings: {next_url}"
            self._chain_cut(next_url, chain, page_number + 1, reason)
        else:
            yield self._listing_request(next_url, page_number + 1, chain)

    def listing_failed(self, failure: Failure) -> None:
        request = request_of(failure)
        chain, page_number = request.cb_kwargs["chain"], request.cb_kwargs["page_number"]
        url = canonical_url(request.url)
        status = _status(failure)
        # WordPress answers 404 past the last page, but its last page links no
        # further: a 404 on a page the previous page linked is an error.
        self.walks.ended(chain, reached_end=False)
        if status == 404 and page_number == 1:
            self.count("listings/not_found", first=url)
            logger.error("Listing %s does not exist (HTTP 404)", url)
            return
        self._chain_cut(url, chain, page_number, failures.describe(failure))

    def parse_article(self, response: Response, post: Post) -> Iterator[Post | scrapy.Request]:
        selector = _page(response)
        if isinstance(selector, str):
            retry = self._retry(response, selector)
            yield retry or self._without_article(post, f"not the post page: {selector}")
            return
        landed = post_key(response.url)
        if landed != (post.edition, post.post_id):
            # WordPress redirects a merged or moved post to the one that replaced it,
            # and at times a removed one to a listing: neither is this post's page.
            where = "to another post" if landed else "away from the post to"
            yield self._without_article(post, f"redirected {where}, {canonical_url(response.url)}")
            return
        try:
            article = parse_article(selector, canonical_url(response.url), get_edition(post.edition))
        except Exception as error:  # a parser bug must not lose the listing record
            logger.exception("Could not parse post page %s", post.url)
            yield self._without_article(post, f"parse error: {type(error).__name__}")
            return
        if not article.title and not article.content_text:
            retry = self._retry(response, "no post")
            yield retry or self._without_article(post, "not the post page: no post title or content on it")
            return
        self.count("articles/parsed")
        self.revisits.page_answered(post.edition, post.post_id, 200)
        if article.paginated:
            self.count("articles/paginated")
        for field in differs(post, article):
            self.count(f"merge/{field}_differs")
        merge_article(post, article)
        yield post

    def article_failed(self, failure: Failure) -> Iterator[Post]:
        """A post page that failed for good still yields its listing record."""
        post: Post = request_of(failure).cb_kwargs["post"]
        status = _own_status(failure, post)
        if status is not None:
            self.revisits.page_answered(post.edition, post.post_id, status)
            post.raw = replace(post.raw, page_status=status)
        yield self._without_article(post, failures.describe(failure))

    def revisit_when_idle(self) -> None:
        """Once the listings are walked: check known posts again from their pages (once per run)."""
        if self.revisits_planned or not hasattr(self, "revisits"):
            return
        self.revisits_planned = True
        arguments = self.arguments
        missing_max = self.settings.getint("NEJAT_MISSING_CHECK_MAX")
        planned = self.revisits.plan(
            arguments.editions, arguments.revisit, self._walked_whole(), self.posts_met, missing_max
        )
        if self.revisits.missing_over_limit:
            self.count("revisits/missing_unchecked", amount=self.revisits.missing_over_limit)
            logger.warning(
                "%d known posts were missing from this complete walk beyond the %d checked "
                "(NEJAT_MISSING_CHECK_MAX): left for later runs",
                self.revisits.missing_over_limit,
                missing_max,
            )
        if not planned:
            return
        self.count("revisits/planned", amount=len(planned))
        assert self.crawler.engine is not None
        for edition, post_id in planned:
            self.posts_met.add((edition, post_id))
            self.crawler.engine.crawl(self._revisit_request(post_to_revisit(edition, post_id)))
        raise DontCloseSpider

    def closed(self, reason: str) -> None:
        """Say so when the crawl stopped with revisits still out: deletions they found are not written."""
        revisits = getattr(self, "revisits", None)
        if revisits is None or revisits.pending <= 0:
            return
        self.count("revisits/unfinished", amount=revisits.pending)
        logger.warning(
            "The crawl stopped (%s) with %d revisits unanswered: the %d deletion(s) found so far are not "
            "recorded; a later run checks those posts again",
            reason,
            revisits.pending,
            len(revisits.candidates),
        )

    def _walked_whole(self) -> tuple[str, ...]:
        """The editions whose every listing this run walked to its end, from their homes:
        a known post it did not meet has left the listings."""
        arguments = self.arguments
        homes = {canonical_url(f"/{code}/"): code for code in arguments.editions}
        if arguments.incremental or arguments.max_pages is not None or set(arguments.listing_urls) != set(homes):
            return ()
        return tuple(code for url, code in homes.items() if self.walks.reached_end(url))

    def parse_revisit(self, response: Response, post: Post) -> Iterator[Post | Deletion | scrapy.Request]:
        selector = _page(response)
        if isinstance(selector, str):
            retry = self._retry(response, selector)
            if retry is not None:
                yield retry
                return
            yield from self._not_checked(post, f"not the post page: {selector}")
            return
        if post_key(response.url) != (post.edition, post.post_id):
            yield from self._not_checked(post, f"redirected to {canonical_url(response.url)}")
            return
        try:
            article = parse_article(selector, canonical_url(response.url), get_edition(post.edition))
        except Exception as error:  # a parser bug must not stop the run's deletions from being written
            logger.exception("Could not parse post page %s", post.url)
            yield from self._not_checked(post, f"parse error: {type(error).__name__}")
            return
        if not article.title and not article.content_text:
            yield from self._not_checked(post, "no post title or content on its page")
            return
        self.revisits.page_answered(post.edition, post.post_id, 200)
        self.count("revisits/checked")
        if article.title:
            merge_article(post, article)
            yield post
        else:  # alive, but no line can be written without a title
            self.count("revisits/no_title")
            self.revisits.alive(post.edition, post.post_id)
        yield from self._revisit_done()

    def revisit_failed(self, failure: Failure) -> Iterator[Deletion]:
        post: Post = request_of(failure).cb_kwargs["post"]
        status = _own_status(failure, post)
        if status not in GONE:
            yield from self._not_checked(post, failures.describe(failure))
            return
        assert status is not None
        self.count("revisits/checked")
        news = self.revisits.found_gone(post.edition, post.post_id, status)
        self.count("revisits/found_gone" if news else "revisits/still_gone")
        yield from self._revisit_done()

    def _not_checked(self, post: Post, reason: str) -> Iterator[Deletion]:
        """A revisit with no answer to go by (5xx, timeout, redirect): never a deletion."""
        self.count("revisits/not_checked")
        self.revisits.not_checked(post.edition, post.post_id)
        logger.warning("Could not check post %s again (%s); a later run will", post.url, reason)
        yield from self._revisit_done()

    def _revisit_done(self) -> Iterator[Deletion]:
        """One revisit ended; after the last one, the deletions found (or none, past the guard)."""
        if not self.revisits.done():
            return
        deletions = self.revisits.deletions()
        assert self.crawler.stats is not None
        self.crawler.stats.set_value("nejat/revisits/pages_answered", self.revisits.answered)
        self.crawler.stats.set_value("nejat/revisits/pages_gone", self.revisits.gone)
        if self.revisits.withheld:
            self.count("revisits/deletions_withheld", amount=self.revisits.withheld)
            logger.error(
                "%d of %d post pages answered 404 or 410 (%.0f%%, above NEJAT_DELETION_MAX_SHARE %.0f%%): "
                "no deletion recorded; is the site down, or have its URLs changed?",
                self.revisits.gone,
                self.revisits.answered,
                100 * self.revisits.gone_share(),
                100 * self.revisits.max_gone_share,
            )
        if deletions:
            self.count("revisits/deleted", amount=len(deletions))
        yield from deletions

    def _retry_or_cut(self, response: Response, url: str, chain: str, problem: str) -> Iterator[scrapy.Request]:
        """A listing page that is not one: try it again, or give its chain up."""
        retry = self._retry(response, problem)
        if retry is not None:
            yield retry
            return
        self.walks.ended(chain, reached_end=False)
        page_number = response.request.cb_kwargs["page_number"] if response.request else 0
        self._chain_cut(url, chain, page_number, f"not a listing page: {problem}")

    def _retry(self, response: Response, reason: str) -> scrapy.Request | None:
        """The request of ``response`` once more (Scrapy's RETRY_TIMES), or None when used up."""
        if response.request is None:
            return None
        retry = get_retry_request(response.request, spider=self, reason=reason)
        if retry is not None:
            for key in _DOWNLOAD_META:
                retry.meta.pop(key, None)
        return retry

    def _chain_cut(self, url: str, chain: str, page_number: int, reason: str) -> None:
        self.count("listings/failed", first=url)
        logger.error(
            "Listing page %s failed for good (%s): the listing %s is cut after page %d, its older posts unread",
            url,
            reason,
            chain,
            page_number - 1,
        )

    def _without_article(self, post: Post, reason: str) -> Post:
        post.article_error = reason
        self.count("articles/failed")
        logger.warning("Post page %s failed (%s); keeping its listing record", post.url, reason)
        return post

    def count(self, event: str, first: str | None = None, amount: int = 1) -> None:
        """Count ``event`` in the stats; ``first`` names its first occurrence
        (``nejat/<event>/first``), for the health checks' messages."""
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"nejat/{event}", amount)
        if first is not None and self.crawler.stats.get_value(f"nejat/{event}/first") is None:
            self.crawler.stats.set_value(f"nejat/{event}/first", first)

    def _article_request(self, post: Post) -> scrapy.Request:
        self.posts_met.add((post.edition, post.post_id))
        # Above listing pages, so each page's posts are fetched before the
        # next listing page: the request queue stays one page deep.
        return scrapy.Request(
            post.url,
            callback=self.parse_article,
            errback=self.article_failed,
            cb_kwargs={"post": post},
            priority=1,
            dont_filter=True,
        )

    def _revisit_request(self, post: Post) -> scrapy.Request:
        return scrapy.Request(
            post.url,
            callback=self.parse_revisit,
            errback=self.revisit_failed,
            cb_kwargs={"post": post},
            dont_filter=True,
        )

    def _listing_request(self, url: str, page_number: int, chain: str) -> scrapy.Request:
        self.requested.add(canonical_url(url))
        # The edition comes from the URL requested, so a redirect cannot make
        # a page parse with another edition's words.  ``chain`` names the
        # listing walked: the URL of its first page.
        return scrapy.Request(
            canonical_url(url),
            callback=self.parse_listing,
            errback=self.listing_failed,
            cb_kwargs={"edition": edition_of(url), "page_number": page_number, "chain": chain},
            dont_filter=True,
        )


def _page(response: Response) -> Selector | str:
    """The page as HTML, whatever its Content-Type claims; or why it is not a page of the site."""
    selector: Selector
    if isinstance(response, HtmlResponse):
        selector = response.selector
    elif isinstance(response, TextResponse):
        # A JSON or plain-text Content-Type on an HTML page: parse it as HTML anyway.
        selector = Selector(text=response.text, type="html")
    else:
        return "not an HTML page"
    return not_a_page(selector) or selector


def _status(failure: Failure) -> int | None:
    response = getattr(failure.value, "response", None)
    return response.status if failure.check(HttpError) and response is not None else None


def _own_status(failure: Failure, post: Post) -> int | None:
    """The HTTP error status of the post's own page; None if the error came from
    elsewhere, where a redirect led: that page's 404 says nothing of the post."""
    status = _status(failure)
    response = getattr(failure.value, "response", None)
    if status is None or response is None or post_key(response.url) != (post.edition, post.post_id):
        return None
    return status


def request_of(failure: Failure) -> scrapy.Request:
    """The request an errback's failure is about; Scrapy sets it on the failure."""
    request: scrapy.Request = failure.request  # type: ignore[attr-defined]
    return request
