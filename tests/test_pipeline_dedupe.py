import pytest
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.test import get_crawler

from nejat_crawler.pipelines.dedupe import DedupePipeline
from tests.conftest import make_post, nejat_stats


def test_first_sighting_wins_and_repeats_are_dropped(crawler):
    pipeline = DedupePipeline.from_crawler(crawler)
    first = make_post(listing_url="https://www.nejatngo.org/en/")
    assert pipeline.process_item(first) is first
    with pytest.raises(DropItem):
        pipeline.process_item(make_post(listing_url="https://www.nejatngo.org/en/topic/un"))
    assert nejat_stats(crawler) == {"nejat/dedupe/kept": 1, "nejat/dedupe/dropped": 1}


def test_same_id_in_another_edition_is_another_post(crawler):
    pipeline = DedupePipeline.from_crawler(crawler)
    pipeline.process_item(make_post())
    other = make_post(edition="fa", url="https://www.nejatngo.org/fa/posts/3601")
    assert pipeline.process_item(other) is other


def test_can_be_switched_off():
    with pytest.raises(NotConfigured):
        DedupePipeline.from_crawler(get_crawler(settings_dict={"NEJAT_DEDUPE_ENABLED": False}))
