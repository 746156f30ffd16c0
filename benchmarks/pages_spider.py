"""The bare spider's requests, parsed with the project's own page functions; nothing else of the project.

Same walk as ``bare_spider.py`` (each edition's home chain through "Older
Posts", each post page with ``-a articles=1``), but every page is read by
``nejat_crawler.pages.listing.parse_listing`` or
``nejat_crawler.pages.article.parse_article`` and the parsed entry or article
is yielded as a dict.  No pipelines, no state, no run files, no middlewares
of ours, no project settings: set against the bare spider it measures the
extraction, set against ``scrapy crawl nejat`` everything else.  Run it
outside the project directory, with the project on ``PYTHONPATH`` (the
harness does)::

    cd /tmp && PYTHONPATH=/work/main scrapy runspider /work/main/benchmarks/pages_spider.py \\
        -a mirror=http://127.0.0.1:8080 -O pages.jsonl -s BARE_STATS_FILE=pages-stats.json
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any
from urllib.parse import urlsplit

import scrapy
from parsel import Selector
from scrapy.http import Response, TextResponse

from benchmarks.bare_spider import BareSpider
from nejat_crawler.editions import Edition, get_edition
from nejat_crawler.pages.article import parse_article
from nejat_crawler.pages.listing import parse_listing


class PagesSpider(BareSpider):
    name = "pages"

    def parse_listing(self, response: Response) -> Iterator[dict[str, Any] | scrapy.Request]:
        page_url = self.live(response.url)
        page = parse_listing(_selector(response), page_url, _edition(page_url))
        for entry in page.entries:
            if self.articles:
                yield scrapy.Request(self.fetched(entry.url), callback=self.parse_article, priority=1)
            else:
                yield asdict(entry)
        if page.next_url:
            yield scrapy.Request(self.fetched(page.next_url), callback=self.parse_listing)

    def parse_article(self, response: Response) -> Iterator[dict[str, Any]]:
        page_url = self.live(response.url)
        yield {"url": page_url} | asdict(parse_article(_selector(response), page_url, _edition(page_url)))


def _edition(url: str) -> Edition:
    """The edition of a page of the site: the first segment of its path."""
    return get_edition(urlsplit(url).path.split("/")[1])


def _selector(response: Response) -> Selector:
    assert isinstance(response, TextResponse), f"not a page of the site: {response.url}"
    return response.selector
