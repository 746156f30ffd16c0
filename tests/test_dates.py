"""Tables of date texts and ISO values per edition, with their Gregorian days.

Jalali expectations were checked against fixed Nowruz anchors (1 Farvardin
1398 = 2019-03-21, 1399 = 2020-03-20, 1400 = 2021-03-21, 1402 = 2023-03-21,
1403 = 2024-03-20, 1404 = 2025-03-21) plus day counting, not taken from the
parser's output.
"""

# Persian and Arabic-Indic digits are the point of several cases below.

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from nejat_crawler.dates import Stamp, parse_date_text, parse_machine_date
from nejat_crawler.editions import EDITIONS

D = datetime.date
RLM, LRM, ZWNJ = "\u200f", "\u200e", "\u200c"

EN_TEXTS = [
    ("September 5, 2013", D(2013, 9, 5)),
    ("Sep 5, 2013", D(2013, 9, 5)),
    ("Sept. 5, 2013", D(2013, 9, 5)),
    ("Sept.5,2013", D(2013, 9, 5)),
    ("5 September 2013", D(2013, 9, 5)),
    ("5 Sep 2013", D(2013, 9, 5)),
    ("September 05, 2013", D(2013, 9, 5)),
    ("september 5, 2013", D(2013, 9, 5)),
    ("SEPTEMBER 5, 2013", D(2013, 9, 5)),
    ("Thursday, September 5, 2013", D(2013, 9, 5)),
    (f"{LRM}September 5, 2013{LRM}", D(2013, 9, 5)),
    ("  September\xa05,\n  2013 ", D(2013, 9, 5)),
    ("September 24th, 2013", D(2013, 9, 24)),
    ("2013-09-05", D(2013, 9, 5)),
    ("2025/12/31", D(2025, 12, 31)),
    ("December 27, 2025", D(2025, 12, 27)),
    ("May 24, 2017", D(2017, 5, 24)),
    ("Feb 29, 2024", D(2024, 2, 29)),
    ("Jan 1, 2000", D(2000, 1, 1)),
    ("31 December 1999", D(1999, 12, 31)),
    ("Posted on Nov 30, 2015 by admin", D(2015, 11, 30)),
    ("31/12/2025", D(2025, 12, 31)),  # only one reading is a date
    ("05/05/2013", D(2013, 5, 5)),  # both readings agree
]

AR_TEXTS = [
    ("5 سبتمبر، 2013", D(2013, 9, 5)),
    ("٥ سبتمبر ٢٠١٣", D(2013, 9, 5)),
    ("٥ سبتمبر، ٢٠١٣", D(2013, 9, 5)),
    ("الخميس، 5 سبتمبر، 2013", D(2013, 9, 5)),
    (f"{RLM}5 سبتمبر، 2013{RLM}", D(2013, 9, 5)),
    ("1 يناير، 2020", D(2020, 1, 1)),
    ("12 كانون الثاني، 2020", D(2020, 1, 12)),
    ("14 شباط 2014", D(2014, 2, 14)),
    ("29 فبراير 2024", D(2024, 2, 29)),
    ("10 مارس 2021", D(2021, 3, 10)),
    ("10 آذار 2021", D(2021, 3, 10)),
    ("10 اذار 2021", D(2021, 3, 10)),
    ("7 أبريل 2022", D(2022, 4, 7)),
    ("7 إبريل 2022", D(2022, 4, 7)),
    ("7 نيسان 2022", D(2022, 4, 7)),
    ("9 مايو 2016", D(2016, 5, 9)),
    ("9 أيار 2016", D(2016, 5, 9)),
    ("30 يونيو 2017", D(2017, 6, 30)),
    ("30 حزيران 2017", D(2017, 6, 30)),
    ("4 يوليو 2015", D(2015, 7, 4)),
    ("4 تموز 2015", D(2015, 7, 4)),
    ("15 أغسطس 2018", D(2018, 8, 15)),
    ("15 آب 2018", D(2018, 8, 15)),
    ("1 أيلول 2013", D(2013, 9, 1)),
    ("20 أكتوبر، 2019", D(2019, 10, 20)),
    ("20 اكتوبر 2019", D(2019, 10, 20)),
    ("3 تشرين الأول 2019", D(2019, 10, 3)),
    ("3 تشرين الاول 2019", D(2019, 10, 3)),
    ("11 تشرين الثاني 2014", D(2014, 11, 11)),
    ("11 نوفمبر 2014", D(2014, 11, 11)),
    ("٢٥ كانون الأول، ٢٠٢٥", D(2025, 12, 25)),
    (f"السبت،{RLM} ٢٧ ديسمبر، ٢٠٢٥", D(2025, 12, 27)),
    ("2013-09-05", D(2013, 9, 5)),
]

