"""The project runs under a real scrapyd: deployed with scrapyd-deploy, scheduled through schedule.json.

scrapyd-deploy writes a ``setup.py`` (and ``build/``) beside the ``scrapy.cfg``
it deploys from, so the test deploys from a copy of the files setuptools
builds the egg from, never from the checkout itself.  The copy's
``scrapy.cfg`` is the project's, with one target added for this scrapyd.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.error import URLError
from urllib.parse import urlencode
from urllib.request import ProxyHandler, build_opener

import pytest

from tests.crawling import FAST_SETTINGS, ROOT
from tests.processes import stop_group
from tests.site import content
from tests.site.server import ReplicaServer

PROJECT = "nejat_crawler"
JOB_TIMEOUT = 120
BUILD_FILES = ("pyproject.toml", "README.md", "scrapy.cfg", "setup.py", "setup.cfg", "MANIFEST.in")
"""Top-level files setuptools may read to build the egg; those that exist are copied."""
EGG_MARK = "+scrapyd.test"
"""A local version label given to the deployed copy only."""

# Straight to 127.0.0.1, whatever proxy the environment names.
_opener = build_opener(ProxyHandler({}))


def venv_tool(name: str) -> str:
    executable = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if executable is None:
        pytest.fail(f"{name} is not installed; install the test extra: pip install -e '.[test]'")
    return executable


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def isolated_env(home: Path) -> dict[str, str]:
    """The environment without anything that would pick the project or a config other than ours."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SCRAPY_SETTINGS_MODULE", "SCRAPY_PROJECT")}
    env["HOME"] = str(home)  # no ~/.scrapyd.conf, ~/.scrapy.cfg or ~/.netrc of the user
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    return env


class Scrapyd:
    """A scrapyd on 127.0.0.1 with all its directories under ``home``."""

    def __init__(self, home: Path) -> None:
        home.mkdir(parents=True)
        self.home = home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = home / "scrapyd.log"
        # items_dir stays empty: with it scrapyd passes FEEDS, which replaces the crawl's own run file.
        (home / "scrapyd.conf").write_text(
            "[scrapyd]\n"
            "bind_address = 127.0.0.1\n"
            f"http_port = {self.port}\n"
            f"eggs_dir = {home / 'eggs'}\n"
            f"logs_dir = {home / 'logs'}\n"
            f"dbs_dir = {home / 'dbs'}\n"
            "items_dir =\n"
            "jobs_dir =\n"
            "poll_interval = 0.2\n"
            "max_proc = 1\n",
            encoding="utf-8",
        )

    @contextmanager
    def running(self) -> Iterator[Scrapyd]:
        with self.log_path.open("wb") as log:
            # Its own session, so the crawl processes it spawns are stopped with it.
            process = subprocess.Popen(
                [sys.executable, "-m", "scrapyd"],
                cwd=self.home,  # scrapyd reads ./scrapyd.conf
                env=isolated_env(self.home),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            try:
                self._wait_until_up(process)
                yield self
            finally:
                stop_group(process)

    def _wait_until_up(self, process: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"scrapyd exited with {process.returncode}:\n{self.server_log()}")
            try:
                if self.get("daemonstatus.json")["status"] == "ok":
                    return
            except (URLError, ConnectionError):
                time.sleep(0.1)
        pytest.fail(f"scrapyd did not answer on {self.url} within 30 s:\n{self.server_log()}")

    def get(self, endpoint: str, **params: str) -> Any:
        query = f"?{urlencode(params)}" if params else ""
        with _opener.open(f"{self.url}/{endpoint}{query}", timeout=10) as response:
            return json.load(response)

    def post(self, endpoint: str, fields: list[tuple[str, str]]) -> Any:
        with _opener.open(f"{self.url}/{endpoint}", data=urlencode(fields).encode(), timeout=30) as response:
            return json.load(response)

    def server_log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-4000:]

    def job_log(self, job: str) -> str:
        path = self.home / "logs" / PROJECT / "nejat" / f"{job}.log"
        return path.read_text(encoding="utf-8", errors="replace")[-4000:] if path.exists() else "(no job log)"


