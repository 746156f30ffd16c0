"""Synthetic run files and manifests, written the way a run writes them, for the corpus and report tests.

Every line is checked against post.json as it is written, so the fixtures
cannot drift from what the crawler exports.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from nejat_crawler.files import create_new, partial_path
from nejat_crawler.schema import post_schema
from tests.crawling import ROOT, scrapy_executable

VALIDATOR = Draft202012Validator(post_schema())
SITE = "https://www.nejatngo.org"
DELETION_ONLY = ("deleted_at", "last_seen")
COVERED = ("published", "categories", "share_links", "content_text")
"""The fields a manifest's coverage counts, as the run recorder does."""


def at(day: int, hour: int = 0, month: int = 12, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def post_line(
    edition: str,
    post_id: int,
    crawled_at: datetime,
    change: str = "new",
    *,
    articles: bool = True,
    revisit: bool = False,
    **fields: Any,
) -> dict[str, Any]:
    """A post line with every field; ``articles=False`` leaves the post-page fields empty, as
    ``-a articles=0`` does; ``revisit=True`` leaves the listing-only ones empty, as a revisit does."""
    url = f"{SITE}/{edition}/posts/{post_id}"
    line: dict[str, Any] = {
        name: [] if node.get("type") == "array" else None
        for name, node in post_schema()["properties"].items()
        if name not in DELETION_ONLY
    }
    line.update(
        url=url,
        edition=edition,
        post_id=post_id,
        title=f"Post {post_id} of the {edition} edition",
        categories=[{"name": "News", "slug": "news", "url": f"{SITE}/{edition}/category/news"}],
        published="2024-05-03",
        published_at="2024-05-03T10:00:00+03:30",
        date_text="May 3, 2024",
        comment_count=0,
        share_links=[{"platform": "facebook", "url": f"https://www.facebook.com/sharer.php?u={url}", "target": None}],
        crawled_at=iso(crawled_at),
        change=change,
    )
    if not revisit:
        line.update(
            excerpt=f"About post {post_id}", image=f"{SITE}/wp-content/{post_id}.jpg", listing_url=f"{SITE}/{edition}/"
        )
    if articles:
        line.update(
            tags=[{"name": "Iraq", "slug": "iraq", "url": f"{SITE}/{edition}/tag/iraq"}],
            author="Nejat",
            content_html=f"<p>Body of post {post_id}</p>",
            content_text=f"Body of post {post_id}",
            images=[f"{SITE}/wp-content/{post_id}-1.jpg"],
            modified_at="2024-05-04T09:00:00+03:30",
            canonical_url=url,
        )
    line.update(fields)
    VALIDATOR.validate(line)
    return line


def deletion_line(edition: str, post_id: int, deleted_at: datetime, last_seen: datetime | None) -> dict[str, Any]:
    line = {
        "url": f"{SITE}/{edition}/posts/{post_id}",
        "edition": edition,
        "post_id": post_id,
        "change": "deleted",
        "deleted_at": iso(deleted_at),
        "last_seen": iso(last_seen) if last_seen else None,
    }
    VALIDATOR.validate(line)
    return line


def write_run(
    output: Path,
    started_at: datetime,
    lines: Sequence[dict[str, Any]],
    *,
    manifest: bool = True,
    **manifest_fields: Any,
) -> Path:
    """``output/runs/<start>-<editions>.jsonl`` (``-2``… for a second run of the same second) and its manifest."""
    editions = sorted({line["edition"] for line in lines}) or ["en"]
    path, handle = create_new(
        output / "runs", started_at.strftime("%Y-%m-%dT%H-%M-%SZ") + "".join(f"-{e}" for e in editions), ".jsonl"
    )
    with handle:
        handle.write("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode())
    os.replace(partial_path(path), path)
    if manifest:
        write_manifest(path, started_at, lines, editions, **manifest_fields)
    return path


def write_manifest(
    run_file: Path,
    started_at: datetime,
    lines: Sequence[dict[str, Any]],
    editions: Iterable[str],
    source: list[str] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """The manifest of ``run_file``: counts from its lines, ``source`` (a replay's archives), the rest
    from ``fields`` or a healthy default."""
    changes: defaultdict[str, Counter[str]] = defaultdict(Counter)
    filled: defaultdict[str, Counter[str]] = defaultdict(Counter)
    posts: Counter[str] = Counter()
    for line in lines:
        changes[line["edition"]][line["change"]] += 1
        if line["change"] != "deleted":
            posts[line["edition"]] += 1
            filled[line["edition"]].update(name for name in COVERED if line.get(name) not in (None, "", []))
    manifest: dict[str, Any] = {
        "crawler": "nejat-crawler test",
        "schema_version": post_schema()["version"],
        "started_at": iso(started_at),
        "finished_at": iso(started_at + timedelta(minutes=5)),
        "arguments": {
            "editions": list(editions),
            "mirror": None,
            "listings": [],
            "max_pages": 0,
            "articles": True,
            "incremental": False,
            "overlap": 0,
            "revisit": 0,
            "source": source,
        },
        "finish_reason": "finished",
        "healthy": True,
        "problems": [],
        "items": len(lines),
        "changes": {edition: dict(counts) for edition, counts in sorted(changes.items())},
        "coverage": {
            edition: {name: round(filled[edition][name] / count, 4) for name in COVERED}
            for edition, count in sorted(posts.items())
        },
        "requests": 10 + 2 * len(lines),
        "errors": {"log_errors": 0, "failed_post_pages": 0, "failed_listing_chains": 0},
        "history": {
            "revisit": 0,
            "checked": 0,
            "not_checked": 0,
            "deleted": sum(counts["deleted"] for counts in changes.values()),
            "deletions_withheld": 0,
            "known_posts": 0,
            "cycle_runs": None,
            "cycle_days": None,
        },
        "run_file": run_file.name,
    }
    manifest.update(fields)
    run_file.with_name(run_file.stem + ".manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def scrapy(command: str, *arguments: str, output: Path) -> subprocess.CompletedProcess[str]:
    """``scrapy <command> <arguments>`` in the project, its output folder ``output``."""
    return subprocess.run(
        [*scrapy_executable(), command, "-s", f"NEJAT_OUTPUT_DIR={output}", *arguments],
        cwd=ROOT,
        env={**os.environ, "SCRAPY_SETTINGS_MODULE": "nejat_crawler.settings", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
