"""A bare parsel spider: the crawler's requests, ``{url, title}`` per entry, nothing else.

For each edition it walks the home listing through "Older Posts"; with
``-a articles=1`` (the default, like the crawler) it fetches every post page
and takes the title there, with ``-a articles=0`` it yields the listing's
entries.  Links are written with the live origin, as on the site; they are
fetched from the mirror.  No pipelines, no middlewares of ours.  Run it
outside the project directory, so the project's settings do not apply::

    cd /tmp && scrapy runspider /work/main/benchmarks/bare_spider.py -a mirror=http://127.0.0.1:8080 \\
        -O bare.jsonl -s BARE_STATS_FILE=bare-stats.json
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response
from scrapy.settings import BaseSettings

LIVE_ORIGIN = "https://www.nejatngo.org"
EDITIONS = ("en", "ar", "fa", "sq")


# Scrapy's defaults but for these: the harness's loopback speed, and robots.txt obeyed like ours.
SETTINGS = {
    "ROBOTSTXT_OBEY": True,
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "INFO",
    "FEED_EXPORT_ENCODING": "utf-8",
}


class BareSpider(scrapy.Spider):
    name = "bare"

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        settings.setdict(SETTINGS, priority="spider")

    def __init__(self, mirror: str, articles: str = "1", editions: str = ",".join(EDITIONS), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.mirror = mirror.rstrip("/")
        self.articles = articles not in ("0", "false", "no")
        self.editions = tuple(code for code in editions.split(",") if code)

    def fetched(self, url: str) -> str:
        """The mirror's URL for a link of the live site (or of the mirror)."""
        parts = urlsplit(url)
        return self.mirror + parts.path + (f"?{parts.query}" if parts.query else "")

    def live(self, url: str) -> str:
        return LIVE_ORIGIN + urlsplit(url).path

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for edition in self.editions:
            yield scrapy.Request(f"{self.mirror}/{edition}/", callback=self.parse_listing)

    def parse_listing(self, response: Response) -> Iterator[dict[str, str] | scrapy.Request]:
        for entry in response.css("article.standard-article"):
            link = entry.css("h2.entry-title a")
            url = self.live(link.attrib["href"])
            if self.articles:
                yield scrapy.Request(self.fetched(url), callback=self.parse_article, priority=1)
            else:
                yield {"url": url, "title": " ".join(link.css("::text").get("").split())}
        older = response.css("div.penci-pagination div.older a::attr(href)").get()
        if older:
            yield scrapy.Request(self.fetched(older), callback=self.parse_listing)

    def parse_article(self, response: Response) -> Iterator[dict[str, str]]:
        title = response.css("h1.entry-title::text").get("")
        yield {"url": self.live(response.url), "title": " ".join(title.split())}

    def closed(self, reason: str) -> None:
        path = self.settings.get("BARE_STATS_FILE")
        if path and self.crawler.stats is not None:
            stats = dict(self.crawler.stats.get_stats()) | {"finish_reason": reason}
            Path(path).write_text(json.dumps(stats, default=str, indent=1, sort_keys=True), encoding="utf-8")