FA_TEXTS = [
    ("03 اسفند 1398", D(2020, 2, 22)),
    ("27 بهمن 1398", D(2020, 2, 16)),
    ("۲۲ آذر ۱۴۰۴", D(2025, 12, 13)),
    ("22 آذر 1404", D(2025, 12, 13)),
    ("۱۵ آذر ۱۴۰۴", D(2025, 12, 6)),
    ("6 دی 1404", D(2025, 12, 27)),
    ("10 دی 1404", D(2025, 12, 31)),
    ("چهارشنبه, ۱۰ دی , ۱۴۰۴", D(2025, 12, 31)),
    (f"{RLM}چهارشنبه, ۱۰ دی , ۱۴۰۴{RLM}", D(2025, 12, 31)),
    (f"{RLM}۲۲ آذر ۱۴۰۴{LRM}", D(2025, 12, 13)),
    ("6 دي 1404", D(2025, 12, 27)),  # Arabic yeh
    ("يكشنبه، 7 دي 1404", D(2025, 12, 28)),  # Arabic yeh and kaf
    (f"سه{ZWNJ}شنبه ۲۵ اردیبهشت ۱۴۰۳", D(2024, 5, 14)),
    ("25 ارديبهشت 1403", D(2024, 5, 14)),
    ("30 اسفند 1403", D(2025, 3, 20)),  # 1403 is a leap year
    ("29 اسفند 1404", D(2026, 3, 20)),
    ("1 فروردین 1404", D(2025, 3, 21)),
    ("۱ تیر ۱۳۹۹", D(2020, 6, 21)),
    ("1 خرداد 1402", D(2023, 5, 22)),
    ("12 مرداد 1400", D(2021, 8, 3)),
    ("12 امرداد 1400", D(2021, 8, 3)),
    ("31 شهریور 1403", D(2024, 9, 21)),
    ("1 مهر 1403", D(2024, 9, 22)),
    ("1404/09/22", D(2025, 12, 13)),
    ("۱۴۰۳/۰۲/۱۴", D(2024, 5, 3)),
    ("1403-02-14", D(2024, 5, 3)),
    ("14/9/1404", D(2025, 12, 5)),
    ("روز جمعه مورخه 14/9/1404", D(2025, 12, 5)),
]

SQ_TEXTS = [
    ("5 Shtator, 2013", D(2013, 9, 5)),
    # [assumed] an English-locale Albanian install (site notes, section 7)
    ("September 5, 2013", D(2013, 9, 5)),
    ("May 24, 2017", D(2017, 5, 24)),
    ("5 shtator 2013", D(2013, 9, 5)),
    ("5 SHTATOR 2013", D(2013, 9, 5)),
    ("05 shtator 2013", D(2013, 9, 5)),
    ("e enjte, 5 shtator 2013", D(2013, 9, 5)),
    ("5 sht 2013", D(2013, 9, 5)),
    ("12 nëntor 2019", D(2019, 11, 12)),
    ("12 nentor 2019", D(2019, 11, 12)),
    ("12 Nëntor, 2019", D(2019, 11, 12)),
    ("12 ne\u0308ntor 2019", D(2019, 11, 12)),  # decomposed ë
    ("1 Janar 2020", D(2020, 1, 1)),
    ("14 shkurt 2016", D(2016, 2, 14)),
    ("29 Shkurt 2024", D(2024, 2, 29)),
    ("21 mars 2021", D(2021, 3, 21)),
    ("7 prill 2022", D(2022, 4, 7)),
    ("9 maj 2016", D(2016, 5, 9)),
    ("30 qershor 2017", D(2017, 6, 30)),
    ("4 korrik 2015", D(2015, 7, 4)),
    ("15 gusht 2018", D(2018, 8, 15)),
    ("20 tetor 2019", D(2019, 10, 20)),
    ("25 dhjetor 2025", D(2025, 12, 25)),
    (f"{LRM}1 Janar, 2020 ", D(2020, 1, 1)),
    ("2013-09-05", D(2013, 9, 5)),
    ("31.12.2025", D(2025, 12, 31)),
]

