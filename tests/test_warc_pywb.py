"""The WARC archive replays in pywb, the reference Wayback Machine (issue 11).

A small crawl of the replica writes its archive; ``wb-manager init`` and
``wb-manager add`` put it in a pywb collection; ``wayback`` serves that
collection on 127.0.0.1, and a post's replay comes back under its live-site URL.

pywb is not in the ``[test]`` extra: it pins ``pyOpenSSL<26.2`` (so
cryptography goes back too) and brings ``brotlipy``, whose ``brotli``
package hides Google's ``brotli`` module that Scrapy decodes ``br``
responses with.  It lives in a venv of its own, ``.venv-pywb``, found
there, beside this Python, or on the ``PATH``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import ProxyHandler, build_opener

import pytest
from parsel import Selector

from tests.crawling import ROOT, run_crawl
from tests.processes import stop_group
from tests.site import content
from tests.site.server import ReplicaServer, route

PYWB_VENV = ROOT / ".venv-pywb"
INSTALL_PYWB = "python3 -m venv .venv-pywb && .venv-pywb/bin/pip install 'pywb>=2.10,<3'"
COLLECTION = "nejat"
START_TIMEOUT = 30

# Straight to 127.0.0.1, whatever proxy the environment names.
_opener = build_opener(ProxyHandler({}))


def pywb_tool(name: str) -> str:
    """``wayback`` or ``wb-manager``: from ``.venv-pywb``, beside this Python, or on the ``PATH``."""
    for folder in (PYWB_VENV / "bin", Path(sys.executable).parent):
        if found := shutil.which(name, path=str(folder)):
            return found
    if found := shutil.which(name):
        return found
    pytest.fail(
        f"pywb's {name} was not found in {PYWB_VENV / 'bin'}, beside {sys.executable}, or on the PATH.  "
        f"pywb has a venv of its own; from the project root: {INSTALL_PYWB}",
        pytrace=False,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def pywb_env() -> dict[str, str]:
    """pywb asks its own index server on localhost: no proxy may stand between."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SCRAPY_SETTINGS_MODULE")}
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    return env


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def fetch(url: str) -> Reply:
    try:
        with _opener.open(url, timeout=10) as response:
            return Reply(response.status, dict(response.headers), response.read())
    except HTTPError as error:
        with error:
            return Reply(error.code, dict(error.headers), error.read())


@dataclass(frozen=True)
class Wayback:
    url: str
    """``http://127.0.0.1:<port>/nejat``: the collection's replay prefix."""

    def replay(self, target: str, mode: str = "mp_") -> Reply:
        """The newest capture of ``target``: ``mp_`` as a visitor sees it, ``id_`` as archived."""
        return fetch(f"{self.url}/{mode}/{target}")


def _manage(folder: Path, *arguments: str) -> None:
    command = [pywb_tool("wb-manager"), *arguments]
    done = subprocess.run(command, cwd=folder, env=pywb_env(), capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, f"{' '.join(command)} exited with {done.returncode}:\n{done.stdout}{done.stderr}"


def _wait_until_up(process: subprocess.Popen[bytes], url: str, log: Path) -> bool:
    """True once ``url`` answers; False if the server exited first (its port was taken since)."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            fetch(url)
            return True
        except (URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    pytest.fail(f"wayback did not answer on {url} within {START_TIMEOUT} s:\n{log.read_text(errors='replace')}")


@contextmanager
def wayback(folder: Path) -> Iterator[Wayback]:
    """pywb's ``wayback`` serving ``folder``'s collections on 127.0.0.1, stopped on the way out."""
    log = folder / "wayback.log"
    for _ in range(3):  # a free port can be taken between the probe and wayback's bind
        port = free_port()
        with log.open("wb") as output:
            # Its own session, so that it and anything it starts are stopped together.
            process = subprocess.Popen(
                [pywb_tool("wayback"), "--bind", "127.0.0.1", "--port", str(port)],
                cwd=folder,
                env=pywb_env(),
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            try:
                if _wait_until_up(process, f"http://127.0.0.1:{port}/", log):
                    yield Wayback(f"http://127.0.0.1:{port}/{COLLECTION}")
                    return
            finally:
                stop_group(process)
    pytest.fail(f"wayback exited with {process.returncode}:\n{log.read_text(errors='replace')}")


def _home_page_posts(page: int) -> list[content.ReplicaPost]:
    """The posts on ``page`` of the English home listing."""
    home = content.find_listing("en", "home")
    assert home is not None
    return [content.post("en", post_id) for post_id in home.page_post_ids(page)]


CAPTURED = next(post for post in _home_page_posts(1) if post.page_status == 200)
"""A post on the first page of the English home listing, whose page answers: the crawl fetches it."""
CAPTURED_404 = next(post for post in _home_page_posts(1) if post.page_status == 404)
"""A post on that page whose own page answers 404: captured as such."""
NOT_REACHED = _home_page_posts(2)[0]
"""A post on the second page, which the crawl (``max_pages=1``) never asks for."""


@pytest.fixture(scope="module")
def pywb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wayback]:
    """One page of the English listing and its posts, captured, added to a pywb collection and served."""
    for tool in ("wb-manager", "wayback"):  # a missing pywb fails here, before the crawl
        pywb_tool(tool)
    workdir = tmp_path_factory.mktemp("warc-pywb")
    with ReplicaServer() as server:
        crawl = run_crawl(
            server,
            workdir / "crawl",
            *("-a", "editions=en", "-a", "articles=1", "-a", "max_pages=1"),
            settings={"NEJAT_WARC_ENABLED": "1"},
        )
    archive = workdir / "crawl" / "out.warc.gz"
    assert crawl.returncode == 0, crawl.log[-4000:]
    assert archive.is_file(), f"the crawl wrote no archive:\n{crawl.log[-4000:]}"
    assert ("GET", CAPTURED.path, 200) in crawl.requests
    assert not any(path == NOT_REACHED.path for _, path, _ in crawl.requests)
    folder = workdir / "pywb"
    folder.mkdir()
    _manage(folder, "init", COLLECTION)
    _manage(folder, "add", COLLECTION, str(archive))
    with wayback(folder) as server:
        yield server


def test_pywb_replays_a_captured_post_under_its_live_url(pywb):
    replayed = pywb.replay(CAPTURED.url)
    assert replayed.status == 200, f"pywb answered {replayed.status} for {CAPTURED.url}:\n{replayed.text[:2000]}"
    assert "Memento-Datetime" in replayed.headers
    page = Selector(text=replayed.text)
    assert page.css("title::text").get("").startswith(CAPTURED.title)
    assert page.css("h1.entry-title::text").get() == CAPTURED.title


def test_pywb_gives_back_the_bytes_the_site_sent(pywb):
    original = pywb.replay(CAPTURED.url, mode="id_")
    assert original.status == 200
    assert original.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert original.body == route(CAPTURED.path).body.encode("utf-8")


def test_pywb_replays_a_captured_404_as_the_site_sent_it(pywb):
    replayed = pywb.replay(CAPTURED_404.url)
    assert replayed.status == 404
    assert "could not be found in this collection" not in replayed.text
    assert Selector(text=replayed.text).css("title::text").get("").startswith("Page not found")


def test_pywb_has_nothing_for_a_page_the_crawl_did_not_reach(pywb):
    missing = pywb.replay(NOT_REACHED.url)
    assert missing.status == 404
    assert f"{NOT_REACHED.url}</b> could not be found in this collection" in missing.text
