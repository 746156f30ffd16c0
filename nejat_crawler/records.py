"""Assemble ``Post`` items from what the page parsers found.

Values the pipelines still have to normalise (date attributes, category and
share links) go into ``Post.raw`` as found; the pipelines read them there.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from nejat_crawler.items import Post, RawDates, RawValues
from nejat_crawler.pages.article import ArticlePage
from nejat_crawler.pages.common import FoundLink
from nejat_crawler.pages.listing import ListingEntry
from nejat_crawler.state import Fields
from nejat_crawler.text import squash
from nejat_crawler.urls import canonical_url, post_url


def post_from_entry(entry: ListingEntry, edition: str, post_id: int, listing_url: str) -> Post:
    """The listing record of one post, first found on ``listing_url``; its ``change`` is for the caller to set."""
    fingerprint, fields = listing_digests(entry)
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
        crawled_at=_now(),
        raw=RawValues(
            categories=entry.categories,
            share_links=entry.share_links,
            dates=RawDates(datetime=entry.date.datetime),
            listing_fingerprint=fingerprint,
            listing_fields=fields,
        ),
    )


def listing_digests(entry: ListingEntry) -> tuple[str, Fields]:
    """What a listing shows of a post that can change (title, categories, comment count, date):
    one digest of it all, for the state's test of "unchanged", and one per exported field, to name
    what changed.

    Links are compared canonical, so the same listing served through another
    host spelling gives the same digests.
    """
    shown = {
        "title": squash(entry.title),
        "categories": _comparable(entry.categories),
        "comment_count": entry.comment_count,
        "date_text": entry.date.text,
        "published_at": entry.date.datetime,
    }
    # The whole digest is of the values in this order, as states written before the per-field digests hold it.
    return digest(list(shown.values())), {name: digest(value) for name, value in shown.items()}


def post_to_revisit(edition: str, post_id: int) -> Post:
    """A known post to read from its page alone (a revisit): no listing record to start from.

    Unchanged until the history pipeline says otherwise (switched off, it never does)."""
    return Post(
        url=post_url(edition, post_id),
        edition=edition,
        post_id=post_id,
        title=None,
        change="unchanged",
        raw=RawValues(revisit=True),
    )


def digest(value: object) -> str:
    """A short, stable digest of a JSON value."""
    return hashlib.blake2b(json.dumps(value, ensure_ascii=False).encode(), digest_size=16).hexdigest()


def differs(post: Post, article: ArticlePage) -> list[str]:
    """The fields where the listing record and its post page both have a value and disagree.

    Call it before ``merge_article``, which overwrites the listing's values.
    """
    listed = post.raw
    canonical = canonical_url(article.canonical) if article.canonical else None
    disagreements = {
        "title": _disagree(post.title, article.title),
        "categories": _disagree(_comparable(listed.categories), _comparable(article.categories)),
        # Text and attribute separately: either may be missing on one side.
        "date": _disagree(listed.dates.datetime, article.date.datetime) or _disagree(post.date_text, article.date.text),
        "comment_count": _disagree(post.comment_count, article.comment_count),
        "canonical_url": _disagree(post.url, canonical),
    }
    return [field for field, disagree in disagreements.items() if disagree]


def merge_article(post: Post, article: ArticlePage) -> None:
    """Complete ``post`` with its post page: the article wins wherever it has a value.

    It is the post's own page, the listing a summary of it.  Share links are
    the exception: the listing's buttons are kept when it has any, because
    the post page's Pinterest button has no link.
    """
    listed = post.raw
    post.title = article.title or post.title
    post.date_text = article.date.text or post.date_text
    post.comment_count = article.comment_count if article.comment_count is not None else post.comment_count
    post.raw = RawValues(
        categories=article.categories or listed.categories,
        tags=article.tags,
        share_links=listed.share_links or article.share_links,
        dates=RawDates(
            datetime=article.date.datetime or listed.dates.datetime,
            meta_published=article.meta_published,
            jsonld_published=article.jsonld_published,
            meta_modified=article.meta_modified,
            jsonld_modified=article.jsonld_modified,
        ),
        listing_fingerprint=listed.listing_fingerprint,
        listing_fields=listed.listing_fields,
        page_status=200,
        revisit=listed.revisit,
        page_lacks=tuple(
            name for name, shown in (("title", article.title), ("categories", article.categories)) if not shown
        ),
    )
    post.author = article.author
    post.content_html = article.content_html
    post.content_text = article.content_text or None
    post.images = list(dict.fromkeys(canonical_url(image) for image in article.images))
    post.canonical_url = canonical_url(article.canonical) if article.canonical else None
    post.crawled_at = _now()


def _disagree(listed: object, found: object) -> bool:
    """Both sides have a value (0 counts as one) and they differ."""
    return listed not in (None, "", ()) and found not in (None, "", ()) and listed != found


def _comparable(links: tuple[FoundLink, ...]) -> tuple[tuple[str, str | None], ...]:
    """Terms in comparable form: the same link may be written with another host or scheme."""
    return tuple((squash(link.text), canonical_url(link.href) if link.href else None) for link in links)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
