# ruff: noqa: E501
# (Article paragraphs are data: wrapping them would only add noise.)
"""The replica of nejatngo.org as plain data.

Every fact a test may assert about the site lives here: the posts, their
terms, the visible date strings, the comment counts, and which listing pages
show which posts.  ``render`` turns this into HTML; nothing here knows about
markup.  Times are site-local (Asia/Tehran for all four installs), so summer
dates before 2022 carry +04:30 and the rest +03:30.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import jdatetime

LIVE_ORIGIN = "https://www.nejatngo.org"
TEHRAN = ZoneInfo("Asia/Tehran")
EDITIONS = ("en", "ar", "fa", "sq")
SHARE_PLATFORMS = ("facebook", "twitter", "pinterest", "whatsapp", "telegram", "skype", "email")

# Link origins a page may be written with; "" means root-relative links.
BARE_HTTP = "http://nejatngo.org"
BARE_HTTPS = "https://nejatngo.org"
ROOT_RELATIVE = ""


@dataclass(frozen=True)
class Term:
    """A category or tag; ``slug`` is decoded (Persian slugs are Persian text)."""

    name: str
    slug: str
    term_id: int


@dataclass(frozen=True)
class Comment:
    author: str
    text: str
    date: datetime


@dataclass(frozen=True)
class ReplicaPost:
    edition: str
    post_id: int
    title: str
    categories: tuple[Term, ...]
    tags: tuple[Term, ...]
    published: datetime
    modified: datetime
    comment_count: int
    comments: tuple[Comment, ...]
    paragraphs: tuple[str, ...]
    image: str | None
    author: str
    date_text: str
    """The visible date exactly as listings and the post page print it."""
    page_status: int = 200
    listed: bool = True
    """False for trap posts: they have a page but appear in no listing."""
    content_image: str | None = None
    """An image inside the article body (not the featured image)."""
    legacy_twitter: bool = False
    """Share links use twitter.com/intent/tweet instead of x.com (older theme build)."""

    @property
    def path(self) -> str:
        return f"/{self.edition}/posts/{self.post_id}"

    @property
    def text(self) -> str:
        """The body as plain text: paragraphs apart by a blank line, ``<br>`` as a line break."""
        return "\n\n".join("\n".join(" ".join(line.split()) for line in p.split("\n")) for p in self.paragraphs)

    @property
    def url(self) -> str:
        """The canonical live URL, what a crawler must report for this post."""
        return LIVE_ORIGIN + self.path


@dataclass(frozen=True)
class Listing:
    """One paginated listing chain: the edition home, a topic or a tag archive."""

    edition: str
    path: str
    """Path of page 1 as served, slug percent-encoded: "/en/", "/fa/topic/%D9%86…"."""
    kind: str
    """'home' | 'topic' | 'tag'."""
    post_ids: tuple[int, ...]
    per_page: int
    term: Term | None = None
    origins: tuple[str, ...] = (LIVE_ORIGIN,)
    """Origin of the links on page n is origins[(n - 1) % len(origins)]."""
    noisy_links: bool = False
    """Entry links carry ?amp=1, /amp/, ?noamp=mobile, ?=1 or a trailing slash."""
    lazy_images: bool = False
    older_cycles: bool = False
    """Pitfall: the last page links "Older Posts" back to page 1."""

    @property
    def full_text(self) -> bool:
        """Home pages print whole articles; archives print excerpts."""
        return self.kind == "home"

    @property
    def page_count(self) -> int:
        return max(1, math.ceil(len(self.post_ids) / self.per_page))

    def page_path(self, page: int) -> str:
        if page == 1:
            return self.path
        return f"{self.path.rstrip('/')}/page/{page}"

    def page_post_ids(self, page: int) -> tuple[int, ...]:
        start = (page - 1) * self.per_page
        return self.post_ids[start : start + self.per_page]

    def origin(self, page: int) -> str:
        return self.origins[(page - 1) % len(self.origins)]

    def newer_path(self, page: int) -> str | None:
        return self.page_path(page - 1) if page > 1 else None

    def older_path(self, page: int) -> str | None:
        """Where the "Older Posts" link of ``page`` points, pitfalls included."""
        if page < self.page_count:
            return self.page_path(page + 1)
        if self.older_cycles:
            return self.page_path(1)
        return None


def term_path(edition: str, kind: str, term: Term) -> str:
    """Archive path of a term; kind is 'topic' (categories) or 'tag'."""
    return f"/{edition}/{kind}/{quote(term.slug, safe='')}"


# --- visible dates ----------------------------------------------------------

_EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_AR_EGYPTIAN = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)
_AR_LEVANTINE = (
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
)
_SQ_MONTHS = (
    "Janar",
    "Shkurt",
    "Mars",
    "Prill",
    "Maj",
    "Qershor",
    "Korrik",
    "Gusht",
    "Shtator",
    "Tetor",
    "Nëntor",
    "Dhjetor",
)
_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_ARABIC_INDIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_ARABIC_LETTERS = str.maketrans({"ی": "ي", "ک": "ك"})
RLM = "\u200f"

DATE_STYLES: dict[str, tuple[str, ...]] = {
    "en": ("default", "short", "dmy"),
    "fa": ("default", "persian", "plain", "weekday", "rlm", "arabic", "weekday-arabic"),
    "ar": ("default", "indic", "levant", "levant-plain"),
    "sq": ("default", "lower", "ascii"),
}


def persian_digits(value: int | str) -> str:
    return str(value).translate(_PERSIAN_DIGITS)


def arabic_indic_digits(value: int | str) -> str:
    return str(value).translate(_ARABIC_INDIC_DIGITS)


def format_date(edition: str, when: datetime, style: str = "default") -> str:
    """The date of ``when`` (site-local) as the edition prints it in ``style``.

    en: "September 5, 2013" | short "Sep 5, 2013" | dmy "5 September 2013".
    fa (Jalali via jdatetime): "03 اسفند 1398" | persian "۲۲ آذر ۱۴۰۴" | plain
    "6 دی 1404" | weekday "چهارشنبه, ۱۰ دی , ۱۴۰۴" | rlm (default inside RLMs) |
    arabic / weekday-arabic (Arabic ي and ك instead of the Persian letters).
    ar: "5 سبتمبر، 2013" | indic "٥ سبتمبر، ٢٠١٣" | levant "12 كانون الثاني، 2020" |
    levant-plain "3 تشرين الأول 2019".  sq: "5 Shtator, 2013" | lower "5 shtator 2013" |
    ascii "5 nentor 2025".
    """
    if style not in DATE_STYLES[edition]:
        raise ValueError(f"unknown date style {style!r} for {edition}")
    return _DATE_FORMATS[edition](when.astimezone(TEHRAN).date(), style)


def _english_date(day: date, style: str) -> str:
    month = _EN_MONTHS[day.month - 1]
    if style == "short":
        return f"{month[:3]} {day.day}, {day.year}"
    if style == "dmy":
        return f"{day.day} {month} {day.year}"
    return f"{month} {day.day}, {day.year}"


def _persian_date(day: date, style: str) -> str:
    jday = jdatetime.date.fromgregorian(date=day)
    month = jdatetime.date.j_months_fa[jday.month - 1]
    if style in ("weekday", "weekday-arabic"):
        weekday = jdatetime.date.j_weekdays_fa[jday.weekday()]
        text = f"{weekday}, {persian_digits(jday.day)} {month} , {persian_digits(jday.year)}"
        return text.translate(_ARABIC_LETTERS) if style == "weekday-arabic" else text
    if style == "persian":
        return f"{persian_digits(jday.day)} {month} {persian_digits(jday.year)}"
    if style == "plain":
        return f"{jday.day} {month} {jday.year}"
    text = f"{jday.day:02d} {month} {jday.year}"
    if style == "rlm":
        return f"{RLM}{text}{RLM}"
    return text.translate(_ARABIC_LETTERS) if style == "arabic" else text


def _arabic_date(day: date, style: str) -> str:
    if style.startswith("levant"):
        comma = "" if style == "levant-plain" else "،"
        return f"{day.day} {_AR_LEVANTINE[day.month - 1]}{comma} {day.year}"
    text = f"{day.day} {_AR_EGYPTIAN[day.month - 1]}، {day.year}"
    return arabic_indic_digits(text) if style == "indic" else text


def _albanian_date(day: date, style: str) -> str:
    month = _SQ_MONTHS[day.month - 1]
    if style == "lower":
        return f"{day.day} {month.lower()} {day.year}"
    if style == "ascii":
        return f"{day.day} {month.lower().replace('ë', 'e')} {day.year}"
    return f"{day.day} {month}, {day.year}"


_DATE_FORMATS = {"en": _english_date, "fa": _persian_date, "ar": _arabic_date, "sq": _albanian_date}


def jalali_iso(when: datetime) -> str:
    """ISO-looking text with Jalali date numbers, as old wp-parsidate wrote into DATE_W3C."""
    local = when.astimezone(TEHRAN)
    jday = jdatetime.date.fromgregorian(date=local.date())
    return f"{jday.year:04d}-{jday.month:02d}-{jday.day:02d}T{local:%H:%M:%S}{local.isoformat()[-6:]}"


# --- building posts ---------------------------------------------------------

_AUTHORS = {"en": "Nejat Society", "fa": "انجمن نجات", "ar": "جمعية نجات", "sq": "Shoqata Nejat"}
_RECENT = datetime(2025, 12, 20, tzinfo=TEHRAN)


def _local(text: str) -> datetime:
    """'YYYY-MM-DD HH:MM' as an aware Tehran time (zoneinfo picks +03:30 or +04:30)."""
    return datetime.fromisoformat(text).replace(tzinfo=TEHRAN)


def _post(
    edition: str,
    post_id: int,
    when: str,
    title: str,
    categories: tuple[str, ...],
    paragraphs: tuple[str, ...],
    *,
    tags: tuple[str, ...] = (),
    style: str = "default",
    image: str | None = None,
    content_image: str | None = None,
    comments: tuple[tuple[str, str, str], ...] = (),
    author: str | None = None,
    status: int = 200,
    listed: bool = True,
    legacy_twitter: bool = False,
) -> ReplicaPost:
    """Build a post from compact data: term keys, upload paths, (author, when, text) comments."""
    terms = _TERMS[edition]
    published = _local(when)
    # Recent posts were touched up the same day; older ones were edited days later,
    # so the hidden "updated" stamp falls on another calendar day than the visible one.
    modified = published + (timedelta(hours=1) if published >= _RECENT else timedelta(days=2, hours=3))
    uploads = f"{LIVE_ORIGIN}/{edition}/wp-content/uploads/"
    return ReplicaPost(
        edition=edition,
        post_id=post_id,
        title=title,
        categories=tuple(terms[key] for key in categories),
        tags=tuple(terms[key] for key in tags),
        published=published,
        modified=modified,
        comment_count=len(comments),
        comments=tuple(Comment(name, text, _local(at)) for name, at, text in comments),
        paragraphs=paragraphs,
        image=uploads + image if image else None,
        author=author or _AUTHORS[edition],
        date_text=format_date(edition, published, style),
        page_status=status,
        listed=listed,
        content_image=uploads + content_image if content_image else None,
        legacy_twitter=legacy_twitter,
    )


def _terms(*rows: tuple[str, str, str, int]) -> dict[str, Term]:
    return {key: Term(name, slug, term_id) for key, name, slug, term_id in rows}


_TERMS: dict[str, dict[str, Term]] = {
    "en": _terms(
        ("camp-ashraf", "MEK Camp Ashraf", "mek-camp-ashraf", 12),
        ("proxy", "Mujahedin Khalq; A proxy force", "mujahedin-khalq-proxy-force", 19),
        ("un", "UN", "un", 27),
        ("expulsion", "The MEK Expulsion from Iraq", "expulsion-from-iraq", 31),
        ("eu", "European Union", "european-union", 36),
        ("uk", "UK", "uk", 38),
        ("usa", "USA", "usa", 41),
        ("former", "Former members of the MEK", "former-members-of-the-mek", 55),
        (
            "families",
            "Mujahedin Khalq Organization members’ families",
            "mujahedin-khalq-organization-members-families",
            58,
        ),
        ("propaganda", "Mujahedin Khalq Organization’s Propaganda System", "mujahedin-khalq-propaganda-system", 60),
        ("terrorist", "Mujahedin Khalq Organization as a terrorist group", "mko-terrorist-group", 63),
        ("missions", "Missions of Nejat Society", "missions-of-nejat-society", 70),
        ("members", "Members of the MEK", "members-of-the-mek", 72),
        ("publications", "Nejat Publications", "nejat-publications", 75),
        ("cult", "The cult of Rajavi", "the-cult-of-rajavi", 81),
        ("iraq", "Iraq", "iraq", 88),
        ("inhabitants", "Camp Ashraf Inhabitants", "camp-ashraf-inhabitants", 140),
        ("news", "Nejat News", "nejat-news", 152),
        ("efforts", "Efforts to rescue the MEK hostages", "efforts-to-rescue", 160),
        ("nowruz", "Nowruz", "nowruz", 171),
        ("albania", "Defectors of the MEK in Albania", "mek-defectors-in-albania", 185),
    ),
    "fa": _terms(
        ("human-rights", "نقض حقوق بشر", "نقض-حقوق-بشر", 14),
        ("families", "خانواده اعضای سازمان", "خانواده-اعضای-سازمان", 22),
        ("former", "جداشدگان", "جداشدگان", 25),
        ("rajavi", "فرقه رجوی", "فرقه-رجوی", 31),
        ("news", "اخبار انجمن نجات", "اخبار-انجمن-نجات", 40),
        ("ashraf", "کمپ اشرف", "کمپ-اشرف", 310),
        ("nowruz", "نوروز", "نوروز", 322),
        ("albania", "آلبانی", "آلبانی", 335),
    ),
    "ar": _terms(
        ("mek", "منظمة مجاهدي خلق", "mojahedin-khalq", 3),
        ("human-rights", "حقوق الإنسان", "حقوق-الإنسان", 5),
        ("families", "عائلات الأعضاء", "families", 7),
        ("former", "الأعضاء المنفصلون", "former-members", 9),
        ("ashraf", "مخيم أشرف", "camp-ashraf", 21),
        ("albania", "ألبانيا", "albania", 24),
    ),
    "sq": _terms(
        ("mek", "Organizata e Muxhahedine Khalk në Shqipëri", "muxhahedinet-ne-shqiperi", 4),
        ("former", "Ish-anëtarët", "ish-anetaret", 6),
        ("families", "Familjet", "familjet", 8),
        ("news", "Lajme", "lajme", 10),
        ("manez", "Manëz", "manez", 12),
        ("ashraf3", "Ashraf 3", "ashraf-3", 14),
    ),
}


_EN_SEED: tuple[tuple[int, str, str, str, tuple[str, ...]], ...] = (
    (
        3601,
        "2013-09-05 19:40",
        "camp-ashraf",
        "UN mission in Iraq witnesses aftermath of Ashraf attack",
        (
            "Iraq: UN human rights office, UN mission condemn attack on Camp Ashraf",
            "3 September 2013 – The United Nations human rights office and the UN mission in Iraq today strongly UN human rights office, UN mission condemn attack on Camp Ashrafcondemned the killing of dozens of people in Camp Ashraf north of Baghdad, urging the Iraqi Government to investigate what happened.",
            "The UN Assistance Mission for Iraq (UNAMI) visited the site yesterday, meeting separately with the camp’s surviving residents and the commander of Diyala’s Police.",
            "“Inside the camp, the delegation witnessed 52 bodies in a makeshift morgue,” UNAMI said in a news release, with seven people still missing after Sunday’s attack.",
            "“All the deceased appeared to have suffered gunshot wounds, the majority of them in the head and the upper body, and several with their hands tied.",
            "“The delegation also saw several damaged buildings, including one burnt, and was shown quantities of explosives,” according to the statement.",
            "UNAMI said it mediated between Iraqi authorities and camp’s residents to persuade the residents to allow Iraqi ambulances to transport the bodies of the deceased to the morgue in Baquba. The Chief of Human Rights Office and other members of the delegation remained in Camp Ashraf for further monitoring, the Mission said.",
            "“I call on the Iraqi Government to ensure that a thorough, impartial and transparent investigation into this atrocious crime is conducted without delay and that the results of the investigation are made public,” urged Deputy Special Representative of the Secretary-General Gyorgy Busztin, who led the visit. He was joined by UNAMI heads of the human rights and of medical sections.",
            "Meanwhile, the United Nations human rights office today urged the Iraqi Government to ensure that medical assistance is urgently provided for the wounded. According to the UN Assistance Mission in the country (UNAMI), Iraqi authorities have confirmed that medical support is being delivered to the Camp.",
            "Camp Ashraf is comprised of Iranian exiles, many of them members of a group known as the People’s Mojahedeen of Iran.",
            "More than 3,000 residents have been relocated to a transit facility know as Camp Liberty while the UN Refugee Agency (UNHCR) carries out a process to determine their refugee status, and resettle them outside of the country, in line with an agreement signed in December 2011 between the UN and the Iraqi Government.",
            "The Office of the High Commissioner for Human Rights (OHCHR) also urged the Government to guarantee the protection of the residents who remain in Camp Ashraf as well as those who are currently in Camp Liberty.",
            "“While we are still seeking details of what occurred, we also call upon the Iraqi government to quickly launch a full investigation to establish the facts and disclose the circumstances surrounding this attack,” OHCHR spokesperson Cecile Pouilly told journalists in Geneva.",
            "In a statement from his spokesperson over the weekend, Secretary-General Ban Ki-moon condemned the attack and extended his deepest condolences to the families of the victims.",
        ),
    ),
    (
        3598,
        "2013-09-05 16:15",
        "proxy",
        "Americans, Saudis use MKO terrorists to destabilize region",
        (
            "The US and its staunch ally Saudi Arabia use the terrorist Mujahedin-e Khalq Organization (MKO) to destabilize the Middle East region, a political analyst tells Press TV.",
            "“The US wants to utilize them (MKO members) as a tool to undermine the Islamic Republic of Iran and also the Saudis want to utilize them as a means to destabilize, discredit and derail the political process with the ultimate goal of dismantling the newly democratic Iraq,” Zayd al-Isa said in a Monday interview.",
            "“Well, they use them as leverage and for various operations of espionage. We must not forget that they have played a major role in trying and [are] being actually paid huge sums of money to try to infiltrate Iran in order to bring valuable information about … various technological developments taking place in Iran and also [they are] being utilized for espionage operations and shoring up and propping up the al-Qaeda and Ba’athists in Iraq by the Saudis,” the commentator added.",
            "He said that the MKO played a “major and pivotal” role in Iraq’s executed dictator Saddam Hussein’s suppressing of a Shia uprising in southern Iraq in 1991, adding the executed dictator also used the terrorist organization against Iran.",
            "The MKO is listed as a terrorist organization by much of the international community and has committed numerous terrorist acts against Iranians and Iraqis.",
            "The group fled to Iraq in 1986, where it received Saddam’s support and set up its camp near the Iranian border.",
            "Out of the nearly 17,000 Iranians killed in terrorist attacks since the victory of the Islamic Revolution in 1979, some 12,000 have fallen victim to the acts of terror carried out by the MKO.",
            "The group also sided with Saddam during Iraq’s eight-year imposed war against the Islamic Republic.",
        ),
    ),
    (
        3595,
        "2013-09-05 12:30",
        "un",
        "Ban deplores attack on Iranian exile camp north of Baghdad",
        (
            "Secretary-General Ban Ki-moon today condemned an attack on an Iranian exile camp near the Iraqi capital of Ban deplores attack on Iranian exile camp north of BaghdadBaghdad, and urged the Government to launch an investigation into what happened.",
            "“The Secretary-General deplores the tragic events in Camp Ashraf today that have reportedly left 47 killed,” his spokesperson said in a statement. “He expresses his sorrow and extends his deepest condolences to the families of the victims.”",
            "Iraqi authorities have confirmed that medical support is being delivered to the Camp, according to the UN Assistance Mission for Iraq (UNAMI).",
            "Camp Ashraf is comprised of Iranian exiles, many of them members of a group known as the People’s Mojahedeen of Iran.",
            "More than 3,000 residents have been relocated to a transit facility know as Camp Liberty while the UN Refugee Agency (UNHCR) carries out a process to determine their refugee status, and resettle them outside of the country, in line with an agreement signed in December 2011 between the UN and the Iraqi Government.",
            "This resettlement is a priority for UNAMI, in whose work Mr. Ban reiterated that he has “full support for and his absolute confidence”.",
            "The UN mission said it intends to rapidly conduct it own assessment of the violence.",
            "In today’s statement, Mr. Ban urged the Government to restore security in the Camp and stressed that it is its responsibility to “ensure the safety and security” of the residents.",
            "He also called for the Government of Iraq to promptly investigate the incident and disclose the findings",
        ),
    ),
    (
        3590,
        "2013-09-05 09:05",
        "expulsion",
        "Iraqis demand expulsion of MKO remnants",
        (
            "On September 1, 2013, over 70 MKO terrorists, including top MKO commanders, were killed during an attack by a group of Iraqi people on Camp Ashraf.",
            "Expulsion of the remnants of the terrorist Mujahedin-e Khalq Organization (MKO) from Iraq is a serious demand by the Iraqi nation, an Iranian lawmaker says.",
            "“This shows that the Iraqi people’s patience is wearing thin and they seriously call for the expulsion of the remaining members of this grouplet from their homeland,” Mohammad-Saleh Jokar said on Monday.",
            "Jokar, a member of the Majlis National Security and Foreign Policy Committee, was referring to the Sunday attack by a group of Iraqi people on MKO’s notorious terror Camp Ashraf in Iraq’s eastern Diyala Province.",
            "Over 70 terrorists, including top MKO commanders, were killed during the incident.",
            "Jokar noted that the Iraqi people are likely to wage more similar attacks on Camp Ashraf to take revenge on MKO for its atrocities in the country.",
            "Although most MKO terrorists were forcibly transferred from Camp Ashraf to the former US-held Camp Liberty near Baghdad months ago, around 100 members had remained in the camp.",
            "This is while the Iraqi government has repeatedly expressed its desire to expel all the terrorists from the country, but it came under intense pressure by the US and the United Nations to remain their host until a third country offers to accept them.",
            "The MKO — listed as a terrorist organization by much of the international community — fled Iran in 1986 for Iraq, where it enjoyed the support of Iraq’s then-dictator Saddam Hussein and set up a terror camp near the Iranian border.",
            "The group is notorious for carrying out numerous acts of terror against Iranian civilians and officials, involvement in the 1991 bloody repression of Shia Muslims in southern Iraq, and the massacre of Iraqi Kurds in the country’s north under Saddam.",
            "In December 2011, the United Nations and Baghdad agreed to relocate some 3,000 MKO members from Camp New Iraq, formerly known as Camp Ashraf, to Camp Liberty — a former US military base near Baghdad International Airport.",
            "Tehran has repeatedly called on the Iraqi government to expel the terrorist group, but the US has been blocking the expulsion by pressuring the Iraqi government.",
        ),
    ),
    (
        3586,
        "2013-09-04 20:10",
        "camp-ashraf",
        "UNAMI delegation visits Camp Ashraf to assess the situation",
        (
            "UNAMI delegation visits Camp Ashraf to assess the situation following reports of massacre",
            "24 hours after the tragic events that took place in Camp Ashraf, a UNAMI delegation led by the Deputy Special Representative of the United NatioUNAMI delegation visits Camp Ashraf to assess the situation following reports of massacrens Secretary-General (DSRSG), Mr. Gyorgy Busztin, and including UNAMI Chief of Human Rights and of Medical Sections, conducted a visit to the camp yesterday, where they met separately with the camp’s surviving residents and the commander of Diyala’s Police.",
            "Inside the camp, the delegation witnessed 52 bodies in a makeshift morgue. All the deceased appeared to have suffered gunshot wounds, the majority of them in the head and the upper body, and several with their hands tied. The delegation also saw several damaged buildings, including one burnt, and was shown quantities of explosives.",
            "The delegation was informed by the camp’s residents that seven persons were still missing.",
            "After UNAMI’s mediation between the Iraqi authorities and the camp’s residents, the latter agreed to allow Iraqi ambulances to transport the bodies of the deceased to the morgue in Baquba. The Chief of Human Rights Office and other members of the delegation remained in Camp Ashraf for further monitoring.",
            "Reiterating his previous statement, the UN Envoy expressed his outrage at the brutal killing of the camp’s residents. Mr. Busztin took note of the statement issued by the Government of Iraq announcing it has initiated its own investigation into the tragic events and acknowledging its responsibility for the safety of the camp’s residents. “I call on the Iraqi government to ensure that a thorough, impartial and transparent investigation into this atrocious crime is conducted without delay and that the results of the investigation are made public”, he said.",
            "Underscoring the utmost volatility of the situation, as Camp Ashraf does not provide an adequate level of security for its residents, Mr. Busztin affirmed that “until the camps residents are relocated to safety, all measures must be taken to protect their lives”.",
        ),
    ),
    (
        3583,
        "2013-09-04 15:00",
        "camp-ashraf",
        "From Facts To Propaganda: Events Behind The Tragedy At Camp Ashraf",
        (
            "From early morning on Sunday 1st September, the National Council of Resistance of Iran (NCRI), the western Events Behind The Tragedy At Camp Ashrafshop front of the Rajavi cult in Paris, started issuing statements one after another claiming that armed Iraqi forces had carried out an attack, killing some of the remaining people in Camp Ashraf while they have been handcuffed. international media started broadcasting this news and a flood of condemnation and sympathy resulted. It is unfortunate that the original source of this news has been the Mojahedin Khalq (aka MKO, MEK, NCRI), the dangerous, destructive Rajavi cult. The Mojahedin Khalq also distributed pictures which have also been broadcast worldwide, eliciting even more sympathy from various quarters. The speed at which this self-reporting was carried out and the wide circles to which it was distributed clearly shows some amount of readiness in this respect.",
            "The Iraqi government denied any military involvement in Camp Ashraf, and various Iraqi officials condemned this attack no matter how and by whom it was carried out. They have all asked for the intervention of the United Nations and a thorough investigation into this issue. But apparently the Rajavi cult’s side of the story was a more desirable and acceptable one for the western media. Among these western media, the Associated Press coverage is most interesting as it reports on the contradictions among the statements by different Iraqi authorities. When you read the report, it is obvious that all the officials interviewed who have been named by AP have condemned the attack and have asked for international organisations to intervene. But an “unnamed” local police officer has apparently claimed that the Iraqi forces were involved! Later on we find that the so-called “unnamed local police officer” is of course the Rajavi cult itself which has pushed this claim through their connections and friends inside the Associated Press.",
            "We have recently written about Massoud Rajavi answering the question “when will the regime be toppled?” by saying “I am only in charge of your Day of Judgment and no one knows the date of the collapse of the regime”. We put this reply to an expert on Iraq and the Mojahedin Khalq and asked for his opinion. His analytical reply on September 24, 2013 (by emails which can be made available) was that:",
            "“If true, and if he (Rajavi) wants to reduce the [MEK’s] activities, discontinue the [group’s] current situation and give up political activities to retire and attend to his personal life, then he will have two essential needs. One is that he has to somehow convince the United States to sort him out and keep him safe somewhere in Europe and the second need is to get rid of these 3000+ people (in Iraq). As far as I know Rajavi, he is probably planning to expend the lives of these 3000 people for the American secret services to somehow push forward the American agenda in Iraq with their lives; for example chemicals, bombing, poison or similar activities. At the end of the day he would need to get rid of them for good and blame the Iraqi government so that the Iraqi government would be forced to offer some kind of compensation to the Americans and in return the Americans would accept to give him, Rajavi, a place in Europe where he can be kept pickled for a day when he may be useful again”.",
            "Since responsibility for Camp Ashraf was transferred from the American forces to the Iraqis, the Mojahedin Khalq’s line of action has consistently been to engage in violence with whatever means possible face to face with the Iraqi forces in charge of the security of the camp. The Iraqi government has for years tried to pursue the peaceful transfer of this destructive cult from the country with the utmost care and patience. The transfer of Rajavi’s forces from Camp Ashraf to Camp Liberty, a transit camp, only started after the intervention of the United Nations and Hilary Clinton, then US Secretary of State, who at that time promised the MEK that if they accepted to be transferred peacefully, the United States would remove them from its list of terrorist groups. This was the first step toward transferring them to 3rd countries according to the agreements drawn up between the UN, the Iraqi Government and the MEK. But Rajavi, acting against all that he had accepted, kept some of the forces in Camp Ashraf with the excuse that they should remain to sell any MEK belongings which remained in the camp. At the same time Rajavi every day rejected all and every proposition from potential buyers and then started demanding that his forces be brought back from the transit camp to Camp Ashraf. It is noteworthy that this camp was originally call “Khalis Garrison” and belonged to the Iraqi army under Saddam Hussein, who had illegally given it to Rajavi who later on forcefully confiscated the agricultural lands adjacent to the camp and added them to the garrison.",
            "The Iraqi government has tried to resolve the problem of Camp Ashraf peacefully and according to the agreements made and according to court judgements which specify that the land of the garrison should repossessed, but the leaders of cult have prevented Iraqi officials from entering the camp and declared it to be their property in spite of the court rulings. It is worth mentioning that Camp Ashraf is the only place in Iraq that after 10 years still belongs to Saddam Hussein and has not been entered and investigated and is not under the control of the Iraqi government. It is also worth mentioning that Rajavi has forbidden his forces from using the words “transit” and/or “3rd countries” even though these were part of his own agreement with the UN and its representative Martin Kobler. Rajavi later accused Mr Kobler of being an agent of the Iranian regime.",
            "As the negotiations between the Iraqi government and the leaders of the Mojahedin Khalq were continuing, we at Sahar Family Foundation warned repeatedly that many people have been affected by the crimes committed by this cult, that many people have lost their land and many have lost families and children and are after revenge. We have repeatedly emphasised that Iraq is not a safe place for the members of this cult and they should be cooperating with the United Nations to be taken out of Iraq. Rajavi knows all this but deliberately wanted to keep them in Iraq and especially in Camp Ashraf, which is of course much more unsafe than Camp Liberty. He needed their blood.",
            "The Mojahedin Khalq leaders have repeatedly emphasized that in order to keep Camp Ashraf they need blood. In the April 8, 2011 incident, when Iraqi forces entered the north part of the camp, the leaders had told the members that they should not worry or be afraid and they should go forward and attack the soldiers with whatever they could because the army had not brought any live bullets with them and the bullets they do use are blanks. They deliberately wanted the number of casualties to increase. Survivors of the cult can testify that the leaders of Mojahedin Khalq constantly emphasize that they need blood and constantly encouraged members to create conflict.",
            "What should we expect from a cult and its leader who deliberately sends his follower to their deaths, looks upon them as disposable soldiers, gives them orders to burn themselves and sends them to war without training and arms? In July 17th 2003 when they gave the order for self-immolations , they had promised the victims that they would intervene and extinguish the fire once it was started. But they didn’t, they stood aside and took films. According to many who have managed to escape the cult, they killed many of their own disaffected members by shooting them from the back and then registered them as martyrs from during the bombardment of the coalition forces.",
            "Pictures of this latest incident distributed by the Rajavi cult show how the residents have been handcuffed from behind and then murdered. If it was the Iraqi government, would it not make sense that they would finish it all and not leave someone to take pictures to send to the H.Q. of the cult so that they would broadcast it within such a short time all over the world? Is it not the case that the picture taking and other facilities were prepared in advance?",
            "The reasons behind this can be deduced from recent events in Iraq’s political situation and the Iraqi government’s stand in front of the Americans’ aggressive policies in Syria. That the Mojahedin Khalq leaders kill the members is not a new phenomenon. Killing disaffected members and adding them to the list of martyrs is not new.",
            "The Iraqi government had notified the Rajavi cult that they are running out of patience and will have to take back the camp but Rajavi has acted in advance and this massacre is with no doubt his work and the work of those on his payroll. To place the Iraqi government under international pressure was a favour to the Americans and he also now has fresh new blood to feed his propaganda machine.",
            "If Rajavi dies and comes back to this world a thousand times, it is not enough to pay back what he has done. The first victims of any cult are its own members; individuals who have wasted the last 3 decades of their lives for Massoud Rajavi now have become the victims of a joint cultish and imperialistic game.",
            "We again ask all international organisations to intervene to save the lives of the hostages taken by Rajavi and prevent more bloodshed in future.",
            "Translated by Iran Interlink",
        ),
    ),
    (
        3579,
        "2013-09-04 10:20",
        "eu",
        "European Union statement on killing of Camp Ashraf residents",
        (
            "Statement by High Representative Catherine Ashton on the killing of residents at Camp Ashraf",
            "The High Representative of the European Union for Foreign Affairs and Security Policy and Vice President of the Commission issued the following statement today: “I condemn in the strongest terms the killings that took place at Camp Ashraf yesterday, which according to various reports claimed the lives of numerous camp residents. My sincere condolences go out to the families of the victims and I extend my wishes for a speedy recovery to those who were injured in yesterday’s violence.",
            "The circumstances in which this brutal incident took place must be clarified and those found to be responsible must be held fully accountable. I welcome the decision of the Government of Iraq to open an inquiry. I further call on the Iraqi authorities to ensure that the residents of the Camp are protected from any further violence and that the wounded obtain all necessary medical assistance.",
            "The EU is committed to a peaceful solution of the Camp Ashraf issue and I fully support U’AMI’s decision, under its humanitarian mandate, to conduct an independent and transparent assessment of this tragic event. I call on all parties and particularly the Government of Iraq to facilitate UNAMI’s fact-finding efforts.”",
        ),
    ),
    (
        3574,
        "2013-09-03 21:30",
        "uk",
        "UK condemns violence at Camp Ashraf in Iraq",
        (
            "Press Release Foreign and Commonwealth Office",
            "FCO: Foreign Office Minister condemns violence at Camp Ashraf in Iraq – Alistair Burt",
            "Foreign Office press release",
            "Foreign Office Minister, Alistair Burt, said:",
            '"I am appalled to hear of the violence at Camp Ashraf in Iraq, which we understand has resulted in the death of many camp residents. We condemn this utterly, and our thoughts go out to the families of the victims.',
            '"Our Embassy in Baghdad is in close contact with the United Nations Assistance Mission in Iraq, who are making an urgent assessment of the situation. We support their work, and call on the Government of Iraq to assist the UN fully. The Government of Iraq must also do everything necessary to ensure the safety of the residents and care for survivors, and must conduct an urgent and transparent investigation into what took place, and ensure those responsible are brought to justice."',
        ),
    ),
    (
        3570,
        "2013-09-03 17:45",
        "usa",
        "U.S. Condemns Attack at Camp Ashraf in Iraq",
        (
            "Press Statement",
            "Marie Harf",
            "Deputy Spokesperson, Office of the Spokesperson",
            "Washington, DC",
            "September 1, 2013",
            "The United States strongly condemns the terrible events that took place at Camp Ashraf today, which according to various reports resulted in the deaths of and injuries to numerous camp residents. Our condolences go out to the families of the victims and those who were injured in today’s violence.",
            "We are deeply concerned about these reports and are in regular contact with the United Nations Assistance Mission in Iraq (UNAMI), as well as Government of Iraq officials. We support UNAMI’s efforts to conduct its own assessment of the situation and call on the Government of Iraq to fully support those efforts.",
            "We further call on Iraqi authorities to act with urgency to immediately ensure medical assistance to the wounded and to secure the camp against any further violence or harm to the residents. We underscore the responsibility of the Government of Iraq and all relevant stakeholders to ensure the safety and security of residents at both Camp Ashraf and Camp Hurriyah, and we affirm the call by UNAMI for a full and independent investigation into this terrible and tragic event. Those found to be responsible must be held fully accountable.",
        ),
    ),
    (
        3566,
        "2013-09-03 11:00",
        "un",
        "UN Visits Iranian Exiles At Iraqi Camp After Clashes",
        (
            "A United Nations team has visited an Iranian exile camp in northeast Iraq where more than 50 residents were reportedly killed in an assault on September.\nthat Baghdad says is in the country illegally.",
            "The group has accused Iraqi troops of carrying out the assault. Iraqi officials have denied it.",
            'MKO spokesman Shahin Ghobadi told RFE/RL’s Radio Farda the Iraqi government was trying to "cover up its criminal act against defenseless, unarmed people."',
            '"Nothing has changed in this situation. The prospect of peace is not clear. The only thing, which is clear is that the UN forces — and most importantly, the U.S. government representatives — should go to that place to see what has happened there," Ghobadi added.',
            '"And as [MKO leader] Mrs. [Maryam] Rajavi has said, the United Nations forces should go the scene so the world could become aware of this crime against humanity."',
            'The U.S. State Department said in a statement on September 1, "Those found to be responsible must be held fully accountable."',
            'Secretary-General Ban Ki-moon said the United Nations "deplored" the violence and urged Iraqi authorities to investigate what he called the "tragic events" at Camp Ashraf.',
            "The office of Iraqi Prime Minister Nuri al-Maliki has set up a probe into the incident. Iraqi officials say no Iraqi troops entered the camp.",
            "Some Iraqi officials allege the violence began with infighting among camp residents. Others suggest explosions at the camp were triggered by mortar fire.",
            "Some 3,000 MKO members were relocated to Camp Liberty on the outskirts of Baghdad last year but some 100 people stayed on at Camp Ashraf to deal with leftover property and goods.",
            "The MKO was founded in the 1960s. The group seeks the overthrow of Iran’s Shi’ite clerical rule, and some of its members fought alongside former Iraqi leader Saddam Hussein’s forces in the Iraq-Iran War of the 1980s.",
            "With reporting by AP, AFP, Reuters, and RFE/RL’s Radio Farda",
        ),
    ),
)


# --- English ----------------------------------------------------------------
# Home page 2 (/en/page/2) is the seed listing page: ten posts of 3-5 September
# 2013, bodies verbatim (inline image alt text included, as the seed shows it).
# Their bodies mention other dates ("3 September 2013", "September 24, 2013",
# "September 1, 2013") on purpose: a crawler must take the date from the meta.

_SEED_TAGS = {3601: ("inhabitants",), 3595: ("inhabitants",), 3586: ("inhabitants",), 3566: ("inhabitants",)}
_SEED_IMAGES = {3601: "2013/09/unami-ashraf.jpg", 3586: "2013/09/unami-delegation.jpg"}
_SEED_LEGACY_TWITTER = {3583, 3570}

_EN = (
    _post(
        "en",
        16312,
        "2025-12-27 10:20",
        "Rebranding, too Difficult for the MEK",
        ("cult",),
        (
            "For years the Mojahedin Khalq has tried to present itself to Western parliaments as a democratic alternative. Each campaign comes with a new slogan, a new website and a new list of supporters.",
            "Former members who left the compound near Durres say nothing inside has changed: the same daily reports, the same ban on contact with families and the same obedience to the leadership.",
            "A new label cannot hide an organisation whose members are still not free to leave.",
        ),
        image="2025/12/rebranding-mek.jpg",
        listed=False,
    ),
    _post(
        "en",
        16301,
        "2025-12-24 18:05",
        "The black box of the torture camps of the MEK",
        ("former", "cult"),
        (
            "Defectors have described the internal prisons the MEK ran in its camps in Iraq, where members who asked to leave were held for months in isolation.",
            "Most of the records of that period have never been released. Nejat Society continues to collect the testimonies of those who passed through them.",
        ),
        listed=False,
    ),
    _post(
        "en",
        16294,
        "2025-12-22 09:30",
        "Pregnancy was taboo in the MEK",
        ("former",),
        (
            "Women who left the Mojahedin Khalq describe an organisation in which marriage was abolished in 1990 and any pregnancy was treated as a betrayal of the ‘ideological revolution’.",
            "Several former members told Nejat Society that they were pressured into surgery so that they could never have children.",
            "Their accounts match those collected by researchers who interviewed defectors in Iraq and later in Albania.",
        ),
        tags=("albania",),
        image="2025/12/pregnancy-taboo.jpg",
        comments=(
            (
                "Maryam K.",
                "2025-12-22 18:02",
                "My sister was in Camp Ashraf for eighteen years. What is written here is exactly what she told us.",
            ),
            ("Reza", "2025-12-23 09:41", "Thank you for publishing these testimonies."),
        ),
    ),
    _post(
        "en",
        16283,
        "2025-12-20 14:10",
        "MEPs who lack awareness about the MEK’s nature",
        ("eu", "terrorist"),
        (
            "A handful of Members of the European Parliament again signed a statement in support of the MEK this month. Few of them have ever met a former member of the group.",
            "Families of people still inside the organisation have written to the signatories, asking them to hear the other side before lending their names to the group.",
        ),
    ),
    _post(
        "en",
        16251,
        "2025-12-15 11:45",
        "Why did Massoud Rajavi enforce divorces in the MEK?",
        ("cult", "former", "members"),
        (
            "In 1990 Massoud Rajavi ordered every married member of the Mojahedin Khalq to divorce. The order was presented as the next stage of the organisation’s ‘ideological revolution’.",
            "Former members say the real purpose was control: without a spouse or children, a member had no loyalty left except to the leadership.",
            "Children of members were sent abroad, and many of them did not see their parents again for decades.",
        ),
        image="2025/12/forced-divorces.jpg",
        content_image="2025/12/rajavi-meeting.jpg",
        comments=(
            (
                "Ali Reza",
                "2025-12-16 08:15",
                "The same question has been asked for thirty years and the leadership has never answered it.",
            ),
        ),
    ),
    _post(
        "en",
        15880,
        "2025-06-10 10:00",
        "Families of MEK members gather outside Camp Ashraf 3 in Albania",
        ("families",),
        (
            "A group of Iranian families travelled to Albania this week in the hope of visiting relatives who live inside Camp Ashraf 3 in Manez.",
            "As on previous visits, the gates remained closed and the families left their letters with the Albanian police.",
        ),
        tags=("albania",),
        status=404,
    ),
    _post(
        "en",
        15575,
        "2024-01-15 00:40",
        "Former members of the MEK meet journalists in Tirana",
        ("former",),
        (
            "Several former members of the Mojahedin Khalq who now live in Tirana met local journalists to describe their years in the organisation.",
            "They asked the Albanian authorities to give the people still inside the camp a real chance to leave, with access to telephones, lawyers and their families.",
        ),
        tags=("albania", "news"),
        style="dmy",
    ),
    _post(
        "en",
        15297,
        "2023-03-21 10:00",
        "Nowruz message to the families of MEK members",
        ("missions", "families"),
        (
            "On the occasion of Nowruz, Nejat Society sends its greetings to all the families who are still waiting for news of their loved ones inside the Mojahedin Khalq.",
            "The new year is a time for reunion. We hope that this year more members will be able to call home, and that more mothers and fathers will be able to embrace their children.",
        ),
        tags=("nowruz", "news"),
        image="2023/03/nowruz-1402.jpg",
    ),
    _post(
        "en",
        11820,
        "2020-07-14 12:00",
        "Mujahedin Khalq in the list of terrorist organizations",
        ("terrorist",),
        (
            "The Mojahedin Khalq was removed from the terrorist list of the European Union in 2009 and from that of the United States in 2012, after an expensive lobbying campaign.",
            "Its removal did not change its structure. Former members argue that the organisation still relies on the methods of control it used during its armed years in Iraq.",
            "Iraq and Iran continue to list the group as a terrorist organisation.",
        ),
        style="short",
    ),
    _post(
        "en",
        9450,
        "2019-02-12 09:00",
        "Nejat Society publishes a new book of defectors’ memoirs",
        ("publications",),
        (
            "Nejat Society has published a collection of memoirs by former members of the Mojahedin Khalq, covering their recruitment, their years in Camp Ashraf and their escape.",
            "The book is available in Persian and English and can be ordered from the society’s offices.",
        ),
        tags=("news",),
        image="2019/02/memoirs-book.jpg",
    ),
    _post(
        "en",
        7778,
        "2017-05-24 16:40",
        "A mother’s letter to her son in Albania",
        ("families", "camp-ashraf"),
        (
            "Dear son, it has been twenty-six years since I last saw you. Your father passed away last winter, still hoping to hear your voice.",
            "They tell us you are now in Albania. I do not ask you to come back to Iran; I only ask you to call me, so that I know you are well.",
            "This letter was handed to Nejat Society by the mother of a member of the Mojahedin Khalq who was transferred from Camp Liberty to Albania last year.",
        ),
        tags=("efforts", "inhabitants"),
        image="2017/05/mother-letter.jpg",
        comments=(
            ("Fatemeh", "2017-05-24 20:10", "May God give patience to all the mothers who are waiting."),
            ("Hassan M.", "2017-05-25 07:55", "My brother is also in Albania. We have not heard from him since 2003."),
            (
                "Nejat Society",
                "2017-05-25 12:30",
                "Dear Hassan, please contact our office so that we can add your letter to the next appeal.",
            ),
        ),
    ),
    _post(
        "en",
        3712,
        "2013-09-12 13:00",
        "Survivors of the Camp Ashraf killings moved to Camp Liberty",
        ("camp-ashraf", "un"),
        (
            "The United Nations Assistance Mission for Iraq said that the survivors of the 1 September violence at Camp Ashraf have been moved to Camp Liberty near Baghdad.",
            "Nejat Society urged the UN to make sure that the relocated residents can contact their families directly, without the presence of MEK commanders.",
        ),
        tags=("inhabitants",),
        style="short",
        comments=(
            ("Parviz", "2013-09-13 10:20", "Families have been waiting for this for years. Please let them call home."),
        ),
        legacy_twitter=True,
    ),
    *(
        _post(
            "en",
            post_id,
            when,
            title,
            (category,),
            paragraphs,
            tags=_SEED_TAGS.get(post_id, ()),
            image=_SEED_IMAGES.get(post_id),
            legacy_twitter=post_id in _SEED_LEGACY_TWITTER,
        )
        for post_id, when, category, title, paragraphs in _EN_SEED
    ),
    _post(
        "en",
        3560,
        "2013-08-29 10:00",
        "Camp Liberty residents ask the UN for protection",
        ("camp-ashraf", "un"),
        (
            "Residents of Camp Liberty have asked the UN to station monitors permanently in the camp after a series of security incidents.",
            "Relatives of members who wish to leave the group say the request should also cover protection from the organisation’s own leadership.",
        ),
        tags=("inhabitants",),
    ),
    _post(
        "en",
        3552,
        "2013-08-21 11:30",
        "Nejat Society writes to UNAMI about the remaining residents of Camp Ashraf",
        ("missions", "camp-ashraf"),
        (
            "In a letter to the head of UNAMI, Nejat Society asked the mission to speed up the transfer of the last hundred residents of Camp Ashraf to Camp Liberty.",
            "The letter warns that keeping people in an almost empty camp exposes them to unnecessary danger.",
        ),
        tags=("efforts", "news"),
        legacy_twitter=True,
    ),
    _post(
        "en",
        3541,
        "2013-08-12 09:45",
        "Families ask the ICRC to visit their relatives in Camp Liberty",
        ("families",),
        (
            "Families of members of the Mojahedin Khalq met representatives of the International Committee of the Red Cross in Tehran this week.",
            "They asked the ICRC to visit Camp Liberty and to deliver letters that the organisation has refused to pass on for years.",
            "The families said they would return to the Iraqi border if no answer was received within a month.",
        ),
        tags=("efforts",),
        style="dmy",
        image="2013/08/families-icrc.jpg",
        comments=(
            ("Zahra", "2013-08-12 14:30", "I was there with my father. We only want to see my uncle once."),
            ("Mohsen", "2013-08-13 21:05", "Good work. The Red Cross should have done this long ago."),
        ),
    ),
    _post(
        "en",
        3530,
        "2013-08-01 16:20",
        "How the MEK propaganda system covers up defections",
        ("propaganda", "former"),
        (
            "When a member escapes from Camp Liberty, the organisation’s media usually describe him as an agent of the Iranian intelligence ministry.",
            "Former members say that this label is used to frighten those who stay behind and to make sure that nobody listens to what the defector has to say.",
        ),
    ),
    _post(
        "en",
        3517,
        "2013-07-22 12:10",
        "Defectors describe forced divorces inside the MEK",
        ("former", "cult"),
        (
            "Three former members who recently left Camp Liberty told Nejat Society how they were ordered to divorce their spouses in the early 1990s.",
            "All three said that refusing the order was not an option and that the subject could not be discussed afterwards.",
        ),
        tags=("news",),
    ),
    _post(
        "en",
        3503,
        "2013-07-09 10:00",
        "UNHCR resettlement interviews in Camp Liberty continue",
        ("un",),
        (
            "The UN refugee agency has continued its interviews with residents of Camp Liberty to determine their refugee status.",
            "Only a small number of residents have so far been resettled in third countries, and families complain that the process is far too slow.",
        ),
        tags=("inhabitants",),
        style="short",
    ),
    _post(
        "en",
        3489,
        "2013-06-25 13:40",
        "Iraqi court rules on the lands around Camp Ashraf",
        ("iraq", "camp-ashraf"),
        (
            "An Iraqi court has confirmed that the farmland around Camp Ashraf belongs to its original owners in Diyala province.",
            "The ruling is one of several that the MEK leadership has refused to recognise.",
        ),
    ),
    _post(
        "en",
        3470,
        "2013-06-11 18:00",
        "A former member returns to his family after twenty years",
        ("former", "families"),
        (
            "After twenty years in the Mojahedin Khalq, a former member who escaped from Camp Liberty has returned to his family in Kermanshah.",
            "His mother, who had travelled to the Iraqi border many times, said that she had never lost hope.",
        ),
        tags=("efforts",),
        comments=(("Shirin", "2013-06-12 09:00", "What wonderful news. I hope my brother will follow him."),),
        legacy_twitter=True,
    ),
    _post(
        "en",
        3451,
        "2013-05-28 11:00",
        "Mujahedin Khalq; a proxy force for foreign interests",
        ("proxy",),
        (
            "From Saddam Hussein’s army to Western think tanks, the Mojahedin Khalq has always depended on the support of foreign governments.",
            "Analysts say that this dependence explains many of the group’s political turns since the 1980s.",
        ),
    ),
    _post(
        "en",
        3433,
        "2013-05-14 09:20",
        "Nejat Society publishes the spring issue of its newsletter",
        ("publications",),
        (
            "The spring issue of the Nejat newsletter is now available. It includes interviews with families, news from Camp Liberty and a report on the society’s meetings in Europe.",
            "Printed copies can be requested from the society’s offices in Tehran and in the provinces.",
        ),
        tags=("news",),
    ),
    _post(
        "en",
        3410,
        "2013-04-22 10:30",
        "Nejat Society meets families in Mashhad",
        ("missions", "families"),
        (
            "Representatives of Nejat Society met families of MEK members in Mashhad to collect letters and photographs for their relatives in Iraq.",
            "Many of the families had not received any news for more than ten years.",
        ),
    ),
    _post(
        "en",
        3388,
        "2013-03-20 19:00",
        "Nowruz without their children: families of MEK members",
        ("families",),
        (
            "For many Iranian families the new year begins with an empty chair at the Haft-Seen table.",
            "Nejat Society visited several of them on the eve of Nowruz and recorded their messages for relatives in Camp Liberty.",
        ),
        tags=("nowruz",),
        style="dmy",
    ),
    _post(
        "en",
        3362,
        "2013-02-12 12:00",
        "Families call for the transfer of residents after the Camp Liberty rocket attack",
        ("families", "camp-ashraf"),
        (
            "After the rocket attack on Camp Liberty on 9 February, families of residents asked the UN to speed up their transfer out of Iraq.",
            "They also demanded that residents be allowed to telephone their relatives to say that they were safe.",
        ),
    ),
    _post(
        "en",
        3340,
        "2013-01-16 15:00",
        "European Parliament hearing on the situation of Camp Liberty residents",
        ("eu",),
        (
            "A hearing at the European Parliament in Brussels discussed the future of the residents of Camp Liberty.",
            "Former members who attended asked MEPs to consider the residents as individuals rather than as members of a political organisation.",
        ),
        legacy_twitter=True,
    ),
)


# --- Persian ----------------------------------------------------------------
# Visible dates are Jalali (computed with jdatetime from ``published``).  Bodies
# quote other dates ("14/9/1404", "شنبه 15 آذر") as the archived pages do.

_FA = (
    _post(
        "fa",
        67702,
        "2025-12-31 18:30",
        "ادعای دموکراسی و واقعیت زندگی در اشرف ۳",
        ("rajavi",),
        (
            "سازمان مجاهدین خلق بار دیگر در نشستی در پاریس از «جمهوری دموکراتیک» سخن گفت، اما اعضای آن در اشرف ۳ هنوز اجازه تماس آزادانه با خانواده‌های خود را ندارند.",
            "جداشدگان می‌گویند نشست‌های روزانه، گزارش‌نویسی و ممنوعیت ازدواج همچنان در قرارگاه ادامه دارد.",
        ),
        listed=False,
    ),
    _post(
        "fa",
        67695,
        "2025-12-31 13:00",
        "نامه یک پدر به فرزندش در آلبانی",
        ("families",),
        (
            "پدری از اصفهان که بیش از بیست سال از فرزندش بی‌خبر است، نامه‌ای را برای انتشار در اختیار انجمن نجات قرار داد.",
            "او در این نامه نوشته است: فقط می‌خواهم صدایت را یک بار دیگر بشنوم.",
        ),
        image="2025/12/name-pedar.jpg",
        listed=False,
    ),
    _post(
        "fa",
        67688,
        "2025-12-31 09:15",
        "گزارش نشست خانواده‌های اعضای گرفتار در فرقه رجوی",
        ("families", "news"),
        (
            "نشست ماهانه خانواده‌های اعضای گرفتار در سازمان مجاهدین خلق با حضور مسئولان انجمن نجات در تهران برگزار شد.",
            "خانواده‌ها در این نشست از تلاش‌های خود برای دیدار با فرزندانشان در آلبانی گفتند و خواستار حمایت نهادهای بین‌المللی شدند.",
            "در پایان، نامه‌های خانواده‌ها برای ارسال به دفتر کمیساریای عالی حقوق بشر جمع‌آوری شد.",
        ),
        style="weekday",
        image="2025/12/neshast-khanevadeha.jpg",
        content_image="2025/12/neshast-tehran.jpg",
        comments=(
            ("مریم", "2025-12-31 12:40", "خدا به همه مادران چشم‌انتظار صبر بدهد."),
            ("حسین", "2025-12-31 16:05", "ممنون از انجمن نجات برای پیگیری‌ها."),
        ),
    ),
    _post(
        "fa",
        67676,
        "2025-12-27 10:00",
        "فرقه رجوی و ممنوعیت ازدواج",
        ("rajavi", "human-rights"),
        (
            "از سال ۱۳۶۹ ازدواج در سازمان مجاهدین خلق ممنوع شد و همه اعضای متأهل مجبور به طلاق شدند.",
            "جداشدگان می‌گویند این دستور بخشی از «انقلاب ایدئولوژیک» بود که هدف آن کنترل کامل ذهن و عواطف اعضا بود.",
        ),
        style="plain",
    ),
    _post(
        "fa",
        67530,
        "2025-12-13 11:30",
        "دیدار خانواده‌ها با نماینده سازمان ملل",
        ("families",),
        (
            "*شنبه 15 آذر جمعی از خانواده‌های اعضای سازمان مجاهدین خلق با نماینده دفتر سازمان ملل در تهران دیدار کردند.",
            "آنها خواستار آن شدند که سازمان ملل زمینه دیدار آزادانه با فرزندانشان در آلبانی را فراهم کند.",
        ),
        style="persian",
    ),
    _post(
        "fa",
        67463,
        "2025-12-05 09:00",
        "تجمع خانواده‌ها مقابل سفارت آلبانی",
        ("families", "news"),
        (
            "روز جمعه مورخه 14/9/1404 جمعی از خانواده‌ها با در دست داشتن عکس فرزندانشان مقابل سفارت آلبانی در تهران تجمع کردند.",
            "تجمع‌کنندگان خواستار آزادی فرزندان خود از قرارگاه مجاهدین در مانز شدند.",
        ),
        status=404,
    ),
    _post(
        "fa",
        67390,
        "2025-11-20 00:40",
        "روایت یک عضو جداشده از زندگی در کمپ مانز",
        ("former",),
        (
            "یک عضو جداشده که سال گذشته از قرارگاه مجاهدین در مانز خارج شد، از کار اجباری و نشست‌های شبانه در این کمپ می‌گوید.",
            "او می‌گوید بسیاری از اعضا حتی از حضور خانواده‌هایشان در آلبانی بی‌خبر نگه داشته می‌شوند.",
        ),
        tags=("albania",),
    ),
    _post(
        "fa",
        66950,
        "2025-09-23 10:30",
        "آغاز سال تحصیلی و فرزندانی که دور از پدر و مادر بزرگ شدند",
        ("human-rights", "families"),
        (
            "با آغاز سال تحصیلی، یاد کودکانی زنده می‌شود که در سال ۱۳۷۰ از والدین خود در قرارگاه اشرف جدا و به اروپا فرستاده شدند.",
            "بسیاری از این کودکان امروز بزرگ شده‌اند و هنوز در جستجوی پدر و مادر خود هستند.",
        ),
        style="rlm",
    ),
    _post(
        "fa",
        66120,
        "2025-05-10 16:00",
        "شستشوی مغزی در نشست‌های عملیات جاری",
        ("rajavi",),
        (
            "نشست‌های عملیات جاری از ابزارهای اصلی کنترل ذهن در سازمان مجاهدین خلق است.",
            "در این نشست‌ها هر عضو باید افکار و احساسات روزانه خود را در برابر جمع اعتراف کند.",
        ),
        style="arabic",
    ),
    _post(
        "fa",
        65500,
        "2025-03-21 08:00",
        "پیام نوروزی انجمن نجات به خانواده‌ها",
        ("news",),
        (
            "انجمن نجات فرا رسیدن نوروز ۱۴۰۴ را به همه خانواده‌های چشم‌انتظار تبریک می‌گوید.",
            "امیدواریم سال نو، سال دیدار خانواده‌ها با عزیزانشان باشد.",
        ),
        tags=("nowruz",),
        style="plain",
        image="2025/03/nowruz-1404.jpg",
        comments=(("زهرا", "2025-03-21 11:20", "سال نو بر شما هم مبارک. امیدواریم امسال برادرم را ببینیم."),),
    ),
    _post(
        "fa",
        65480,
        "2025-03-20 17:00",
        "سال نو در انتظار فرزندان",
        ("families",),
        (
            "در آخرین روز سال ۱۴۰۳، خانواده‌های اعضای سازمان بار دیگر سفره هفت‌سین را با جای خالی فرزندانشان پهن کردند.",
            "انجمن نجات پیام‌های این خانواده‌ها را ضبط کرده است تا به دست عزیزانشان برسد.",
        ),
        tags=("nowruz",),
    ),
    _post(
        "fa",
        64900,
        "2025-01-17 10:00",
        "خاطرات یک عضو سابق از قرارگاه اشرف",
        ("former",),
        (
            "یک عضو سابق سازمان که ده سال در قرارگاه اشرف بوده است، خاطرات خود را از زندان‌های درون تشکیلاتی منتشر کرد.",
            "او می‌نویسد که درخواست خروج از سازمان برای ماه‌ها به انفرادی ختم می‌شد.",
        ),
        tags=("ashraf",),
    ),
    _post(
        "fa",
        63210,
        "2024-06-16 11:00",
        "نقض حقوق بشر در کمپ اشرف ۳",
        ("human-rights",),
        (
            "گزارش‌های جدید از اشرف ۳ نشان می‌دهد که اعضای سازمان همچنان به تلفن همراه و اینترنت دسترسی ندارند.",
            "انجمن نجات از دولت آلبانی خواست که حقوق اولیه ساکنان این کمپ را تضمین کند.",
        ),
        tags=("albania",),
        style="weekday-arabic",
    ),
    _post(
        "fa",
        61800,
        "2023-10-08 10:00",
        "بازگشت یک عضو جداشده به ایران پس از سی سال",
        ("former", "families"),
        (
            "یک عضو جداشده سازمان مجاهدین خلق پس از سی سال دوری به آغوش خانواده خود در کرمانشاه بازگشت.",
            "مادر او که سال‌ها برای دیدارش به مرز عراق و آلبانی سفر کرده بود، گفت هرگز امیدش را از دست نداده بود.",
        ),
        image="2023/10/bazgasht.jpg",
        comments=(
            ("فاطمه", "2023-10-08 13:10", "چه خبر خوبی. خدا را شکر."),
            ("علی", "2023-10-08 19:45", "امیدوارم بقیه هم بتوانند برگردند."),
            ("رضا", "2023-10-09 08:30", "تبریک به این خانواده صبور."),
        ),
    ),
    _post(
        "fa",
        60120,
        "2023-02-01 10:00",
        "گزارش انجمن نجات از وضعیت جداشدگان در آلبانی",
        ("news",),
        (
            "انجمن نجات در گزارشی به وضعیت بیش از دویست عضو جداشده سازمان در آلبانی پرداخته است.",
            "بیشتر این افراد بدون مدارک شناسایی و بدون کار در تیرانا زندگی می‌کنند.",
        ),
        tags=("albania",),
        style="persian",
    ),
    _post(
        "fa",
        57300,
        "2022-04-04 10:00",
        "نوروز و خانواده‌های چشم‌انتظار",
        ("families",),
        (
            "نوروز امسال نیز برای صدها خانواده با انتظار برای شنیدن صدای فرزندانشان آغاز شد.",
            "انجمن نجات در روزهای نوروز به دیدار تعدادی از این خانواده‌ها رفت.",
        ),
        tags=("nowruz",),
    ),
    _post(
        "fa",
        53800,
        "2021-06-20 10:00",
        "نامه خانواده‌ها به کمیساریای عالی حقوق بشر",
        ("human-rights", "families", "news"),
        (
            "جمعی از خانواده‌های اعضای سازمان مجاهدین خلق در نامه‌ای به کمیساریای عالی حقوق بشر خواستار رسیدگی به وضعیت فرزندانشان شدند.",
            "در این نامه آمده است که اعضای سازمان از حق ارتباط با خانواده محروم هستند.",
        ),
    ),
    _post(
        "fa",
        49200,
        "2020-09-15 10:00",
        "سانسور اخبار در درون سازمان مجاهدین",
        ("rajavi",),
        (
            "اعضای سازمان مجاهدین خلق تنها به اخباری دسترسی دارند که از سوی مسئولان تشکیلات انتخاب می‌شود.",
            "جداشدگان می‌گویند حتی خبر درگذشت پدر و مادر نیز گاهی سال‌ها از اعضا پنهان نگه داشته می‌شد.",
        ),
    ),
    _post(
        "fa",
        46531,
        "2020-02-22 10:15",
        "نامه انجمن نجات مرکز فارس به دبیرکل سازمان ملل",
        ("news", "human-rights"),
        (
            "انجمن نجات مرکز فارس در نامه‌ای به دبیرکل سازمان ملل خواستار پیگیری وضعیت اعضای گرفتار در اردوگاه مجاهدین در آلبانی شد.",
            "این نامه به امضای بیش از صد خانواده از استان فارس رسیده است.",
        ),
    ),
    _post(
        "fa",
        46410,
        "2020-02-16 11:00",
        "تجمع خانواده‌ها در شیراز",
        ("families",),
        (
            "خانواده‌های اعضای سازمان مجاهدین خلق در استان فارس در شیراز گرد هم آمدند.",
            "آنها خواستار فشار بین‌المللی برای برقراری ارتباط با فرزندانشان شدند.",
        ),
    ),
    _post(
        "fa",
        42100,
        "2019-08-10 10:00",
        "مصاحبه با یک عضو جداشده از سازمان",
        ("former",),
        (
            "در این مصاحبه، یک عضو جداشده از سال‌های حضور خود در قرارگاه اشرف و دلایل جدایی‌اش می‌گوید.",
            "او می‌گوید که تا روز خروج هرگز اجازه نداشت با خانواده‌اش تماس بگیرد.",
        ),
        style="rlm",
    ),
    _post(
        "fa",
        35500,
        "2018-03-30 10:00",
        "فرقه رجوی و کنترل ذهن",
        ("rajavi",),
        (
            "کارشناسان فرقه‌ها معتقدند سازمان مجاهدین خلق همه ویژگی‌های یک فرقه مخرب را دارد.",
            "قطع ارتباط با خانواده، اعتراف‌گیری جمعی و اطاعت مطلق از رهبری از جمله این ویژگی‌هاست.",
        ),
        style="persian",
    ),
    _post(
        "fa",
        28700,
        "2017-05-20 10:00",
        "زندان‌های درون قرارگاه اشرف",
        ("human-rights",),
        (
            "جداشدگان سازمان از زندان‌های درون قرارگاه اشرف و رفتار مسئولان با اعضای معترض سخن می‌گویند.",
            "انجمن نجات خواستار تحقیق مستقل درباره این موارد شده است.",
        ),
        tags=("ashraf",),
    ),
    _post(
        "fa",
        21000,
        "2016-09-09 10:00",
        "انتقال آخرین گروه ساکنان کمپ لیبرتی به آلبانی",
        ("families",),
        (
            "با انتقال آخرین گروه از ساکنان کمپ لیبرتی، حضور سازمان مجاهدین خلق در عراق پایان یافت.",
            "خانواده‌ها نگرانند که در آلبانی نیز ارتباط با فرزندانشان ممکن نباشد.",
        ),
        tags=("ashraf",),
    ),
    _post(
        "fa",
        15400,
        "2015-04-06 10:00",
        "دیدار جداشدگان با خانواده‌ها در تهران",
        ("former",),
        (
            "جمعی از جداشدگان سازمان که به ایران بازگشته‌اند، در دفتر انجمن نجات با خانواده‌های اعضا دیدار کردند.",
            "آنها از آخرین وضعیت بستگان این خانواده‌ها در کمپ لیبرتی گفتند.",
        ),
        style="persian",
    ),
    _post(
        "fa",
        11200,
        "2014-07-01 10:00",
        "گزارش حقوق بشری درباره کمپ لیبرتی",
        ("human-rights",),
        (
            "گزارشی تازه به محدودیت‌های اعمال‌شده بر ساکنان کمپ لیبرتی از سوی رهبری سازمان پرداخته است.",
            "بر اساس این گزارش، ساکنان برای هر ملاقات یا تماس تلفنی باید از مسئولان تشکیلاتی اجازه بگیرند.",
        ),
        tags=("ashraf",),
    ),
    _post(
        "fa",
        8100,
        "2013-11-02 10:00",
        "سفر خانواده‌ها به مرز عراق",
        ("families",),
        (
            "گروهی از خانواده‌ها برای دیدار با فرزندانشان به مرز عراق سفر کردند.",
            "آنها می‌گویند پس از حوادث اشرف، نگرانی‌شان برای سلامت عزیزانشان بیشتر شده است.",
        ),
        tags=("ashraf",),
        legacy_twitter=True,
    ),
    _post(
        "fa",
        6849,
        "2013-09-05 10:00",
        "کشته شدن ساکنان قرارگاه اشرف",
        ("human-rights",),
        (
            "در پی حوادث ۱۰ شهریور در قرارگاه اشرف، شمار زیادی از ساکنان این قرارگاه کشته شدند.",
            "انجمن نجات خواستار تحقیق بی‌طرفانه درباره این حادثه و انتقال فوری ساکنان باقی‌مانده شد.",
        ),
        tags=("ashraf",),
        legacy_twitter=True,
    ),
)


# --- Arabic -----------------------------------------------------------------
# Dates mix the Egyptian month series (WordPress ar default), the Levantine one
# and Arabic-Indic digits, as Arabic editors do.

_AR = (
    _post(
        "ar",
        6012,
        "2025-12-28 11:00",
        "مجاهدي خلق وتغيير الاسم: محاولة جديدة لتلميع الصورة",
        ("mek",),
        (
            "تحاول منظمة مجاهدي خلق مرة أخرى تقديم نفسها كبديل ديمقراطي، لكن الأعضاء المنفصلين يؤكدون أن شيئاً لم يتغير داخل المعسكر في ألبانيا.",
            "ما زال الأعضاء ممنوعين من الاتصال بعائلاتهم ومن مغادرة المعسكر بحرية.",
        ),
        listed=False,
    ),
    _post(
        "ar",
        6007,
        "2025-12-25 15:00",
        "الصندوق الأسود لسجون المنظمة في العراق",
        ("former", "human-rights"),
        (
            "يروي أعضاء سابقون في المنظمة تفاصيل السجون الداخلية التي أقيمت في معسكر أشرف لمعاقبة من طلبوا المغادرة.",
            "وتطالب جمعية نجات بفتح تحقيق مستقل في هذه الانتهاكات.",
        ),
        listed=False,
    ),
    _post(
        "ar",
        5996,
        "2025-12-20 10:00",
        "عائلات أعضاء مجاهدي خلق تطالب بلقاء أبنائها في ألبانيا",
        ("families",),
        (
            "طالبت عائلات إيرانية لها أبناء داخل منظمة مجاهدي خلق السلطات الألبانية بالسماح لها بزيارة أبنائها في معسكر أشرف 3.",
            "وقالت الأمهات إنهن لم يسمعن أصوات أبنائهن منذ سنوات طويلة.",
            "وأكدت جمعية نجات أنها ستواصل متابعة هذه القضية لدى المنظمات الدولية.",
        ),
        tags=("albania",),
        image="2025/12/families-albania.jpg",
        comments=(
            ("أم محمد", "2025-12-20 14:00", "نسأل الله أن يجمع كل أم بابنها."),
            ("حسن", "2025-12-21 09:30", "شكراً لكم على متابعة هذه القضية الإنسانية."),
        ),
    ),
    _post(
        "ar",
        5960,
        "2025-11-03 10:00",
        "عضو سابق يروي سنوات العزلة في المعسكر",
        ("former",),
        (
            "روى عضو سابق في منظمة مجاهدي خلق كيف قضى أكثر من عشرين عاماً دون أي اتصال بعائلته.",
            "وقال إن الاجتماعات اليومية كانت تهدف إلى محو أي رابط عاطفي خارج التنظيم.",
        ),
        tags=("albania",),
        style="indic",
    ),
    _post(
        "ar",
        5921,
        "2025-08-14 10:00",
        "منظمة مجاهدي خلق وانتهاك حقوق أعضائها",
        ("mek", "human-rights"),
        (
            "تشير شهادات الأعضاء المنفصلين إلى أن المنظمة تحرم أعضاءها من أبسط الحقوق، مثل الزواج والاتصال بالعائلة.",
            "وتدعو جمعية نجات المنظمات الحقوقية إلى الاستماع إلى هذه الشهادات.",
        ),
        style="levant",
    ),
    _post(
        "ar",
        5876,
        "2025-05-06 10:00",
        "رجوي والثورة الأيديولوجية",
        ("mek",),
        (
            "أعلن مسعود رجوي في عام 1990 ما سماه الثورة الأيديولوجية، وفرض على جميع الأعضاء المتزوجين الطلاق.",
            "ويقول أعضاء سابقون إن هذا القرار كان وسيلة لإحكام السيطرة على حياتهم الخاصة.",
        ),
        image="2025/05/rajavi.jpg",
        comments=(("علي", "2025-05-06 18:20", "شهادات مؤلمة، يجب أن يعرفها العالم."),),
    ),
    _post(
        "ar",
        5741,
        "2024-12-12 10:00",
        "تقرير عن أوضاع الأعضاء في معسكر أشرف 3",
        ("human-rights",),
        (
            "أصدرت جمعية نجات تقريراً جديداً عن القيود المفروضة على سكان معسكر أشرف 3 في ألبانيا.",
            "ويشير التقرير إلى أن السكان لا يملكون هواتف شخصية ولا يمكنهم مغادرة المعسكر دون إذن.",
        ),
        style="indic",
    ),
    _post(
        "ar",
        5600,
        "2024-01-12 00:40",
        "رسالة أم إلى ابنها في ألبانيا",
        ("families",),
        (
            "كتبت أم إيرانية رسالة إلى ابنها العضو في منظمة مجاهدي خلق، تطلب منه فيها أن يتصل بها ولو مرة واحدة.",
            "وسلمت الرسالة إلى جمعية نجات لإيصالها عبر الجهات الدولية.",
        ),
        style="levant",
    ),
    _post(
        "ar",
        5402,
        "2023-03-21 10:00",
        "عيد النوروز بعيداً عن الأبناء",
        ("mek", "former"),
        (
            "مع حلول عيد النوروز، تتذكر العائلات الإيرانية أبناءها الذين ما زالوا داخل منظمة مجاهدي خلق.",
            "وقد زارت جمعية نجات عدداً من هذه العائلات وسجلت رسائلها إلى أبنائها.",
        ),
    ),
    _post(
        "ar",
        5210,
        "2022-06-02 10:00",
        "لقاء العائلات مع ممثلي الصليب الأحمر",
        ("families",),
        (
            "التقت عائلات أعضاء منظمة مجاهدي خلق بممثلين عن اللجنة الدولية للصليب الأحمر في طهران.",
            "وطالبت العائلات بتسهيل التواصل مع أبنائها في ألبانيا.",
        ),
        style="levant-plain",
    ),
    _post(
        "ar",
        4980,
        "2021-10-03 10:00",
        "المنظمة والدعاية الإعلامية",
        ("mek",),
        (
            "تنفق منظمة مجاهدي خلق أموالاً طائلة على الدعاية الإعلامية وعلى شبكات التواصل الاجتماعي.",
            "ويقول أعضاء سابقون إنهم أجبروا على إدارة حسابات وهمية على الإنترنت.",
        ),
        style="levant-plain",
    ),
    _post(
        "ar",
        4755,
        "2020-01-12 10:00",
        "انتهاكات داخل المعسكر كما يرويها الناجون",
        ("human-rights",),
        (
            "يروي ناجون من المعسكر تفاصيل العقوبات التي كانت تفرض على من ينتقد القيادة.",
            "وتشمل هذه العقوبات العزل والعمل القسري والاعتراف العلني.",
        ),
        style="levant",
    ),
    _post(
        "ar",
        4500,
        "2019-10-03 10:00",
        "أعضاء سابقون يتحدثون عن معسكر أشرف",
        ("former",),
        (
            "تحدث أعضاء سابقون في منظمة مجاهدي خلق عن سنواتهم في معسكر أشرف في العراق.",
            "وأكدوا أن مغادرة المعسكر كانت تعني في نظر القيادة خيانة لا تغتفر.",
        ),
        tags=("ashraf",),
        style="levant-plain",
    ),
    _post(
        "ar",
        4210,
        "2018-07-29 10:00",
        "اليوم العالمي لمناهضة الاتجار بالبشر ومعاناة الأعضاء",
        ("human-rights",),
        (
            "بمناسبة اليوم العالمي لمناهضة الاتجار بالبشر، ذكّرت جمعية نجات بمعاناة أعضاء المنظمة المحرومين من حريتهم.",
            "ودعت الجمعية إلى ضمان حق كل عضو في مغادرة المنظمة.",
        ),
        tags=("ashraf",),
    ),
    _post(
        "ar",
        3890,
        "2017-04-11 10:00",
        "عائلات تنتظر أخبار أبنائها",
        ("families",),
        (
            "ما زالت مئات العائلات الإيرانية تنتظر أي خبر عن أبنائها داخل منظمة مجاهدي خلق.",
            "وتقول العائلات إن المنظمة تمنع وصول الرسائل إلى الأعضاء.",
        ),
        tags=("ashraf",),
        style="indic",
    ),
    _post(
        "ar",
        3471,
        "2016-09-10 10:00",
        "نقل آخر سكان مخيم ليبرتي إلى ألبانيا",
        ("families",),
        (
            "أعلنت الأمم المتحدة عن نقل آخر مجموعة من سكان مخيم ليبرتي في بغداد إلى ألبانيا.",
            "وأعربت العائلات عن أملها في أن تتمكن من التواصل مع أبنائها بعد انتقالهم.",
        ),
        tags=("albania",),
    ),
    _post(
        "ar",
        3105,
        "2014-12-18 10:00",
        "تقرير حقوقي عن مخيم ليبرتي",
        ("human-rights",),
        (
            "تناول تقرير حقوقي القيود التي تفرضها قيادة المنظمة على سكان مخيم ليبرتي.",
            "ويشير التقرير إلى منع السكان من مقابلة ممثلي المفوضية دون حضور مسؤولين من التنظيم.",
        ),
        tags=("ashraf",),
        legacy_twitter=True,
    ),
    _post(
        "ar",
        2870,
        "2013-09-05 10:00",
        "مقتل عدد من سكان معسكر أشرف",
        ("human-rights",),
        (
            "قتل عدد كبير من سكان معسكر أشرف في الأول من سبتمبر 2013 في ظروف ما زالت غامضة.",
            "وطالبت جمعية نجات بإجراء تحقيق مستقل ونقل السكان المتبقين إلى مكان آمن.",
        ),
        tags=("ashraf",),
        style="indic",
        legacy_twitter=True,
    ),
)

# --- Albanian ---------------------------------------------------------------

_SQ = (
    _post(
        "sq",
        2101,
        "2025-12-26 10:00",
        "Muxhahedinët dhe riemërtimi i organizatës",
        ("mek",),
        (
            "Organizata e Muxhahedine Khalk po përpiqet sërish të paraqitet si opozitë demokratike, por ish-anëtarët thonë se brenda kampit asgjë nuk ka ndryshuar.",
            "Anëtarët ende nuk lejohen të kontaktojnë lirisht me familjet e tyre.",
        ),
        listed=False,
    ),
    _post(
        "sq",
        2097,
        "2025-12-18 10:00",
        "Kutia e zezë e burgjeve të organizatës në Irak",
        ("former",),
        (
            "Ish-anëtarë të organizatës rrëfejnë për burgjet e brendshme në Kampin Ashraf në Irak.",
            "Shoqata Nejat kërkon një hetim të pavarur për këto shkelje.",
        ),
        listed=False,
    ),
    _post(
        "sq",
        2088,
        "2025-12-10 10:00",
        "Organizata e Muxhahedine Khalk në Shqipëri dhe familjet e anëtarëve",
        ("mek",),
        (
            "Organizata e Muxhahedine Khalk në Shqipëri vazhdon t’u mohojë familjeve të drejtën për të takuar anëtarët në kampin e Manzës.",
            "Disa nëna nga Irani kanë udhëtuar në Tiranë, por nuk kanë arritur të shohin fëmijët e tyre.",
            "Shoqata Nejat u bën thirrje autoriteteve shqiptare që të ndihmojnë këto familje.",
        ),
        tags=("manez",),
        image="2025/12/familjet-manez.jpg",
        comments=(("Arben", "2025-12-10 19:00", "Një histori shumë e trishtë. Shpresoj që familjet të bashkohen."),),
    ),
    _post(
        "sq",
        2060,
        "2025-11-18 10:00",
        "Një ish-anëtar tregon jetën në Manëz",
        ("former",),
        (
            "Një ish-anëtar i organizatës tregon se si jetonte në kampin e Manzës pa telefon dhe pa internet.",
            "Ai thotë se takimet e përditshme ishin mënyra kryesore e kontrollit.",
        ),
        style="lower",
    ),
    _post(
        "sq",
        2031,
        "2025-11-05 10:00",
        "Familjet iraniane para kampit në Manëz",
        ("families", "mek"),
        (
            "Një grup familjesh iraniane u mblodhën para kampit në Manëz me fotografitë e fëmijëve të tyre.",
            "Ata kërkuan të paktën një telefonatë me të afërmit e tyre.",
        ),
        tags=("manez",),
        style="ascii",
    ),
    _post(
        "sq",
        1990,
        "2025-06-01 10:00",
        "Shoqata Nejat publikon raportin vjetor",
        ("news",),
        (
            "Shoqata Nejat publikoi raportin e saj vjetor mbi gjendjen e ish-anëtarëve të organizatës në Shqipëri.",
            "Raporti përmban dëshmi të reja nga njerëz që kanë dalë nga kampi gjatë vitit të kaluar.",
        ),
    ),
    _post(
        "sq",
        1952,
        "2025-02-14 00:40",
        "Dashuria e ndaluar në organizatën e Muxhahedinëve",
        ("former",),
        (
            "Në Ditën e Shën Valentinit, ish-anëtarët kujtojnë se martesa ishte e ndaluar në organizatë që nga viti 1990.",
            "Shumë prej tyre u detyruan të ndaheshin nga bashkëshortët dhe fëmijët e tyre.",
        ),
        image="2025/02/dashuria-e-ndaluar.jpg",
        comments=(
            ("Elira", "2025-02-14 12:15", "E pabesueshme që kjo ndodh ende në Shqipëri."),
            ("Genti", "2025-02-15 08:40", "Faleminderit për këtë artikull."),
        ),
    ),
    _post(
        "sq",
        1901,
        "2024-09-05 10:00",
        "Kampi i Manzës dhe heshtja e institucioneve",
        ("mek",),
        (
            "Gazetarët shqiptarë vazhdojnë të ngrenë pyetje për atë që ndodh brenda kampit të Manzës.",
            "Deri tani institucionet kanë dhënë pak përgjigje.",
        ),
        tags=("manez",),
    ),
    _post(
        "sq",
        1850,
        "2024-03-20 10:00",
        "Nevruzi larg familjes",
        ("families",),
        (
            "Për Nevruz, familjet iraniane dërguan mesazhe për të afërmit e tyre në Shqipëri.",
            "Shoqata Nejat i publikoi këto mesazhe në gjuhën shqipe.",
        ),
        style="lower",
    ),
    _post(
        "sq",
        1790,
        "2023-11-22 10:00",
        "Ish-anëtarët kërkojnë dokumente identiteti",
        ("former", "news"),
        (
            "Shumë ish-anëtarë të organizatës jetojnë në Tiranë pa dokumente identiteti dhe pa punë.",
            "Ata u kanë kërkuar autoriteteve shqiptare t’i ndihmojnë të fillojnë një jetë të re.",
        ),
    ),
    _post(
        "sq",
        1677,
        "2022-07-18 10:00",
        "Kontrolli i mendjes në organizatë",
        ("mek",),
        (
            "Ekspertët e sekteve thonë se organizata përdor metoda të njohura të kontrollit të mendjes.",
            "Rrëfimet publike dhe ndalimi i kontakteve me familjen janë ndër to.",
        ),
        tags=("manez",),
    ),
    _post(
        "sq",
        1540,
        "2021-05-09 10:00",
        "Dita e Nënës dhe nënat iraniane",
        ("families", "former"),
        (
            "Në Ditën e Nënës, nënat iraniane kujtuan fëmijët e tyre që ndodhen në kampin e organizatës.",
            "Disa prej tyre nuk i kanë parë fëmijët për më shumë se njëzet vjet.",
        ),
        style="lower",
    ),
    _post(
        "sq",
        1402,
        "2019-12-03 10:00",
        "Një familje takon djalin pas njëzet vjetësh",
        ("mek", "families"),
        (
            "Pas shumë përpjekjesh, një familje iraniane arriti të takojë djalin e saj në Tiranë.",
            "Takimi u bë i mundur pasi ai u largua nga organizata.",
        ),
        tags=("manez",),
    ),
    _post(
        "sq",
        1188,
        "2018-04-16 10:00",
        "Ish-anëtarët flasin për jetën në Kampin Ashraf",
        ("former",),
        (
            "Ish-anëtarë të organizatës që jetojnë tani në Shqipëri flasin për vitet e tyre në Kampin Ashraf në Irak.",
            "Ata thonë se largimi nga kampi ishte pothuajse i pamundur.",
        ),
        tags=("ashraf3",),
        style="lower",
    ),
    _post(
        "sq",
        905,
        "2016-09-05 10:00",
        "Grupi i fundit i banorëve të Kampit Liberty mbërrin në Shqipëri",
        ("mek",),
        (
            "Grupi i fundit i banorëve të Kampit Liberty në Bagdad mbërriti në Shqipëri.",
            "Familjet shpresojnë se tani do të mund të kontaktojnë më lehtë të afërmit e tyre.",
        ),
        legacy_twitter=True,
    ),
)


# --- the site ---------------------------------------------------------------


def _site_order(item: ReplicaPost) -> tuple[int, float]:
    """Sort key of ``POSTS``: by edition, newest first."""
    return (EDITIONS.index(item.edition), -item.published.timestamp())


POSTS: tuple[ReplicaPost, ...] = tuple(sorted((*_EN, *_AR, *_FA, *_SQ), key=_site_order))
"""Every post of every edition (trap and 404 posts included), newest first per edition."""

_BY_KEY = {(p.edition, p.post_id): p for p in POSTS}


def _chain_ids(edition: str, kind: str, term: Term | None) -> tuple[int, ...]:
    """The posts of a chain, newest first: all listed posts of the edition, or those carrying the term."""
    candidates = [p for p in POSTS if p.edition == edition and p.listed]
    if term is None:
        return tuple(p.post_id for p in candidates)
    return tuple(p.post_id for p in candidates if term in (p.categories if kind == "topic" else p.tags))


def _listing(edition: str, kind: str, key: str | None = None, per_page: int = 10, **options: Any) -> Listing:
    """A listing chain whose posts follow from the data: all listed posts, or those carrying the term."""
    if key is None:
        return Listing(edition, f"/{edition}/", kind, _chain_ids(edition, kind, None), per_page, **options)
    term = _TERMS[edition][key]
    ids = _chain_ids(edition, kind, term)
    return Listing(edition, term_path(edition, kind, term), kind, ids, per_page, term=term, **options)


LISTINGS: tuple[Listing, ...] = (
    # en home page 2 is the seed page; page 3 links with http://nejatngo.org, page 4 root-relative.
    _listing("en", "home", origins=(LIVE_ORIGIN, LIVE_ORIGIN, BARE_HTTP, ROOT_RELATIVE)),
    _listing("en", "topic", "camp-ashraf", 4, origins=(BARE_HTTPS, LIVE_ORIGIN), lazy_images=True),
    _listing("en", "topic", "former", 4),
    _listing("en", "tag", "inhabitants", 3, noisy_links=True, older_cycles=True),
    _listing("en", "tag", "news", 4, origins=(BARE_HTTP,), noisy_links=True),
    _listing("ar", "home", origins=(LIVE_ORIGIN, BARE_HTTP)),
    _listing("ar", "topic", "human-rights", 4, lazy_images=True),
    _listing("ar", "topic", "families", 4, origins=(BARE_HTTPS,)),
    _listing("ar", "tag", "ashraf", 4, noisy_links=True),
    _listing("fa", "home", origins=(LIVE_ORIGIN, BARE_HTTPS, LIVE_ORIGIN), lazy_images=True),
    _listing("fa", "topic", "human-rights", 4),
    _listing("fa", "topic", "families", 4, origins=(ROOT_RELATIVE, LIVE_ORIGIN), lazy_images=True),
    _listing("fa", "tag", "ashraf", 4, noisy_links=True),
    _listing("fa", "tag", "nowruz", 2, noisy_links=True),
    _listing("sq", "home", origins=(LIVE_ORIGIN, ROOT_RELATIVE), lazy_images=True),
    _listing("sq", "topic", "mek", 4),
    _listing("sq", "topic", "former", 4, origins=(BARE_HTTP, LIVE_ORIGIN)),
    _listing("sq", "tag", "manez", 4, noisy_links=True, older_cycles=True),
)


def post(edition: str, post_id: int) -> ReplicaPost:
    """The post with this id in this edition (ids are per edition); KeyError if none."""
    return _BY_KEY[(edition, post_id)]


def posts(edition: str | None = None) -> list[ReplicaPost]:
    """All posts, trap and 404 ones included, newest first per edition."""
    return [p for p in POSTS if edition in (None, p.edition)]


def listed_posts(edition: str | None = None) -> list[ReplicaPost]:
    """Posts shown on at least one listing page: exactly what a full crawl must yield."""
    shown = {(listing.edition, post_id) for listing in LISTINGS for post_id in listing.post_ids}
    return [p for p in posts(edition) if (p.edition, p.post_id) in shown]


def trap_posts(edition: str | None = None) -> list[ReplicaPost]:
    """Posts with a page but in no listing; only the sidebar and related posts link them."""
    return [p for p in posts(edition) if not p.listed]


def listings(edition: str | None = None) -> list[Listing]:
    return [listing for listing in LISTINGS if edition in (None, listing.edition)]


def find_listing(edition: str, kind: str, slug: str | None = None) -> Listing | None:
    """The listing for a decoded slug (None for the home chain)."""
    for listing in LISTINGS:
        if (
            listing.edition == edition
            and listing.kind == kind
            and (listing.term.slug if listing.term else None) == slug
        ):
            return listing
    return None


def recent_posts(edition: str, count: int = 5) -> list[ReplicaPost]:
    """The sidebar "Recent Posts" widget: the newest posts, traps included (that is their way in)."""
    return posts(edition)[:count]


def related_posts(item: ReplicaPost, count: int = 4) -> list[ReplicaPost]:
    """'You may also like': the edition's trap posts, then listed posts sharing a category."""
    traps = [p for p in trap_posts(item.edition) if p != item]
    same_topic = [
        p
        for p in listed_posts(item.edition)
        if p != item and p not in traps and set(p.categories) & set(item.categories)
    ]
    return (traps + same_topic)[:count]


