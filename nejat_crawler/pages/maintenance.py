"""Pages that answer 200 but are not the page asked for (pure, no Scrapy)."""

from __future__ import annotations

from parsel import Selector

from nejat_crawler.text import squash

# WordPress's own maintenance page, shown while it updates: titled
# "Maintenance", saying "Briefly unavailable for scheduled maintenance".
_MAINTENANCE_WORDS = ("briefly unavailable for scheduled maintenance",)


def not_a_page(selector: Selector) -> str | None:
    """Why a 200 answer is not a page of the site, or None when it may be one."""
    if squash(selector.css("title::text").get()).casefold() == "maintenance":
        return "the site's maintenance page"
    if selector.css("article"):
        return None  # a page of posts: no need to read all its text
    text = squash(" ".join(selector.xpath("//body//text()[not(ancestor::script or ancestor::style)]").getall()))
    if any(words in text.casefold() for words in _MAINTENANCE_WORDS):
        return "the site's maintenance page"
    if not text and not selector.css("h1"):
        return "an empty page"
    return None
