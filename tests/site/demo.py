"""Serve the replica on 127.0.0.1 and crawl it: real output with no network.

    make demo          (or: python -m tests.site.demo)

Writes into a new temporary folder, never into ``output/`` (which holds the
user's real runs), prints a summary per edition, then builds the corpus and
the report of that run beside it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from tests.crawling import FAST_SETTINGS, ROOT, scrapy_executable
from tests.site.server import ReplicaServer


def main() -> int:
    output = Path(tempfile.mkdtemp(prefix="nejat-demo-"))
    with ReplicaServer() as server:
        print(f"Replica of nejatngo.org serving at {server.url}")
        command = [*scrapy_executable(), "crawl", "nejat", "-a", f"mirror={server.url}"]
        settings = {**FAST_SETTINGS, "LOG_LEVEL": "INFO", "NEJAT_OUTPUT_DIR": str(output)}
        for name, value in settings.items():
            command += ["-s", f"{name}={value}"]
        completed = subprocess.run(command, cwd=ROOT, check=False)
    if completed.returncode != 0:
        return completed.returncode
    latest = json.loads((output / "latest.json").read_text(encoding="utf-8"))
    run_file = output / latest["run"]
    items = [json.loads(line) for line in run_file.read_text(encoding="utf-8").splitlines()]
    print(f"\n{len(items)} posts written to {run_file} (manifest: {output / latest['manifest']}):")
    for edition, count in sorted(Counter(item["edition"] for item in items).items()):
        print(f"  {edition}: {count}")
    print("\nFirst record:")
    print(json.dumps({k: v for k, v in items[0].items() if k != "content_html"}, ensure_ascii=False, indent=1))
    for command_name, target in (("corpus", output / "corpus.parquet"), ("report", output / "report.html")):
        project_command = [*scrapy_executable(), command_name, "-O", str(target), "-s", f"NEJAT_OUTPUT_DIR={output}"]
        if subprocess.run(project_command, cwd=ROOT, check=False).returncode != 0:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
