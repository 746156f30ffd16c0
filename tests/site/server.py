"""A local HTTP server that answers like the nejatngo.org WordPress installs.

Routing follows WordPress with permalinks that have no trailing slash: the
edition home is ``/{ed}/``, pages are ``…/page/N``, archives live under
``/{ed}/topic/{slug}`` and ``/{ed}/tag/{slug}``, posts under ``/{ed}/posts/{id}``.
Canonical redirects (``/en`` → ``/en/``, ``…/page/1`` → page 1, trailing
slashes and ``/amp/`` on posts) are 301s; a page number past the end is 404.
Pages are rendered per request, so nothing is written to disk.

    with ReplicaServer() as server:
        urllib.request.urlopen(server.url + "/en/")
        assert server.requests[-1] == ("GET", "/en/", 200)

Run by hand: ``python -m tests.site.server [--port 8000] [--variant full]``.
"""

from __future__ import annotations

import argparse
import gzip
import re
import socket
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, unquote, urlsplit

from . import content as site
from .render import VARIANTS, render_listing, render_not_found, render_post

ROBOTS_TXT = "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n"
HTML = "text/html; charset=UTF-8"

_ED = "(en|ar|fa|sq)"
_POST = re.compile(rf"/{_ED}/posts/(\d+)(/amp/?|/)?")
_LISTING = re.compile(rf"/{_ED}(?:/(topic|tag)/([^/]+))?(?:/page/(\d+))?(/?)")


@dataclass(frozen=True)
class Reply:
    status: int
    body: str = ""
    location: str | None = None
    """Where to redirect: a path (and query), made absolute on this server, or an absolute URL."""
    content_type: str = HTML
    headers: tuple[tuple[str, str], ...] = ()
    """More response headers, e.g. ``(("Retry-After", "2"),)``."""
    delay: float = 0.0
    """Seconds to wait before answering: a slow server."""
    fault: str | None = None
    """``"reset"``: close the connection without an answer; ``"truncate"``: promise
    more bytes (Content-Length) than are sent, then close."""


Fault = Reply | list[Reply]
"""A fixed reply for every request of a path, or replies for its first requests
in order (a burst of 503s); once a list is used up, the site answers again."""


def _redirect(path: str, query: str = "") -> Reply:
    return Reply(301, "", path + (f"?{query}" if query else ""))


def _not_found(edition: str | None, variant: str) -> Reply:
    return Reply(404, render_not_found(edition, variant))


def route(target: str, variant: str = "full") -> Reply:
    """Answer a request target (path and query) the way the live WordPress would."""
    parts = urlsplit(target)
    path, query = parts.path, parts.query
    if path == "/robots.txt":
        return Reply(200, ROBOTS_TXT, content_type="text/plain; charset=utf-8")
    edition = path.split("/")[1] if path.count("/") >= 1 else None
    if match := _POST.fullmatch(path):
        return _post_reply(match, query, variant)
    if match := _LISTING.fullmatch(path):
        return _listing_reply(match, query, variant)
    return _not_found(edition if edition in site.EDITIONS else None, variant)


def _post_reply(match: re.Match[str], query: str, variant: str) -> Reply:
    edition, post_id, tail = match[1], int(match[2]), match[3]
    try:
        item = site.post(edition, post_id)
    except KeyError:
        return _not_found(edition, variant)
    if tail:  # ".../posts/ID/" and ".../posts/ID/amp/" are not canonical
        return _redirect(item.path, query)
    if item.page_status != 200:
        return Reply(item.page_status, render_not_found(edition, variant))
    return Reply(200, render_post(item, variant))  # any query (?amp=1, ?=1, ?replytocom=…) gives the same page


