"""The run: its file, its manifest, the latest pointer, the state, and its health.

Each run writes ``<output>/runs/<UTC start>-<editions>.jsonl`` under a
``.part`` name and renames it when the run finishes, so a file without the
suffix is always whole.  Beside it goes ``<same name>.manifest.json``, and
``<output>/latest.json`` then points at it.  With ``-o``/``-O`` the user's
feed replaces the run file: Scrapy writes it, the manifest goes beside it.

The state of earlier runs (``nejat_crawler.state``) is opened here, locked
for this run, and committed only once the output is durable: after the
rename, or after Scrapy closed the user's feed.  A run that does not finish
commits nothing, so the next run fetches its posts again.

With ``NEJAT_WARC_ENABLED`` every response received also goes to
``<same name>.warc.gz`` (``nejat_crawler.warc``), under a ``.part`` name
until the run finished; the manifest names it and counts its records.

A replay from archives (``-a source=warc:…``) re-reads an old run: it keeps
its state in a scratch folder, thrown away at the end, and leaves
``latest.json`` alone, so the live state is never compared with or rolled
back to the archive's.

Settings: ``NEJAT_OUTPUT_DIR`` (default: ``output/`` in the project root,
whatever the working directory), ``NEJAT_STATE_DIR`` (default
``<output>/state``), and the health limits ``NEJAT_HEALTH_MAX_ERRORS``,
``NEJAT_HEALTH_MAX_FAILED_POST_SHARE`` and ``NEJAT_DELETION_MAX_SHARE``.
"""

from __future__ import annotations

import json
import logging
import math
import tempfile
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider
from scrapy.extensions.feedexport import FeedExporter
from scrapy.settings import BaseSettings
from scrapy.utils.conf import closest_scrapy_cfg

from nejat_crawler import __version__, health
from nejat_crawler.arguments import SpiderArguments
from nejat_crawler.exporters import PostJsonLinesItemExporter
from nejat_crawler.files import PartFile, create_new, fsync_file, manifest_path, write_json_atomically
from nejat_crawler.items import LINE_FIELDS, Deletion, Post
from nejat_crawler.schema import post_schema
from nejat_crawler.state import StateLocked, StateStore
from nejat_crawler.warc import WarcFile

logger = logging.getLogger(__name__)

LOCKED = "state_locked"
"""The finish reason of a run that found the state held by another run."""


