"""Listing pages: the edition home, topic, tag and other archives.

Soledad 8 prints one ``article`` per post in the main column, and the same
page also carries posts in places that are not entries: the sidebar "Recent
Posts" widget, menus and the footer.  Only articles of the main column count.
Everything is read relative to the entry, so each entry's own date and
comment count are never confused with the sidebar's.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from parsel import Selector

from nejat_crawler.editions import Edition
from nejat_crawler.pages.common import (
    CATEGORY_LINKS,
    FieldReader,
    FoundDate,
    FoundLink,
    FoundShare,
    absolute,
    attribute,
    block_text,
    comment_count,
    found_links,
    image_source,
    share_links,
    text_of,
    visible_date,
)

logger = logging.getLogger(__name__)

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


@dataclass(frozen=True, init=False)
class ListingPage:
    entries: tuple[ListingEntry, ...]
    next_url: str | None
    skipped = 0
    """Entries of the page that could not be read: no usable link, or an
    error reading them (logged).  The caller counts them.  Not a dataclass
    field: it says how the parse went, not what the page shows, so
    ``dataclasses.asdict`` and equality see the page alone."""

    def __init__(self, entries: tuple[ListingEntry, ...], next_url: str | None, skipped: int = 0) -> None:
        object.__setattr__(self, "entries", entries)
        object.__setattr__(self, "next_url", next_url)
        object.__setattr__(self, "skipped", skipped)


def parse_listing(selector: Selector, page_url: str, edition: Edition) -> ListingPage:
    """Entries and the "Older Posts" link of a listing page at ``page_url``.

    It never raises: an entry that cannot be read is left out and counted in
    ``skipped``, a field that cannot be read is empty.
    """
    entries = []
    skipped = 0
    for article in selector.xpath(_ENTRIES):
        entry = _read_entry(article, page_url, edition)
        if entry is None:
            skipped += 1
        else:
            entries.append(entry)
    next_url = FieldReader(page_url)("next page link", lambda: _next_url(selector, page_url), None)
    return ListingPage(tuple(entries), next_url, skipped)


def _next_url(selector: Selector, page_url: str) -> str | None:
    return absolute(page_url, next((href for css in _NEXT_PAGE if (href := selector.css(css).get())), None))


def _read_entry(article: Selector, page_url: str, edition: Edition) -> ListingEntry | None:
    """One entry, or None: an entry that cannot be read never costs the page its others."""
    try:
        return _parse_entry(article, page_url, edition)
    except Exception:
        logger.exception("Could not read a listing entry of %s", page_url)
        return None


def _parse_entry(article: Selector, page_url: str, edition: Edition) -> ListingEntry | None:
    """The entry's fields; None when it has no usable link, without which it is no post."""
    title_link = article.css(".entry-title a, h2 a, h3 a")[:1]
    href = absolute(page_url, attribute(title_link, "href") or article.css(".standard-post-image a::attr(href)").get())
    if not href:
        return None
    read = FieldReader(f"entry {href} of {page_url}")
    meta = article.css(".penci-box-meta")[:1] or article
    comment_link = meta.css(_COMMENT_LINK)[:1] or article.css(_COMMENT_LINK)[:1]
    return ListingEntry(
        url=href,
        title=read("title", lambda: text_of(title_link), ""),
        categories=read("categories", lambda: found_links(article.css(CATEGORY_LINKS), page_url), ()),
        date=read("date", lambda: visible_date(article), FoundDate(None, None)),
        comment_count=read("comment count", lambda: comment_count(comment_link, edition), None),
        share_links=read("share links", lambda: share_links(article, page_url), ()),
        excerpt=read("excerpt", lambda: _excerpt(article), ""),
        image=read("image", lambda: _featured_image(article, page_url), None),
    )


def _excerpt(article: Selector) -> str:
    return _TRAILING_ELLIPSIS.sub("", block_text(article.css(".entry-content, .post-entry"), drop=_NOT_EXCERPT))


def _featured_image(article: Selector, page_url: str) -> str | None:
    return image_source(article.css(".standard-post-image img, .post-image img")[:1], page_url)
