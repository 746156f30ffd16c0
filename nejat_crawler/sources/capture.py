"""Every response the crawl receives, written to the run's WARC (``NEJAT_WARC_ENABLED``)."""

from __future__ import annotations

import gzip
import logging
import zlib
from collections.abc import Callable
from typing import Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response, TextResponse
from scrapy.responsetypes import responsetypes

from nejat_crawler.extensions.run import RunRecorder
from nejat_crawler.sources.mirror import Mirror

logger = logging.getLogger(__name__)

_DECODERS: dict[bytes, Callable[[bytes], bytes]] = {
    b"gzip": gzip.decompress,
    b"x-gzip": gzip.decompress,
    b"deflate": zlib.decompress,
}


class WarcCaptureMiddleware:
    """A downloader middleware next to the download handler (950), so it sees
    each response as received: redirects before they are followed, error
    pages before they are retried, bodies before they are decompressed, and
    robots.txt.  It counts exactly what ``downloader/response_count`` counts.

    From a mirror, the response is stored as the live site's: its links and
    redirect headers already name the live site (the handler mapped the
    headers; the body is mapped here), decoded first when compressed, the
    ``Content-Encoding`` header then dropped with the encoding.
    """

    def __init__(self, recorder: RunRecorder, mirror: Mirror | None) -> None:
        self.recorder = recorder
        self.mirror = mirror

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("NEJAT_WARC_ENABLED"):
            raise NotConfigured  # no message: no archive is the default
        if settings.get("NEJAT_SOURCE"):
            raise NotConfigured("NEJAT_WARC_ENABLED is ignored when pages come from an archive (source=warc:…)")
        recorder = crawler.get_extension(RunRecorder)
        if recorder is None:
            raise NotConfigured("NEJAT_WARC_ENABLED needs the run recorder extension, which names the archive")
        mirror = settings.get("NEJAT_MIRROR")
        return cls(recorder, Mirror.parse(mirror) if mirror else None)

    def process_response(self, request: Request, response: Response) -> Response:
        archive = self.recorder.warc
        # A page from Scrapy's HTTP cache was fetched on another day: not this run's evidence.
        if archive is None or archive.failure is not None or "cached" in response.flags:
            return response
        try:
            archive.write(request, self._as_live(response) if self.mirror else response)
        except OSError as error:  # a full disk: the crawl goes on, the run ends unhealthy
            archive.failure = str(error)
            logger.error("Could not write the WARC archive %s: %s; no more records go to it", archive.partial, error)
        return response

    def _as_live(self, response: Response) -> Response:
        """The response as the live site would have sent it: decoded, its links naming the site."""
        assert self.mirror is not None
        body, headers = response.body, response.headers.copy()
        encoding = (headers.get(b"Content-Encoding") or b"").strip().lower()
        if encoding:
            # Scrapy builds a compressed response as a plain Response: decode first, then look.
            decode = _DECODERS.get(encoding)
            if decode is None:
                logger.warning(
                    "Stored %s from the mirror as received (%s): its links name the mirror",
                    response.url,
                    encoding.decode(errors="replace"),
                )
                return response
            try:
                body = decode(body)
            except (OSError, zlib.error, EOFError):
                return response  # kept as received: the body is what it is
            del headers[b"Content-Encoding"]
        kind = responsetypes.from_args(headers=headers, url=response.url, body=body)
        if issubclass(kind, TextResponse):
            body = self.mirror.incoming(body)
        if b"Content-Length" in headers:
            headers[b"Content-Length"] = str(len(body)).encode()
        return response.replace(cls=kind, body=body, headers=headers)
