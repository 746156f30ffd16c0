"""The WARC archive without the engine: what ``WarcFile`` writes, what ``WarcArchive`` answers,
what ``check_archive`` refuses, and what the capture middleware stores from a mirror."""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import logging
import random
import zlib
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import Headers, HtmlResponse, Response, TextResponse
from scrapy.responsetypes import responsetypes
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from nejat_crawler.sources.capture import WarcCaptureMiddleware
from nejat_crawler.sources.mirror import Mirror
from nejat_crawler.warc import WarcArchive, WarcFile, check_archive

LIVE = "https://www.nejatngo.org"
MIRROR = "http://127.0.0.1:8123"
HTML = b"text/html; charset=UTF-8"
PERSIAN = "<html><body><h1>سازمان نجات — خانواده‌های اشرف</h1><p>۱۴۰۲/۰۶/۳۱</p></body></html>".encode()
INFO = {"software": "nejat-crawler test", "arguments": "{}"}


def exchange(path: str, body: bytes = b"<html></html>", status: int = 200, headers=None) -> tuple[Request, Response]:
    """A request for ``LIVE + path`` and its response, as the download handler returns them."""
    request = Request(LIVE + path)
    headers = Headers(headers or {b"Content-Type": HTML})
    response_class = responsetypes.from_args(headers=headers, url=request.url, body=body)
    return request, response_class(request.url, status=status, headers=headers, body=body, request=request)


def create(path: Path) -> WarcFile:
    """A new archive meant for ``path`` (``folder/<stem>.warc.gz``)."""
    return WarcFile.create(path.parent, path.name.removesuffix(".warc.gz"), INFO)


def write_archive(path: Path, *exchanges: tuple[Request, Response], complete: bool = True) -> Path:
    archive = create(path)
    for request, response in exchanges:
        archive.write(request, response)
    return archive.close(complete=complete)


def records(path: Path) -> list[tuple[str, str | None, object, bytes]]:
    """(type, target URI, HTTP status and headers, payload as stored) of every record."""
    found = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            uri = record.rec_headers.get_header("WARC-Target-URI")
            found.append((record.rec_type, uri, record.http_headers, record.raw_stream.read()))
    return found


def record_headers(path: Path, rec_type: str) -> list:
    with path.open("rb") as stream:
        return [record.rec_headers for record in ArchiveIterator(stream) if record.rec_type == rec_type]


def values(http_headers, name: str) -> list[str]:
    return [value for key, value in http_headers.headers if key.lower() == name.lower()]


# --- WarcFile ---------------------------------------------------------------------


def test_a_response_is_stored_as_received(tmp_path):
    headers = Headers({b"Content-Type": HTML, b"Transfer-Encoding": b"chunked"})
    headers.setlist(b"Set-Cookie", [b"a=1; Path=/", b"b=2; HttpOnly"])
    path = write_archive(tmp_path / "a.warc.gz", exchange("/fa/posts/12", PERSIAN, headers=headers))
    kinds = [kind for kind, *_ in records(path)]
    assert kinds == ["warcinfo", "response", "request"]
    _, uri, http, payload = records(path)[1]
    assert uri == f"{LIVE}/fa/posts/12"
    assert (http.protocol, http.statusline) == ("HTTP/1.1", "200 OK")
    assert values(http, "Set-Cookie") == ["a=1; Path=/", "b=2; HttpOnly"]
    assert values(http, "Content-Type") == [HTML.decode()]
    assert payload == PERSIAN
    # Scrapy joined the chunks: a reader told "chunked" would try to un-chunk the body.
    assert values(http, "Transfer-Encoding") == []
    [response_headers] = record_headers(path, "response")
    digest = "sha1:" + base64.b32encode(hashlib.sha1(PERSIAN).digest()).decode()
    assert response_headers.get_header("WARC-Payload-Digest") == digest


@pytest.mark.parametrize(("status", "line"), [(404, "404 Not Found"), (503, "503 Service Unavailable"), (599, "599")])
def test_the_status_line_carries_the_standard_reason(tmp_path, status, line):
    path = write_archive(tmp_path / "a.warc.gz", exchange("/en/", status=status))
    assert records(path)[1][2].statusline == line


