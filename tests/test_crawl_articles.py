"""End to end, article mode: complete records, each post page fetched once."""

from __future__ import annotations

import re
from collections import Counter

from tests.crawling import CrawlResult, run_crawl
from tests.site import content
from tests.site.server import ReplicaServer

LISTING_FIELDS = (
    "url", "edition", "post_id", "title", "categories", "published", "published_at", "date_text",
    "comment_count", "share_links", "excerpt", "image", "listing_url",
)  # fmt: skip


def post_page_requests(result: CrawlResult) -> Counter[str]:
    """Requests for post pages by their full target, query included: a fetch of
    ``/en/posts/5?amp=1`` is not a fetch of the canonical page."""
    return Counter(path for _, path, _ in result.requests if re.match(r"^/\w\w/posts/\d+", path))


def test_each_post_page_is_requested_exactly_once(article_crawl):
    requested = post_page_requests(article_crawl)
    assert requested == Counter({post.path: 1 for post in content.listed_posts()})


def test_listing_only_mode_requests_no_post_page(listing_crawl):
    assert post_page_requests(listing_crawl) == Counter()
    assert all(item["content_text"] is None and item["tags"] == [] for item in listing_crawl.items)


def test_records_are_complete(article_crawl):
    items = article_crawl.by_key()
    for post in content.listed_posts():
        item = items[(post.edition, post.post_id)]
        if post.page_status != 200:
            continue
        assert item["article_error"] is None
        assert [tag["name"] for tag in item["tags"]] == [term.name for term in post.tags]
        assert all(tag["url"].startswith("https://www.nejatngo.org/") for tag in item["tags"])
        assert item["content_text"] == post.text
        assert item["content_html"] and "<p>" in item["content_html"]
        assert item["author"] == post.author
        assert item["canonical_url"] == item["url"]
        assert item["modified_at"] is not None
        assert item["images"] == ([post.content_image] if post.content_image else [])


def test_post_page_that_answers_404_keeps_its_listing_record(article_crawl, listing_crawl):
    missing = [post for post in content.listed_posts() if post.page_status == 404]
    assert missing, "the replica must have listed posts whose page is gone"
    items, listed = article_crawl.by_key(), listing_crawl.by_key()
    for post in missing:
        item = items[(post.edition, post.post_id)]
        assert item["article_error"] == "HTTP 404"
        assert item["content_text"] is None
        assert {field: item[field] for field in LISTING_FIELDS} == {
            field: listed[(post.edition, post.post_id)][field] for field in LISTING_FIELDS
        }
    assert article_crawl.stats["nejat/articles/failed"] == len(missing)


def test_listing_fields_agree_between_the_two_modes(article_crawl, listing_crawl):
    # The replica's post pages agree with its listings, so nothing is corrected
    # and the listing fields of both modes are identical.
    articles, listed = article_crawl.by_key(), listing_crawl.by_key()
    assert articles.keys() == listed.keys()
    for key, item in articles.items():
        assert {f: item[f] for f in LISTING_FIELDS} == {f: listed[key][f] for f in LISTING_FIELDS}, key
    assert not [name for name in article_crawl.stats if name.startswith("nejat/merge/")]


def test_no_comment_related_title_or_share_label_leaks_into_content(article_crawl):
    post = content.post("en", 7778)
    item = article_crawl.by_key()[("en", 7778)]
    related = content.related_posts(post)
    assert post.comments and related
    for leaked in (*(c.text for c in post.comments), *(r.title for r in related), "Facebook", "Whatsapp"):
        assert leaked not in item["content_text"] and leaked not in item["content_html"]


def test_post_pages_behind_noisy_links_are_fetched_at_their_canonical_url(tmp_path):
    # Tag archives link posts through ?amp=1, /amp/, ?noamp=mobile, ?=1 and a trailing slash.
    tags = [listing for listing in content.LISTINGS if listing.kind == "tag" and listing.noisy_links]
    with ReplicaServer() as server:
        result = run_crawl(server, tmp_path, "-a", "listings=" + ",".join(listing.path for listing in tags))
    expected = {f"/{listing.edition}/posts/{post_id}" for listing in tags for post_id in listing.post_ids}
    assert post_page_requests(result) == Counter(dict.fromkeys(expected, 1))
    assert {item["url"] for item in result.items} == {f"https://www.nejatngo.org{path}" for path in expected}
