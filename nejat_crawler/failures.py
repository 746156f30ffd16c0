"""Why a page could not be had, in plain words, for ``article_error`` and the log.

Twisted and Scrapy describe failures with object reprs (``[<twisted.python.
failure.Failure …>]``) or nothing at all (``()``); a reader of the output wants
``connection lost before the whole page arrived``.
"""

from __future__ import annotations

import re

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TCPTimedOutError, TimeoutError
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from nejat_crawler.sources.perimeter import OutsideSite

_REPR = re.compile(r"\[?<[^<>]*>\]?")
# Failure types with one plain description each, checked in this order.  Scrapy
# 2.19's download handlers wrap Twisted's errors in their own; both are here.
_PLAIN: tuple[tuple[type[BaseException], str], ...] = (
    (CannotResolveHostError, "the site's name could not be looked up (DNS)"),
    (DNSLookupError, "the site's name could not be looked up (DNS)"),
    (DownloadConnectionRefusedError, "the connection was refused"),
    (ConnectionRefusedError, "the connection was refused"),
    (DownloadTimeoutError, "no answer within the download timeout"),
    (TimeoutError, "no answer within the download timeout"),
    (TCPTimedOutError, "no answer within the download timeout"),
    (ResponseDataLossError, "the connection was lost before the whole page arrived"),
    (ResponseNeverReceived, "the connection closed before any answer"),
    (ResponseFailed, "the connection was lost before the whole page arrived"),
    (DownloadFailedError, "the connection closed before the whole page arrived"),
)


NETWORK_ERRORS: tuple[type[BaseException], ...] = tuple(kind for kind, _ in _PLAIN)
"""Errors of the network or the site's server: foreseeable, their message says it all."""


def describe(failure: Failure) -> str:
    """A short plain-words reason for ``failure``; never an object repr."""
    error = failure.value
    if isinstance(error, HttpError):
        response = error.response
        retries = response.request.meta.get("retry_times", 0) if response.request else 0
        return f"HTTP {response.status}" + (f" after {retries} retries" if retries else "")
    if isinstance(error, OutsideSite):
        return error.plain()
    if isinstance(error, DownloadCancelledError):
        # Its message names the request, with the mirror's URL when there is one.
        if "max size" in str(error):
            return "the page is larger than the download size limit (DOWNLOAD_MAXSIZE)"
        return "the download was cancelled"
    for kind, words in _PLAIN:
        if isinstance(error, kind):
            return words
    if isinstance(error, IgnoreRequest):
        message = str(error)
        if "max redirections" in message:
            return "too many redirects (a redirect loop)"
        return f"request dropped: {message}" if message else "request dropped"
    return _named(error)


def _named(error: BaseException) -> str:
    # Object reprs (``<GET http://…>``, ``<twisted…Failure …>``) name the
    # request as fetched, which with a mirror is the mirror's URL.
    message = _REPR.sub("", str(error)).strip()
    if not message or message.startswith(("[<", "<", "(")):
        return type(error).__name__
    return f"{type(error).__name__}: {message}"
