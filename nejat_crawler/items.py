"""Typed items.  Scrapy handles dataclasses through itemadapter.

A ``Post`` is built by the spider from what the pages found, then completed by
the item pipelines.  Values the pipelines still have to interpret (the
``datetime`` attribute, meta tags, raw category and share hrefs) travel in
``Post.found`` until their pipeline consumes them; ``found`` is never exported
(see ``EXPORTED_FIELDS``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass
class Category:
    name: str
    slug: str | None
    url: str | None


@dataclass
class ShareLink:
    platform: str
    url: str
    target: str | None


@dataclass
class Post:
    url: str
    edition: str
    post_id: int
    title: str | None
    categories: list[Category] = field(default_factory=list)
    published: str | None = None
    published_at: str | None = None
    date_text: str | None = None
    comment_count: int | None = None
    share_links: list[ShareLink] = field(default_factory=list)
    excerpt: str | None = None
    image: str | None = None
    listing_url: str | None = None
    crawled_at: str | None = None
    tags: list[Category] = field(default_factory=list)
    author: str | None = None
    content_html: str | None = None
    content_text: str | None = None
    images: list[str] = field(default_factory=list)
    modified_at: str | None = None
    canonical_url: str | None = None
    article_error: str | None = None
    found: dict[str, Any] = field(default_factory=dict)
    """Raw values as found on the pages, for the pipelines; not exported."""


EXPORTED_FIELDS: list[str] = [f.name for f in fields(Post) if f.name != "found"]