class RunRecorder:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.output_dir = output_dir(settings)
        self.state_dir = state_directory(settings)
        self.limits = health.Limits(
            max_errors=settings.getint("NEJAT_HEALTH_MAX_ERRORS"),
            max_failed_post_share=settings.getfloat("NEJAT_HEALTH_MAX_FAILED_POST_SHARE"),
            max_deletion_share=settings.getfloat("NEJAT_DELETION_MAX_SHARE"),
        )
        self.feed_paths = local_feed_paths(settings)
        self.feeds = bool(settings.getdict("FEEDS"))
        self.replay = bool(settings.get("NEJAT_SOURCE"))
        # A replay writes no archive: it would copy the one it reads.
        self.capture = settings.getbool("NEJAT_WARC_ENABLED") and not self.replay
        self.warc: WarcFile | None = None
        self.warc_failure: str | None = None
        """Why the archive could not be created, if it could not."""
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        self.started = datetime.now(UTC)
        self.state: StateStore | None = None
        self.run_file: RunFile | None = None
        self.tally = Tally()
        self.closed: tuple[Spider, str] | None = None
        """The spider and its finish reason, once it closed."""
        self.feeds_closed = not self.feeds
        self.finalized = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        recorder = cls(crawler)
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(recorder.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(recorder.feed_exporter_closed, signal=signals.feed_exporter_closed)
        return recorder

    def spider_opened(self, spider: Spider) -> None:
        try:
            self.state = self._open_state()
        except StateLocked as error:
            logger.error("%s; this run stops before any request", error)
            raise CloseSpider(LOCKED) from None
        if self.feeds and self.crawler.get_extension(FeedExporter) is None:
            self.feeds_closed = True  # no feed will be written, nor closed
        if not self.feeds:
            self.run_file = RunFile.create(self.output_dir / "runs", self.run_name(spider))
        if self.capture:
            try:
                self.warc = WarcFile.create(*self._warc_place(spider), self._warc_info(spider))
            except OSError as error:  # the crawl still gives its items; the run ends unhealthy
                self.warc_failure = f"could not be created ({error})"
                logger.error("The WARC archive %s", self.warc_failure)

    def _open_state(self) -> StateStore:
        run = self.started.isoformat(timespec="microseconds")
        if not self.replay:
            return StateStore(self.state_dir, run=run)
        self._scratch = tempfile.TemporaryDirectory(prefix="nejat-replay-state-")
        return StateStore(Path(self._scratch.name), run=run)

    def _warc_place(self, spider: Spider) -> tuple[Path, str]:
        """Folder and name: the run file's, or the user's first local feed's.

        With feeds elsewhere only (S3, FTP) the archive stays with the runs.
        """
        if self.run_file is not None:
            beside = self.run_file.path
        elif self.feed_paths:
            beside = self.feed_paths[0]
        else:
            beside = self.output_dir / "runs" / f"{self.run_name(spider)}.jsonl"
        return beside.parent, beside.stem

    def _warc_info(self, spider: Spider) -> dict[str, Any]:
        arguments = getattr(spider, "arguments", None)
        settings = self.crawler.settings
        return {
            "software": f"nejat-crawler {__version__}",
            "format": "WARC File Format 1.0",
            "arguments": json.dumps(arguments.describe() if arguments is not None else {}, ensure_ascii=False),
            "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
            "http-header-user-agent": settings.get("USER_AGENT"),
        }

    def item_scraped(self, item: Post | Deletion, spider: Spider) -> None:
        if self.run_file is not None:
            self.run_file.write(item)
        self.tally.add(item)
        if self.state is None:
            return
        if isinstance(item, Deletion):
            self.state.remember_deletion(item.edition, item.post_id, item.status, item.deleted_at)
            return
        # A post whose page failed counts as known too: incremental runs
        # follow the listings, and the next full run fetches every page.
        raw = item.raw
        self.state.remember_post(
            item.edition, item.post_id, raw.listing_fingerprint, raw.listing_fields, raw.page_fields, raw.page_status
        )

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = self.crawler.stats
        assert stats is not None
        if reason == LOCKED:
            stats.set_value("nejat/health/verdict", "locked")
            return
        self.closed = (spider, reason)
        self._finalize_when_ready()

    def feed_exporter_closed(self) -> None:
        self.feeds_closed = True
        self._finalize_when_ready()

    def run_name(self, spider: Spider) -> str:
        editions = getattr(getattr(spider, "arguments", None), "editions", ())
        return self.started.strftime("%Y-%m-%dT%H-%M-%SZ") + "".join(f"-{code}" for code in editions)

    def _finalize_when_ready(self) -> None:
        """Once the spider closed and Scrapy closed the user's feeds: verdict, output, state."""
        if self.closed is None or not self.feeds_closed or self.finalized:
            return
        self.finalized = True
        spider, reason = self.closed
        try:
            self._finalize(spider, reason)
        except OSError as error:  # a full disk, a folder in the way: the output did not land
            self._verdict([f"could not write the run's output: {error}"])
            self._close_state(commit=False)

    def _finalize(self, spider: Spider, reason: str) -> None:
        stats = self.crawler.stats
        assert stats is not None
        incremental = bool(getattr(getattr(spider, "arguments", None), "incremental", False))
        feed_problems = self._feed_problems()
        # A WARC that could not be written makes the run unhealthy; the items
        # landed all the same, so it does not hold back the state.
        output_problems = feed_problems + self._warc_problems()
        problems = health.problems(health.Run(stats.get_stats(), reason, incremental, self.limits)) + output_problems
        self._verdict(problems)
        manifest = self._manifest(spider, reason, problems)
        if self.warc is not None:
            manifest["warc"] = self._close_warc(reason == "finished")
        if self.run_file is not None:
            self._close_run_file(manifest, incremental)
        else:
            for feed in self.feed_paths:
                fsync_file(feed)
                write_json_atomically(manifest_path(feed), {**manifest, "run_file": feed.name})
            self._close_state(commit=reason == "finished" and not feed_problems)

    def _feed_problems(self) -> list[str]:
        if not self.feeds:
            return []
        stats = self.crawler.stats
        assert stats is not None
        if self.crawler.get_extension(FeedExporter) is None:
            return ["FEEDS is set but Scrapy's feed exporter is not running: no item was written"]
        failed = sum(value for key, value in stats.get_stats().items() if key.startswith("feedexport/failed_count/"))
        return [f"{failed} feed(s) could not be stored (see the log): their posts stay unrecorded"] if failed else []

    def _close_warc(self, finished: bool) -> dict[str, Any]:
        """Close the archive, renamed when whole; what the manifest says of it.

        A failure here makes the run unhealthy and costs nothing else: the
        items are written and the state goes on as it would.
        """
        assert self.warc is not None
        whole = finished and self.warc.failure is None
        try:
            path = self.warc.close(complete=whole)
        except OSError as error:
            whole, path = False, self.warc.partial
            self._verdict([f"the WARC archive could not be closed ({error}); it stays {path.name}"])
        return {"file": path.name, "complete": whole, "records": self.warc.records, "responses": self.warc.responses}

    def _warc_problems(self) -> list[str]:
        if self.warc_failure is not None:
            return [f"the WARC archive {self.warc_failure}"]
        if self.warc is None or self.warc.failure is None:
            return []
        return [f"the WARC archive could not be written ({self.warc.failure}); it stays {self.warc.partial.name}"]

    def _verdict(self, new_problems: list[str]) -> None:
        """Add ``new_problems`` to the run's verdict, one log line each."""
        stats = self.crawler.stats
        assert stats is not None
        problems = [*stats.get_value("nejat/health/problems", []), *new_problems]
        stats.set_value("nejat/health/verdict", "unhealthy" if problems else "healthy")
        stats.set_value("nejat/health/problems", problems)
        for problem in new_problems:
            logger.error("unhealthy: %s", problem)

    def _close_run_file(self, manifest: dict[str, Any], incremental: bool) -> None:
        assert self.run_file is not None
        finished = manifest["finish_reason"] == "finished"
        path = self.run_file.close(complete=finished)
        if not finished:
            logger.warning("The run did not finish: its items stay in %s, and the next run fetches them again", path)
            self._close_state(commit=False)
            return
        manifest_file = manifest_path(path)
        write_json_atomically(manifest_file, {**manifest, "run_file": path.name})
        pointer = {
            "run": path.relative_to(self.output_dir).as_posix(),
            "manifest": manifest_file.relative_to(self.output_dir).as_posix(),
            "incremental": incremental,
            **{key: manifest[key] for key in ("finished_at", "healthy", "items")},
        }
        if not self.replay:  # a replay is no newer run of the site
            write_json_atomically(self.output_dir / "latest.json", pointer)
        self._close_state(commit=True)

    def _close_state(self, commit: bool) -> None:
        if self.state is None:
            return
        if commit:
            self.state.commit()
        self.state.close()
        self.state = None
        if self._scratch is not None:
            self._scratch.cleanup()

    def _manifest(self, spider: Spider, reason: str, problems: list[str]) -> dict[str, Any]:
        stats = self.crawler.stats
        assert stats is not None
        arguments = getattr(spider, "arguments", None)
        return {
            "crawler": f"nejat-crawler {__version__}",
            "schema_version": post_schema()["version"],
            "started_at": self.started.isoformat(timespec="seconds"),
            "finished_at": _now(),
            "arguments": arguments.describe() if arguments is not None else {},
            "finish_reason": reason,
            "healthy": not problems,
            "problems": problems,
            "items": self.tally.total,
            "changes": self.tally.changes_by_edition(),
            "coverage": self.tally.coverage_by_edition(),
            "requests": stats.get_value("downloader/request_count", 0),
            "history": self._history(arguments, stats.get_stats()),
            "errors": {
                "log_errors": stats.get_value("log_count/ERROR", 0),
                "failed_post_pages": stats.get_value("nejat/articles/failed", 0),
                "failed_listing_chains": health.failed_chains(stats.get_stats()),
            },
        }

    def _history(self, arguments: SpiderArguments | None, stats: dict[str, Any]) -> dict[str, Any]:
        """What this run checked again, and how long a sweep of every known post takes at its rate."""
        revisit, editions = (arguments.revisit, arguments.editions) if arguments is not None else (0, ())
        known = self.state.count_posts(editions) if self.state is not None and editions else 0
        runs_per_cycle = math.ceil(known / revisit) if revisit and known else None
        previous = self.state.previous_run() if self.state is not None else None
        every_days = (self.started - datetime.fromisoformat(previous)).total_seconds() / 86400 if previous else None
        return {
            "revisit": revisit,
            "checked": stats.get("nejat/revisits/checked", 0),
            "not_checked": stats.get("nejat/revisits/not_checked", 0),
            "deleted": sum(changes.get("deleted", 0) for changes in self.tally.changes_by_edition().values()),
            "deletions_withheld": stats.get("nejat/revisits/deletions_withheld", 0),
            "known_posts": known,
            # Every known post re-checked after this many runs at this rate; in days, at
            # the interval since the previous run.
            "cycle_runs": runs_per_cycle,
            "cycle_days": round(runs_per_cycle * every_days, 1) if runs_per_cycle and every_days else None,
        }


class RunFile(PartFile):
    """A JSON Lines file written under ``<name>.part`` and renamed to ``<name>`` once whole."""

    def __init__(self, path: Path, handle: BinaryIO) -> None:
        super().__init__(path, handle)
        # Scrapy's annotation asks for BytesIO; any binary file is what it writes to.
        self._exporter = PostJsonLinesItemExporter(
            handle,  # type: ignore[arg-type]
            fields_to_export=LINE_FIELDS,
            encoding="utf-8",
        )
        self._exporter.start_exporting()

    @classmethod
    def create(cls, folder: Path, name: str) -> RunFile:
        """``folder/<name>.jsonl``, or ``<name>-2.jsonl``… when a run of the same second has it."""
        return cls(*create_new(folder, name, ".jsonl"))

    def write(self, item: Post | Deletion) -> None:
        self._exporter.export_item(item)
        # Line by line on disk, so a watcher (tail -f, the tests) sees progress.
        self.handle.flush()

    def close(self, complete: bool) -> Path:
        self._exporter.finish_exporting()
        return super().close(complete)


class Tally:
    """Items per edition and change, and how many carry each field consumers rely on."""

    COVERED = ("published", "categories", "share_links", "content_text")

    def __init__(self) -> None:
        self.total = 0
        self._changes: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self._filled: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self._posts: Counter[str] = Counter()
        """Items per edition, deletion notices aside."""

    def add(self, item: Post | Deletion) -> None:
        self.total += 1
        self._changes[item.edition][item.change or "unknown"] += 1
        if isinstance(item, Deletion):
            return
        self._posts[item.edition] += 1
        filled = self._filled[item.edition]
        filled.update(field for field in self.COVERED if getattr(item, field) not in (None, "", []))

    def changes_by_edition(self) -> dict[str, dict[str, int]]:
        return {edition: dict(counts) for edition, counts in sorted(self._changes.items())}

    def coverage_by_edition(self) -> dict[str, dict[str, float]]:
        """Per edition, the share of items with each field filled."""
        return {
            edition: {field: round(self._filled[edition][field] / posts, 4) for field in self.COVERED}
            for edition, posts in sorted(self._posts.items())
        }


def output_dir(settings: BaseSettings) -> Path:
    """``NEJAT_OUTPUT_DIR``, or ``output/`` in the project root, whatever the working directory."""
    configured = settings.get("NEJAT_OUTPUT_DIR")
    if configured:
        return Path(configured)
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "scrapy.cfg").is_file():
        return checkout / "output"
    config = closest_scrapy_cfg()
    return (Path(config).parent if config else Path.cwd()) / "output"


def state_directory(settings: BaseSettings) -> Path:
    """``NEJAT_STATE_DIR``, or ``state/`` in the output folder."""
    return Path(settings.get("NEJAT_STATE_DIR") or output_dir(settings) / "state")


def local_feed_paths(settings: BaseSettings) -> list[Path]:
    """The local files among the ``FEEDS`` given with ``-o``/``-O``, for their manifests."""
    paths = []
    for uri in settings.getdict("FEEDS"):
        text = str(uri)
        if "%(" in text:
            continue  # a name Scrapy fills in at run time: no fixed place beside it
        if text.startswith("file://"):
            text = text.removeprefix("file://")
        elif "://" in text or text.endswith(":"):
            continue  # another storage (s3://, ftp://) or the console (``-o -`` is ``stdout:``)
        paths.append(Path(text).resolve())
    return paths


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
