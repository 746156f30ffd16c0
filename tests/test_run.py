"""The run recorder: run files, manifests, the latest pointer, the state lock, where output goes."""

from __future__ import annotations

import fcntl
import json
import re
import signal
import time
from pathlib import Path

import pytest
from scrapy.settings import Settings

from nejat_crawler import settings as project_settings
from nejat_crawler.extensions.run import output_dir
from tests.crawling import ROOT, Crawl, run_crawl
from tests.site import content
from tests.site.server import ReplicaServer

RUN_NAME = re.compile(r"\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-sq(-\d+)?\.jsonl")


def test_a_run_writes_its_file_its_manifest_and_the_latest_pointer(tmp_path):
    with ReplicaServer() as server:
        result = run_crawl(server, tmp_path, "-a", "editions=sq", "-a", "articles=0", output=None)
    assert result.returncode == 0, result.log[-2000:]
    runs = tmp_path / "output" / "runs"
    [run_file] = runs.glob("*.jsonl")
    assert RUN_NAME.fullmatch(run_file.name)
    assert not list(runs.glob("*.part"))
    expected = {post.post_id for post in content.listed_posts("sq")}
    assert {item["post_id"] for item in result.items} == expected
    assert {item["change"] for item in result.items} == {"new"}
    manifest = json.loads(run_file.with_name(run_file.stem + ".manifest.json").read_text(encoding="utf-8"))
    assert manifest["run_file"] == run_file.name
    assert manifest["finish_reason"] == "finished" and manifest["healthy"] is True and manifest["problems"] == []
    assert manifest["items"] == len(expected)
    assert manifest["changes"] == {"sq": {"new": len(expected)}}
    assert manifest["coverage"]["sq"]["published"] == 1.0
    assert manifest["coverage"]["sq"]["content_text"] == 0.0  # articles=0
    assert manifest["arguments"]["editions"] == ["sq"] and manifest["arguments"]["articles"] is False
    assert manifest["schema_version"] == 3
    assert manifest["started_at"] <= manifest["finished_at"]
    latest = json.loads((tmp_path / "output" / "latest.json").read_text(encoding="utf-8"))
    assert latest["run"] == f"runs/{run_file.name}"
    assert (tmp_path / "output" / latest["manifest"]).is_file()
    assert latest["healthy"] is True


def test_O_replaces_the_run_file_and_gets_the_manifest(tmp_path):
    with ReplicaServer() as server:
        result = run_crawl(server, tmp_path, "-a", "editions=sq", "-a", "articles=0", output="x.jsonl")
        # The state still records the run: a second run finds every post unchanged.
        again = run_crawl(server, tmp_path, "-a", "editions=sq", "-a", "articles=0", output="y.jsonl")
    assert result.returncode == 0
    assert len(result.items) == len(content.listed_posts("sq"))
    assert not (tmp_path / "output" / "runs").exists()
    assert not (tmp_path / "output" / "latest.json").exists()
    manifest = json.loads((tmp_path / "x.manifest.json").read_text(encoding="utf-8"))
    assert manifest["run_file"] == "x.jsonl" and manifest["items"] == len(result.items)
    assert {item["change"] for item in again.items} == {"unchanged"}


def test_default_output_is_the_project_s_whatever_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert output_dir(Settings()) == ROOT / "output"
    assert output_dir(Settings({"NEJAT_OUTPUT_DIR": str(tmp_path / "elsewhere")})) == tmp_path / "elsewhere"


