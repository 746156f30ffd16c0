"""Write the crawl's final stats as JSON, for schedulers and tests.

Scrapy prints its stats to the log at the end of a crawl; a file is what
other programs can read without parsing logs.  Enabled by ``NEJAT_STATS_FILE``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Self

from scrapy import Spider, signals
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
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = dict(self.crawler.stats.get_stats())
        stats.setdefault("finish_reason", reason)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(stats, default=str, indent=1, sort_keys=True), encoding="utf-8")
