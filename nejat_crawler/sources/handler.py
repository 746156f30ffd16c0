"""The ``http``/``https`` download handler: the live site, or a mirror standing in for it."""

from __future__ import annotations

from scrapy import Request
from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.utils.misc import build_from_crawler, load_object

from nejat_crawler.sources.mirror import URL_HEADERS, Mirror


class PageSourceHandler(BaseDownloadHandler):
    """Downloads through ``NEJAT_HTTP_HANDLER``, from the mirror when ``NEJAT_MIRROR`` is set.

    With a mirror, the request goes to the mirror's URL and the response
    comes back as the live page: its URL, its redirect headers and the links
    in its text name the live site, so nothing above this handler knows.
    """

    lazy = False

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        mirror = crawler.settings.get("NEJAT_MIRROR")
        self.mirror = Mirror.parse(mirror) if mirror else None
        self.transport: BaseDownloadHandler = build_from_crawler(
            load_object(crawler.settings["NEJAT_HTTP_HANDLER"]), crawler
        )

    async def download_request(self, request: Request) -> Response:
        if self.mirror is None:
            return await self.transport.download_request(request)
        # A local mirror gains nothing from compression, and an identity body
        # is one whose links can be mapped here, before decompression.
        outgoing = request.replace(url=self.mirror.outgoing(request.url))
        outgoing.headers[b"Accept-Encoding"] = b"identity"
        response = await self.transport.download_request(outgoing)
        return self._as_live(response, request, self.mirror)

    def _as_live(self, response: Response, request: Request, mirror: Mirror) -> Response:
        headers = response.headers.copy()
        for name in URL_HEADERS:
            if name in headers:
                headers.setlist(name, [mirror.incoming(value) for value in headers.getlist(name)])
        body = response.body
        if isinstance(response, TextResponse) and not response.headers.get(b"Content-Encoding"):
            body = mirror.incoming(body)
        return response.replace(url=request.url, headers=headers, body=body)

    async def close(self) -> None:
        await self.transport.close()
