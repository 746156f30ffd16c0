"""Write the crawl's final stats as JSON, for schedulers and tests.

Scrapy prints its stats to the log at the end of a crawl; a file is what
other programs can read without parsing logs.  Enabled by ``NEJAT_STATS_FILE``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Self

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured


class StatsFile:
    def __init__(self, crawler: Crawler, path: Path) -> None:
        self.crawler = crawler
        self.path = path

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        path = crawler.settings.get("NEJAT_STATS_FILE")
        if not path:
            raise NotConfigured  # no message: Scrapy would log an unset option as a warning
        extension = cls(crawler, Path(path))
        # When the engine stops, every spider_closed handler is done (the run
        # recorder's verdict may wait for Scrapy to close the feeds).
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def engine_stopped(self) -> None:
        assert self.crawler.stats is not None
        stats = dict(self.crawler.stats.get_stats())
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(stats, default=str, indent=1, sort_keys=True), encoding="utf-8")