def test_a_run_that_finds_the_state_locked_stops_at_once(tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    with (state / "lock").open("a") as lock, ReplicaServer() as server:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = run_crawl(server, tmp_path, "-a", "editions=sq", output=None)
    assert result.returncode == 3
    assert result.requests == []
    assert f"another run holds the state directory {state}" in result.log
    assert not (tmp_path / "output" / "runs").exists()


def test_an_interrupted_run_leaves_no_file_that_looks_complete(tmp_path):
    # The project's own pace, one request at a time, only a shorter delay, so
    # the crawl is still running when interrupted.
    pace = ("CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN")
    slow = {"DOWNLOAD_DELAY": "0.3", **{name: str(getattr(project_settings, name)) for name in pace}}
    with ReplicaServer() as server:
        crawl = Crawl(server, tmp_path, "-a", "articles=0", output=None, settings=slow)
        process = crawl.start()
        wait_for_lines(crawl, "*.jsonl.part", lines=1)
        process.send_signal(signal.SIGINT)
        interrupted, requests_then = time.monotonic(), len(server.requests)
        console, _ = process.communicate(timeout=60)
        stopped_after = time.monotonic() - interrupted
        result = crawl.result(process.returncode, console)
    # One Ctrl-C stops new requests at once: at most the one in flight finishes.
    assert len(server.requests) - requests_then <= 1
    assert stopped_after < 5
    assert result.returncode == 1
    assert result.stats["finish_reason"] == "shutdown"
    assert "unhealthy: the crawl did not finish: it stopped with finish reason 'shutdown'" in result.log
    assert crawl.run_files() == [] and crawl.run_files("*.part")
    assert not list((tmp_path / "output").glob("latest.json"))
    assert not crawl.run_files("*.manifest.json")


def wait_for_lines(crawl: Crawl, pattern: str, lines: int, timeout: float = 60) -> Path:
    """The first file matching ``pattern`` in the crawl's runs folder, once it holds ``lines`` lines."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in crawl.run_files(pattern):
            if path.read_bytes().count(b"\n") >= lines:
                return path
        time.sleep(0.05)
    raise AssertionError(f"no {pattern} with {lines} lines after {timeout} s")


def test_output_that_cannot_be_written_makes_the_run_unhealthy_and_records_nothing(tmp_path):
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "latest.json").mkdir()  # a folder in the way of the pointer
    with ReplicaServer() as server:
        failed = run_crawl(server, tmp_path, "-a", "editions=sq", "-a", "articles=0", output=None)
        (tmp_path / "output" / "latest.json").rmdir()
        again = run_crawl(server, tmp_path, "-a", "editions=sq", "-a", "articles=0", output=None)
    assert failed.returncode == 1
    assert "unhealthy: could not write the run's output:" in failed.log
    assert "Traceback" not in failed.log
    # The state did not take the failed run's posts: they are new again.
    assert again.returncode == 0 and {item["change"] for item in again.items} == {"new"}


def test_a_feed_that_fails_to_store_makes_the_run_unhealthy_and_records_nothing(tmp_path):
    with ReplicaServer() as server:
        failed = run_crawl(
            server, tmp_path, "-a", "editions=sq", "-a", "articles=0", "-o", "ftp://127.0.0.1:1/x.jsonl", output=None
        )
        again = run_crawl(server, tmp_path, "-a", "editions=sq", "-a", "articles=0")
    assert failed.returncode == 1
    assert "unhealthy: 1 feed(s) could not be stored (see the log)" in failed.log
    assert {item["change"] for item in again.items} == {"new"}


def test_a_locked_run_leaves_the_O_file_alone(tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    (tmp_path / "x.jsonl").write_text("earlier output\n", encoding="utf-8")
    with (state / "lock").open("a") as lock, ReplicaServer() as server:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = run_crawl(server, tmp_path, "-a", "editions=sq", "-O", str(tmp_path / "x.jsonl"), output=None)
    assert result.returncode == 3 and result.requests == []
    assert (tmp_path / "x.jsonl").read_text(encoding="utf-8") == "earlier output\n"


def test_items_to_the_console_leave_no_manifest_behind(tmp_path):
    with ReplicaServer() as server:
        result = run_crawl(
            server, tmp_path, "-a", "editions=sq", "-a", "articles=0", "-o", "-:jsonl", output=None, cwd=tmp_path
        )
    assert result.returncode == 0
    assert not list(tmp_path.rglob("*.manifest.json"))


@pytest.mark.parametrize(
    "name", ["NEJAT_HEALTH_MAX_ERRORS", "NEJAT_RETRY_AFTER_MAX", "NEJAT_DELETION_MAX_SHARE", "NEJAT_MISSING_CHECK_MAX"]
)
def test_a_bad_number_setting_is_a_usage_error(tmp_path, name):
    with ReplicaServer() as server:
        result = run_crawl(server, tmp_path, settings={name: "abc"})
    assert (result.returncode, result.requests) == (2, [])
    assert f"{name} must be a number, not 'abc'" in result.log
    assert "Traceback" not in result.log


def test_feeds_without_the_feed_exporter_make_the_run_unhealthy_and_record_nothing(tmp_path):
    extensions = {**project_settings.EXTENSIONS, "scrapy.extensions.feedexport.FeedExporter": None}
    no_exporter = {"EXTENSIONS": json.dumps(extensions)}
    with ReplicaServer() as server:
        failed = run_crawl(server, tmp_path, "-a", "editions=sq", "-a", "articles=0", settings=no_exporter)
        again = run_crawl(server, tmp_path, "-a", "editions=sq", "-a", "articles=0")
    assert failed.returncode == 1
    assert "unhealthy: FEEDS is set but Scrapy's feed exporter is not running" in failed.log
    assert {item["change"] for item in again.items} == {"new"}
