"""Retries that wait as long as the site asks: ``Retry-After`` on a 429 or a 503.

Scrapy's own RetryMiddleware retries at once (within the download delay), so a
site that answers 429 "Too Many Requests" with ``Retry-After: 30`` is asked
again a moment later, the retries run out, and the page is lost: a post gets
``article_error`` "HTTP 429", a listing page loses the rest of its chain.

Where the wait happens: in ``process_response``, after the download.  The
waiting request keeps its place among ``CONCURRENT_REQUESTS`` (the engine still
counts it as downloading), so with the project's one request at a time the
whole crawl waits with it, as the site asked; that is also what keeps the
crawl from closing while a page waits.  A stop cuts the wait short.
"""

from __future__ import annotations

import logging
import re
import time
from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import Self

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.utils.asyncio import sleep

logger = logging.getLogger(__name__)

# The codes whose Retry-After says when to come back (RFC 9110, section 10.2.3).
WAITING_CODES = frozenset({429, 503})

# How often a long wait looks whether the crawl is being stopped (Ctrl-C, a
# scrapyd cancel), so a stop need not sit out a Retry-After of minutes.
_STOP_CHECK_SECONDS = 1.0

_DELTA_SECONDS = re.compile(r"[0-9]+")


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` value asks to wait, from ``now`` (default: the clock).

    Either form: delta-seconds (``120``) or an HTTP-date (``Wed, 21 Oct 2015
    07:28:00 GMT``, or the obsolete RFC 850 and asctime forms).  A date in the
    past means no wait (0).  None: no header, or nothing readable in it.
    """
    if value is None:
        return None
    text = (value.decode("latin-1") if isinstance(value, bytes) else value).strip()
    if _DELTA_SECONDS.fullmatch(text):
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # the asctime form has no zone; HTTP dates are GMT
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware, but a retried 429 or 503 first waits out its ``Retry-After``.

    The wait is capped by ``NEJAT_RETRY_AFTER_MAX`` seconds (a longer
    Retry-After waits the cap).  Without the header, or with nothing readable
    in it, the retry goes as Scrapy's would.  A 429 is always retried, whatever
    ``RETRY_HTTP_CODES`` says: it is the site asking us to slow down, not a
    broken page.  Retries that have run out, and ``dont_retry`` requests, never
    wait: the response goes on as it came.
    """

    crawler: Crawler

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.retry_http_codes.add(429)
        self.max_wait = max(0.0, settings.getfloat("NEJAT_RETRY_AFTER_MAX"))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        middleware = cls(crawler.settings)
        middleware.crawler = crawler
        return middleware

    # Scrapy awaits a coroutine here; its own method is typed as a plain one.
    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        retry = super().process_response(request, response)
        if not isinstance(retry, Request) or response.status not in WAITING_CODES:
            return retry
        wait = self.wait_for(request, response)
        if wait and not await self._wait(wait):
            return response  # the crawl is stopping: no retry would be downloaded
        return retry

    def wait_for(self, request: Request, response: Response) -> float:
        """Seconds to wait before retrying ``request``, as its response asks, within the cap."""
        header = response.headers.get(b"Retry-After")
        if header is None:
            return 0.0
        asked = retry_after_seconds(header)
        if asked is None:
            logger.warning("Unreadable Retry-After %r on %s: retrying without waiting", header, request)
            return 0.0
        wait = min(asked, self.max_wait)
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value("nejat/retry_after/waited")
        stats.set_value("nejat/retry_after/seconds", stats.get_value("nejat/retry_after/seconds", 0) + wait)
        capped = ""
        if asked > self.max_wait:
            stats.inc_value("nejat/retry_after/capped")
            capped = f", capped by NEJAT_RETRY_AFTER_MAX={self.max_wait:g}"
        logger.info(
            "Retrying %s in %.1f s: HTTP %d with Retry-After %r%s",
            request,
            wait,
            response.status,
            header.decode("latin-1"),
            capped,
        )
        return wait

    async def _wait(self, seconds: float) -> bool:
        """Waits ``seconds`` on the event loop; False if the crawl is stopped meanwhile."""
        deadline = time.monotonic() + seconds
        while self.crawler.crawling and (left := deadline - time.monotonic()) > 0:
            await sleep(min(left, _STOP_CHECK_SECONDS))
        return self.crawler.crawling