TEXTS = [
    pytest.param(code, text, expected, id=f"{code}-{index}")
    for code, table in (("en", EN_TEXTS), ("ar", AR_TEXTS), ("fa", FA_TEXTS), ("sq", SQ_TEXTS))
    for index, (text, expected) in enumerate(table)
]


@pytest.mark.parametrize(("code", "text", "expected"), TEXTS)
def test_parse_date_text(code: str, text: str, expected: datetime.date) -> None:
    assert parse_date_text(text, EDITIONS[code]) == expected


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("en", None),
        ("en", ""),
        ("en", "   "),
        ("en", "garbage"),
        ("en", "3 comments"),
        ("en", "September 5"),  # no year
        ("en", "5 September"),
        ("en", "Smarch 5, 2013"),  # unknown month
        ("en", "September 31, 2013"),  # impossible day
        ("en", "Feb 29, 2023"),
        ("en", "2013-02-30"),
        ("en", "September 5, 1403"),  # implausible Gregorian year
        ("en", "1403/02/14"),
        ("en", "05/09/2013"),  # 5 Sep or May 9: cannot be sure
        ("ar", "5 سبتمبر"),
        ("ar", "5 فلان 2013"),
        ("ar", "كانون الثاني 2020"),
        ("fa", "30 اسفند 1404"),  # 1404 is not a leap year
        ("fa", "31 مهر 1403"),  # Mehr has 30 days
        ("fa", "25 اردیبهشت"),  # no year
        ("fa", "اردیبهشت- 1403 -"),  # month header, no day
        ("fa", "*شنبه 15 آذر"),
        ("fa", "10 دی 2025"),  # implausible Jalali year
        ("fa", "2013-09-05"),  # Gregorian numbers on a Jalali edition
        ("fa", "5 September 2013"),
        ("fa", "1404/13/01"),
        ("sq", "5 shtator"),
        ("sq", "5 shtatori 2013"),  # not a month word of the table
        ("sq", "5 Smarch 2013"),
    ],
)
def test_parse_date_text_none(code: str, text: str | None) -> None:
    assert parse_date_text(text, EDITIONS[code]) is None


