"""Assemble ``Post`` items from what the page parsers found.

Values the pipelines still have to normalise (date attributes, category and
share hrefs) go into ``Post.found`` as found; the pipelines consume them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from nejat_crawler.items import Post
from nejat_crawler.pages.article import ArticlePage
from nejat_crawler.pages.common import FoundLink, FoundShare
from nejat_crawler.pages.listing import ListingEntry
from nejat_crawler.urls import canonical_url, post_url


def post_from_entry(entry: ListingEntry, edition: str, post_id: int, listing_url: str) -> Post:
    """The listing record of one post, first found on ``listing_url``."""
    return Post(
        url=post_url(edition, post_id),
        edition=edition,
        post_id=post_id,
        title=entry.title or None,
        date_text=entry.date.text,
        comment_count=entry.comment_count,
        excerpt=entry.excerpt or None,
        image=canonical_url(entry.image) if entry.image else None,
        listing_url=listing_url,
        crawled_at=datetime.now(UTC).isoformat(timespec="seconds"),
        found={
            "datetime": entry.date.datetime,
            "categories": _pairs(entry.categories),
            "share_links": _shares(entry.share_links),
        },
    )


def merge_article(post: Post, article: ArticlePage) -> list[str]:
    """Complete ``post`` with its post page; return the fields where the two differed.

    The article fills what the listing lacks.  Where both give a value and
    they differ (title, categories, date, comment count), the article's wins:
    it is the post's own page, the listing a summary of it.
    """
    differs = []
    found = post.found
    if article.title:
        if post.title and post.title != article.title:
            differs.append("title")
        post.title = article.title
    if article.categories:
        if found.get("categories") and _same_terms(found["categories"]) != _same_terms(_pairs(article.categories)):
            differs.append("categories")
        found["categories"] = _pairs(article.categories)
    # Text and attribute separately: a post page without a ``datetime``
    # attribute must not erase the one the listing had.
    date_differs = False
    if article.date.datetime:
        date_differs |= bool(found.get("datetime")) and found["datetime"] != article.date.datetime
        found["datetime"] = article.date.datetime
    if article.date.text:
        date_differs |= bool(post.date_text) and post.date_text != article.date.text
        post.date_text = article.date.text
    if date_differs:
        differs.append("date")
    if article.comment_count is not None:
        if post.comment_count is not None and post.comment_count != article.comment_count:
            differs.append("comment_count")
        post.comment_count = article.comment_count
    if not found.get("share_links") and article.share_links:
        found["share_links"] = _shares(article.share_links)
    found["tags"] = _pairs(article.tags)
    found.update(
        meta_published=article.meta_published,
        jsonld_published=article.jsonld_published,
        meta_modified=article.meta_modified,
        jsonld_modified=article.jsonld_modified,
    )
    post.author = article.author
    post.content_html = article.content_html
    post.content_text = article.content_text or None
    post.images = list(dict.fromkeys(canonical_url(image) for image in article.images))
    post.canonical_url = canonical_url(article.canonical) if article.canonical else None
    if post.canonical_url and post.canonical_url != post.url:
        differs.append("canonical_url")
    post.crawled_at = datetime.now(UTC).isoformat(timespec="seconds")
    return differs


def _shares(shares: tuple[FoundShare, ...]) -> list[tuple[str | None, str | None]]:
    return [(share.network, share.href) for share in shares]


def _pairs(links: tuple[FoundLink, ...]) -> list[tuple[str, str | None]]:
    return [(link.text, link.href) for link in links]


def _same_terms(pairs: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """Terms in comparable form: the same link may be written with another host or scheme."""
    return [(" ".join(name.split()), canonical_url(href) if href else None) for name, href in pairs]
