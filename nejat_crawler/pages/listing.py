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
from urllib.parse import urljoin

from parsel import Selector

from nejat_crawler.editions import Edition
from nejat_crawler.pages.text import block_text
from nejat_crawler.text import first_integer, squash, strip_invisible

# Entries are articles outside the widget areas.  The id/class test keeps
# both Soledad's markup and the older theme's ``article.post`` entries.
_ENTRIES = (
    "//article[(starts-with(@id, 'post-') or contains(concat(' ', @class, ' '), ' post '))"
    " and not(ancestor::*[@id='sidebar' or self::aside or self::footer or self::nav"
    " or contains(@class, 'penci-sidebar-content') or contains(@class, 'post-related')"
    " or contains(@class, 'widget')])]"
)
_NEXT_PAGE = (
    "div.penci-pagination div.older a::attr(href)",
    "ul.page-numbers a.next::attr(href)",
    "a.next.page-numbers::attr(href)",
    "link[rel=next]::attr(href)",
)
# Parts of an entry's content block that are navigation, not text.
_NOT_EXCERPT = ".penci-more-link, a.more-link, .penci-post-share-box, .post-share, .penci-single-link-pages"
_SHARE_NETWORK = re.compile(r"\bpost-share-([a-z0-9]+)\b")
_TRAILING_ELLIPSIS = re.compile(r"\s*\[(?:…|\.\.\.)\]\s*$")


@dataclass(frozen=True)
class FoundLink:
    """A labelled link as found: visible text and absolute href."""

    text: str
    href: str


@dataclass(frozen=True)
class FoundShare:
    """A share button: the network named in its class, its href and its label."""

    network: str | None
    href: str | None
    label: str


@dataclass(frozen=True)
class ListingEntry:
    url: str
    title: str
    categories: tuple[FoundLink, ...]
    date_text: str | None
    datetime: str | None
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
    return ListingPage(tuple(entries), _absolute(page_url, next_href))


def _parse_entry(article: Selector, page_url: str, edition: Edition) -> ListingEntry | None:
    title_link = article.css(".entry-title a, h2 a, h3 a")[:1]
    href = title_link.attrib.get("href") or article.css(".standard-post-image a::attr(href)").get()
    if not href:
        return None
    visible_time = (
        article.css(".penci-box-meta time, .post-box-meta-single time")[:1]
        or article.xpath(".//time[not(ancestor::*[contains(@class, 'penci-hide-tagupdated')])]")[:1]
    )
    return ListingEntry(
        url=_absolute(page_url, href) or href,
        title=squash(" ".join(title_link.css("::text").getall())),
        categories=tuple(
            FoundLink(squash(" ".join(link.css("::text").getall())), _absolute(page_url, link.attrib.get("href")) or "")
            for link in article.css(".penci-standard-cat a.penci-cat-name, .penci-standard-cat a[rel~=category]")
        ),
        date_text=squash(strip_invisible(" ".join(visible_time.css("::text").getall()))) or None,
        datetime=(visible_time.attrib.get("datetime") or "").strip() or None,
        comment_count=_comment_count(article, edition),
        share_links=tuple(_share_links(article, page_url)),
        excerpt=_TRAILING_ELLIPSIS.sub("", block_text(article.css(".entry-content, .post-entry"), drop=_NOT_EXCERPT)),
        image=_featured_image(article, page_url),
    )


def _comment_count(article: Selector, edition: Edition) -> int | None:
    """The count from the entry's comment link ("0 comments", "۳ دیدگاه")."""
    link = (
        article.css(".penci-box-meta a[href*='#respond'], .penci-box-meta a[href*='#comments']")[:1]
        or article.css("a[href*='#respond'], a[href*='#comments']")[:1]
    )
    text = squash(strip_invisible(" ".join(link.css("::text").getall())))
    if not text:
        return None
    count = first_integer(text)
    if count is None and any(word in text.lower() for word in edition.comment_words):
        return 0  # "No comments" style labels carry the word but no digit.
    return count


def _share_links(article: Selector, page_url: str):
    for link in article.css("a.post-share-item"):
        classes = link.attrib.get("class", "")
        network = next(
            (name for name in _SHARE_NETWORK.findall(classes) if name not in ("item", "expand")),
            None,
        )
        if "post-share-expand" in classes or "penci-post-like" in classes:
            continue
        href = link.attrib.get("href")
        yield FoundShare(
            network=network,
            href=_absolute(page_url, href) if href and not href.startswith("#") else None,
            label=squash(" ".join(link.css("::text").getall())),
        )


def _featured_image(article: Selector, page_url: str) -> str | None:
    image = article.css(".standard-post-image img, .penci-image-holder, .post-image img")[:1]
    if not image:
        return None
    for attribute in ("data-src", "data-lazy-src", "data-bgset", "src"):
        value = (image.attrib.get(attribute) or "").strip()
        if value and not value.startswith("data:"):
            return _absolute(page_url, value)
    return None


def _absolute(page_url: str, href: str | None) -> str | None:
    return urljoin(page_url, href.strip()) if href and href.strip() else None
