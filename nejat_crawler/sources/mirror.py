"""A mirror standing in for the live site (pure, no Scrapy).

Requests for the site's origins go to the mirror; what comes back is mapped
to the live site: the URL, redirect headers, and the links a mirror writes
with its own origin.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urlsplit

from nejat_crawler.urls import LIVE_ORIGIN, is_site_origin

# Response headers that name a URL: Scrapy's redirect middleware follows
# Location; the others are mapped so the response reads as the live site's.
URL_HEADERS = (b"Location", b"Refresh", b"Content-Location")
# What may follow an origin in a link for it to be that origin and not a
# longer one (``http://127.0.0.1`` must not match ``http://127.0.0.1:8001``).
_ORIGIN_END = rb"(?![\w.:@-])"
_NO_CREDENTIALS = (
    "mirror must be an origin without credentials (user:password@), such as http://127.0.0.1:8000; "
    "the value is not repeated here"
)


class Mirror:
    def __init__(self, origin: str) -> None:
        if "@" in origin:
            # Never kept, so never logged: a URL with userinfo would carry it into every error line.
            raise ValueError(_NO_CREDENTIALS)
        self.origin = origin
        """``scheme://host[:port]`` of the mirror, without a trailing slash."""
        # The plain spelling, and the JSON-escaped one (``http:\/\/127.0.0.1``) of JSON-LD.
        self._replacements = tuple(
            (re.compile(re.escape(mirror.encode()) + _ORIGIN_END), live.encode())
            for mirror, live in ((origin, LIVE_ORIGIN), (origin.replace("/", "\\/"), LIVE_ORIGIN.replace("/", "\\/")))
        )

    @classmethod
    def parse(cls, value: str) -> Mirror:
        """Validate a ``-a mirror=`` value; a ValueError says what is wrong.

        A value with credentials (``user:password@``) is refused without being
        repeated, so the password reaches no console or log.
        """
        value = value.strip()
        if "@" in value:  # an origin has no "@"; the path, query and fragment it could hide in are refused anyway
            raise ValueError(_NO_CREDENTIALS)
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"mirror must be an http(s) origin such as http://127.0.0.1:8000, not {value!r}")
        if parts.path.strip("/") or parts.query or parts.fragment:
            raise ValueError(f"mirror must be an origin without a path, such as http://127.0.0.1:8000, not {value!r}")
        _check_port(value, parts)
        return cls(f"{parts.scheme}://{parts.netloc}")

    def outgoing(self, url: str) -> str:
        """The mirror URL for a URL of the live site; other URLs unchanged."""
        if not is_site_origin(url):
            return url
        parts = urlsplit(url)
        return self.origin + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

    def incoming(self, data: bytes) -> bytes:
        """``data`` (a body or a header) with the mirror's origin replaced by the live site's.

        Both origins are ASCII, so this works on the bytes of any
        ASCII-compatible encoding without decoding the page.
        """
        for mirror, live in self._replacements:
            data = mirror.sub(live, data)
        return data


def _check_port(value: str, parts: SplitResult) -> None:
    """A port, when the origin names one, is a number from 1 to 65535 (``urlsplit`` checks only on demand)."""
    try:
        port = parts.port
    except ValueError:  # not a number, or out of range
        port = 0
    if port == 0 or parts.netloc.endswith(":"):
        raise ValueError(f"mirror port must be a number from 1 to 65535, not {value!r}")
