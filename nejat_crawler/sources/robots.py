"""robots.txt obeyed by every request, including those that wait for its first download."""

from __future__ import annotations

import logging
from typing import TypeVar

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from nejat_crawler.failures import NETWORK_ERRORS

_T = TypeVar("_T")


class _NoTracebackForNetworkErrors(logging.Filter):
    """Scrapy logs a robots.txt it could not download with the whole traceback.  A network
    that fails (no DNS, a refused connection, a timeout) is foreseeable: its line says it all."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], NETWORK_ERRORS):
            record.exc_info = record.exc_text = None
        return True


_NETWORK_ERRORS_IN_ONE_LINE = _NoTracebackForNetworkErrors()


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware with its wait for robots.txt fixed.

    Works around a defect of Scrapy 2.19 (since ``robot_parser`` became a
    coroutine, scrapy/scrapy#6802, which dropped the Deferred it used to give
    each waiter): while a site's robots.txt is being downloaded, every
    other request for that site awaits the same Deferred directly.  Awaiting a
    Deferred consumes its result, so the first waiter gets the parsed
    robots.txt and every later one gets None, which the middleware reads as
    "no robots.txt, everything allowed".  Of the four editions' start
    requests, which all come before robots.txt is in, the last two were
    downloaded even under ``Disallow: /``.  Here each waiter gets a Deferred
    of its own, fired with the parser by a callback that passes it on.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        # Once per process: adding the same filter again does nothing.
        logging.getLogger(ScrapyRobotsTxtMiddleware.__module__).addFilter(_NETWORK_ERRORS_IN_ONE_LINE)

    async def robot_parser(self, request: Request) -> RobotParser | None:
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if isinstance(pending, Deferred):
            return await maybe_deferred_to_future(_own_copy(pending))
        return await super().robot_parser(request)


def _own_copy(shared: Deferred[_T]) -> Deferred[_T]:
    """A Deferred fired with ``shared``'s result, leaving that result to ``shared``'s other callbacks."""
    copy: Deferred[_T] = Deferred()

    def relay(result: _T) -> _T:
        copy.callback(result)
        return result

    shared.addCallback(relay)
    return copy
