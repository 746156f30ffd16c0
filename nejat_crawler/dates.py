"""Parse the dates the site prints and the ISO values in its markup (pure, no Scrapy).

Two sources, two functions:

* ``parse_machine_date`` reads ISO 8601 values (``time@datetime``,
  ``article:published_time``, JSON-LD ``datePublished``).  The date kept is the
  day *as written*, i.e. the site-local day, because that is the day the page
  shows; converting to UTC first would move late-night posts to the day before.
* ``parse_date_text`` reads the visible date text of any edition.  Everything
  edition-specific (calendar, month spellings) comes from ``Edition``, so the
  code below is one normalisation, one family of patterns and one conversion.

Both return None rather than guess: a missing year, an unknown month word, an
implausible year or an impossible day all give None.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import jdatetime

from nejat_crawler.editions import Calendar, Edition
from nejat_crawler.text import ascii_digits, persian_letters, squash, strip_invisible

# Years outside these ranges are misreadings (a page number, a Jalali year read
# as Gregorian or the reverse), not dates of this site.
_PLAUSIBLE_YEARS: dict[Calendar, range] = {
    "gregorian": range(1990, 2101),
    "jalali": range(1370, 1481),
}

# Below this an ISO year cannot be Gregorian for this site: old wp-parsidate
# versions wrote Jalali numbers into ISO-shaped attributes.
_JALALI_ISO_BELOW = 1700

# The (day, month) positions tried for numeric dates written year-last.
# Persian writes day/month/year only; for Gregorian editions 05/09/2013 could
# be either order, so both are read and the date is kept only if they agree.
_YEAR_LAST_ORDERS: dict[Calendar, tuple[tuple[int, int], ...]] = {
    "jalali": ((0, 1),),
    "gregorian": ((0, 1), (1, 0)),
}

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(.*)", re.DOTALL)
_YEAR_FIRST = re.compile(r"(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)")
_YEAR_LAST = re.compile(r"(?<!\d)(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?!\d)")

# Separators seen between the parts of a worded date: spaces, Latin and Arabic
# commas, the dot of "Sept.".
_SEP = r"[\s,\u060c.]+"
_DAY = r"(?<!\d)(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})(?!\d)"


@dataclass(frozen=True)
class Stamp:
    """A publication date read from a machine-readable value."""

    date: datetime.date
    """Gregorian calendar day, site-local (the day the site shows)."""
    at: datetime.datetime | None
    """Timezone-aware when the value carried a time, else None."""
    from_jalali_numbers: bool = False
    """True when the ISO value held Jalali numbers and was converted."""
    zone_assumed: bool = False
    """True when ``date`` rests on the edition's assumed zone (a UTC value, or
    no offset at all) rather than on an offset the site wrote itself."""


def _fold(text: str) -> str:
    """The one normalisation applied to both date text and month spellings.

    Arabic yeh/kaf are folded onto the Persian forms on *both* sides, so it is
    harmless for Arabic and makes Persian month names match however typed.
    """
    text = unicodedata.normalize("NFKC", strip_invisible(text))
    return squash(persian_letters(ascii_digits(text))).casefold()


def _to_gregorian(calendar: Calendar, year: int, month: int, day: int) -> datetime.date | None:
    """The Gregorian day for a date in ``calendar``; None if implausible or impossible."""
    if year not in _PLAUSIBLE_YEARS[calendar]:
        return None
    try:
        if calendar == "jalali":
            return jdatetime.date(year, month, day).togregorian()
        return datetime.date(year, month, day)
    except ValueError:
        return None


def parse_machine_date(value: str | None, edition: Edition) -> Stamp | None:
    """Read a W3C/ISO 8601 date or date-time; None for anything unusable.

    A time without an offset is taken as the edition's local time.  ISO
    values with a year below 1700 hold Jalali numbers (old wp-parsidate): the
    date part is converted with jdatetime, the time and offset are kept.
    """
    if not value:
        return None
    text = ascii_digits(strip_invisible(value)).strip()
    from_jalali = False
    parts = _ISO_DATE.fullmatch(text)
    if parts and int(parts[1]) < _JALALI_ISO_BELOW:
        converted = _to_gregorian("jalali", int(parts[1]), int(parts[2]), int(parts[3]))
        if converted is None:
            return None
        text, from_jalali = converted.isoformat() + parts[4], True
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:  # not a bare date: a date-time or garbage
        return _date_time(text, edition, from_jalali)
    if not from_jalali and day.year not in _PLAUSIBLE_YEARS["gregorian"]:
        return None
    return Stamp(day, None, from_jalali)


def _date_time(text: str, edition: Edition, from_jalali: bool) -> Stamp | None:
    """An ISO date-time's stamp; None for garbage or an implausible year.

    The year is checked before any zone conversion: moving 9999-12-31T23:30Z
    into the site's zone would overflow the datetime range.
    """
    try:
        at = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    if not from_jalali and at.year not in _PLAUSIBLE_YEARS["gregorian"]:
        return None
    zone_assumed = at.tzinfo is None or at.utcoffset() == datetime.timedelta(0)
    if at.tzinfo is None:
        at = at.replace(tzinfo=ZoneInfo(edition.timezone))
    day = at.date()
    if at.utcoffset() == datetime.timedelta(0):
        # Yoast writes its meta and JSON-LD times in UTC; the day the site
        # shows is the day in its own zone.  Non-UTC offsets are the site's
        # own (WordPress writes DATE_W3C in site time), so that day stands.
        day = at.astimezone(ZoneInfo(edition.timezone)).date()
    if not from_jalali and day.year not in _PLAUSIBLE_YEARS["gregorian"]:
        return None
    return Stamp(day, at, from_jalali, zone_assumed)


@lru_cache(maxsize=16)
def _worded(
    months: tuple[tuple[str, int], ...],
) -> tuple[dict[str, int], tuple[re.Pattern[str], ...]]:
    """The folded month table and the worded patterns built on it, per edition.

    The patterns are "day month year" and "month day year".  Names are tried
    longest first so a two-word month (كانون الثاني) wins over a shorter
    name it starts with.
    """
    table = {_fold(name): number for name, number in months}
    names = sorted(table, key=len, reverse=True)
    month = rf"(?<!\w)(?P<month>{'|'.join(map(re.escape, names))})"
    patterns = (
        re.compile(rf"{_DAY}{_SEP}{month}{_SEP}{_YEAR}"),
        re.compile(rf"{month}{_SEP}{_DAY}{_SEP}{_YEAR}"),
    )
    return table, patterns


def parse_date_text(text: str | None, edition: Edition) -> datetime.date | None:
    """The Gregorian date of a visible date text, or None when not certain.

    Numbers are read in the edition's calendar: ۱۴۰۳/۰۲/۱۴ on the Persian
    edition is a Jalali date, never the Gregorian year 1403.
    """
    if not text:
        return None
    folded = _fold(text)
    calendar = edition.calendar
    months, patterns = _worded(tuple(edition.months.items()))
    for pattern in patterns:
        if match := pattern.search(folded):
            day, year = int(match["day"]), int(match["year"])
            return _to_gregorian(calendar, year, months[match["month"]], day)
    if match := _YEAR_FIRST.search(folded):
        year, month, day = int(match[1]), int(match[3]), int(match[4])
        return _to_gregorian(calendar, year, month, day)
    if match := _YEAR_LAST.search(folded):
        numbers, year = (int(match[1]), int(match[3])), int(match[4])
        orders = _YEAR_LAST_ORDERS[calendar]
        readings = {_to_gregorian(calendar, year, numbers[m], numbers[d]) for d, m in orders}
        readings.discard(None)
        return readings.pop() if len(readings) == 1 else None
    return None
