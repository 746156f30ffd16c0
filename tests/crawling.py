"""Run the real ``scrapy crawl nejat`` in a subprocess against the replica."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# Loopback needs no politeness: these replace the live-site defaults.
FAST_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "0",
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


def run_crawl(
    server: Any,
    workdir: Path,
    *arguments: str,
    output: str | None = "out.jsonl",
    settings: dict[str, str] | None = None,
    cwd: Path = ROOT,
) -> CrawlResult:
    """Crawl the replica ``server`` with ``-a mirror=`` and the given ``-a``/``-s`` pairs."""
    workdir.mkdir(parents=True, exist_ok=True)
    out_path = workdir / output if output else None
    stats_path = workdir / "stats.json"
    log_path = workdir / "crawl.log"
    command = [*scrapy_executable(), "crawl", "nejat", "-a", f"mirror={server.url}"]
    for name, value in {**FAST_SETTINGS, **(settings or {})}.items():
        command += ["-s", f"{name}={value}"]
    command += ["-s", f"NEJAT_STATS_FILE={stats_path}", "-s", f"LOG_FILE={log_path}"]
    if out_path is not None:
        command += ["-O", str(out_path)]
    command += list(arguments)
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "nejat_crawler.settings", "PYTHONPATH": str(ROOT)}
    before = len(server.requests)
    completed = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)
    raw = out_path.read_text(encoding="utf-8") if out_path and out_path.exists() else ""
    log = log_path.read_text(encoding="utf-8") if log_path.exists() else ""
    return CrawlResult(
        returncode=completed.returncode,
        items=[json.loads(line) for line in raw.splitlines() if line.strip()],
        raw_output=raw,
        stats=json.loads(stats_path.read_text(encoding="utf-8")) if stats_path.exists() else {},
        log=log + completed.stdout + completed.stderr,
        requests=list(server.requests[before:]),
    )
