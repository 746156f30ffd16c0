"""The article parser on saved post pages of every edition."""

from __future__ import annotations

import json

import pytest
from parsel import Selector

from nejat_crawler.editions import get_edition
from nejat_crawler.pages.article import parse_article
from tests.page_expectations import expected_path, parse_saved, saved_pages
from tests.site import content
from tests.site.render import render_post
from tests.site.save_fixtures import FIXTURE_POSTS

POST_PAGES = [name for name in saved_pages() if "-post-" in name]
SHARE_LABELS = ("Facebook", "Twitter", "Pinterest", "Whatsapp", "Telegram", "Skype", "Email")


@pytest.mark.parametrize("name", POST_PAGES)
def test_matches_reviewed_expectation(name):
    assert parse_saved(name) == json.loads(expected_path(name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("edition", "post_id"), FIXTURE_POSTS.items())
def test_fields_match_the_post(edition, post_id):
    post = content.post(edition, post_id)
    page = parse_saved(f"{edition}-post-{post_id}.html")
    assert page["title"] == post.title
    assert [c["text"] for c in page["categories"]] == [term.name for term in post.categories]
    assert [t["text"] for t in page["tags"]] == [term.name for term in post.tags]
    assert page["author"] == post.author
    assert page["comment_count"] == post.comment_count
    assert page["canonical"] == post.url
    assert page["content_text"] == post.text
    # The header's own date, not the hidden schema block (it holds the modified date).
    assert page["date"]["text"] == " ".join(post.date_text.replace("\u200f", "").split())
    assert page["date"]["datetime"].startswith(post.published.date().isoformat())
    assert page["meta_published"] and page["jsonld_published"] and page["meta_modified"]


@pytest.mark.parametrize("name", ["en-post-7778.html", "en-post-7778-blocks-inside.html"])
def test_no_comment_related_title_or_share_label_in_the_text(name):
    # The second page has the share box, post navigation, related posts,
    # comments and comment form inside the entry content, as plugins and page
    # builders put them: only cutting them away keeps them out of the text.
    post = content.post("en", 7778)
    page = parse_saved(name)
    related = content.related_posts(post)
    assert post.comments and related, "the fixture must have comments and related posts"
    assert page["content_text"] == post.text
    text, html = page["content_text"], page["content_html"]
    for comment in post.comments:
        assert comment.text not in text and comment.text not in html
    for other in related:
        assert other.title not in text and other.title not in html
    for label in (*SHARE_LABELS, "You may also like", "Leave a Comment", "previous post", "next post"):
        assert label not in text and label not in html
    assert "post-tags" not in html and "post-share" not in html


def test_images_in_content_are_absolute():
    with_image = next(p for p in content.listed_posts() if p.content_image and p.page_status == 200)
    page = parse_article(Selector(text=render_post(with_image)), with_image.url, get_edition(with_image.edition))
    assert page.images == (with_image.content_image,)


def test_broken_json_ld_is_ignored():
    html = """<html><head><script type="application/ld+json">{not json</script>
    <meta property="article:published_time" content="2013-09-05T10:00:00+00:00"></head>
    <body><article class="post"><h1 class="entry-title">T</h1>
    <div class="entry-content"><p>x</p></div></article></body></html>"""
    page = parse_article(Selector(text=html), "https://www.nejatngo.org/en/posts/1", get_edition("en"))
    assert (page.title, page.jsonld_published, page.meta_published) == ("T", None, "2013-09-05T10:00:00+00:00")
    assert page.content_text == "x"


@pytest.mark.parametrize(
    "depth",
    [
        2_000,
        pytest.param(
            5_000,
            marks=pytest.mark.xfail(
                strict=True, raises=AssertionError, reason="libxml2 halts the parse at depth 2048 (huge_tree)"
            ),
        ),
    ],
)
def test_deeply_nested_content_is_read(depth):
    # 2,000 levels is twice Python's recursion limit, which the old text walker hit.
    html = (
        '<html><body><article id="post-1" class="post"><div class="single-header"><h1>T</h1></div>'
        '<div class="entry-content">'
        + "<div>" * depth
        + "Deep text"
        + "</div>" * depth
        + "</div></article></body></html>"
    )
    page = parse_article(Selector(text=html), "https://www.nejatngo.org/en/posts/1", get_edition("en"))
    assert page.title == "T"
    assert page.content_text == "Deep text"
