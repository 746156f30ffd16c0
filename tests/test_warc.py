"""End to end: a crawl of the replica captured as a WARC, then crawled again from the archive alone.

Captures run against a replica that writes its own origin into its links
(``own_links``), so the archive holds the live site's pages only if the
capture mapped them.  Replays run with no mirror, no server, and a proxy
that counts every connection: a request that leaves the archive is seen.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import Headers, HtmlResponse
from warcio.archiveiterator import ArchiveIterator

from nejat_crawler import __version__
from nejat_crawler.warc import WarcArchive, WarcFile, check_archive
from tests.crawling import ROOT, Crawl, CrawlResult, run_crawl, scrapy_executable
from tests.site import content
from tests.site.server import ReplicaServer, Reply
from tests.test_output_snapshot import normalised

WARCIO = Path(sys.executable).parent / "warcio"
LIVE = "https://www.nejatngo.org"
CAPTURE = {"NEJAT_WARC_ENABLED": "1"}
MODES = {"listing": ("-a", "articles=0"), "articles": ()}
FIRST_EN_POST = content.listed_posts("en")[0].post_id
# A listing page and a post page that fail before they answer: the replay must
# give a URL's records in the order they came, or it would not retry the same way.
FAULTS = {"/en/": [Reply(503)], f"/en/posts/{FIRST_EN_POST}": [Reply(503), Reply(500)]}
# One request at a time, slowly, so a crawl can be killed in the middle.
SLOW = {"DOWNLOAD_DELAY": "0.2", "CONCURRENT_REQUESTS_PER_DOMAIN": "1"}


@dataclass
class Captured:
    result: CrawlResult
    archive: Path
    mirror: str
    """The mirror's host and port, which no stored record may name."""
    arguments: tuple[str, ...] = ()

    @property
    def manifest(self) -> dict:
        path = self.archive.with_name(self.archive.name.removesuffix(".warc.gz") + ".manifest.json")
        return json.loads(path.read_text(encoding="utf-8"))


def capture(workdir: Path, *arguments: str, settings: dict[str, str] | None = None, **server_options) -> Captured:
    """Crawl a replica (writing its own origin into links) with the archive on, to ``workdir/out.jsonl``."""
    with ReplicaServer(own_links=True, **server_options) as server:
        result = run_crawl(server, workdir, *arguments, settings={**CAPTURE, **(settings or {})})
        mirror = f"{server.host}:{server.port}"
    assert result.returncode == 0, result.log[-3000:]
    return Captured(result, workdir / "out.warc.gz", mirror, arguments)


class ProxyTrap:
    """A proxy that answers nothing and counts who connected to it."""

    def __init__(self) -> None:
        self._socket = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        self.connections = 0
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            self.connections += 1
            connection.close()

    def __enter__(self) -> ProxyTrap:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._socket.close()


def replay(
    workdir: Path, archives: list[Path], *arguments: str, env: dict[str, str] | None = None, **options
) -> CrawlResult:
    """Crawl from ``archives`` alone: no mirror, no server, every connection caught by a trap.

    ``options`` are ``Crawl``'s (``output``, ``state_dir``…); ``env`` adds to the crawl's environment.
    """
    source = "source=warc:" + ",".join(str(path) for path in archives)
    crawl = Crawl(None, workdir, *arguments, "-a", source, **options)
    crawl.env.update(env or {})
    with ProxyTrap() as trap:
        for name in ("no_proxy", "NO_PROXY"):
            crawl.env.pop(name, None)
        crawl.env.update(http_proxy=trap.url, https_proxy=trap.url, HTTP_PROXY=trap.url, HTTPS_PROXY=trap.url)
        result = crawl.run()
    assert trap.connections == 0, f"the replay connected {trap.connections} time(s) to the network"
    return result


@pytest.fixture(scope="module")
def captures(tmp_path_factory: pytest.TempPathFactory):
    """Each mode's capture crawl, run once for the module."""
    done: dict[str, Captured] = {}

    def get(mode: str) -> Captured:
        if mode not in done:
            done[mode] = capture(tmp_path_factory.mktemp(f"capture-{mode}"), *MODES[mode], faults=FAULTS)
        return done[mode]

    return get


@pytest.fixture(scope="module", params=list(MODES))
def captured(request, captures) -> Captured:
    return captures(request.param)


@pytest.fixture(scope="module")
def replayed(captured, tmp_path_factory) -> CrawlResult:
    return replay(tmp_path_factory.mktemp("replay"), [captured.archive], *captured.arguments)


