"""Categories (and tags) as ``{name, slug, url}`` with a stable identity.

The spider hands over each category link as found (``FoundLink``: label, href).  A
category's identity is (edition, slug): WordPress slugs are unique per
install, while labels get edited.  When one slug shows up under two names,
the first name seen wins, so one crawl never spells one category two ways.
"""

from __future__ import annotations

from scrapy.crawler import Crawler

from nejat_crawler.items import Deletion, Post, Term
from nejat_crawler.pages.common import FoundLink
from nejat_crawler.pipelines import NejatPipeline
from nejat_crawler.text import squash
from nejat_crawler.urls import canonical_url, last_path_segment


class CategoriesPipeline(NejatPipeline):
    """Normalises ``categories`` and, from post pages, ``tags`` (same shape)."""

    name = "categories"
    fills = ("categories", "tags")

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        # (edition, taxonomy, slug) -> first name seen; bounded by the site's term count.
        self.names: dict[tuple[str, str, str], str] = {}

    def process_item(self, item: Post | Deletion) -> Post | Deletion:
        if isinstance(item, Deletion):
            return item  # a notice that a post is gone: nothing to normalise
        if item.raw.categories:
            item.categories = self._terms(item.edition, "category", item.raw.categories)
        self.count("items_with_categories" if item.categories else "items_without_categories")
        if item.raw.tags is not None:
            item.tags = self._terms(item.edition, "tag", item.raw.tags)
            self.count("items_with_tags" if item.tags else "items_without_tags")
        return item

    def _terms(self, edition: str, taxonomy: str, links: tuple[FoundLink, ...]) -> list[Term]:
        return [self._term(edition, taxonomy, link.text, link.href) for link in links if squash(link.text)]

    def _term(self, edition: str, taxonomy: str, raw_name: str, href: str | None) -> Term:
        # The label as the browser shows it: parsel already decoded the one
        # level of escaping HTML has.  A second decoding would turn a label
        # shown as "&lt;img …&gt;" into markup "<img …>" that no page shows.
        name = squash(raw_name)
        if not href:
            self.count(f"{taxonomy}_without_link")
            return Term(name=name, slug=None, url=None)
        url = canonical_url(href)
        slug = last_path_segment(url) or None
        if slug is not None:
            first_name = self.names.setdefault((edition, taxonomy, slug), name)
            if first_name != name:
                self.count(f"{taxonomy}_name_conflict")
                name = first_name
        return Term(name=name, slug=slug, url=url)