def project_copy(folder: Path, scrapyd_url: str) -> Path:
    """The package and the build files, with a ``[deploy:local]`` target for ``scrapyd_url``."""
    shutil.copytree(
        ROOT / "nejat_crawler", folder / "nejat_crawler", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    for name in BUILD_FILES:
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, folder / name)
    with (folder / "scrapy.cfg").open("a", encoding="utf-8") as config:
        # The project name comes from the project's own [deploy] section.
        config.write(f"\n[deploy:local]\nurl = {scrapyd_url}/\n")
    # The venv also imports nejat_crawler from the checkout (pip install -e): a version
    # only the copy has shows, in the run's manifest, that the crawl ran the egg.
    init = folder / "nejat_crawler" / "__init__.py"
    source = init.read_text(encoding="utf-8")
    version = re.search(r'^__version__ = "(.+)"$', source, flags=re.MULTILINE)
    assert version is not None, "nejat_crawler/__init__.py sets no __version__"
    init.write_text(source.replace(version[0], f'__version__ = "{version[1]}{EGG_MARK}"'), encoding="utf-8")
    return folder


def deploy(scrapyd: Scrapyd, build: Path) -> dict[str, Any]:
    result = subprocess.run(
        [venv_tool("scrapyd-deploy"), "local", "--version", "r1"],
        cwd=build,
        env=isolated_env(scrapyd.home),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr + scrapyd.server_log()
    return dict(json.loads(result.stdout))


def wait_for_job(scrapyd: Scrapyd, job: str) -> None:
    deadline = time.monotonic() + JOB_TIMEOUT
    while time.monotonic() < deadline:
        jobs = scrapyd.get("listjobs.json", project=PROJECT)
        if any(finished["id"] == job for finished in jobs["finished"]):
            return
        time.sleep(0.3)
    pytest.fail(f"job {job} not finished after {JOB_TIMEOUT} s; its log:\n{scrapyd.job_log(job)}")


def test_scrapyd_deploy_and_schedule_run_a_crawl(tmp_path: Path) -> None:
    output, state = tmp_path / "output", tmp_path / "state"
    scrapyd = Scrapyd(tmp_path / "scrapyd")
    with scrapyd.running(), ReplicaServer() as replica:
        answer = deploy(scrapyd, project_copy(tmp_path / "build", scrapyd.url))
        assert answer["status"] == "ok" and answer["project"] == PROJECT and answer["spiders"] == 1, answer
        [egg] = (scrapyd.home / "eggs" / PROJECT).glob("*.egg")
        with zipfile.ZipFile(egg) as archive:
            # Loaded with importlib.resources, from inside the zipped egg.
            assert "nejat_crawler/schema/post.json" in archive.namelist()
            assert "settings = nejat_crawler.settings" in archive.read("EGG-INFO/entry_points.txt").decode()
        assert scrapyd.get("listspiders.json", project=PROJECT)["spiders"] == ["nejat"]

        settings = {**FAST_SETTINGS, "NEJAT_OUTPUT_DIR": str(output), "NEJAT_STATE_DIR": str(state)}
        scheduled = scrapyd.post(
            "schedule.json",
            [
                ("project", PROJECT),
                ("spider", "nejat"),
                ("mirror", replica.url),
                ("editions", "sq"),
                ("articles", "0"),
                *(("setting", f"{name}={value}") for name, value in settings.items()),
            ],
        )
        assert scheduled["status"] == "ok", scheduled
        job = scheduled["jobid"]
        wait_for_job(scrapyd, job)
        log = scrapyd.job_log(job)

    runs = sorted((output / "runs").glob("*.jsonl")) if (output / "runs").exists() else []
    assert len(runs) == 1, log
    [run_file] = runs
    items = [json.loads(line) for line in run_file.read_text(encoding="utf-8").splitlines()]
    assert sorted((item["edition"], item["post_id"]) for item in items) == sorted(
        (post.edition, post.post_id) for post in content.listed_posts("sq")
    )
    manifest = json.loads(run_file.with_name(run_file.stem + ".manifest.json").read_text(encoding="utf-8"))
    assert manifest["healthy"] is True and manifest["finish_reason"] == "finished", (manifest, log)
    assert manifest["items"] == len(items)
    assert manifest["crawler"].endswith(EGG_MARK), "the crawl ran the checkout, not the deployed egg"
    assert manifest["arguments"]["mirror"] == replica.url
    assert json.loads((output / "latest.json").read_text(encoding="utf-8"))["run"] == f"runs/{run_file.name}"
    assert state.is_dir()
