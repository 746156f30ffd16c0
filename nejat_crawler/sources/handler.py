"""The ``http``/``https`` download handler: the live site, a mirror standing in for it, or an archive."""

from __future__ import annotations

import logging

from scrapy import Request
from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.misc import build_from_crawler
from twisted.internet.defer import DeferredLock
from twisted.internet.threads import deferToThread

from nejat_crawler.arguments import parse_source
from nejat_crawler.sources.mirror import URL_HEADERS, Mirror
from nejat_crawler.warc import WarcArchive

logger = logging.getLogger(__name__)

# Set by Scrapy's proxy middleware for the live URL; a mirror is fetched directly.
_PROXY_META = ("proxy", "_auth_proxy", "_scheme_proxy")


class PageSourceHandler(BaseDownloadHandler):
    """Downloads with Scrapy's HTTP/1.1 handler, from the mirror when ``NEJAT_MIRROR`` is set.

    With ``NEJAT_SOURCE`` (``warc:PATH[,PATH…]``, from ``-a source=``) every
    request is answered from the archives and nothing is sent anywhere; a URL
    they do not hold is answered with an empty 404, counted under
    ``nejat/warc/missing``.  The archives are indexed on the first request,
    in a thread: reading a whole crawl's archive takes a while, and the
    crawl stays responsive to Ctrl-C meanwhile.

    With a mirror, the request goes to the mirror's URL and the response
    comes back under the live URL, its redirect headers naming the live
    site.  Links in the body are mapped after decompression, by
    ``MirrorLinksMiddleware``.
    """

    lazy = False

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        mirror = crawler.settings.get("NEJAT_MIRROR")
        self.mirror = Mirror.parse(mirror) if mirror else None
        source = crawler.settings.get("NEJAT_SOURCE")
        self.archive_paths = parse_source(source) if source else ()
        self.archive: WarcArchive | None = None
        self._indexing = DeferredLock()
        self.transport: BaseDownloadHandler = build_from_crawler(HTTP11DownloadHandler, crawler)

    async def download_request(self, request: Request) -> Response:
        if self.archive_paths:
            return self._replay(request, await self._indexed())
        if self.mirror is None:
            return await self.transport.download_request(request)
        outgoing = request.replace(url=self.mirror.outgoing(request.url))
        for key in _PROXY_META:
            outgoing.meta.pop(key, None)
        outgoing.headers.pop(b"Proxy-Authorization", None)
        try:
            response = await self.transport.download_request(outgoing)
        finally:
            # What the transport noted (download_latency, which AutoThrottle
            # reads) belongs to the request the rest of Scrapy knows.
            request.meta.update((key, value) for key, value in outgoing.meta.items() if key not in _PROXY_META)
        headers = response.headers.copy()
        for name in URL_HEADERS:
            if name in headers:
                headers.setlist(name, [self.mirror.incoming(value) for value in headers.getlist(name)])
        return response.replace(url=request.url, headers=headers)

    async def _indexed(self) -> WarcArchive:
        """The archives' index, built by the first request that needs it."""
        await maybe_deferred_to_future(self._indexing.acquire())
        try:
            if self.archive is None:
                logger.info("Indexing %s", ", ".join(map(str, self.archive_paths)))
                self.archive = await maybe_deferred_to_future(deferToThread(WarcArchive.open, self.archive_paths))
                logger.info("The archives hold responses for %d URLs", self.archive.urls)
        finally:
            self._indexing.release()
        return self.archive

    def _replay(self, request: Request, archive: WarcArchive) -> Response:
        response = archive.response(request)
        if response is not None:
            return response
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("nejat/warc/missing")
        return Response(request.url, status=404, request=request, flags=["warc", "missing"])

    async def close(self) -> None:
        await self.transport.close()
