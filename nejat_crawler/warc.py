"""WARC files: every response the crawl receives kept as evidence, and answered again from it.

Capture (``NEJAT_WARC_ENABLED``): ``WarcFile`` writes a ``warcinfo`` record,
then one ``response`` and one ``request`` record per response received, under
the live site's URL, as warcio builds them (status line, every header value,
payload digest, ``WARC-Date`` at fetch time).  Each record is its own gzip
member, so pywb and ReplayWeb.page can seek to it.  warcio would compress at
level 9: on a 100 KB page that is 5.5 ms of CPU, half of what the whole crawl
spends on the page.  Level 1 takes 0.8 ms for a file about 15 % larger than
level 6's, so records are built uncompressed by warcio and compressed here.  The file is written under
``<name>.part`` and renamed once the run finished.

Replay (``-a source=warc:PATH[,PATH…]``): ``WarcArchive`` indexes the
response records of the archives and answers a request with the record
stored for its URL, bytes as they were received.  A URL fetched more than
once in the captured run (a retry after a 503) gets its records in the
same order, then the last one again; when several archives hold a URL, the
last archive named answers for it.
"""

from __future__ import annotations

import io
import logging
import zlib
from collections import defaultdict
from http import HTTPStatus
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes
from w3lib.url import canonicalize_url
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from nejat_crawler.files import PartFile, create_new

logger = logging.getLogger(__name__)

_COMPRESSION_LEVEL = 1
# How the bytes travelled, no longer true of the body as stored: Scrapy's
# transport has already joined the chunks.  A reader would try to un-chunk it.
_TRANSPORT_HEADERS = frozenset({b"transfer-encoding"})
# Credentials a request may carry (Scrapy's proxy middleware adds the first
# from https_proxy=user:password@…): an archive is shared as evidence.
_CREDENTIAL_HEADERS = frozenset({b"proxy-authorization", b"authorization"})


class WarcFile(PartFile):
    """A ``.warc.gz`` written record by record under ``<name>.part``."""

    def __init__(self, path: Path, handle: BinaryIO, info: dict[str, Any]) -> None:
        super().__init__(path, handle)
        self._buffer = io.BytesIO()
        self._writer = WARCWriter(self._buffer, gzip=False)
        self.records = 0
        self.responses = 0
        self.failure: str | None = None
        """Why writing stopped (a full disk); the archive is then incomplete."""
        self._write(self._writer.create_warcinfo_record(path.name, info))

    @classmethod
    def create(cls, folder: Path, stem: str, info: dict[str, Any]) -> WarcFile:
        """A new archive ``folder/<stem>.warc.gz``, or ``<stem>-2.warc.gz``…: an
        earlier run's archive is evidence, never replaced (``-o`` appends a feed,
        ``-O`` replaces one, and both leave the old archive where it is)."""
        path, handle = create_new(folder, stem, ".warc.gz")
        return cls(path, handle, {**info, "isPartOf": path.name.removesuffix(".warc.gz")})

    def write(self, request: Request, response: Response) -> None:
        """The exchange as received: a response record, then its request record."""
        url = request.url
        status = f"{response.status} {_reason(response.status)}".rstrip()
        protocol = response.protocol or "HTTP/1.1"
        http_headers = StatusAndHeaders(status, _header_list(response.headers, _TRANSPORT_HEADERS), protocol=protocol)
        stored = self._writer.create_warc_record(
            url, "response", payload=io.BytesIO(response.body), length=len(response.body), http_headers=http_headers
        )
        self._write(stored)
        self.responses += 1
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        sent = [("Host", parts.netloc), *_header_list(request.headers, _CREDENTIAL_HEADERS)]
        request_line = StatusAndHeaders(f"{request.method} {target} HTTP/1.1", sent, is_http_request=True)
        asked = self._writer.create_warc_record(
            url, "request", payload=io.BytesIO(request.body), length=len(request.body), http_headers=request_line
        )
        asked.rec_headers.replace_header("WARC-Date", stored.rec_headers.get_header("WARC-Date"))
        asked.rec_headers.add_header("WARC-Concurrent-To", stored.rec_headers.get_header("WARC-Record-ID"))
        self._write(asked)

    def _write(self, record: ArcWarcRecord) -> None:
        self._writer.write_record(record)
        data = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        compressor = zlib.compressobj(_COMPRESSION_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS | 16)
        self.handle.write(compressor.compress(data) + compressor.flush())
        self.records += 1


