"""robots.txt obeyed by every request, including those that wait for its first download."""

from __future__ import annotations

from typing import TypeVar

from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

_T = TypeVar("_T")


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
