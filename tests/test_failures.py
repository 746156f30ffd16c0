"""Why a page could not be had, in plain words: never an object repr, never the mirror's URL."""

from __future__ import annotations

import pytest
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from nejat_crawler.failures import describe
from nejat_crawler.sources.perimeter import OutsideSite

MIRRORED = "<GET http://127.0.0.1:8000/en/posts/1>"


def http_error(status: int, retries: int = 0) -> Failure:
    request = Request("https://www.nejatngo.org/en/posts/1", meta={"retry_times": retries} if retries else {})
    return Failure(HttpError(Response(request.url, status=status, request=request), "Ignoring non-200 response"))


TIMED_OUT = DownloadTimeoutError(f"Getting {MIRRORED} took longer than 30 seconds")
TOO_LARGE = DownloadCancelledError(f"Expected 9 bytes, larger than download max size (5) in request {MIRRORED}.")
CASES = [
    (CannotResolveHostError("www.nejatngo.org"), "the site's name could not be looked up (DNS)"),
    (DownloadConnectionRefusedError(MIRRORED), "the connection was refused"),
    (TIMED_OUT, "no answer within the download timeout"),
    (ResponseDataLossError(MIRRORED), "the connection was lost before the whole page arrived"),
    (DownloadFailedError("[<twisted.python.failure.Failure>]"), "the connection closed before the whole page arrived"),
    (TOO_LARGE, "the page is larger than the download size limit (DOWNLOAD_MAXSIZE)"),
    (IgnoreRequest("max redirections reached"), "too many redirects (a redirect loop)"),
    (
        OutsideSite("http://127.0.0.1:9/x", "https://www.nejatngo.org/en/posts/1"),
        "redirected off the site to http://127.0.0.1:9/x",
    ),
    (ValueError(f"something odd about {MIRRORED}"), "ValueError: something odd about"),
    (RuntimeError("()"), "RuntimeError"),
]


@pytest.mark.parametrize(("error", "words"), CASES)
def test_each_failure_in_plain_words(error: Exception, words: str) -> None:
    assert describe(Failure(error)) == words


def test_http_errors_say_the_status_and_the_retries() -> None:
    assert describe(http_error(404)) == "HTTP 404"
    assert describe(http_error(503, retries=2)) == "HTTP 503 after 2 retries"