def test_the_request_record_follows_its_response(tmp_path):
    path = write_archive(tmp_path / "a.warc.gz", exchange("/fa/page/2?s=x"))
    [response_headers] = record_headers(path, "response")
    [request_headers] = record_headers(path, "request")
    assert request_headers.get_header("WARC-Concurrent-To") == response_headers.get_header("WARC-Record-ID")
    assert request_headers.get_header("WARC-Date") == response_headers.get_header("WARC-Date")
    assert request_headers.get_header("WARC-Target-URI") == f"{LIVE}/fa/page/2?s=x"
    http = records(path)[2][2]
    assert values(http, "Host") == ["www.nejatngo.org"]


def test_the_request_record_has_a_whole_request_line(tmp_path):
    # An application/http request block is an HTTP message: method, target and version.
    path = write_archive(tmp_path / "a.warc.gz", exchange("/fa/page/2?s=x"))
    http = records(path)[2][2]
    assert http.to_str().splitlines()[0] == "GET /fa/page/2?s=x HTTP/1.1"


def test_the_warcinfo_record_comes_first_with_the_run_s_fields(tmp_path):
    path = write_archive(tmp_path / "a.warc.gz", exchange("/en/"))
    with path.open("rb") as stream:
        first = next(iter(ArchiveIterator(stream)))
        assert first.rec_type == "warcinfo"
        fields = first.content_stream().read().decode()
    assert "software: nejat-crawler test\r\n" in fields and "arguments: {}\r\n" in fields


def test_each_record_is_its_own_gzip_member(tmp_path):
    path = write_archive(tmp_path / "a.warc.gz", exchange("/en/"), exchange("/ar/"))
    with path.open("rb") as stream:
        iterator = ArchiveIterator(stream)
        offsets = [iterator.get_record_offset() for _ in iterator]
    data = path.read_bytes()
    assert len(offsets) == 5
    for start, end in zip(offsets, [*offsets[1:], len(data)], strict=True):
        member = zlib.decompressobj(zlib.MAX_WBITS | 16)
        assert member.decompress(data[start:end]).startswith(b"WARC/1.0\r\n")
        assert member.eof and member.unused_data == b""


def test_the_archive_is_a_part_file_until_closed_complete(tmp_path):
    path = tmp_path / "runs" / "run.warc.gz"
    archive = create(path)
    archive.write(*exchange("/en/"))
    archive.write(*exchange("/ar/"))
    assert not path.exists() and (tmp_path / "runs" / "run.warc.gz.part").is_file()
    assert (archive.records, archive.responses) == (5, 2)
    assert archive.close(complete=True) == path
    assert path.is_file() and not (tmp_path / "runs" / "run.warc.gz.part").exists()
    assert [kind for kind, *_ in records(path)] == ["warcinfo", "response", "request", "response", "request"]


def test_an_archive_closed_incomplete_stays_a_part_file(tmp_path):
    path = tmp_path / "run.warc.gz"
    kept = write_archive(path, exchange("/en/"), complete=False)
    assert kept == tmp_path / "run.warc.gz.part"
    assert kept.is_file() and not path.exists()
    assert [kind for kind, *_ in records(kept)] == ["warcinfo", "response", "request"]


def test_credentials_the_request_carried_are_not_stored(tmp_path):
    # Scrapy's proxy middleware adds Proxy-Authorization from https_proxy=user:password@…
    request, response = exchange("/en/")
    request.headers[b"Authorization"] = b"Basic c2l0ZTpzZWNyZXQtMQ=="
    request.headers[b"Proxy-Authorization"] = b"Basic cHJveHk6c2VjcmV0LTI="
    request.headers[b"User-Agent"] = b"nejat-crawler test"
    request.headers[b"Cookie"] = b"session=1"
    path = write_archive(tmp_path / "a.warc.gz", (request, response))
    http = records(path)[2][2]
    assert values(http, "Authorization") == [] and values(http, "Proxy-Authorization") == []
    # Whatever else was sent is kept.
    assert values(http, "User-Agent") == ["nejat-crawler test"] and values(http, "Cookie") == ["session=1"]
    stored = gzip.decompress(path.read_bytes())
    assert b"c2l0ZTpzZWNyZXQtMQ" not in stored and b"cHJveHk6c2VjcmV0" not in stored
    assert b"authorization" not in stored.lower()


