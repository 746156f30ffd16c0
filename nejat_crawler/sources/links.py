"""Links a mirror writes with its own origin, mapped back to the live site."""

from __future__ import annotations

from typing import Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response, TextResponse

from nejat_crawler.sources.mirror import Mirror


class MirrorLinksMiddleware:
    """Replaces the mirror's origin by the live site's in every text body.

    A downloader middleware just below HttpCompressionMiddleware, so it sees
    the body decompressed, and above MetaRefreshMiddleware, so a refresh to
    the mirror's own origin is followed as the live URL it stands for.
    """

    def __init__(self, mirror: Mirror) -> None:
        self.mirror = mirror

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        mirror = crawler.settings.get("NEJAT_MIRROR")
        if not mirror:
            raise NotConfigured  # no message: no mirror is the normal case
        return cls(Mirror.parse(mirror))

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, TextResponse) or b"Content-Encoding" in response.headers:
            return response
        body = self.mirror.incoming(response.body)
        if body == response.body:
            return response
        headers = response.headers.copy()
        if b"Content-Length" in headers:
            headers[b"Content-Length"] = str(len(body)).encode()
        return response.replace(body=body, headers=headers)