def adjacent_posts(item: ReplicaPost) -> tuple[ReplicaPost | None, ReplicaPost | None]:
    """(previous = older, next = newer) listed post, for the single-post pagination."""
    older = [p for p in listed_posts(item.edition) if p.published < item.published]
    newer = [p for p in listed_posts(item.edition) if p.published > item.published]
    return (older[0] if older else None, newer[-1] if newer else None)


def _check() -> None:
    """Fail at import if the data contradicts itself; the tests rely on these invariants."""
    problems = []
    if len(_BY_KEY) != len(POSTS):
        problems.append("duplicate (edition, post_id)")
    shown = {(p.edition, p.post_id) for p in listed_posts()}
    problems += [
        f"{p.path}: listed flag disagrees with listings" for p in POSTS if p.listed != ((p.edition, p.post_id) in shown)
    ]
    problems += [f"{p.path}: comment_count" for p in POSTS if p.comment_count != len(p.comments)]
    problems += [f"{p.path}: date_text" for p in POSTS if not p.date_text]
    for listing in LISTINGS:
        if listing.kind != "home" and listing.page_count < 2:
            problems.append(f"{listing.path}: archives need at least two pages")
    if problems:
        raise RuntimeError("inconsistent replica data: " + "; ".join(problems))


_check()


