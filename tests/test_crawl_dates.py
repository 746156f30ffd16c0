"""End to end, dates: every fallback gives the same day as the best source."""

from __future__ import annotations

import pytest

from tests.crawling import run_crawl
from tests.site import content
from tests.site.server import ReplicaServer


def published(result) -> dict[tuple[str, int], str | None]:
    return {key: item["published"] for key, item in result.by_key().items()}


def test_full_replica_dates_are_the_site_local_days(article_crawl):
    expected = {(p.edition, p.post_id): p.published.date().isoformat() for p in content.listed_posts()}
    assert published(article_crawl) == expected
    assert "nejat/dates/unparsed" not in article_crawl.stats
    assert "nejat/dates/disagree" not in article_crawl.stats


@pytest.mark.parametrize("articles", ["1", "0"])
def test_without_datetime_attributes_text_gives_the_same_dates(tmp_path, article_crawl, articles):
    with ReplicaServer(variant="no-datetime") as server:
        result = run_crawl(server, tmp_path, "-a", f"articles={articles}")
    assert result.returncode == 0
    assert published(result) == published(article_crawl)
    assert {item["edition"] for item in result.items} == {"en", "ar", "fa", "sq"}
    assert result.stats["nejat/dates/from_text"] == len(result.items)
    assert all(item["published_at"] is None for item in result.items)


def test_jalali_numbers_in_datetime_attributes_are_converted(tmp_path, article_crawl):
    with ReplicaServer(variant="jalali-datetime") as server:
        result = run_crawl(server, tmp_path, "-a", "editions=fa")
    expected = {key: day for key, day in published(article_crawl).items() if key[0] == "fa"}
    assert published(result) == expected
    assert result.stats["nejat/dates/jalali_numbers_converted"] >= len(result.items)
    assert "nejat/dates/disagree" not in result.stats
    for item in result.items:
        assert item["published_at"].startswith(item["published"])
