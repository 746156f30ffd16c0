"""``published``, ``published_at`` and ``date_text`` from the best source.

Sources, best first: the entry's own ``time@datetime``, the post page's
``article:published_time`` meta, its JSON-LD ``datePublished``, then the
visible date text.  The first that parses wins; any other that parses to a
different day is counted as a disagreement.  A date that cannot be read
leaves ``published`` null and keeps ``date_text``: never silently wrong.
"""

from __future__ import annotations

import logging
import re

from scrapy.crawler import Crawler

from nejat_crawler.dates import Stamp, parse_date_text, parse_machine_date
from nejat_crawler.editions import Edition, get_edition
from nejat_crawler.items import Post
from nejat_crawler.pipelines import NejatPipeline

logger = logging.getLogger(__name__)

# Keys of ``Post.found`` holding machine-readable dates, best first.
MACHINE_SOURCES = ("datetime", "meta_published", "jsonld_published")
# Keys of ``Post.found`` holding the post page's modification time, best first.
MODIFIED_SOURCES = ("meta_modified", "jsonld_modified")
# Distinct unparsed forms remembered for logging once each; capped so a
# site-wide change of format cannot grow memory without bound.
_MAX_REMEMBERED_FORMS = 1000


class DatesPipeline(NejatPipeline):
    name = "dates"

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.unparsed_forms: set[str] = set()

    def process_item(self, item: Post) -> Post:
        edition = get_edition(item.edition)
        candidates: list[tuple[str, Stamp]] = []
        for source in MACHINE_SOURCES:
            value = item.found.pop(source, None)
            if not value:
                continue
            stamp = parse_machine_date(value, edition)
            if stamp is None:
                self.count(f"invalid_{source}")
                continue
            if stamp.from_jalali_numbers:
                self.count("jalali_numbers_converted")
            candidates.append((source, stamp))
        text_day = parse_date_text(item.date_text, edition)
        if text_day is not None:
            candidates.append(("text", Stamp(date=text_day, at=None)))
        elif item.date_text:
            self.count("text_unparsed")
            self._remember_unparsed(item.date_text, item.url)

        item.modified_at = self._modified_at(item, edition)
        if not candidates:
            item.published = item.published_at = None
            self.count("unparsed")
            return item
        source, best = candidates[0]
        if any(stamp.date != best.date for _, stamp in candidates[1:]):
            self.count("disagree")
            logger.debug("Dates disagree for %s: %s", item.url, [(s, str(st.date)) for s, st in candidates])
        day = best.date
        if best.zone_assumed and text_day is not None and text_day != day:
            # The day came from moving a UTC time into the zone we assume for
            # the edition; the text is the day the site really shows.
            day = text_day
            self.count("text_over_assumed_zone")
        item.published = day.isoformat()
        item.published_at = best.at.isoformat() if best.at else None
        self.count(f"from_{source}")
        return item

    def _modified_at(self, item: Post, edition: Edition) -> str | None:
        values = [item.found.pop(source, None) for source in MODIFIED_SOURCES]
        for value in values:
            stamp = parse_machine_date(value, edition)
            if stamp is not None and stamp.at is not None:
                self.count("modified_found")
                return stamp.at.isoformat()
        return item.modified_at

    def _remember_unparsed(self, text: str, url: str) -> None:
        form = re.sub(r"\d+", "N", text)
        if form in self.unparsed_forms:
            return
        if len(self.unparsed_forms) >= _MAX_REMEMBERED_FORMS:
            self.count("unparsed_forms_not_logged")
            return
        self.unparsed_forms.add(form)
        logger.warning("Unparsed date form %r (first seen as %r on %s)", form, text, url)
