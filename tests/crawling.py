"""Run the real ``scrapy crawl nejat`` in a subprocess against the replica."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# Loopback needs no politeness: these replace the live-site defaults.
FAST_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "0",
    "CONCURRENT_REQUESTS": "16",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    # DEBUG: the log then lists every request ("Crawled (200) <GET ...>").
    "LOG_LEVEL": "DEBUG",
}


@dataclass
class CrawlResult:
    returncode: int
    items: list[dict[str, Any]]
    raw_output: str
    stats: dict[str, Any]
    log: str
    requests: list[tuple[str, str, int]]
    """(method, path, status) of every request the replica received during the crawl."""

    def by_key(self) -> dict[tuple[str, int], dict[str, Any]]:
        return {(item["edition"], item["post_id"]): item for item in self.items}


def scrapy_executable() -> list[str]:
    script = Path(sys.executable).parent / "scrapy"
    if script.exists():
        return [str(script)]
    found = shutil.which("scrapy")
    return [found] if found else [sys.executable, "-m", "scrapy"]


def run_crawl(server: Any, workdir: Path, *arguments: str, **options: Any) -> CrawlResult:
    """Crawl the replica ``server`` with ``-a mirror=`` and the given ``-a``/``-s`` pairs, to the end.

    ``server=None``: no mirror and no server (a replay from an archive).

    ``options`` are ``Crawl``'s: ``output``, ``settings``, ``cwd``, ``state_dir``, ``output_dir``.
    """
    return Crawl(server, workdir, *arguments, **options).run()


class Crawl:
    """One ``scrapy crawl nejat`` against the replica: its command, and what it left behind.

    Run files go to ``output_dir`` (default ``workdir/output``) and the state to
    ``state_dir`` (default ``workdir/state``): never into the project's own ``output/``.  With
    ``output=None`` no ``-O`` is given, so the crawl writes its run file.
    """

    def __init__(
        self,
        server: Any,
        workdir: Path,
        *arguments: str,
        output: str | None = "out.jsonl",
        settings: dict[str, str] | None = None,
        cwd: Path = ROOT,
        state_dir: Path | None = None,
        output_dir: Path | None = None,
    ) -> None:
        workdir.mkdir(parents=True, exist_ok=True)
        self.server, self.workdir, self.cwd = server, workdir, cwd
        self.out_path = workdir / output if output else None
        self.output_dir = output_dir or workdir / "output"
        self.stats_path = workdir / "stats.json"
        self.log_path = workdir / "crawl.log"
        command = [*scrapy_executable(), "crawl", "nejat"]
        if server is not None:
            command += ["-a", f"mirror={server.url}"]
        run_settings = {
            **FAST_SETTINGS,
            "NEJAT_OUTPUT_DIR": str(self.output_dir),
            "NEJAT_STATE_DIR": str(state_dir or workdir / "state"),
            **(settings or {}),
            "NEJAT_STATS_FILE": str(self.stats_path),
            "LOG_FILE": str(self.log_path),
        }
        for name, value in run_settings.items():
            command += ["-s", f"{name}={value}"]
        if self.out_path is not None:
            command += ["-O", str(self.out_path)]
        self.command = command + list(arguments)
        self.env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "nejat_crawler.settings", "PYTHONPATH": str(ROOT)}
        for stale in (self.stats_path, self.log_path):
            stale.unlink(missing_ok=True)
        self.requests_before = len(server.requests) if server is not None else 0

    def run(self) -> CrawlResult:
        completed = subprocess.run(
            self.command, cwd=self.cwd, env=self.env, capture_output=True, text=True, timeout=300, check=False
        )
        return self.result(completed.returncode, completed.stdout + completed.stderr)

    def kill_when(self, ready: Callable[[], bool], timeout: float = 60) -> None:
        """Start the crawl and SIGKILL it as soon as ``ready()``; fail if it ends first."""
        process = self.start()
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline and process.poll() is None and not ready():
                time.sleep(0.02)
            assert process.poll() is None, "the crawl ended before it could be killed"
            process.send_signal(signal.SIGKILL)
        finally:
            process.kill()
            process.communicate(timeout=30)

    def start(self) -> subprocess.Popen[str]:
        """Start the crawl in the background, for tests that interrupt it."""
        return subprocess.Popen(
            self.command, cwd=self.cwd, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )

    def run_files(self, pattern: str = "*.jsonl") -> list[Path]:
        """Files of this workdir's ``output/runs`` matching ``pattern``, oldest first."""
        runs = self.output_dir / "runs"
        return sorted(runs.glob(pattern)) if runs.exists() else []

    def result(self, returncode: int, console: str) -> CrawlResult:
        out_path = self.out_path
        if out_path is None:  # the newest whole run file
            out_path = next(reversed(self.run_files()), None)
        raw = out_path.read_text(encoding="utf-8") if out_path and out_path.exists() else ""
        log = self.log_path.read_text(encoding="utf-8") if self.log_path.exists() else ""
        return CrawlResult(
            returncode=returncode,
            items=[json.loads(line) for line in raw.splitlines() if line.strip()],
            raw_output=raw,
            stats=json.loads(self.stats_path.read_text(encoding="utf-8")) if self.stats_path.exists() else {},
            log=log + console,
            requests=list(self.server.requests[self.requests_before :]) if self.server is not None else [],
        )