def warcinfo_fields(path: Path) -> dict[str, str]:
    with path.open("rb") as stream:
        first = next(iter(ArchiveIterator(stream)))
        lines = first.content_stream().read().decode().splitlines()
    assert first.rec_type == "warcinfo"
    return {
        "WARC-Filename": first.rec_headers.get_header("WARC-Filename"),
        **dict(line.split(": ", 1) for line in lines),
    }


def test_an_archive_is_never_replaced(tmp_path):
    first = write_archive(tmp_path / "run.warc.gz", exchange("/en/", b"first"))
    kept = first.read_bytes()
    # A later run of the same name (-O out.jsonl twice, or two runs in one second) gets a name of its own.
    second = create(tmp_path / "run.warc.gz")
    assert (second.path, second.partial) == (tmp_path / "run-2.warc.gz", tmp_path / "run-2.warc.gz.part")
    # So does a run that starts while that one still writes (or after it was killed): its .part is not reused.
    third = create(tmp_path / "run.warc.gz")
    assert third.path == tmp_path / "run-3.warc.gz"
    second.write(*exchange("/en/", b"second"))
    third.write(*exchange("/en/", b"third"))
    assert (second.close(complete=True), third.close(complete=True)) == (second.path, third.path)
    assert first.read_bytes() == kept
    assert sorted(path.name for path in tmp_path.iterdir()) == ["run-2.warc.gz", "run-3.warc.gz", "run.warc.gz"]
    for path, body in ((first, b"first"), (second.path, b"second"), (third.path, b"third")):
        assert records(path)[1][3] == body
        # The warcinfo record names the file it is in.
        fields = warcinfo_fields(path)
        assert fields["isPartOf"] == path.name.removesuffix(".warc.gz")
        assert fields["WARC-Filename"] == path.name
        assert fields["software"] == INFO["software"]


# --- WarcArchive ------------------------------------------------------------------


def test_a_url_is_answered_with_its_records_in_order_then_the_last_again(tmp_path):
    path = write_archive(
        tmp_path / "a.warc.gz",
        exchange("/en/", b"first", status=503),
        exchange("/ar/", b"arabic"),
        exchange("/en/", b"second", status=500),
        exchange("/en/", PERSIAN),
    )
    archive = WarcArchive.open((path,))
    answers = [archive.response(Request(f"{LIVE}/en/")) for _ in range(5)]
    assert [(answer.status, answer.body) for answer in answers] == [
        (503, b"first"),
        (500, b"second"),
        (200, PERSIAN),
        (200, PERSIAN),
        (200, PERSIAN),
    ]
    assert archive.response(Request(f"{LIVE}/ar/")).body == b"arabic"


def test_a_replayed_response_is_the_stored_one(tmp_path):
    headers = Headers({b"Content-Type": HTML})
    headers.setlist(b"Set-Cookie", [b"a=1", b"b=2"])
    path = write_archive(tmp_path / "a.warc.gz", exchange("/fa/posts/12", PERSIAN, headers=headers))
    request = Request(f"{LIVE}/fa/posts/12")
    response = WarcArchive.open((path,)).response(request)
    assert isinstance(response, HtmlResponse)
    assert (response.url, response.status, response.body) == (request.url, 200, PERSIAN)
    assert response.request is request
    assert response.headers.getlist(b"Set-Cookie") == [b"a=1", b"b=2"]
    assert "warc" in response.flags
    assert "خانواده‌های" in response.text


def test_a_later_archive_answers_for_the_urls_it_holds(tmp_path):
    older = write_archive(tmp_path / "older.warc.gz", exchange("/en/", b"old en"), exchange("/fa/", b"old fa"))
    newer = write_archive(tmp_path / "newer.warc.gz", exchange("/en/", b"new en"))
    archive = WarcArchive.open((older, newer))
    assert archive.response(Request(f"{LIVE}/en/")).body == b"new en"
    assert archive.response(Request(f"{LIVE}/fa/")).body == b"old fa"
    assert WarcArchive.open((newer, older)).response(Request(f"{LIVE}/en/")).body == b"old en"


