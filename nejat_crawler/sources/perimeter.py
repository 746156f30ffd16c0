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
        redirected_from = request.meta.get("redirect_urls", [])
        origin = f" (redirected from {redirected_from[-1]})" if redirected_from else ""
        logger.warning("Refused %s: outside %s%s", request.url, LIVE_ORIGIN, origin)
        raise OutsideSite(f"{request.url} is outside {LIVE_ORIGIN}{origin}")