# --- what the archive holds ------------------------------------------------------------


@dataclass
class Stored:
    kind: str
    uri: str | None
    http: object
    content: bytes
    """The payload with any Content-Encoding undone, as a reader of the archive sees it."""
    fields: dict[str, str]
    """The warcinfo record's fields (empty for other records)."""


def read_archive(path: Path) -> list[Stored]:
    stored = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            data = record.content_stream().read()
            fields = {}
            if record.rec_type == "warcinfo":
                lines = data.decode("utf-8").splitlines()
                fields = dict(line.split(": ", 1) for line in lines if line)
            uri = record.rec_headers.get_header("WARC-Target-URI")
            stored.append(Stored(record.rec_type, uri, record.http_headers, data, fields))
    return stored


def assert_whole_archive(captured: Captured) -> None:
    """Every "Must hold" of an archive a finished capture wrote."""
    path, result, mirror = captured.archive, captured.result, captured.mirror
    assert path.is_file() and not path.with_name(path.name + ".part").exists()
    checked = subprocess.run([WARCIO, "check", "-v", path], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout[-3000:] + checked.stderr[-3000:]
    assert "digest present but not checked" not in checked.stdout

    records = read_archive(path)
    kinds = Counter(record.kind for record in records)
    received = result.stats["downloader/response_count"]
    assert kinds == {"warcinfo": 1, "response": received, "request": received}
    index = subprocess.run([WARCIO, "index", path], capture_output=True, text=True, check=True).stdout
    listed = [json.loads(line) for line in index.splitlines()]
    assert sum(1 for entry in listed if entry["warc-type"] == "response") == received

    info = records[0]
    assert info.kind == "warcinfo"
    manifest = captured.manifest
    assert info.fields["software"] == f"nejat-crawler {__version__}"
    assert info.fields["isPartOf"] == path.name.removesuffix(".warc.gz")  # the file's own name, -2 and all
    assert json.loads(info.fields["arguments"]) == manifest["arguments"]
    assert manifest["warc"] == {"file": path.name, "complete": True, "records": len(records), "responses": received}

    for record in records[1:]:
        assert record.uri is not None and record.uri.startswith(f"{LIVE}/"), record.uri
        assert mirror.encode() not in record.content, f"{record.kind} {record.uri} names the mirror"
        assert mirror not in record.http.to_str(), f"{record.kind} {record.uri} names the mirror in a header"
        names = {name.lower() for name, _ in record.http.headers}
        assert "transfer-encoding" not in names, record.uri
    responses = [record for record in records if record.kind == "response"]
    assert {record.uri for record in responses} >= {f"{LIVE}/robots.txt", f"{LIVE}/en/"}


def assert_same_items(replayed: CrawlResult, captured: CrawlResult) -> None:
    assert replayed.items, replayed.log[-3000:]
    assert normalised(replayed.raw_output) == normalised(captured.raw_output)
    assert "127.0.0.1" not in replayed.raw_output


def test_the_capture_writes_a_whole_archive_of_every_response(captured):
    assert_whole_archive(captured)
    # The retried pages are there with each response they got.
    statuses = [
        record.http.get_statuscode()
        for record in read_archive(captured.archive)
        if record.kind == "response" and record.uri == f"{LIVE}/en/"
    ]
    assert statuses == ["503", "200"]
    assert captured.result.stats["retry/count"] >= 1


def test_the_replay_gives_the_same_items_without_a_request(captured, replayed):
    assert replayed.returncode == 0, replayed.log[-3000:]
    assert_same_items(replayed, captured.result)
    assert replayed.stats.get("nejat/warc/missing", 0) == 0
    # The same pages were asked for and answered, failures and retries included.
    for name in ("downloader/response_count", "retry/count"):
        assert replayed.stats.get(name) == captured.result.stats.get(name), name
    # Every response the engine saw came from the archive (retried ones never reach it).
    crawled = [line for line in replayed.log.splitlines() if "Crawled (" in line]
    assert len(crawled) == replayed.stats["downloader/response_count"] - replayed.stats["retry/count"]
    assert all(line.endswith("['warc']") for line in crawled)
    assert_indexed_once(replayed, [captured.archive])


def assert_indexed_once(replayed: CrawlResult, archives: list[Path]) -> None:
    """The archives were indexed once, by the first request, while the others waited for it."""
    indexing = [
        line for line in replayed.log.splitlines() if "nejat_crawler.sources.handler" in line and "Indexing" in line
    ]
    assert len(indexing) == 1, indexing
    assert indexing[0].endswith("Indexing " + ", ".join(map(str, archives)))


def test_requests_sent_together_wait_for_one_index(tmp_path, captures):
    # Without robots.txt, which would go first alone, the four edition homes are asked for at once.
    listing = captures("listing")
    result = replay(tmp_path, [listing.archive], *MODES["listing"], settings={"ROBOTSTXT_OBEY": "0"})
    assert result.returncode == 0, result.log[-3000:]
    assert_indexed_once(result, [listing.archive])
    assert_same_items(result, listing.result)


def test_the_replay_writes_no_archive_of_its_own(tmp_path, captures):
    listing = captures("listing")
    crawl = Crawl(None, tmp_path, *MODES["listing"], "-a", f"source=warc:{listing.archive}", settings=CAPTURE)
    result = crawl.run()
    assert result.returncode == 0, result.log[-3000:]
    assert_same_items(result, listing.result)
    assert not list(tmp_path.rglob("*.warc.gz*"))
    assert "warc" not in json.loads((tmp_path / "out.manifest.json").read_text(encoding="utf-8"))


def test_a_compressed_mirror_is_archived_and_replayed_as_the_live_site(tmp_path):
    # The replica gzips its bodies, links naming its own origin: Scrapy's handler
    # returns such a page still encoded, so the capture must decode it to map it.
    captured = capture(tmp_path / "capture", *MODES["listing"], gzip_bodies=True)
    assert captured.result.stats["httpcompression/response_count"] > 0  # the replica did compress
    assert_whole_archive(captured)
    result = replay(tmp_path / "replay", [captured.archive], *MODES["listing"])
    assert result.returncode == 0, result.log[-3000:]
    assert_same_items(result, captured.result)


def test_a_request_the_archive_does_not_hold_is_answered_404_and_counted(tmp_path, captures):
    english = capture(tmp_path / "capture", "-a", "editions=en", *MODES["listing"])
    assert_whole_archive(english)
    result = replay(tmp_path / "replay", [english.archive], "-a", "editions=en,ar", *MODES["listing"])
    missing = [line for line in result.log.splitlines() if "Crawled (404)" in line and "'missing'" in line]
    assert missing and all(f"<GET {LIVE}/ar/" in line for line in missing)
    assert result.stats["nejat/warc/missing"] == len(missing)
    assert f"Listing {LIVE}/ar/ does not exist (HTTP 404)" in result.log
    assert result.returncode == 1  # a listing that does not exist is an unhealthy run
    assert {item["edition"] for item in result.items} == {"en"}
    assert_same_items(result, english.result)

    # Named after it, the whole capture answers for the Arabic edition too.
    whole = captures("listing")
    both = replay(tmp_path / "both", [english.archive, whole.archive], "-a", "editions=en,ar", *MODES["listing"])
    assert both.returncode == 0, both.log[-3000:]
    assert both.stats.get("nejat/warc/missing", 0) == 0
    expected = [item for item in whole.result.items if item["edition"] in ("en", "ar")]
    assert normalised(both.raw_output) == normalised("\n".join(json.dumps(item) for item in expected))


def test_a_killed_capture_leaves_only_a_part_file_and_the_next_run_a_whole_archive(tmp_path):
    with ReplicaServer(own_links=True) as server:
        crawl = Crawl(server, tmp_path, output=None, settings={**CAPTURE, **SLOW})
        crawl.kill_when(lambda: any(part.stat().st_size > 0 for part in crawl.run_files("*.warc.gz.part")))
        assert crawl.run_files("*.warc.gz") == []
        [part] = crawl.run_files("*.warc.gz.part")
        assert not crawl.run_files("*.manifest.json")
        check_archive(part)  # what was written is a WARC file, so it can be replayed
        assert WarcArchive.open((part,)).response(Request(f"{LIVE}/robots.txt")) is not None

        again = run_crawl(server, tmp_path, output=None, settings=CAPTURE)
        mirror = f"{server.host}:{server.port}"
    assert again.returncode == 0, again.log[-3000:]
    [archive] = crawl.run_files("*.warc.gz")
    assert archive.name.removesuffix(".warc.gz") + ".jsonl" in {path.name for path in crawl.run_files()}
    assert_whole_archive(Captured(again, archive, mirror))


# --- a replay is no run of the site --------------------------------------------------

SMALL = ("-a", "editions=en", "-a", "max_pages=1")


def state_rows(database: Path) -> dict[str, list[tuple]]:
    """Every row of the state, table by table, read without writing to the database."""
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
        return {table: sorted(connection.execute(f"SELECT * FROM {table}").fetchall()) for table in ("posts", "walks")}


@contextmanager
def state_held(directory: Path) -> Iterator[None]:
    """The state's lock taken, as by a periodic run that is under way."""
    with (directory / "lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield


def test_a_replay_keeps_a_state_of_its_own_and_leaves_latest_json_alone(tmp_path):
    with ReplicaServer(own_links=True) as server:
        capturing = Crawl(server, tmp_path, *SMALL, output=None, settings=CAPTURE)
        captured = capturing.run()
    assert captured.returncode == 0, captured.log[-3000:]
    assert captured.items and {item["change"] for item in captured.items} == {"new"}
    [archive] = capturing.run_files("*.warc.gz")
    latest = capturing.output_dir / "latest.json"
    database = tmp_path / "state" / "state.sqlite3"
    files = (latest, database)
    before = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in files}
    rows = state_rows(database)
    assert len(rows["posts"]) == len(captured.items) and rows["walks"]
    runs = set(capturing.run_files())

    # The same output and state folders, while a periodic run holds the state.
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    with state_held(tmp_path / "state"):
        replayed = replay(tmp_path, [archive], *SMALL, output=None, env={"TMPDIR": str(scratch)})
    assert replayed.returncode == 0, replayed.log[-3000:]

    [run_file] = set(capturing.run_files()) - runs
    assert run_file.with_name(run_file.stem + ".manifest.json").is_file()
    raw = run_file.read_text(encoding="utf-8")
    # Every post is new, as in the captured run: the replay compared with no earlier run.
    assert {json.loads(line)["change"] for line in raw.splitlines()} == {"new"}
    assert normalised(raw) == normalised(captured.raw_output)
    # Nothing of the replay went into the live state or the pointer to the latest run.
    assert state_rows(database) == rows
    assert json.loads(latest.read_text(encoding="utf-8"))["run"] == f"runs/{archive.stem.removesuffix('.warc')}.jsonl"
    assert {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in files} == before
    # Its own state is thrown away at the end.
    assert list(scratch.iterdir()) == []


def test_a_stored_retry_after_is_not_waited_for(tmp_path):
    faults = {"/en/": [Reply(503, headers=(("Retry-After", "30"),))]}
    captured = capture(tmp_path / "capture", *SMALL, settings={"NEJAT_RETRY_AFTER_MAX": "0"}, faults=faults)
    assert captured.result.stats["retry/count"] == 1
    stored = [record for record in read_archive(captured.archive) if record.uri == f"{LIVE}/en/"]
    assert [record.http.get_statuscode() for record in stored if record.kind == "response"] == ["503", "200"]
    assert stored[0].http.get_header("Retry-After") == "30"

    started = time.monotonic()
    result = replay(tmp_path / "replay", [captured.archive], *SMALL)
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.log[-3000:]
    assert result.stats["retry/count"] == 1
    # The stored 503 is retried at once: the archive already holds the answer that came after.
    assert result.stats.get("nejat/retry_after/seconds", 0) == 0
    assert elapsed < 30
    assert_same_items(result, captured.result)


def test_pages_from_the_http_cache_are_not_archived(tmp_path):
    cache = tmp_path / "httpcache"
    settings = {**CAPTURE, "HTTPCACHE_ENABLED": "1", "HTTPCACHE_DIR": str(cache)}
    with ReplicaServer(own_links=True) as server:
        mirror = f"{server.host}:{server.port}"
        first = run_crawl(server, tmp_path, *SMALL, settings=settings)
        assert first.returncode == 0, first.log[-3000:]
        assert first.stats.get("httpcache/hit", 0) == 0 and any(cache.iterdir())
        assert_whole_archive(Captured(first, tmp_path / "out.warc.gz", mirror))
        kept = (tmp_path / "out.warc.gz").read_bytes()
        # The same crawl again (a state of its own, so its posts are new too): every page comes from the
        # cache, fetched by the first run.
        second = run_crawl(server, tmp_path, *SMALL, settings=settings, state_dir=tmp_path / "second-state")
    assert second.returncode == 0, second.log[-3000:]
    assert second.requests == []
    assert second.stats["httpcache/hit"] == second.stats["downloader/response_count"] > 0
    assert normalised(second.raw_output) == normalised(first.raw_output)
    # Its archive (beside the first, which stays as it was) holds no page, and its manifest says so.
    assert (tmp_path / "out.warc.gz").read_bytes() == kept
    archive = tmp_path / "out-2.warc.gz"
    stored = read_archive(archive)
    assert [record.kind for record in stored] == ["warcinfo"]
    assert stored[0].fields["isPartOf"] == "out-2"
    manifest = json.loads((tmp_path / "out.manifest.json").read_text(encoding="utf-8"))
    assert manifest["warc"] == {"file": archive.name, "complete": True, "records": 1, "responses": 0}


# --- usage errors ------------------------------------------------------------------


def tiny_archive(folder: Path) -> Path:
    archive = WarcFile.create(folder, "tiny", {"software": "test"})
    request = Request(f"{LIVE}/en/")
    archive.write(request, HtmlResponse(request.url, headers=Headers({"Content-Type": "text/html"}), body=b"<html/>"))
    return archive.close(complete=True)


def _tiny_source(folder: Path) -> str:
    return f"source=warc:{tiny_archive(folder)}"


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (
            lambda folder: ("-a", "source=warc:/missing/file.warc.gz"),
            "the archive /missing/file.warc.gz does not exist",
        ),
        (lambda folder: ("-a", f"source=warc:{_text_file(folder)}"), "{folder}/notes.txt is not a WARC file"),
        (
            lambda folder: ("-a", "source=foo"),
            "source must be warc:PATH[,PATH…] (WARC archives to answer from), not 'foo'",
        ),
        (
            lambda folder: ("-a", _tiny_source(folder), "-a", "mirror={mirror}"),
            "answers every request from the archive; leave mirror out",
        ),
        (
            lambda folder: ("-a", _tiny_source(folder), "-a", "incremental=1"),
            "re-reads an archive with a state of its own; incremental runs compare with the live state, "
            "so leave incremental out",
        ),
        # The setting -a source= sets, given directly, is checked the same way.
        (
            lambda folder: ("-s", "NEJAT_SOURCE=warc:/missing.warc.gz"),
            "NEJAT_SOURCE: the archive /missing.warc.gz does not exist",
        ),
        (
            lambda folder: ("-s", f"NEJAT_SOURCE=warc:{_text_file(folder)}"),
            "NEJAT_SOURCE: {folder}/notes.txt is not a WARC file",
        ),
    ],
    ids=["missing-file", "text-file", "not-warc", "with-mirror", "incremental", "setting-missing", "setting-text"],
)
def test_a_bad_source_is_a_usage_error(tmp_path, words, message):
    # No LOG_FILE, and stderr apart from stdout: the console is all the user sees.
    with ReplicaServer() as server, ProxyTrap() as trap:
        command = [*scrapy_executable(), "crawl", "nejat"]
        command += [word.replace("{mirror}", server.url) for word in words(tmp_path)]
        command += ["-s", f"NEJAT_OUTPUT_DIR={tmp_path / 'output'}", "-s", f"NEJAT_STATE_DIR={tmp_path / 'state'}"]
        command += ["-s", "NEJAT_WARC_ENABLED=1", "-O", str(tmp_path / "out.jsonl")]
        env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "nejat_crawler.settings", "PYTHONPATH": str(ROOT)}
        for name in ("no_proxy", "NO_PROXY"):
            env.pop(name, None)
        env.update(http_proxy=trap.url, https_proxy=trap.url, HTTP_PROXY=trap.url, HTTPS_PROXY=trap.url)
        completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
        requests = list(server.requests)
    assert completed.returncode == 2, completed.stderr[-2000:]
    assert completed.stderr.startswith("scrapy: error: ") and completed.stderr.count("\n") == 1, completed.stderr
    assert message.replace("{folder}", str(tmp_path)) in completed.stderr
    assert "Traceback" not in completed.stderr and completed.stdout == ""
    assert requests == [] and trap.connections == 0
    assert not (tmp_path / "out.jsonl").exists() and not (tmp_path / "output").exists()
    assert not list(tmp_path.rglob("*.warc.gz.part"))


def _text_file(folder: Path) -> Path:
    path = folder / "notes.txt"
    path.write_text("not an archive\n", encoding="utf-8")
    return path
