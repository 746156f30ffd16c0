"""The whole replica's output, line for line, against a reviewed snapshot.

Speed work must not change a byte of what users get (``crawled_at`` aside),
and neither may any other change without someone reading the difference.
A change to the output that is meant is recorded by running this module
with ``NEJAT_REWRITE_SNAPSHOTS=1``: it rewrites the snapshots and fails, so
the new files are reviewed in the diff before they are committed.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from pathlib import Path

import pytest

from tests.crawling import CrawlResult

SNAPSHOTS = Path(__file__).parent / "fixtures" / "output"
# The replica listens on a new port each session; an error that names the
# address it was redirected to names that port.
_LOOPBACK_PORT = re.compile(r"127\.0\.0\.1:\d+")


def normalised(raw_output: str) -> str:
    """One sorted line per item, keys sorted, without ``crawled_at``."""
    lines = []
    for line in raw_output.splitlines():
        if line.strip():
            item = json.loads(line)
            item.pop("crawled_at")
            lines.append(_LOOPBACK_PORT.sub("127.0.0.1:PORT", json.dumps(item, ensure_ascii=False, sort_keys=True)))
    return "\n".join(sorted(lines)) + "\n"


@pytest.mark.parametrize("mode", ["listing", "articles"])
def test_output_matches_the_snapshot(mode: str, request: pytest.FixtureRequest) -> None:
    crawl: CrawlResult = request.getfixturevalue(f"{'listing' if mode == 'listing' else 'article'}_crawl")
    assert crawl.returncode == 0
    snapshot = SNAPSHOTS / f"replica-{mode}.jsonl"
    actual = normalised(crawl.raw_output)
    if os.environ.get("NEJAT_REWRITE_SNAPSHOTS") == "1":
        snapshot.write_text(actual, encoding="utf-8")
        pytest.fail(f"{snapshot.name} rewritten: review the diff, then run again without NEJAT_REWRITE_SNAPSHOTS")
    expected = snapshot.read_text(encoding="utf-8")
    if actual != expected:
        difference = difflib.unified_diff(expected.splitlines(), actual.splitlines(), "snapshot", "crawl", lineterm="")
        pytest.fail("the output differs from the snapshot:\n" + "\n".join(list(difference)[:40]))
