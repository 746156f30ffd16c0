"""The perimeter: no request leaves the site's own origins."""

from __future__ import annotations

import logging
from typing import Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

from nejat_crawler.urls import LIVE_ORIGIN, is_site_origin

logger = logging.getLogger(__name__)


class OutsideSite(IgnoreRequest):
    """A request (usually a redirect or a meta refresh) for a URL off the site."""

    def __init__(self, url: str, redirected_from: str | None) -> None:
        self.url = url
        self.redirected_from = redirected_from
        redirect_note = f" (redirected from {redirected_from})" if redirected_from else ""
        super().__init__(f"{url} is outside {LIVE_ORIGIN}{redirect_note}")

    def plain(self) -> str:
        """In plain words, for ``article_error``."""
        if self.redirected_from:
            return f"redirected off the site to {self.url}"
        return f"{self.url} is off the site"


class PerimeterMiddleware:
    """Refuses requests for any origin but the site's own, counting each.

    Scrapy's offsite filter compares host names only, so another port on the
    same host passed it.  Here scheme, host and port must all match.  The
    request's errback still runs, so a post whose page redirects away keeps
    its listing record and says why.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if is_site_origin(request.url):
            return
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("nejat/perimeter/refused")
        redirects = request.meta.get("redirect_urls", [])
        refused = OutsideSite(request.url, redirects[-1] if redirects else None)
        logger.warning("Refused %s", refused)
        raise refused
