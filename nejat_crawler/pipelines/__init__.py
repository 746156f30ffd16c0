"""Item pipelines, one concern each.

Every pipeline is built with ``from_crawler``, raises ``NotConfigured`` when
its ``NEJAT_<NAME>_ENABLED`` setting is off, and counts what it changes in
the crawl stats under ``nejat/<name>/<event>``; switched off, it marks the
fields it leaves empty under ``nejat/fields_off/<field>``.
"""

from __future__ import annotations

from typing import ClassVar, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured


class NejatPipeline:
    name: ClassVar[str]
    """Stats prefix and settings name, e.g. ``dates`` -> ``NEJAT_DATES_ENABLED``."""
    fills: ClassVar[tuple[str, ...]] = ()
    """Exported fields only this pipeline fills: switched off, they stay empty."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        setting = f"NEJAT_{cls.name.upper()}_ENABLED"
        if not crawler.settings.getbool(setting, True):
            # Scrapy logs this message as a warning; the stats say it too, so
            # a run with empty fields is never mistaken for a site without them.
            for field in cls.fills:
                crawler.stats.set_value(f"nejat/fields_off/{field}", 1)
            emptied = f": {', '.join(cls.fills)} will be empty in every item" if cls.fills else ""
            raise NotConfigured(f"{setting} is off{emptied}")
        return cls(crawler)

    def count(self, event: str, amount: int = 1) -> None:
        self.crawler.stats.inc_value(f"nejat/{self.name}/{event}", amount)
