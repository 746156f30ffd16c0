"""Listing pages: the edition home, topic, tag and other archives.

Soledad 8 prints one ``article`` per post in the main column, and the same
page also carries posts in places that are not entries: the sidebar "Recent
Posts" widget, menus and the footer.  Only articles of the main column count.
Everything is read relative to the entry, so each entry's own date and
comment count are never confused with the sidebar's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsel import Selector

from nejat_crawler.editions import Edition
from nejat_crawler.pages.common import (
    CATEGORY_LINKS,
    FoundDate,
    FoundLink,
    FoundShare,
    absolute,
    block_text,
    comment_count,
    found_links,
    image_source,
    share_links,
    text_of,
    visible_date,
)

# Entries are articles outside the widget areas: Soledad's ``article#post-ID``,
# and any WordPress ``article.post`` a child theme may print instead.
_ENTRIES = (
    "//article[(starts-with(@id, 'post-') or contains(concat(' ', @class, ' '), ' post '))"
    " and not(ancestor::*[@id='sidebar' or self::aside or self::footer or self::nav"
    " or contains(@class, 'penci-sidebar-content') or contains(@class, 'post-related')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' widget ')])]"
)
_NEXT_PAGE = (
    "div.penci-pagination div.older a::attr(href)",
    "a.next.page-numbers::attr(href)",
    "link[rel=next]::attr(href)",
)
_COMMENT_LINK = "a[href*='#respond'], a[href*='#comments']"
# Parts of an entry's content block that are navigation, not text.
_NOT_EXCERPT = ".penci-more-link, a.more-link, .penci-post-share-box, .post-share, .penci-single-link-pages"
_TRAILING_ELLIPSIS = re.compile(r"\s*\[(?:…|\.\.\.)\]\s*$")


@dataclass(frozen=True)
class ListingEntry:
    url: str
    title: str
    categories: tuple[FoundLink, ...]
    date: FoundDate
    comment_count: int | None
    share_links: tuple[FoundShare, ...]
    excerpt: str
    image: str | None


@dataclass(frozen=True)
class ListingPage:
    entries: tuple[ListingEntry, ...]
    next_url: str | None


def parse_listing(selector: Selector, page_url: str, edition: Edition) -> ListingPage:
    """Entries and the "Older Posts" link of a listing page at ``page_url``."""
    entries = []
    for article in selector.xpath(_ENTRIES):
        entry = _parse_entry(article, page_url, edition)
        if entry is not None:
            entries.append(entry)
    next_href = next((href for css in _NEXT_PAGE if (href := selector.css(css).get())), None)
    return ListingPage(tuple(entries), absolute(page_url, next_href))


def _parse_entry(article: Selector, page_url: str, edition: Edition) -> ListingEntry | None:
    title_link = article.css(".entry-title a, h2 a, h3 a")[:1]
    href = absolute(page_url, title_link.attrib.get("href") or article.css(".standard-post-image a::attr(href)").get())
    if not href:
        return None
    meta = article.css(".penci-box-meta")[:1] or article
    return ListingEntry(
        url=href,
        title=text_of(title_link),
        categories=found_links(article.css(CATEGORY_LINKS), page_url),
        date=visible_date(article),
        comment_count=comment_count(meta.css(_COMMENT_LINK)[:1] or article.css(_COMMENT_LINK)[:1], edition),
        share_links=share_links(article, page_url),
        excerpt=_TRAILING_ELLIPSIS.sub("", block_text(article.css(".entry-content, .post-entry"), drop=_NOT_EXCERPT)),
        image=_featured_image(article, page_url),
    )


def _featured_image(article: Selector, page_url: str) -> str | None:
    return image_source(article.css(".standard-post-image img, .post-image img")[:1], page_url)