def _listing_reply(match: re.Match[str], query: str, variant: str) -> Reply:
    edition, kind, slug, number, slash = match.groups()
    if kind is None and number is None:
        if not slash:
            return _redirect(f"/{edition}/", query)
        shortlink = parse_qs(query).get("p", [""])[0]
        if shortlink.isdigit():  # the ?p=ID shortlink WordPress prints in <head>
            try:
                return _redirect(site.post(edition, int(shortlink)).path)
            except KeyError:
                return _not_found(edition, variant)
    listing = site.find_listing(edition, kind or "home", unquote(slug) if slug else None)
    if listing is None:
        return _not_found(edition, variant)
    page = int(number) if number else 1
    if not 1 <= page <= listing.page_count:
        return _not_found(edition, variant)  # WordPress answers 404 past the last page
    if (number and page == 1) or (slash and (kind or number)):
        return _redirect(listing.page_path(page), query)
    return Reply(200, render_listing(listing, page, variant))


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"
    timeout = 30  # idle keep-alive connections do not hold a thread forever

    def version_string(self) -> str:
        return "Apache"  # what the live host announces; no Python version in the headers

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def _answer(self, with_body: bool) -> None:
        try:
            reply = self.server.fault_for(self.path) or route(self.path, self.server.variant)
        except Exception:  # a bug in the replica: show it, answer 500, keep serving
            traceback.print_exc()
            reply = Reply(500, "internal error", content_type="text/plain; charset=utf-8")
        # Record before answering, so a client that has its response also sees the record.
        self.server.record(self.command, self.path, reply.status)
        time.sleep(reply.delay)
        if reply.fault == "reset":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        text = reply.body
        if self.server.own_links:
            # Like a local copy of the site that rewrote links to its own origin.
            host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
            text = text.replace(site.LIVE_ORIGIN, f"http://{host}")
        body = text.encode("utf-8")
        self.send_response(reply.status)
        if self.server.gzip_bodies and "gzip" in (self.headers.get("Accept-Encoding") or ""):
            body = gzip.compress(body)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(body) * (2 if reply.fault == "truncate" else 1)))
        for name, value in reply.headers:
            self.send_header(name, value)
        if reply.location is not None:
            host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
            absolute = reply.location.startswith(("http://", "https://"))
            self.send_header("Location", reply.location if absolute else f"http://{host}{reply.location}")
        self.end_headers()
        if with_body:
            self.wfile.write(body)
        if reply.fault == "truncate":
            self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: tests read ``ReplicaServer.requests`` instead of a log."""


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # A crawl opens many connections at once; socketserver's default backlog
    # of 5 would make some wait for a TCP retry.
    request_queue_size = 64

    def __init__(
        self,
        address: tuple[str, int],
        variant: str,
        log: list[tuple[str, str, int]],
        own_links: bool = False,
        faults: dict[str, Fault] | None = None,
        gzip_bodies: bool = False,
    ) -> None:
        super().__init__(address, _Handler)
        self.variant = variant
        self.own_links = own_links
        self.faults = {
            path: list(fault) if isinstance(fault, list) else fault for path, fault in (faults or {}).items()
        }
        self.gzip_bodies = gzip_bodies
        self._log = log
        self._lock = threading.Lock()

    def fault_for(self, target: str) -> Reply | None:
        """The fixed reply for ``target``, if any; a list gives its replies one by one."""
        with self._lock:
            fault = self.faults.get(target)
            if isinstance(fault, list):
                return fault.pop(0) if fault else None
            return fault

    def record(self, method: str, target: str, status: int) -> None:
        with self._lock:
            self._log.append((method, target, status))

    def handle_error(self, request: object, client_address: object) -> None:
        # Crawlers drop connections mid-response on purpose; that is no error worth a traceback.
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


class ReplicaServer:
    """The replica on 127.0.0.1, served from a daemon thread while the context is open.

    ``requests`` lists ``(method, path_including_query, status)`` for every request,
    in arrival order; handler threads only append to it (under a lock).
    """

    def __init__(
        self,
        port: int = 0,
        variant: str = "full",
        host: str = "127.0.0.1",
        own_links: bool = False,
        faults: dict[str, Fault] | None = None,
        gzip_bodies: bool = False,
    ) -> None:
        if variant not in VARIANTS:
            raise ValueError(f"unknown variant {variant!r}; choose one of {', '.join(VARIANTS)}")
        self.variant = variant
        self.own_links = own_links
        """Write links with this server's own origin instead of the live site's."""
        self.faults = faults or {}
        """Fixed replies by request target (path and query), answered instead of the site's (see ``Fault``)."""
        self.gzip_bodies = gzip_bodies
        """Compress bodies for clients that accept gzip, as a caching front would."""
        self.host = host
        self.port = port
        self.requests: list[tuple[str, str, int]] = []
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Base URL without a trailing slash, e.g. "http://127.0.0.1:50123"."""
        return f"http://{self.host}:{self.port}"

    def start(self) -> ReplicaServer:
        if self._httpd is not None:
            return self
        self._httpd = _HTTPServer(
            (self.host, self.port), self.variant, self.requests, self.own_links, self.faults, self.gzip_bodies
        )
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="replica-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = self._thread = None

    def __enter__(self) -> ReplicaServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.site.server", description="Serve the nejatngo.org replica.")
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (0 picks a free one; default 8000)")
    parser.add_argument("--variant", choices=VARIANTS, default="full", help="how machine-readable dates are written")
    args = parser.parse_args(argv)
    with ReplicaServer(port=args.port, variant=args.variant) as server:
        print(f"Serving the nejatngo.org replica ({server.variant}) at {server.url}/  (Ctrl-C stops)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("\nstopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