def home_page_of(edition: str, post_id: int) -> int:
    """The 1-based page of the edition home listing that shows the post (ValueError if none does)."""
    home = find_listing(edition, "home")
    if home is None or post_id not in home.post_ids:
        raise ValueError(f"/{edition}/posts/{post_id} is not on the {edition} home listing")
    return home.post_ids.index(post_id) // home.per_page + 1


# --- a later version of the site (incremental crawls) -----------------------


@dataclass(frozen=True)
class LaterVersion:
    """What ``later_version`` changed, for the assertions of an incremental crawl test."""

    new: tuple[ReplicaPost, ...]
    """The added posts, all editions, newest first per edition."""
    updated: tuple[ReplicaPost, ...]
    """Known posts whose listed data changed, as they are in the later version (site order)."""
    edited: tuple[ReplicaPost, ...] = ()
    """Known posts whose body was edited (listed data unchanged), as they are in the later version."""
    gone: tuple[ReplicaPost, ...] = ()
    """Known posts deleted: out of every listing, their page answers 410."""


_LATER_COMMENTER = "Later Reader"


def _later_post(
    edition: str, number: int, post_id: int, published: datetime, categories: tuple[Term, ...]
) -> ReplicaPost:
    return ReplicaPost(
        edition=edition,
        post_id=post_id,
        title=f"Later post {number}: news from the {edition} edition",
        categories=categories,
        tags=(),
        published=published,
        modified=published + timedelta(hours=1),
        comment_count=0,
        comments=(),
        paragraphs=(
            f"Later post {number} was published on the {edition} edition after the first crawl.",
            "It exists only while the replica serves its later version.",
        ),
        image=None,
        author=_AUTHORS[edition],
        date_text=format_date(edition, published),
    )


