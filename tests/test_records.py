"""Building post records from a listing entry and merging its post page."""

from __future__ import annotations

import dataclasses

from parsel import Selector

from nejat_crawler.editions import get_edition
from nejat_crawler.items import RawDates, RawValues
from nejat_crawler.pages.article import parse_article
from nejat_crawler.pages.common import FoundDate, FoundLink
from nejat_crawler.pages.listing import parse_listing
from nejat_crawler.records import differs, merge_article, post_from_entry
from tests.page_expectations import PAGES

EN = get_edition("en")


def seed_entry(index: int = 0):
    html = (PAGES / "en-seed-listing.html").read_text(encoding="utf-8")
    return parse_listing(Selector(text=html), "https://www.nejatngo.org/en/page/2", EN).entries[index]


def article_7778():
    html = (PAGES / "en-post-7778.html").read_text(encoding="utf-8")
    return parse_article(Selector(text=html), "https://www.nejatngo.org/en/posts/7778", EN)


def test_listing_record_carries_raw_values_for_the_pipelines():
    post = post_from_entry(seed_entry(), "en", 3601, listing_url="https://www.nejatngo.org/en/page/2")
    assert post.url == "https://www.nejatngo.org/en/posts/3601"
    assert (post.title, post.date_text, post.comment_count) == (
        "UN mission in Iraq witnesses aftermath of Ashraf attack",
        "September 5, 2013",
        0,
    )
    assert post.raw.dates == RawDates(datetime="2013-09-05T19:40:00+04:30")
    assert post.raw.categories == (FoundLink("MEK Camp Ashraf", "https://www.nejatngo.org/en/topic/mek-camp-ashraf"),)
    assert len(post.raw.share_links) == 7
    assert post.raw.tags is None
    assert post.listing_url == "https://www.nejatngo.org/en/page/2"


def test_article_fills_what_the_listing_lacks_and_agreeing_fields_are_not_counted():
    article = article_7778()
    post = post_from_entry(seed_entry(), "en", 7778, listing_url="https://www.nejatngo.org/en/")
    post.title, post.date_text, post.comment_count = article.title, article.date.text, article.comment_count
    post.raw = RawValues(categories=article.categories, dates=RawDates(datetime=article.date.datetime))
    assert differs(post, article) == []
    merge_article(post, article)
    assert post.content_text and post.content_html and post.author == "Nejat Society"
    assert [tag.text for tag in post.raw.tags or ()] == [
        "Efforts to rescue the MEK hostages",
        "Camp Ashraf Inhabitants",
    ]
    assert post.raw.dates.meta_published == "2017-05-24T12:10:00+00:00"
    assert post.canonical_url == "https://www.nejatngo.org/en/posts/7778"


def test_article_wins_where_both_differ():
    # The seed entry of post 3601 merged with the page of post 7778: every
    # shared field differs, and the canonical link names another post.
    post = post_from_entry(seed_entry(), "en", 3601, listing_url="https://www.nejatngo.org/en/")
    listing_shares = post.raw.share_links
    article = article_7778()
    assert differs(post, article) == ["title", "categories", "date", "comment_count", "canonical_url"]
    merge_article(post, article)
    assert post.title == "A mother’s letter to her son in Albania"
    assert post.comment_count == 3
    assert post.date_text == "May 24, 2017"
    assert post.raw.dates.datetime == "2017-05-24T16:40:00+04:30"
    # Share links are a listing field the article does not override.
    assert post.raw.share_links == listing_shares


def test_post_page_without_datetime_keeps_the_listing_attribute():
    article = article_7778()
    article = dataclasses.replace(article, date=FoundDate(text=article.date.text, datetime=None))
    post = post_from_entry(seed_entry(), "en", 7778, listing_url="https://www.nejatngo.org/en/")
    post.date_text = "May 24, 2017"
    merge_article(post, article)
    assert post.raw.dates.datetime == "2013-09-05T19:40:00+04:30"
    assert post.date_text == "May 24, 2017"


def test_what_the_page_did_not_show_is_kept_from_the_listing_and_said_so():
    article = dataclasses.replace(article_7778(), categories=())
    post = post_from_entry(seed_entry(), "en", 7778, listing_url="https://www.nejatngo.org/en/")
    merge_article(post, article)
    assert post.raw.categories == seed_entry().categories
    assert (post.raw.page_lacks, post.raw.page_status) == (("categories",), 200)
    complete = post_from_entry(seed_entry(), "en", 7778, listing_url="https://www.nejatngo.org/en/")
    merge_article(complete, article_7778())
    assert complete.raw.page_lacks == ()
