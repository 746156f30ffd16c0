import logging

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from nejat_crawler.items import RawDates, RawValues
from nejat_crawler.pipelines.dates import DatesPipeline
from tests.conftest import make_post, nejat_stats


def dated(crawler, edition="en", date_text=None, **dates):
    pipeline = DatesPipeline.from_crawler(crawler)
    raw = RawValues(dates=RawDates(**dates))
    return pipeline.process_item(make_post(edition=edition, date_text=date_text, raw=raw))


def test_datetime_attribute_is_best(crawler):
    post = dated(crawler, date_text="September 5, 2013", datetime="2013-09-05T10:12:00+04:30")
    assert (post.published, post.published_at, post.date_text) == (
        "2013-09-05",
        "2013-09-05T10:12:00+04:30",
        "September 5, 2013",
    )
    assert nejat_stats(crawler) == {"nejat/dates/from_datetime": 1}


def test_local_day_is_kept_after_midnight(crawler):
    post = dated(crawler, edition="fa", date_text="22 آذر 1404", datetime="2025-12-13T00:40:00+03:30")
    assert post.published == "2025-12-13"
    assert post.published_at == "2025-12-13T00:40:00+03:30"


def test_meta_then_json_ld_then_text(crawler):
    assert dated(crawler, meta_published="2020-02-22T09:00:00+03:30").published == "2020-02-22"
    assert dated(crawler, jsonld_published="2020-02-23T09:00:00+03:30").published == "2020-02-23"
    text_only = dated(crawler, edition="fa", date_text="\u200f03 اسفند 1398\u200f")
    assert (text_only.published, text_only.published_at) == ("2020-02-22", None)
    stats = nejat_stats(crawler)
    assert stats["nejat/dates/from_meta_published"] == 1
    assert stats["nejat/dates/from_jsonld_published"] == 1
    assert stats["nejat/dates/from_text"] == 1


def test_jalali_numbers_in_datetime_are_converted(crawler):
    post = dated(crawler, edition="fa", date_text="03 اسفند 1398", datetime="1398-12-03T10:15:00+03:30")
    assert post.published == "2020-02-22"
    assert post.published_at == "2020-02-22T10:15:00+03:30"
    stats = nejat_stats(crawler)
    assert stats["nejat/dates/jalali_numbers_converted"] == 1
    assert "nejat/dates/disagree" not in stats


def test_disagreement_is_counted_and_best_source_kept(crawler):
    post = dated(crawler, date_text="September 4, 2013", datetime="2013-09-05T10:12:00+04:30")
    assert post.published == "2013-09-05"
    assert nejat_stats(crawler)["nejat/dates/disagree"] == 1


def test_broken_datetime_falls_back_to_text(crawler):
    post = dated(crawler, edition="sq", date_text="5 Shtator, 2013", datetime="not a date")
    assert post.published == "2013-09-05"
    assert nejat_stats(crawler)["nejat/dates/invalid_datetime"] == 1


def test_unparseable_date_is_null_and_logged_once_per_form(crawler, caplog):
    pipeline = DatesPipeline.from_crawler(crawler)
    with caplog.at_level(logging.WARNING):
        for day in (3, 4):
            post = pipeline.process_item(make_post(date_text=f"{day} days ago"))
            assert (post.published, post.published_at, post.date_text) == (None, None, f"{day} days ago")
    assert nejat_stats(crawler)["nejat/dates/unparsed"] == 2
    assert len([r for r in caplog.records if "Unparsed date form" in r.getMessage()]) == 1


def test_switched_off_says_which_fields_stay_empty():
    crawler = get_crawler(settings_dict={"NEJAT_DATES_ENABLED": False})
    with pytest.raises(NotConfigured, match="published, published_at, modified_at will be empty"):
        DatesPipeline.from_crawler(crawler)
    assert nejat_stats(crawler) == {
        "nejat/fields_off/published": 1,
        "nejat/fields_off/published_at": 1,
        "nejat/fields_off/modified_at": 1,
    }


def test_modified_at_from_post_page_meta(crawler):
    post = dated(
        crawler,
        datetime="2013-09-05T10:12:00+04:30",
        meta_modified="2014-01-02T08:00:00+03:30",
        jsonld_modified="2014-01-03T08:00:00+03:30",
    )
    assert post.modified_at == "2014-01-02T08:00:00+03:30"


def test_text_wins_over_a_day_that_rests_on_the_assumed_zone(crawler):
    # A UTC meta time of 21:30 is the next day in Tehran, but the site shows
    # the 5th: its install is not in the zone we assume.
    post = dated(crawler, date_text="September 5, 2013", meta_published="2013-09-05T21:30:00+00:00")
    assert post.published == "2013-09-05"
    assert post.published_at == "2013-09-05T21:30:00+00:00"
    assert nejat_stats(crawler)["nejat/dates/text_over_assumed_zone"] == 1


def test_site_offset_wins_over_text(crawler):
    post = dated(crawler, date_text="September 4, 2013", datetime="2013-09-05T00:40:00+04:30")
    assert post.published == "2013-09-05"
    assert "nejat/dates/text_over_assumed_zone" not in nejat_stats(crawler)


@pytest.mark.parametrize(
    "extreme",
    ["9999-12-31T23:30:00+00:00", "0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59", "0001-01-01"],
)
def test_extreme_dates_are_invalid_not_a_crash(crawler, extreme):
    post = dated(
        crawler,
        date_text="September 5, 2013",
        datetime=extreme,
        meta_published=extreme,
        jsonld_published=extreme,
        meta_modified=extreme,
        jsonld_modified=extreme,
    )
    assert (post.published, post.published_at, post.modified_at) == ("2013-09-05", None, None)
    stats = nejat_stats(crawler)
    assert stats["nejat/dates/from_text"] == 1
    assert stats["nejat/dates/invalid_datetime"] == stats["nejat/dates/invalid_meta_published"] == 1