def _later_posts(edition: str, count: int) -> list[ReplicaPost]:
    """``count`` new listed posts, newest first: a day apart after the edition's newest post, ids above its highest.

    They carry the categories of the edition's newest listed post and no tags.
    """
    if count < 0:
        raise ValueError(f"cannot add {count} posts to {edition}")
    existing = posts(edition)
    newest = max(p.published for p in existing)
    top_id = max(p.post_id for p in existing)
    categories = next(p for p in existing if p.listed).categories
    made = [
        _later_post(edition, n, top_id + 3 * n, newest + timedelta(days=n), categories) for n in range(1, count + 1)
    ]
    return made[::-1]


def _with_comments(more_comments: Sequence[tuple[str, int]]) -> dict[tuple[str, int], ReplicaPost]:
    """The known posts of ``more_comments``, each with one more comment per mention (KeyError if unknown)."""
    changed: dict[tuple[str, int], ReplicaPost] = {}
    for edition, post_id in more_comments:
        item = changed.get((edition, post_id)) or post(edition, post_id)
        # A day after the last comment, and after every post of the edition's first version.
        last = max((c.date for c in item.comments), default=item.published)
        when = max(last, max(p.published for p in posts(edition))) + timedelta(days=1)
        comment = Comment(_LATER_COMMENTER, f"Comment {item.comment_count + 1}, written after the first crawl.", when)
        changed[(edition, post_id)] = replace(
            item, comment_count=item.comment_count + 1, comments=(*item.comments, comment)
        )
    return changed


