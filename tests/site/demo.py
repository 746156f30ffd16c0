"""Serve the replica on 127.0.0.1 and crawl it: real output with no network.

    make demo          (or: python -m tests.site.demo)

Writes ``output/demo.jsonl`` and prints a summary per edition.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

from tests.crawling import FAST_SETTINGS, ROOT, scrapy_executable
from tests.site.server import ReplicaServer

OUTPUT = ROOT / "output" / "demo.jsonl"


def main() -> int:
    with ReplicaServer() as server:
        print(f"Replica of nejatngo.org serving at {server.url}")
        command = [*scrapy_executable(), "crawl", "nejat", "-a", f"mirror={server.url}", "-O", str(OUTPUT)]
        for name, value in {**FAST_SETTINGS, "LOG_LEVEL": "INFO"}.items():
            command += ["-s", f"{name}={value}"]
        completed = subprocess.run(command, cwd=ROOT, check=False)
    if completed.returncode != 0:
        return completed.returncode
    items = [json.loads(line) for line in OUTPUT.read_text(encoding="utf-8").splitlines()]
    print(f"\n{len(items)} posts written to {OUTPUT.relative_to(ROOT)}:")
    for edition, count in sorted(Counter(item["edition"] for item in items).items()):
        print(f"  {edition}: {count}")
    print("\nFirst record:")
    print(json.dumps({k: v for k, v in items[0].items() if k != "content_html"}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
