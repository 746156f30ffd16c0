"""``published``, ``published_at`` and ``modified_at`` from the best source.

Sources, best first: the entry's own ``time@datetime``, the post page's
``article:published_time`` meta, its JSON-LD ``datePublished``, then the
visible date text.  The first that parses wins; any other that parses to a
different day is counted as a disagreement.  A date that cannot be read
leaves ``published`` null and keeps ``date_text``: never silently wrong.
"""

from __future__ import annotations

import logging
import re
from datetime import date

from scrapy.crawler import Crawler

from nejat_crawler.dates import Stamp, parse_date_text, parse_machine_date
from nejat_crawler.editions import Edition, get_edition
from nejat_crawler.items import Deletion, Post, RawDates
from nejat_crawler.pipelines import NejatPipeline

logger = logging.getLogger(__name__)

# Distinct unparsed forms remembered for logging once each; capped so a
# site-wide change of format cannot grow memory without bound.
_MAX_REMEMBERED_FORMS = 1000


def published_sources(dates: RawDates) -> tuple[tuple[str, str | None], ...]:
    """The machine-readable publication dates, best first, named as in the stats."""
    return (
        ("datetime", dates.datetime),
        ("meta_published", dates.meta_published),
        ("jsonld_published", dates.jsonld_published),
    )


class DatesPipeline(NejatPipeline):
    name = "dates"
    fills = ("published", "published_at", "modified_at")

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.unparsed_forms: set[str] = set()

    def process_item(self, item: Post | Deletion) -> Post | Deletion:
        if isinstance(item, Deletion):
            return item  # a notice that a post is gone: nothing to normalise
        edition = get_edition(item.edition)
        candidates = self._machine_stamps(item.raw.dates, edition)
        text_day = self._text_day(item, edition)
        if text_day is not None:
            candidates.append(("text", Stamp(date=text_day, at=None)))
        item.modified_at = self._modified_at(item.raw.dates, edition) or item.modified_at
        if candidates:
            self._publish(item, candidates, text_day)
        else:
            item.published = item.published_at = None
            self.count("unparsed")
        return item

    def _machine_stamps(self, dates: RawDates, edition: Edition) -> list[tuple[str, Stamp]]:
        stamps = []
        for source, value in published_sources(dates):
            if not value:
                continue
            stamp = parse_machine_date(value, edition)
            if stamp is None:
                self.count(f"invalid_{source}")
                continue
            if stamp.from_jalali_numbers:
                self.count("jalali_numbers_converted")
            stamps.append((source, stamp))
        return stamps

    def _text_day(self, item: Post, edition: Edition) -> date | None:
        text_day = parse_date_text(item.date_text, edition)
        if text_day is None and item.date_text:
            self.count("text_unparsed")
            self._remember_unparsed(item.date_text, item.url)
        return text_day

    def _publish(self, item: Post, candidates: list[tuple[str, Stamp]], text_day: date | None) -> None:
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

    def _modified_at(self, dates: RawDates, edition: Edition) -> str | None:
        for value in (dates.meta_modified, dates.jsonld_modified):
            stamp = parse_machine_date(value, edition)
            if stamp is not None and stamp.at is not None:
                self.count("modified_found")
                return stamp.at.isoformat()
        return None

    def _remember_unparsed(self, text: str, url: str) -> None:
        form = re.sub(r"\d+", "N", text)
        if form in self.unparsed_forms:
            return
        if len(self.unparsed_forms) >= _MAX_REMEMBERED_FORMS:
            self.count("unparsed_forms_not_logged")
            return
        self.unparsed_forms.add(form)
        logger.warning("Unparsed date form %r (first seen as %r on %s)", form, text, url)
