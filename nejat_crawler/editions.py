"""The one table of facts about the site's four editions.

Each edition is a separate WordPress install under ``/{code}/``.  Everything
the crawler needs that differs between them (calendar, month names, the
words that spell comment counts, time zone) lives here, so no other module
needs an ``if edition == ...``.  Only facts some code reads are kept.  Values marked [assumed] in the site notes are
marked the same way here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Calendar = Literal["gregorian", "jalali"]


@dataclass(frozen=True)
class Edition:
    code: str
    calendar: Calendar
    """The calendar of the dates the edition *displays*."""
    timezone: str
    """IANA zone of the WordPress install [assumed: the society is in Iran]."""
    months: Mapping[str, int]
    """Every displayed month-name form, lower-cased, mapped to its month number
    in ``calendar``.  All series an edition uses are listed (Arabic has two)."""
    count_words: Mapping[str, int]
    """Words that stand for a number in comment labels ("One Comment",
    "تعليق واحد", the Arabic dual "تعليقان", "No comments"), lower-cased."""


def _series(*names_by_month: tuple[str, ...] | str) -> dict[str, int]:
    """Map each spelling to its 1-based month; a tuple lists alternative spellings."""
    table: dict[str, int] = {}
    for month, names in enumerate(names_by_month, start=1):
        for name in (names,) if isinstance(names, str) else names:
            table[name.lower()] = month
    return table


_ENGLISH_MONTHS = _series(
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    "may",
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)

# Solar Hijri months as Persian WordPress prints them.  Spellings are stored in
# Persian letters; text is folded with text.persian_letters before lookup.
_JALALI_MONTHS = _series(
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    ("مرداد", "امرداد"),
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)

# Arabic WordPress prints the Egyptian series (يناير…); Levantine and Iraqi
# writers use the Syriac series (كانون الثاني…), two words for some months.
_ARABIC_MONTHS = {
    **_series(
        "يناير",
        "فبراير",
        ("مارس", "آذار", "اذار"),
        ("أبريل", "ابريل", "إبريل", "نيسان"),
        ("مايو", "أيار", "ايار"),
        ("يونيو", "يونيه", "حزيران"),
        ("يوليو", "يوليه", "تموز"),
        ("أغسطس", "اغسطس", "آب"),
        ("سبتمبر", "أيلول", "ايلول"),
        ("أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول"),
        ("نوفمبر", "تشرين الثاني"),
        ("ديسمبر", "كانون الأول", "كانون الاول"),
    ),
    "كانون الثاني": 1,
    "شباط": 2,
}

_ALBANIAN_MONTHS = _series(
    ("janar", "jan"),
    ("shkurt", "shk"),
    ("mars", "mar"),
    ("prill", "pri"),
    ("maj",),
    ("qershor", "qer"),
    ("korrik", "kor"),
    ("gusht", "gus"),
    ("shtator", "sht"),
    ("tetor", "tet"),
    ("nëntor", "nentor", "nën", "nen"),
    ("dhjetor", "dhj"),
)

EDITIONS: dict[str, Edition] = {
    edition.code: edition
    for edition in (
        Edition(
            code="en",
            calendar="gregorian",
            timezone="Asia/Tehran",
            months=_ENGLISH_MONTHS,
            count_words={"no": 0, "one": 1},
        ),
        Edition(
            code="ar",
            calendar="gregorian",
            timezone="Asia/Tehran",
            months=_ARABIC_MONTHS,
            count_words={"لا": 0, "بدون": 0, "واحد": 1, "تعليقان": 2},
        ),
        Edition(
            code="fa",
            calendar="jalali",
            timezone="Asia/Tehran",
            months=_JALALI_MONTHS,
            count_words={"بدون": 0, "هیچ": 0, "یک": 1},
        ),
        Edition(
            code="sq",
            calendar="gregorian",
            timezone="Asia/Tehran",
            # [assumed] The install may run an English locale (its AMP pages
            # end in English), so English month names and count words too.
            months={**_ALBANIAN_MONTHS, **_ENGLISH_MONTHS},
            count_words={"asnjë": 0, "asnje": 0, "pa": 0, "një": 1, "nje": 1, "no": 0, "one": 1},
        ),
    )
}

EDITION_CODES: tuple[str, ...] = tuple(EDITIONS)


def get_edition(code: str) -> Edition:
    """The edition for ``code``; a ValueError naming the valid codes otherwise."""
    try:
        return EDITIONS[code]
    except KeyError:
        raise ValueError(f"unknown edition {code!r}; valid editions are: {', '.join(EDITION_CODES)}") from None