def test_a_url_not_in_the_archive_is_not_answered(tmp_path):
    path = write_archive(tmp_path / "a.warc.gz", exchange("/en/"))
    archive = WarcArchive.open((path,))
    assert archive.response(Request(f"{LIVE}/ar/")) is None
    assert archive.response(Request(f"{MIRROR}/en/")) is None
    assert archive.response(Request(f"{LIVE}/en/")) is not None


@pytest.mark.parametrize(
    ("stored", "asked"),
    [
        ("/en/?b=2&a=1", "/en/?a=1&b=2"),
        ("/fa/tag/%D8%A7%DB%8C%D8%B1%D8%A7%D9%86", "/fa/tag/%d8%a7%db%8c%d8%b1%d8%a7%d9%86"),
        ("/en/?b=2&a=1", "/en/?b=2&a=1#comments"),
        ("/ar/#top", "/ar/"),
        ("/ar/#top", "/ar/#top"),
    ],
    ids=["argument-order", "lower-case-escapes", "fragment-asked", "fragment-stored", "same-fragment"],
)
def test_another_spelling_of_a_stored_url_finds_its_records(tmp_path, stored, asked):
    path = write_archive(tmp_path / "a.warc.gz", exchange(stored, b"first", status=503), exchange(stored, b"page"))
    archive = WarcArchive.open((path,))
    answers = [archive.response(Request(LIVE + asked)) for _ in range(2)]
    assert None not in answers
    assert [answer.body for answer in answers] == [b"first", b"page"]  # in turn, as for the stored spelling
    assert answers[0].url == LIVE + asked  # under the URL asked for


def test_the_stored_spelling_wins_and_another_url_is_another_url(tmp_path):
    path = write_archive(
        tmp_path / "a.warc.gz", exchange("/sq/?x=1&y=2", b"as written"), exchange("/sq/?y=2&x=1", b"the other way")
    )
    archive = WarcArchive.open((path,))
    assert archive.response(Request(f"{LIVE}/sq/?x=1&y=2")).body == b"as written"
    assert archive.response(Request(f"{LIVE}/sq/?y=2&x=1")).body == b"the other way"
    assert archive.response(Request(f"{LIVE}/sq/?x=1&y=3")) is None
    assert archive.response(Request(f"{LIVE}/sq/?x=1")) is None


@pytest.mark.parametrize("method", ["POST", "HEAD", "PUT"])
def test_only_a_get_is_answered(tmp_path, method):
    path = write_archive(tmp_path / "a.warc.gz", exchange("/en/", b"busy", status=503), exchange("/en/", b"page"))
    archive = WarcArchive.open((path,))
    # The records are those of GETs: a form sent, or a HEAD, is none of them.
    assert archive.response(Request(f"{LIVE}/en/", method=method, body=b"s=x" if method != "HEAD" else b"")) is None
    # And it used up no turn: the GETs get the records in order.
    assert [archive.response(Request(f"{LIVE}/en/")).status for _ in range(2)] == [503, 200]