def _edited(edited: Sequence[tuple[str, int]]) -> dict[tuple[str, int], ReplicaPost]:
    """The posts of ``edited`` with one more paragraph, modified a day after every post of the edition."""
    changed = {}
    for edition, post_id in edited:
        item = post(edition, post_id)
        when = max(p.modified for p in posts(edition)) + timedelta(days=1)
        paragraph = f"Update: this post was edited after the first crawl ({edition} {post_id})."
        changed[(edition, post_id)] = replace(item, paragraphs=(*item.paragraphs, paragraph), modified=when)
    return changed


def _deleted(gone: Sequence[tuple[str, int]]) -> dict[tuple[str, int], ReplicaPost]:
    """The posts of ``gone`` as WordPress shows a deleted post: in no listing, its page answering 410."""
    return {
        (edition, post_id): replace(post(edition, post_id), page_status=410, listed=False) for edition, post_id in gone
    }


@contextmanager
def later_version(
    new_posts: Mapping[str, int],
    more_comments: Sequence[tuple[str, int]] = (),
    edited: Sequence[tuple[str, int]] = (),
    gone: Sequence[tuple[str, int]] = (),
) -> Iterator[LaterVersion]:
    """Serve a later version of the site while open; restore the original exactly on exit.

    ``new_posts`` maps an edition to how many listed posts it gains: newer than every
    post of the edition (a day apart), ids above its highest, in the categories of
    its newest listed post (so they top that topic listing too), no tags, no comments.
    Each ``(edition, post_id)`` of ``more_comments`` gets one more comment; each of
    ``edited`` one more paragraph and a later modified time (its listing entry
    is unchanged); each of ``gone`` is deleted (410, out of the listings).  Every
    listing chain keeps its options, but its posts are recomputed from the new data,
    so the new posts top the home listings and push the known ones down.  The
    module globals are swapped, so a running ``ReplicaServer`` serves the later
    version at once.  Not reentrant.
    """
    global POSTS, _BY_KEY, LISTINGS
    unknown = set(new_posts) - set(EDITIONS)
    if unknown:
        raise ValueError(f"unknown editions: {', '.join(sorted(unknown))}")
    saved_posts, saved_by_key, saved_listings = POSTS, _BY_KEY, LISTINGS
    new = tuple(item for edition in EDITIONS for item in _later_posts(edition, new_posts.get(edition, 0)))
    commented = _with_comments(more_comments)
    body_edits, deleted = _edited(edited), _deleted(gone)
    changed = {**commented, **body_edits, **deleted}
    later = tuple(sorted((*(changed.get((p.edition, p.post_id), p) for p in POSTS), *new), key=_site_order))
    try:
        # Posts before listings (and listings first on the way back): a request served
        # meanwhile never meets a listed id without its post.
        POSTS, _BY_KEY = later, {(p.edition, p.post_id): p for p in later}
        LISTINGS = tuple(
            replace(chain, post_ids=_chain_ids(chain.edition, chain.kind, chain.term)) for chain in LISTINGS
        )
        _check()
        yield LaterVersion(
            new,
            tuple(p for p in later if (p.edition, p.post_id) in commented),
            tuple(p for p in later if (p.edition, p.post_id) in body_edits),
            tuple(p for p in later if (p.edition, p.post_id) in deleted),
        )
    finally:
        LISTINGS = saved_listings
        POSTS, _BY_KEY = saved_posts, saved_by_key