def _reason(status: int) -> str:
    # Scrapy keeps the status code, not the phrase the server sent with it.
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _header_list(headers: Headers, left_out: frozenset[bytes]) -> list[tuple[str, str]]:
    """Every value of every header but ``left_out``, in order, as text (bytes kept one for one)."""
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        if name.lower() not in left_out
        for value in values
    ]


def check_archive(path: Path) -> None:
    """Raise a ValueError unless ``path`` is a readable file that starts with a WARC record."""
    if not path.is_file():
        raise ValueError(f"the archive {path} does not exist or is not a file")
    try:
        with path.open("rb") as stream:
            first = next(iter(ArchiveIterator(stream)), None)
    except OSError as error:
        raise ValueError(f"cannot read the archive {path}: {error.strerror or error}") from None
    except ArchiveLoadFailed:
        first = None
    if first is None:
        raise ValueError(f"{path} is not a WARC file: it does not start with a WARC record")


def _cut_short(record: ArcWarcRecord) -> bool:
    """True when the record's content ends before the length its header gives.

    warcio hands out a record cut by the end of the file (a killed run's
    last one) with what is there; only the unread remainder tells.
    """
    while record.raw_stream.read(1 << 16):
        pass
    return bool(record.raw_stream.limit)


class WarcArchive:
    """The response records of one or more WARC files, by target URL."""

    def __init__(self, records: dict[str, list[tuple[Path, int]]]) -> None:
        self._records = records
        self._answered: defaultdict[str, int] = defaultdict(int)
        # Another spelling of a stored URL (arguments in another order, lower-case
        # escapes, a fragment) finds its records too: archives from other tools
        # spell URLs their way.
        self._spellings = {canonicalize_url(uri): uri for uri in reversed(records)}

    @classmethod
    def open(cls, paths: tuple[Path, ...]) -> WarcArchive:
        """Index ``paths`` (checked with ``check_archive`` first).

        An archive cut short (the ``.part`` of a killed run) answers with the
        records before the cut, and a warning says so.
        """
        records: dict[str, list[tuple[Path, int]]] = {}
        for path in paths:
            found: defaultdict[str, list[tuple[Path, int]]] = defaultdict(list)
            with path.open("rb") as stream:
                iterator = ArchiveIterator(stream)
                try:
                    for record in iterator:
                        if _cut_short(record):
                            raise EOFError(f"a record at byte {iterator.get_record_offset()} ends early")
                        if record.rec_type == "response":
                            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                            found[uri].append((path, iterator.get_record_offset()))
                except (ArchiveLoadFailed, EOFError, zlib.error, ValueError) as error:
                    logger.warning("The archive %s is cut short or damaged (%s): replaying what precedes", path, error)
            records.update(found)  # a later archive answers for the URLs it holds
        return cls(records)

    @property
    def urls(self) -> int:
        return len(self._records)

    def response(self, request: Request) -> Response | None:
        """The stored response for a GET of ``request``'s URL, or None when the
        archives hold none (or only a record that cannot be read, with a warning)."""
        url = request.url
        url = url if url in self._records else self._spellings.get(canonicalize_url(url), url)
        stored = self._records.get(url)
        if request.method != "GET" or not stored:
            return None
        turn = self._answered[url]
        self._answered[url] = turn + 1
        path, offset = stored[min(turn, len(stored) - 1)]
        try:
            return _stored_response(request, path, offset)
        except (OSError, ArchiveLoadFailed, EOFError, zlib.error, ValueError) as error:
            logger.warning("Cannot read the record of %s at byte %d of %s: %s", url, offset, path, error)
            return None


def _stored_response(request: Request, path: Path, offset: int) -> Response:
    with path.open("rb") as stream:
        stream.seek(offset)
        record = next(iter(ArchiveIterator(stream)))
        body = record.raw_stream.read()
    http = record.http_headers
    headers = Headers()
    for name, value in http.headers:
        headers.appendlist(name, value)
    status = int(http.get_statuscode())
    response_class = responsetypes.from_args(headers=headers, url=request.url, body=body)
    return response_class(
        url=request.url,
        status=status,
        headers=headers,
        body=body,
        request=request,
        flags=["warc"],
        protocol=http.protocol,
    )