def write_raw_archive(path: Path, *stored: tuple[str, str, bytes]) -> Path:
    """An archive of (URL, HTTP status line, body) response records, written with warcio alone."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, status_line, body in stored:
            http = StatusAndHeaders(status_line, [("Content-Type", HTML.decode())], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http
                )
            )
    return path


@pytest.mark.parametrize("status_line", ["abc Broken", "OK", "", "2OO OK"])
def test_a_record_with_a_broken_status_line_is_not_answered(tmp_path, caplog, status_line):
    path = write_raw_archive(
        tmp_path / "other.warc.gz",
        (f"{LIVE}/en/", status_line, b"<html>broken</html>"),
        (f"{LIVE}/ar/", "200 OK", b"<html>whole</html>"),
    )
    archive = WarcArchive.open((path,))
    with caplog.at_level(logging.WARNING, logger="nejat_crawler.warc"):
        assert archive.response(Request(f"{LIVE}/en/")) is None
    [warning] = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert f"{LIVE}/en/" in warning and str(path) in warning
    # The records that can be read still answer.
    assert archive.response(Request(f"{LIVE}/ar/")).body == b"<html>whole</html>"


def page_body(number: int) -> bytes:
    """A page that does not compress: a cut in its record falls inside its body."""
    return PERSIAN + random.Random(number).randbytes(20_000)


def cut_archive(tmp_path: Path) -> tuple[Path, list[str], str]:
    """An archive of four pages cut in the middle of the third page's response record.

    Returns the cut copy, the URLs stored whole before the cut, and the URL whose record is cut.
    """
    pages = [(f"/en/page/{number}", page_body(number)) for number in range(1, 5)]
    whole = write_archive(tmp_path / "whole.warc.gz", *(exchange(path, body) for path, body in pages))
    with whole.open("rb") as stream:
        iterator = ArchiveIterator(stream)
        offsets = [(record.rec_type, iterator.get_record_offset()) for record in iterator]
    responses = [offset for kind, offset in offsets if kind == "response"]
    following = offsets[[offset for _, offset in offsets].index(responses[2]) + 1][1]
    cut = tmp_path / "cut.warc.gz.part"
    cut.write_bytes(whole.read_bytes()[: (responses[2] + following) // 2])
    return cut, [LIVE + path for path, _ in pages[:2]], LIVE + pages[2][0]


def test_a_cut_archive_still_answers_the_records_before_the_cut(tmp_path):
    cut, before, _ = cut_archive(tmp_path)
    check_archive(cut)  # it starts with a record: a killed run's archive can be replayed
    archive = WarcArchive.open((cut,))
    for number, url in enumerate(before, start=1):
        response = archive.response(Request(url))
        assert response is not None, url
        assert response.body == page_body(number)
    assert archive.response(Request(f"{LIVE}/en/page/4")) is None


def test_a_cut_archive_does_not_answer_with_the_record_it_cuts(tmp_path):
    cut, _, damaged = cut_archive(tmp_path)
    response = WarcArchive.open((cut,)).response(Request(damaged))
    # Half a page answered as the page would be parsed as if the site had sent it.
    assert response is None, f"{damaged} answered with {len(response.body)} of its {len(page_body(3))} bytes"


def test_a_cut_archive_is_reported(tmp_path, caplog):
    cut, _, _ = cut_archive(tmp_path)
    with caplog.at_level(logging.WARNING, logger="nejat_crawler.warc"):
        WarcArchive.open((cut,))
    assert any(str(cut) in record.getMessage() for record in caplog.records if record.levelno == logging.WARNING)


# --- check_archive ----------------------------------------------------------------


def test_check_archive_accepts_a_warc_file(tmp_path):
    check_archive(write_archive(tmp_path / "a.warc.gz", exchange("/en/")))
    check_archive(write_archive(tmp_path / "b.warc.gz", complete=False))  # only the warcinfo record


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: folder / "missing.warc.gz", "does not exist or is not a file"),
        (lambda folder: folder, "does not exist or is not a file"),
        (lambda folder: _write(folder / "notes.txt", b"just some text\nover two lines\n"), "not a WARC file"),
        (lambda folder: _write(folder / "x.warc.gz", gzip.compress(b"<html>not a record</html>")), "not a WARC file"),
        (lambda folder: _write(folder / "empty.warc.gz", b""), "not a WARC file"),
    ],
    ids=["missing", "folder", "text", "gzip-text", "empty"],
)
def test_check_archive_refuses_what_is_not_a_warc_file(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(ValueError, match=message) as raised:
        check_archive(path)
    assert str(path) in str(raised.value)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- the capture middleware --------------------------------------------------------


class Recorder:
    """Stands for the run recorder: all the middleware asks of it is its archive."""

    def __init__(self, warc: WarcFile | None) -> None:
        self.warc = warc


def mirrored_page() -> bytes:
    return (
        f'<html><head><link rel="canonical" href="{MIRROR}/en/posts/7">'
        f'<script type="application/ld+json">{{"url": "{MIRROR.replace("/", chr(92) + "/")}\\/en\\/posts\\/7"}}'
        f'</script></head><body><a href="{MIRROR}/en/page/2">older</a> {PERSIAN.decode()}</body></html>'
    ).encode()


def live_page() -> bytes:
    return (
        mirrored_page()
        .replace(MIRROR.encode() + b"/", LIVE.encode() + b"/")
        .replace(MIRROR.replace("/", "\\/").encode(), LIVE.replace("/", "\\/").encode())
    )


ENCODINGS = {"gzip": gzip.compress, "deflate": zlib.compress}


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("built", ["as the transport builds it", "as a text response"])
def test_a_compressed_page_from_a_mirror_is_stored_decoded_as_the_live_site_s(tmp_path, encoding, built):
    compressed = ENCODINGS[encoding](mirrored_page())
    headers = {b"Content-Type": HTML, b"Content-Encoding": encoding.encode(), b"Content-Length": str(len(compressed))}
    request, response = exchange("/en/posts/7", compressed, headers=headers)
    if built == "as a text response":
        response = HtmlResponse(response.url, headers=response.headers, body=compressed, request=request)
    else:  # what Scrapy's HTTP handler returns for an encoded body: not yet a TextResponse
        assert type(response) is Response
    archive = create(tmp_path / "a.warc.gz")
    passed_on = WarcCaptureMiddleware(Recorder(archive), Mirror.parse(MIRROR)).process_response(request, response)
    path = archive.close(complete=True)
    # The crawl goes on with the response as received; only the stored copy is mapped.
    assert passed_on is response and passed_on.body == compressed
    _, uri, http, payload = records(path)[1]
    assert uri == f"{LIVE}/en/posts/7"
    assert MIRROR.encode() + b"/" not in payload and b"127.0.0.1:8123\\/" not in payload
    assert payload == live_page()
    assert values(http, "Content-Encoding") == []
    assert values(http, "Content-Length") == [str(len(payload))]


def test_a_page_from_a_mirror_is_stored_with_the_live_site_s_links(tmp_path):
    request, response = exchange("/en/posts/7", mirrored_page())
    assert isinstance(response, TextResponse)
    archive = create(tmp_path / "a.warc.gz")
    WarcCaptureMiddleware(Recorder(archive), Mirror.parse(MIRROR)).process_response(request, response)
    assert records(archive.close(complete=True))[1][3] == live_page()


def test_without_a_mirror_the_page_is_stored_exactly_as_received(tmp_path):
    compressed = gzip.compress(mirrored_page())
    request, response = exchange(
        "/en/posts/7", compressed, headers={b"Content-Type": HTML, b"Content-Encoding": b"gzip"}
    )
    archive = create(tmp_path / "a.warc.gz")
    WarcCaptureMiddleware(Recorder(archive), None).process_response(request, response)
    _, _, http, payload = records(archive.close(complete=True))[1]
    assert payload == compressed
    assert values(http, "Content-Encoding") == ["gzip"]


class FullDisk:
    """A file that takes the first ``room`` writes, then fails like a full disk."""

    def __init__(self, room: int) -> None:
        self.room, self.writes = room, 0

    def write(self, data: bytes) -> int:
        self.writes += 1
        if self.writes > self.room:
            raise OSError(28, "No space left on device")
        return len(data)


def test_a_write_error_stops_the_archive_not_the_crawl(tmp_path, caplog):
    disk = FullDisk(room=2)  # the warcinfo record and one response record
    archive = WarcFile(tmp_path / "a.warc.gz", disk, INFO)
    middleware = WarcCaptureMiddleware(Recorder(archive), None)
    request, response = exchange("/en/")
    with caplog.at_level(logging.ERROR):
        assert middleware.process_response(request, response) is response
    assert archive.failure is not None and "No space left on device" in archive.failure
    assert "Could not write the WARC archive" in caplog.text
    tried = disk.writes
    later_request, later_response = exchange("/ar/")
    assert middleware.process_response(later_request, later_response) is later_response
    assert disk.writes == tried  # no more records go to a failed archive


def test_no_archive_no_record(tmp_path):
    request, response = exchange("/en/")
    assert WarcCaptureMiddleware(Recorder(None), None).process_response(request, response) is response
