"""Small text normalisations shared by the parsers (pure, no Scrapy)."""

from __future__ import annotations

import re

# Persian (U+06F0..) and Arabic-Indic (U+0660..) digits both occur on the site;
# everything downstream wants ASCII digits.
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)

# Bidi marks that editors and WordPress sprinkle around RTL text: LRM, RLM,
# ALM, ZWSP, BOM and the embedding/isolate controls.  They carry no meaning.
_BIDI_MARKS = re.compile("[\u200b\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]")
# Joiners (ZWNJ, ZWJ) are part of correct Persian spelling ("خانواده‌ها") and
# stay in text, but are noise inside a date.
_JOINERS = re.compile("[\u200c\u200d]")

# Arabic letter forms typed on Arabic keyboards, folded onto the Persian ones
# so Persian month names match however they were typed.
_ARABIC_TO_PERSIAN_LETTERS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})

_WHITESPACE = re.compile(r"\s+")


def ascii_digits(text: str) -> str:
    """Replace Persian and Arabic-Indic digits with ASCII ones."""
    return text.translate(_DIGITS)


def strip_bidi_marks(text: str) -> str:
    """Remove bidi marks; joiners, which spell Persian words, are kept."""
    return _BIDI_MARKS.sub("", text)


def strip_invisible(text: str) -> str:
    """Remove bidi marks and zero-width joiners: for dates and numbers."""
    return _JOINERS.sub("", _BIDI_MARKS.sub("", text))


def persian_letters(text: str) -> str:
    """Fold Arabic yeh and kaf onto their Persian forms."""
    return text.translate(_ARABIC_TO_PERSIAN_LETTERS)


def squash(text: str | None) -> str:
    """Collapse runs of whitespace (non-breaking spaces included) and trim."""
    if not text:
        return ""
    return _WHITESPACE.sub(" ", text.replace("\xa0", " ")).strip()


# Counts on this site (comments) are small; a larger number is a misreading
# or garbage, never a count.
MAX_COUNT = 10**9


def first_integer(text: str, maximum: int = MAX_COUNT) -> int | None:
    """The first run of digits in ``text`` (any script), or None.

    None too when that number is above ``maximum``: an implausible count is
    unknown, not a value.  Its length is checked before ``int()``, which
    refuses strings of more than 4,300 digits.
    """
    match = re.search(r"\d+", ascii_digits(text))
    if match is None:
        return None
    digits = match.group().lstrip("0") or "0"
    if len(digits) > len(str(maximum)):
        return None
    value = int(digits)
    return value if value <= maximum else None


def plural(count: int, noun: str) -> str:
    """``count`` and ``noun``, with an English plural ``s`` unless the count is one."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
