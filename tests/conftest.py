"""Shared fixtures: pipelines built the way Scrapy builds them, on a real crawler."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from nejat_crawler.items import Post
from tests.crawling import ROOT, CrawlResult, run_crawl
from tests.site.server import ReplicaServer


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(path): (path.stat().st_size, path.stat().st_mtime_ns) for path in folder.rglob("*") if path.is_file()}


@pytest.fixture(scope="session", autouse=True)
def project_output_is_left_alone() -> Iterator[None]:
    """Tests and the demo write into temporary folders, never into the user's ``output/``."""
    before = _files(ROOT / "output")
    yield
    assert _files(ROOT / "output") == before, "a test wrote into output/"


@pytest.fixture
def crawler() -> Crawler:
    return get_crawler(settings_dict={})


def make_post(**fields: Any) -> Post:
    """A post with its identity filled, for pipeline tests."""
    values: dict[str, Any] = {
        "url": "https://www.nejatngo.org/en/posts/3601",
        "edition": "en",
        "post_id": 3601,
        "title": "UN mission in Iraq witnesses aftermath of Ashraf attack",
        "change": "new",
    }
    values.update(fields)
    return Post(**values)


def nejat_stats(crawler: Crawler) -> dict[str, Any]:
    return {key: value for key, value in crawler.stats.get_stats().items() if key.startswith("nejat/")}


@pytest.fixture(scope="session")
def listing_crawl(tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    """The whole replica crawled in listing-only mode, once per test session."""
    with ReplicaServer() as server:
        return run_crawl(server, tmp_path_factory.mktemp("listing"), "-a", "articles=0")


@pytest.fixture(scope="session")
def article_crawl(tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    """The whole replica crawled in the default article mode, once per test session."""
    with ReplicaServer() as server:
        return run_crawl(server, tmp_path_factory.mktemp("articles"))