@pytest.mark.parametrize(
    ("code", "value", "date", "at", "jalali"),
    [
        ("en", "2013-09-05T10:12:00+04:30", D(2013, 9, 5), "2013-09-05T10:12:00+04:30", False),
        ("en", "2013-09-05T10:12:00Z", D(2013, 9, 5), "2013-09-05T10:12:00+00:00", False),
        ("en", "2013-09-05", D(2013, 9, 5), None, False),
        ("en", "  2013-09-05T10:12+04:30\n", D(2013, 9, 5), "2013-09-05T10:12:00+04:30", False),
        (
            "en",
            "2013-09-05T10:12:00.250+04:30",
            D(2013, 9, 5),
            "2013-09-05T10:12:00.250000+04:30",
            False,
        ),
        # No offset: the edition's zone (Iran kept daylight saving in 2013).
        ("sq", "2013-09-05T10:12:00", D(2013, 9, 5), "2013-09-05T10:12:00+04:30", False),
        # The local day as written, not the UTC day (2025-12-12T21:10Z).
        ("fa", "2025-12-13T00:40:00+03:30", D(2025, 12, 13), "2025-12-13T00:40:00+03:30", False),
        ("ar", "2025-12-12T23:59:59-05:00", D(2025, 12, 12), "2025-12-12T23:59:59-05:00", False),
        # UTC values (Yoast's meta and JSON-LD) give the day in the site's zone.
        ("fa", "2025-12-12T21:10:00+00:00", D(2025, 12, 13), "2025-12-12T21:10:00+00:00", False),
        ("en", "2013-09-04T21:00:00Z", D(2013, 9, 5), "2013-09-04T21:00:00+00:00", False),
        ("sq", "2013-09-04T19:00:00Z", D(2013, 9, 4), "2013-09-04T19:00:00+00:00", False),
        # Jalali numbers in ISO form (old wp-parsidate).
        ("fa", "1398-12-03T10:15:00+03:30", D(2020, 2, 22), "2020-02-22T10:15:00+03:30", True),
        ("fa", "۱۳۹۸-۱۲-۰۳T10:15:00+03:30", D(2020, 2, 22), "2020-02-22T10:15:00+03:30", True),
        ("fa", "1403-12-30", D(2025, 3, 20), None, True),
        ("fa", "1403-06-31T08:00:00+03:30", D(2024, 9, 21), "2024-09-21T08:00:00+03:30", True),
        ("en", "1404-09-22T09:00:00Z", D(2025, 12, 13), "2025-12-13T09:00:00+00:00", True),
    ],
)
def test_parse_machine_date(code: str, value: str, date: datetime.date, at: str | None, jalali: bool) -> None:
    stamp = parse_machine_date(value, EDITIONS[code])
    assert stamp is not None
    assert stamp.date == date
    assert stamp.from_jalali_numbers is jalali
    # The day rests on the assumed zone for UTC values and values without an offset.
    written_offset = value.strip().endswith("Z") or "+" in value or value.count("-") > 2
    assert stamp.zone_assumed is (at is not None and (at.endswith("+00:00") or not written_offset))
    assert (stamp.at.isoformat() if stamp.at else None) == at


def test_machine_date_without_offset_uses_edition_zone() -> None:
    stamp = parse_machine_date("2025-12-13T00:40:00", EDITIONS["fa"])
    at = datetime.datetime(2025, 12, 13, 0, 40, tzinfo=ZoneInfo("Asia/Tehran"))
    assert stamp == Stamp(D(2025, 12, 13), at, zone_assumed=True)
    assert stamp.at is not None and stamp.at.utcoffset() == datetime.timedelta(hours=3, minutes=30)


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "   ",
        "garbage",
        "September 5, 2013",
        "2013-02-30",
        "2013-02-30T10:00:00Z",
        "2013-09-05T25:00:00Z",
        "0000-00-00 00:00:00",
        "1404-12-30T10:00:00+03:30",  # Jalali 1404 is not a leap year
        "1404-13-01",
        "1650-01-01",  # below 1700 but no plausible Jalali year
        "1970-01-01T00:00:00Z",  # epoch placeholder, not a post date
    ],
)
def test_parse_machine_date_none(value: str | None) -> None:
    assert parse_machine_date(value, EDITIONS["fa"]) is None


# --- Extreme values: None, never an exception ------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        # Moving this UTC time into the site's zone would pass year 9999.
        "9999-12-31T23:30:00+00:00",
        "9999-12-31T23:30:00Z",
        "9999-12-31T23:59:59+23:59",
        "9999-12-31T23:59:59-23:59",
        "9999-12-31T23:30:00",
        "0001-01-01T00:00:00+00:00",
        "0001-01-01T00:00:00+23:59",
        "0001-01-01T00:00:00-23:59",
        "0001-01-01",
        "9999-12-31",
        "2101-01-01T00:00:00+00:00",
    ],
)
@pytest.mark.parametrize("edition", ["en", "fa", "ar", "sq"])
def test_extreme_machine_dates_are_none(value: str, edition: str) -> None:
    assert parse_machine_date(value, EDITIONS[edition]) is None


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2013-09-05T10:12:00+23:59", D(2013, 9, 5)),
        ("2013-09-05T10:12:00-23:59", D(2013, 9, 5)),
        # Noon UTC on the last plausible day is still that day in the site's zone.
        ("2100-12-31T12:00:00+00:00", D(2100, 12, 31)),
    ],
)
def test_extreme_offsets_keep_the_day_as_written(value: str, day: datetime.date) -> None:
    stamp = parse_machine_date(value, EDITIONS["fa"])
    assert stamp is not None and stamp.date == day
