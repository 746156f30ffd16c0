"""One item per post per crawl.

The spider already emits each post once (it skips a post listed again on
another page of the run), so this is a guard, keyed on (edition, post_id),
against any later path that does not.  The first item wins.  Memory grows
by one bit per post (``nejat_crawler.postset``) and nothing else.
"""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from nejat_crawler.items import Deletion, Post
from nejat_crawler.pipelines import NejatPipeline
from nejat_crawler.postset import PostSet


class DedupePipeline(NejatPipeline):
    name = "dedupe"

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.seen = PostSet()

    def process_item(self, item: Post | Deletion) -> Post | Deletion:
        key = (item.edition, item.post_id)
        if key in self.seen:
            self.count("dropped")
            raise DropItem(f"already emitted {item.url}", log_level="DEBUG")
        self.seen.add(key)
        self.count("kept")
        return item
