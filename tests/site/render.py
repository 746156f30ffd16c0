# ruff: noqa: E501
# (HTML templates keep one element per line; splitting them mid-tag would hurt reading.)
"""Soledad 8 HTML for the replica, rendered from ``content``.

The markup follows what the site notes record of Soledad 8.6 on nejatngo.org
(standard layout, older/newer pagination, Yoast head).  Where real WordPress
output is irregular (trailing space in the comment href, ``&#038;`` in some
share URLs, mixed link origins) the irregularity is reproduced on purpose:
those are the pitfalls the crawler must survive.

``variant`` changes only machine-readable dates:
  * "full": ``time@datetime`` in site-local W3C, Yoast meta and JSON-LD in UTC;
  * "no-datetime": no machine dates anywhere, only the visible text;
  * "jalali-datetime": on fa pages every machine date holds Jalali numbers
    (old wp-parsidate bug); other editions render as "full".
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote, quote_plus

from . import content as site
from .content import BARE_HTTP, BARE_HTTPS, LIVE_ORIGIN, ROOT_RELATIVE, Listing, ReplicaPost, Term

VARIANTS = ("full", "no-datetime", "jalali-datetime")

# lang attribute, RTL?, og:locale
_LOCALES = {
    "en": ("en-US", False, "en_US"),
    "ar": ("ar", True, "ar_AR"),
    "fa": ("fa-IR", True, "fa_IR"),
    "sq": ("sq", False, "sq_AL"),
}
_EDITION_NAMES = {"en": "English", "ar": "عربي", "fa": "فارسی", "sq": "Shqip"}

_LABEL_KEYS = (
    "site", "newer", "older", "more", "recent", "related", "leave", "top", "prev", "next", "home", "topic", "tag",
    "by", "reply", "oops", "back", "search", "submit", "name", "email", "website", "comment",
)  # fmt: skip
_LABELS: dict[str, dict[str, str]] = {
    edition: dict(zip(_LABEL_KEYS, labels, strict=True))
    for edition, labels in {
        "en": (
            "Nejat Society", "Newer Posts", "Older Posts", "Continue Reading", "Recent Posts", "You may also like",
            "Leave a Comment", "Back To Top", "previous post", "next post", "Home", "Category:", "Tag:", "by", "Reply",
            "OOPS! Page you were looking for doesn't exist.", "Back to the home page", "Search", "Submit", "Name*",
            "Email*", "Website", "Your Comment",
        ),
        "fa": (
            "انجمن نجات", "نوشته‌های جدیدتر", "نوشته‌های قدیمی‌تر", "ادامه مطلب", "آخرین مطالب", "شاید بپسندید",
            "دیدگاهی بنویسید", "بازگشت به بالا", "نوشته قبلی", "نوشته بعدی", "خانه", "دسته:", "برچسب:", "توسط", "پاسخ",
            "متأسفیم! صفحه‌ای که به دنبال آن بودید وجود ندارد.", "بازگشت به صفحه اصلی", "جستجو", "ارسال", "نام*",
            "ایمیل*", "وب‌سایت", "دیدگاه شما",
        ),
        "ar": (
            "جمعية نجات", "المقالات الأحدث", "المقالات الأقدم", "أكمل القراءة", "أحدث المقالات", "قد يعجبك أيضاً",
            "اترك تعليقاً", "العودة إلى الأعلى", "المقال السابق", "المقال التالي", "الرئيسية", "التصنيف:", "الوسم:",
            "بواسطة", "رد", "عذراً! الصفحة التي تبحث عنها غير موجودة.", "العودة إلى الصفحة الرئيسية", "بحث", "إرسال",
            "الاسم*", "البريد الإلكتروني*", "الموقع", "تعليقك",
        ),
        "sq": (
            "Shoqata Nejat", "Postime më të reja", "Postime më të vjetra", "Vazhdo leximin", "Postimet e fundit",
            "Mund t’ju pëlqejë edhe", "Lini një koment", "Kthehu lart", "postimi i mëparshëm", "postimi tjetër",
            "Kryefaqja", "Kategoria:", "Etiketa:", "nga", "Përgjigju", "Na vjen keq! Faqja që kërkoni nuk ekziston.",
            "Kthehu në kryefaqe", "Kërko", "Dërgo", "Emri*", "Email*", "Faqja web", "Komenti juaj",
        ),
    }.items()
}  # fmt: skip

# Main menu: (key, path under the edition, child keys).  Apart from Home, no target
# is a post listing; the replica answers them with 404 like any unknown page.
_MENU = (
    ("home", "/", ()),
    ("articles", "/blog/nejat-bloggers", ()),
    ("media", "/media", ("cartoons", "newspics", "photo-gallery", "videos")),
    ("publications", "/publications", ("books", "newsletter", "pars-brief")),
    ("about-us", "/about-us", ()),
    ("contact-us", "/contact-us", ()),
)
_MENU_KEYS = (
    "home", "articles", "media", "cartoons", "newspics", "photo-gallery", "videos", "publications", "books",
    "newsletter", "pars-brief", "about-us", "contact-us", "editions",
)  # fmt: skip
_MENU_LABELS: dict[str, dict[str, str]] = {
    edition: dict(zip(_MENU_KEYS, labels.split("|"), strict=True))
    for edition, labels in {
        "en": "Home|Articles|Media|Cartoons|NewsPics|Photo Gallery|Videos|Publications|Books|Nejat NewsLetter|Pars Brief|About Us|Contact us|Editions",
        "fa": "خانه|مقالات|رسانه|کاریکاتور|عکس خبر|گالری تصاویر|ویدئو|انتشارات|کتاب‌ها|خبرنامه نجات|پارس بریف|درباره ما|تماس با ما|نسخه‌ها",
        "ar": "الرئيسية|مقالات|وسائط|كاريكاتير|صور إخبارية|معرض الصور|فيديو|منشورات|كتب|نشرة نجات|بارس بريف|من نحن|اتصل بنا|الإصدارات",
        "sq": "Kryefaqja|Artikuj|Media|Karikatura|Foto lajme|Galeria|Video|Botime|Libra|Buletini Nejat|Pars Brief|Rreth nesh|Na kontaktoni|Edicionet",
    }.items()
}
_FOOTER_SOCIALS = (
    ("Facebook", "https://www.facebook.com/nejatsociety", "fa fa-facebook"),
    ("Twitter", "https://twitter.com/nejatngo", "penciicon-x-twitter"),
    ("Instagram", "https://www.instagram.com/nejatngo", "fa fa-instagram"),
    ("Youtube", "https://www.youtube.com/@nejatngo", "fa fa-youtube-play"),
)
_SHARE = {  # platform: (label, aria-label, icon)
    "facebook": ("Facebook", "Share on Facebook", "fa fa-facebook"),
    "twitter": ("Twitter", "Share on Twitter", "penciicon-x-twitter"),
    "pinterest": ("Pinterest", "Pin to Pinterest", "fa fa-pinterest"),
    "whatsapp": ("Whatsapp", "Share on Whatsapp", "fa fa-whatsapp"),
    "telegram": ("Telegram", "Share on Telegram", "fa fa-telegram"),
    "skype": ("Skype", "Share on Skype", "fa fa-skype"),
    "email": ("Email", "Share on Email", "fa fa-envelope"),
}
_PIN_SCRIPT = (
    "var s=document.createElement('script');s.setAttribute('type','text/javascript');s.setAttribute('charset','UTF-8');"
    "s.setAttribute('src','//assets.pinterest.com/js/pinmarklet.js?r='+Math.random()*99999999);document.body.appendChild(s);"
)
_PLACEHOLDER = (
    "data:image/svg+xml,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22%20viewBox=%220%200%201170%20780%22%3E%3C/svg%3E"
)
# Query or path noise the AMP plugin and old links leave on tag-archive entry links.
_NOISE = ("?amp=1", "/amp/", "?noamp=mobile", "?=1")
_EXCERPT_WORDS = 20


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _a(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(frozen=True)
class _Page:
    """What varies from page to page: link origin, lazy images, digits in counters."""

    edition: str
    origin: str
    variant: str
    lazy: bool = False
    indic: bool = False
    """ar only: print comment counts with Arabic-Indic digits."""

    def link(self, path: str) -> str:
        return self.origin + path

    @property
    def labels(self) -> dict[str, str]:
        return _LABELS[self.edition]


def post_page_origin(item: ReplicaPost) -> str:
    """Link origin of a post's own page: mostly the live one, a few bare-host or root-relative."""
    return {3: BARE_HTTP, 5: BARE_HTTPS, 6: ROOT_RELATIVE}.get(item.post_id % 7, LIVE_ORIGIN)


def comment_label(edition: str, count: int, indic: bool = False) -> str:
    """ "0 comments", "۳ دیدگاه", "١ تعليق", "2 komente" …"""
    if edition == "fa":
        return "یک دیدگاه" if count == 1 else f"{site.persian_digits(count)} دیدگاه"
    if edition == "ar":
        # Arabic WordPress spells one and two (the dual) without a digit.
        if count in (1, 2):
            return "تعليق واحد" if count == 1 else "تعليقان"
        return f"{site.arabic_indic_digits(count) if indic else count} تعليقات"
    if edition == "sq":
        return f"{count} {'koment' if count == 1 else 'komente'}"
    return f"{count} {'comment' if count == 1 else 'comments'}"


# --- dates ------------------------------------------------------------------


def _machine_date(page: _Page, when: datetime, *, utc: bool = False) -> str | None:
    """A machine-readable date as this variant writes it, or None when it is left out."""
    if page.variant == "no-datetime":
        return None
    if page.variant == "jalali-datetime" and page.edition == "fa":
        return site.jalali_iso(when)
    return when.astimezone(UTC).isoformat() if utc else when.isoformat()


def _time(page: _Page, when: datetime, text: str) -> str:
    value = _machine_date(page, when)
    attribute = f' datetime="{value}"' if value else ""
    return f'<time class="entry-date published"{attribute}>{_e(text)}</time>'


# --- share links ------------------------------------------------------------


def _raw(text: str) -> str:
    """PHP rawurlencode."""
    return quote(text, safe="")


def _esc_url(url: str) -> str:
    """WordPress esc_url for display: spaces to %20, odd characters dropped, & and ' as entities."""
    url = re.sub(r"[^a-z0-9\-~+_.?#=!&;,/:%@$|*'()\[\]\x80-\U0010ffff]", "", url.replace(" ", "%20"), flags=re.I)
    return url.replace("&", "&#038;").replace("'", "&#039;")


def share_hrefs(item: ReplicaPost, single: bool = False) -> dict[str, str | None]:
    """Each share link's href exactly as written in the markup (entities not decoded).

    Pinterest has no href on post pages (an onclick script instead): None.
    """
    permalink, title = item.url, item.title
    twitter = "https://twitter.com/intent/tweet" if item.legacy_twitter else "https://x.com/intent/tweet"
    pinterest = f"https://www.pinterest.com/pin/create/button/?url={quote_plus(permalink, safe='')}"
    if item.image:
        pinterest += f"&media={item.image}"
    pinterest += f"&description={quote_plus(title, safe='')}"
    return {
        "facebook": f"https://www.facebook.com/sharer/sharer.php?u={permalink}",
        "twitter": f"{twitter}?text=Check%20out%20this%20article:%20{_raw(title)}%20-%20{permalink}",
        "pinterest": None if single else pinterest,
        "whatsapp": f"https://api.whatsapp.com/send?text={_raw(title)} %0A%0A {_raw(permalink)}",
        "telegram": f"https://telegram.me/share/url?url={_raw(permalink)}&amp;text={_raw(title)}",
        "skype": _esc_url(f"https://web.skype.com/share?url={permalink}&text={title}"),
        "email": _esc_url(f"mailto:?subject={title}&BODY={permalink}"),
    }


def _share_links(item: ReplicaPost, single: bool) -> str:
    links = []
    for platform, href in share_hrefs(item, single).items():
        label, aria, icon = _SHARE[platform]
        target = f' onclick="{_PIN_SCRIPT}" data-pin-do="none"' if href is None else f' href="{href}"'
        links.append(
            f'<a class="new-ver-share post-share-item post-share-{platform}" aria-label="{aria}" target="_blank" '
            f'rel="noreferrer"{target}><i class="penci-faicon {icon}"></i><span class="dt-share">{label}</span></a>'
        )
    if single:
        links.append(
            '<a class="post-share-item post-share-expand" href="#" aria-label="Share Expand">'
            '<i class="penci-faicon fa fa-share-alt"></i></a>'
        )
    return "".join(links)  # no whitespace: the seed text shows "FacebookTwitterPinterest…"


# --- pieces shared by listings and posts -------------------------------------


def _css_slug(term: Term) -> str:
    """post_class() term class: sanitize_html_class of the stored (percent-encoded) slug."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "", quote(term.slug, safe="").lower())
    return str(term.term_id) if cleaned.isdigit() or not cleaned.strip("-") else cleaned


def _post_classes(item: ReplicaPost, *first: str) -> str:
    classes = [*first, f"post-{item.post_id}", "post", "type-post", "status-publish", "format-standard"]
    classes += ["has-post-thumbnail"] if item.image else []
    classes.append("hentry")
    classes += [f"category-{_css_slug(term)}" for term in item.categories]
    classes += [f"tag-{_css_slug(term)}" for term in item.tags]
    return " ".join(classes)


def _img(page: _Page, src: str, css: str, alt: str = "") -> str:
    if src.startswith(site.LIVE_ORIGIN):  # uploads are written with the page's link style too
        src = page.link(src[len(site.LIVE_ORIGIN) :])
    if page.lazy:
        return f'<img class="{css} penci-lazy" src="{_PLACEHOLDER}" data-src="{_a(src)}" alt="{_a(alt)}" width="1170" height="780">'
    return f'<img class="{css}" src="{_a(src)}" alt="{_a(alt)}" width="1170" height="780">'


def _categories(page: _Page, item: ReplicaPost) -> str:
    links = "".join(  # one <a> per category and no separator, as on the live site
        f'<a class="penci-cat-name penci-cat-{term.term_id}" href="{_a(page.link(site.term_path(item.edition, "topic", term)))}" '
        f'rel="category tag"><span style="--pcheading-cl:inherit;">{_e(term.name)}</span></a>'
        for term in item.categories
    )
    return f'<div class="penci-standard-cat"><span class="cat">{links}</span></div>'


def _hidden_meta(page: _Page, item: ReplicaPost) -> str:
    """The hidden schema block; its time is the *modified* date, a trap for naive selectors."""
    author_url = page.link(f"/{item.edition}/author/nejat")
    return (
        f'<div class="penci-hide-tagupdated"><span class="author-italic author vcard">{page.labels["by"]} '
        f'<a class="author-url url fn n" href="{_a(author_url)}">{_e(item.author)}</a></span> '
        f"{_time(page, item.modified, site.format_date(item.edition, item.modified))}</div>"
    )


def _content(page: _Page, item: ReplicaPost) -> str:
    paragraphs = [f"<p>{_e(text).replace(chr(10), '<br />' + chr(10))}</p>" for text in item.paragraphs]
    if item.content_image:
        figure = _img(page, item.content_image, f"aligncenter size-large wp-image-{item.post_id + 1}")
        paragraphs.insert(1, f'<figure class="wp-block-image size-large">{figure}</figure>')
    return "\n".join(paragraphs)


def _excerpt(item: ReplicaPost) -> str:
    return " ".join(" ".join(item.paragraphs).split()[:_EXCERPT_WORDS])


def _menu(page: _Page, menu_id: str) -> str:
    labels, edition = _MENU_LABELS[page.edition], page.edition
    items = []
    for number, (key, path, children) in enumerate(_MENU, start=1):
        sub = "".join(
            f'<li class="menu-item menu-item-type-custom menu-item-object-custom"><a href="{_a(page.link(f"/{edition}{path}/{child}"))}">{_e(labels[child])}</a></li>'
            for child in children
        )
        css = "menu-item menu-item-type-custom menu-item-object-custom" + (" menu-item-has-children" if sub else "")
        target = page.link(f"/{edition}/" if path == "/" else f"/{edition}{path}")
        sub = f'<ul class="sub-menu">{sub}</ul>' if sub else ""
        items.append(
            f'<li id="{menu_id}-item-{number}" class="{css}"><a href="{_a(target)}">{_e(labels[key])}</a>{sub}</li>'
        )
    editions = "".join(
        f'<li class="menu-item menu-item-type-custom menu-item-object-custom"><a href="{_a(page.link(f"/{code}/"))}">{_e(_EDITION_NAMES[code])}</a></li>'
        for code in site.EDITIONS
        if code != edition
    )
    items.append(
        f'<li class="menu-item menu-item-type-custom menu-item-object-custom menu-item-has-children"><a href="#">{_e(labels["editions"])}</a>'
        f'<ul class="sub-menu">{editions}</ul></li>'
    )
    return f'<ul id="{menu_id}" class="menu">{"".join(items)}</ul>'


def _logo(page: _Page) -> str:
    home, name = page.link(f"/{page.edition}/"), _a(page.labels["site"])
    return f'<a href="{_a(home)}"><img class="penci-mainlogo" src="{LIVE_ORIGIN}/{page.edition}/wp-content/uploads/logo.png" alt="{name}" width="300" height="80"></a>'


def _header(page: _Page) -> str:
    return f"""<nav id="sidebar-nav" class="header-6 header-layout-sidebar" role="navigation">
<div id="sidebar-nav-logo">{_logo(page)}</div>
{_menu(page, "menu-main-menu")}
</nav>
<header id="header" class="header-header-1 has-bottom-line">
<div class="inner-header penci-header-second"><div class="container"><div id="logo">{_logo(page)}</div></div></div>
<nav id="navigation" class="header-layout-bottom header-1 menu-style-1" role="navigation">
<div class="container"><div class="button-menu-mobile header-1"><i class="penci-faicon fa fa-bars"></i></div>
<div id="logo-sticky">{_logo(page)}</div>
{_menu(page, "menu-main-menu-1")}
</div>
</nav>
</header>
<div class="penci-header-copyright">© 2003 - 2024 NEJAT Society. nejatngo.org</div>"""


def _footer(page: _Page) -> str:
    socials = "".join(
        f'<li><a href="{url}" aria-label="{name}" rel="noreferrer" target="_blank"><i class="penci-faicon {icon}"></i><span>{name}</span></a></li>'
        for name, url, icon in _FOOTER_SOCIALS
    )
    return f"""<footer id="footer-section" class="penci-footer-social-media penci-lazy footer-social-remove-circle">
<div class="container">
<div class="footer-socials-section"><ul class="footer-socials">{socials}</ul></div>
<div class="footer-logo-copyright footer-not-logo">
<div id="footer-copyright"><p>© 2003 - 2025 NEJAT Society . All Rights Reserved. NejatNGO.org</p></div>
<div class="go-to-top-parent"><a href="#" class="go-to-top"><span><i class="penci-faicon fa fa-angle-up"></i><br>{_e(page.labels["top"])}</span></a></div>
</div>
</div>
</footer>
<nav class="penci-vernav-wrap pcvernav-bottom" role="navigation"><div class="penci-vernav-logo">{_logo(page)}</div>{_menu(page, "menu-main-menu-2")}</nav>"""


def _sidebar(page: _Page) -> str:
    """'Recent Posts' widget: the newest posts, including trap posts no listing shows."""
    items = []
    for item in site.recent_posts(page.edition):
        thumb = (
            f'<div class="side-image"><a class="penci-image-holder small-fix-size" rel="bookmark" href="{_a(page.link(item.path))}" '
            f'title="{_a(item.title)}" style="background-image:url({_a(item.image)})"></a></div>'
            if item.image
            else ""
        )
        date = _time(page, item.published, site.format_date(item.edition, item.published))
        items.append(
            f'<li class="penci-feed"><div class="side-item">{thumb}<div class="side-item-text">'
            f'<h4 class="side-title-post"><a href="{_a(page.link(item.path))}" rel="bookmark" title="{_a(item.title)}">{_e(item.title)}</a></h4>'
            f'<div class="grid-post-box-meta"><span class="side-item-meta side-wdate">{date}</span></div></div></div></li>'
        )
    return f"""<div id="sidebar" class="penci-sidebar-right penci-sidebar-content style-1 pcalign-left">
<div class="theiaStickySidebar">
<aside id="penci_latest_news_widget-2" class="widget penci_latest_news_widget">
<h3 class="widget-title penci-border-arrow"><span class="inner-arrow">{_e(page.labels["recent"])}</span></h3>
<ul id="penci-latestwg-2" class="side-newsfeed">{"".join(items)}</ul>
</aside>
</div>
</div>"""


def _head_common(page: _Page, title: str, canonical: str, og_type: str) -> str:
    return f"""<title>{_e(title)}</title>
<meta name="robots" content="index, follow, max-image-preview:large, max-snippet:-1, max-video-preview:-1" />
<link rel="canonical" href="{_a(canonical)}" />
<meta property="og:locale" content="{_LOCALES[page.edition][2]}" />
<meta property="og:type" content="{og_type}" />
<meta property="og:title" content="{_a(title)}" />
<meta property="og:url" content="{_a(canonical)}" />
<meta property="og:site_name" content="{_a(page.labels["site"])}" />"""


def _json_ld(graph: list[dict[str, object]]) -> str:
    data = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False, separators=(",", ":"))
    data = data.replace("</", "<\\/")  # keep "</" out of the script element
    return f'<script type="application/ld+json" class="yoast-schema-graph">{data}</script>'


def _document(page: _Page, *, head: str, body_class: str, main: str) -> str:
    lang, rtl, _ = _LOCALES[page.edition]
    home = f"{LIVE_ORIGIN}/{page.edition}/"
    return f"""<!DOCTYPE html>
<html{' dir="rtl"' if rtl else ""} lang="{lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1">
{head}
<link rel="alternate" type="application/rss+xml" title="{_a(page.labels["site"])} &raquo; Feed" href="{home}feed" />
<link rel="stylesheet" id="penci-soledad-parent-style-css" href="{home}wp-content/themes/soledad/style.css?ver=8.6.1" type="text/css" media="all" />
</head>
<body class="{body_class}{" rtl" if rtl else ""} soledad-ver-8-6-1 pclight-mode">
<div id="soledad_wrapper" class="wrapper-boxed header-style-header-1">
{_header(page)}
{main}
{_footer(page)}
</div>
</body>
</html>
"""


# --- listing pages -----------------------------------------------------------


def entry_href(listing: Listing, page_number: int, item: ReplicaPost) -> str:
    """The permalink as an entry on this listing page writes it (origin and noise included)."""
    href = listing.origin(page_number) + item.path
    if listing.noisy_links:
        position = listing.post_ids.index(item.post_id)
        # Exactly one entry per archive gets a bare trailing slash; the others cycle through the noise.
        href += "/" if position == 1 else _NOISE[(position - (position > 1)) % len(_NOISE)]
    return href


def _entry(page: _Page, listing: Listing, page_number: int, item: ReplicaPost) -> str:
    href = _a(entry_href(listing, page_number, item))
    image = ""
    if item.image:
        thumb = _img(page, item.image, "attachment-penci-full-thumb size-penci-full-thumb wp-post-image")
        image = f'<div class="standard-post-image classic-post-image"><a href="{href}">{thumb}</a></div>\n'
    if listing.full_text:
        body = _content(page, item)
    else:
        body = (
            f"<p>{_e(_excerpt(item))} [&hellip;]</p>"
            f'<div class="penci-more-link"><a class="more-link" href="{href}#more-{item.post_id}">{_e(page.labels["more"])}</a></div>'
        )
    fragment = "#comments" if item.comment_count else "#respond"
    count = comment_label(item.edition, item.comment_count, page.indic)
    return f"""<article id="post-{item.post_id}" class="{_post_classes(item, "standard-article standard-pitem")}">
{image}<div class="header-standard header-classic">
{_categories(page, item)}
<h2 class="penci-entry-title entry-title"><a href="{href}">{_e(item.title)}</a></h2>
{_hidden_meta(page, item)}
</div>
<div class="standard-content">
<div class="standard-main-content entry-content">
<div class="post-entry standard-post-entry classic-post-entry blockquote-style-1">
{body}
</div>
</div>
<div class="penci-post-box-meta penci-post-box-grid">
<div class="penci-box-meta">
<span><i class="penci-faicon fa fa-clock-o"></i>{_time(page, item.published, item.date_text)}</span>
<span><a href="{href}{fragment} "><i class="penci-faicon fa fa-comment-o"></i>{count}</a></span>
</div>
<div class="penci-post-share-box">{_share_links(item, single=False)}</div>
</div>
</div>
</article>"""


def _pagination(page: _Page, listing: Listing, number: int) -> str:
    if listing.page_count < 2:
        return ""
    labels = page.labels
    newer_text = f'<span><i class="penci-faicon fa fa-angle-left"></i>{_e(labels["newer"])}</span>'
    older_text = f'<span>{_e(labels["older"])} <i class="penci-faicon fa fa-angle-right"></i></span>'
    newer, older = listing.newer_path(number), listing.older_path(number)

    def link(path: str | None, text: str) -> str:
        return f'<a href="{_a(page.link(path))}" >{text}</a>' if path else f'<div class="disable-url">{text}</div>'

    return f'<div class="penci-pagination"><div class="newer">{link(newer, newer_text)}</div><div class="older">{link(older, older_text)}</div></div>'


def render_listing(listing: Listing, page_number: int, variant: str = "full") -> str:
    """Page ``page_number`` (1-based) of a listing chain."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}")
    if not 1 <= page_number <= listing.page_count:
        raise ValueError(f"{listing.path} has no page {page_number}")
    edition = listing.edition
    page = _Page(edition, listing.origin(page_number), variant, lazy=listing.lazy_images, indic=page_number % 2 == 1)
    items = [site.post(edition, post_id) for post_id in listing.page_post_ids(page_number)]
    entries = "\n".join(_entry(page, listing, page_number, item) for item in items)
    site_name = page.labels["site"]
    if listing.term is None:
        entries = f'<div class="penci-wrapper-posts-content"><div class="penci-wrapper-data">\n{entries}\n</div></div>'
        archive_box, title = "", site_name
        body_class = "home blog"
    else:
        kind = listing.kind
        archive_box = (
            f'<div class="archive-box"><div class="title-bar"><span>{_e(page.labels[kind])} </span>'
            f"<h1>{_e(listing.term.name)}</h1></div></div>\n"
        )
        title = f"{listing.term.name} Archives - {site_name}"
        taxonomy = "category" if kind == "topic" else "tag"
        body_class = f"archive {taxonomy} {taxonomy}-{_css_slug(listing.term)} {taxonomy}-{listing.term.term_id}"
    if page_number > 1:
        title = f"{title} - Page {page_number} of {listing.page_count}"
        body_class += f" paged paged-{page_number}"
    canonical = LIVE_ORIGIN + listing.page_path(page_number)
    head = _head_common(page, title, canonical, "website")
    if page_number < listing.page_count:
        head += f'\n<link rel="next" href="{_a(LIVE_ORIGIN + listing.page_path(page_number + 1))}" />'
    home = f"{LIVE_ORIGIN}/{edition}/"
    head += "\n" + _json_ld(
        [
            {
                "@type": "CollectionPage",
                "@id": canonical,
                "url": canonical,
                "name": title,
                "isPartOf": {"@id": f"{home}#website"},
            },
            {
                "@type": "WebSite",
                "@id": f"{home}#website",
                "url": home,
                "name": site_name,
                "inLanguage": _LOCALES[edition][0],
            },
        ]
    )
    main = f"""{archive_box}<div class="container penci_sidebar right-sidebar">
<div id="main" class="penci-layout-standard penci-main-sticky-sidebar">
<div class="theiaStickySidebar">
{entries}
{_pagination(page, listing, page_number)}
</div>
</div>
{_sidebar(page)}
</div>"""
    return _document(page, head=head, body_class=body_class, main=main)


# --- single post pages ---------------------------------------------------------


def _breadcrumb(page: _Page, item: ReplicaPost) -> str:
    crumbs = [f'<span><a href="{_a(page.link(f"/{item.edition}/"))}">{_e(page.labels["home"])}</a></span>']
    if item.categories:
        term = item.categories[0]
        crumbs.append(
            f'<span><a href="{_a(page.link(site.term_path(item.edition, "topic", term)))}">{_e(term.name)}</a></span>'
        )
    crumbs.append(f'<span class="breadcrumb_last" aria-current="page">{_e(item.title)}</span>')
    return f'<div class="container penci-breadcrumb single-breadcrumb"><span><span>{" » ".join(crumbs)}</span></span></div>'


def _post_navigation(page: _Page, item: ReplicaPost) -> str:
    older, newer = site.adjacent_posts(item)
    parts = []
    for css, label, other in (("prev", "prev", older), ("next", "next", newer)):
        if other is None:
            continue
        parts.append(
            f'<div class="{css}-post"><div class="{css}-post-inner"><div class="{css}-post-title"><span>{_e(page.labels[label])}</span></div>'
            f'<a href="{_a(page.link(other.path))}"><div class="pagi-text"><h5 class="{css}-title">{_e(other.title)}</h5></div></a></div></div>'
        )
    return f'<div class="post-pagination">{"".join(parts)}</div>'


def _related(page: _Page, item: ReplicaPost) -> str:
    cards = []
    for other in site.related_posts(item):
        href = _a(page.link(other.path))
        thumb = (
            f'<a class="related-thumb penci-image-holder" href="{href}" title="{_a(other.title)}" style="background-image:url({_a(other.image)})"></a>'
            if other.image
            else ""
        )
        date = _time(page, other.published, site.format_date(other.edition, other.published))
        cards.append(
            f'<div class="item-related">{thumb}<h3><a href="{href}">{_e(other.title)}</a></h3><span class="date">{date}</span></div>'
        )
    return (
        f'<div class="post-related"><div class="post-title-box"><h4 class="post-box-title">{_e(page.labels["related"])}</h4></div>'
        f'<div class="penci-owl-carousel penci-owl-carousel-slider penci-related-carousel">{"".join(cards)}</div></div>'
    )


def _comments(page: _Page, item: ReplicaPost) -> str:
    permalink = page.link(item.path)
    labels = page.labels
    parts = []
    if item.comments:
        parts.append(
            f'<div class="post-title-box"><h4 class="post-box-title">{comment_label(item.edition, item.comment_count, page.indic)}</h4></div>'
        )
        rows = []
        for number, comment in enumerate(item.comments, start=1):
            comment_id = item.post_id * 100 + number
            stamp = f"{site.format_date(item.edition, comment.date)} - {comment.date:%H:%M}"
            rows.append(
                f'<div class="comment even thread-even depth-1" id="comment-{comment_id}"><div class="thecomment">'
                '<div class="author-img"><img alt="" src="https://secure.gravatar.com/avatar/?s=100&#038;d=mm&#038;r=g" '
                'class="avatar avatar-100 photo" height="100" width="100"></div>'
                f'<div class="comment-text"><span class="author">{_e(comment.author)}</span>'
                f'<span class="date"><i class="penci-faicon fa fa-clock-o"></i>{_e(stamp)}</span>'
                f'<div class="comment-content"><p>{_e(comment.text)}</p></div>'
                f'<span class="reply"><a rel="nofollow" class="comment-reply-link" href="{_a(permalink)}?replytocom={comment_id}#respond">{_e(labels["reply"])}</a></span>'
                "</div></div></div>"
            )
        parts.append(f'<div class="comments">{"".join(rows)}</div>')
    parts.append(
        f"""<div id="respond" class="comment-respond">
<h3 id="reply-title" class="comment-reply-title"><span>{_e(labels["leave"])}</span></h3>
<form action="{_a(page.link(f"/{item.edition}/wp-comments-post.php"))}" method="post" id="commentform" class="comment-form">
<p class="comment-form-comment"><textarea id="comment" name="comment" cols="45" rows="8" placeholder="{_a(labels["comment"])}" aria-required="true"></textarea></p>
<p class="comment-form-author"><input id="author" name="author" type="text" value="" placeholder="{_a(labels["name"])}" size="30" aria-required="true" /></p>
<p class="comment-form-email"><input id="email" name="email" type="text" value="" placeholder="{_a(labels["email"])}" size="30" aria-required="true" /></p>
<p class="comment-form-url"><input id="url" name="url" type="text" value="" placeholder="{_a(labels["website"])}" size="30" /></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="{_a(labels["submit"])}" />
<input type="hidden" name="comment_post_ID" value="{item.post_id}" id="comment_post_ID" /><input type="hidden" name="comment_parent" id="comment_parent" value="0" /></p>
</form>
</div>"""
    )
    css = "post-comments" if item.comments else "post-comments no-comment-yet"
    return f'<div class="{css}" id="comments">{"".join(parts)}</div>'


def _post_head(page: _Page, item: ReplicaPost) -> str:
    site_name, url = page.labels["site"], item.url
    title = f"{item.title} - {site_name}"
    home = f"{LIVE_ORIGIN}/{item.edition}/"
    published, modified = _machine_date(page, item.published, utc=True), _machine_date(page, item.modified, utc=True)
    lines = [
        _head_common(page, title, url, "article"),
        f'<meta property="og:description" content="{_a(_excerpt(item))}" />',
    ]
    if published and modified:
        lines.append(f'<meta property="article:published_time" content="{published}" />')
        lines.append(f'<meta property="article:modified_time" content="{modified}" />')
    if item.image:
        lines.append(f'<meta property="og:image" content="{_a(item.image)}" />')
    lines.append(f'<meta name="author" content="{_a(item.author)}" />')
    lines.append(f'<link rel="shortlink" href="{home}?p={item.post_id}" />')
    person = f"{home}#/schema/person/nejat"
    article: dict[str, object] = {
        "@type": "Article",
        "@id": f"{url}#article",
        "isPartOf": {"@id": url},
        "author": {"name": item.author, "@id": person},
        "headline": item.title,
        "datePublished": published,
        "dateModified": modified,
        "mainEntityOfPage": {"@id": url},
        "wordCount": len(" ".join(item.paragraphs).split()),
        "commentCount": item.comment_count,
        "publisher": {"@id": f"{home}#organization"},
        "articleSection": [term.name for term in item.categories],
        "inLanguage": _LOCALES[item.edition][0],
    }
    if item.image:
        article["image"] = {"@id": f"{url}#primaryimage"}
        article["thumbnailUrl"] = item.image
    webpage: dict[str, object] = {
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "name": title,
        "isPartOf": {"@id": f"{home}#website"},
        "datePublished": published,
        "dateModified": modified,
        "breadcrumb": {"@id": f"{url}#breadcrumb"},
        "inLanguage": _LOCALES[item.edition][0],
    }
    for node in (article, webpage):
        if published is None:  # the no-datetime variant drops the keys, it does not null them
            del node["datePublished"], node["dateModified"]
    graph = [
        article,
        webpage,
        {
            "@type": "BreadcrumbList",
            "@id": f"{url}#breadcrumb",
            "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": page.labels["home"], "item": home},
                {"@type": "ListItem", "position": 2, "name": item.title},
            ],
        },
        {
            "@type": "WebSite",
            "@id": f"{home}#website",
            "url": home,
            "name": site_name,
            "inLanguage": _LOCALES[item.edition][0],
        },
        {"@type": "Person", "@id": person, "name": item.author},
    ]
    lines.append(_json_ld(graph))
    return "\n".join(lines)


def render_post(item: ReplicaPost, variant: str = "full") -> str:
    """The single-post page (rendered whatever ``page_status`` says; the server decides)."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}")
    page = _Page(item.edition, post_page_origin(item), variant, lazy=item.post_id % 2 == 0, indic=item.post_id % 2 == 1)
    image = ""
    if item.image:
        picture = _img(page, item.image, "attachment-penci-full-thumb size-penci-full-thumb wp-post-image")
        image = f'<div class="post-image"><a href="{_a(item.image)}" data-rel="penci-gallery-image-content">{picture}</a></div>\n'
    tags = "".join(
        f'<a href="{_a(page.link(site.term_path(item.edition, "tag", term)))}" rel="tag">{_e(term.name)}</a>'
        for term in item.tags
    )
    tags = f'<div class="post-tags">{tags}</div>' if tags else ""
    count = comment_label(item.edition, item.comment_count, page.indic)
    main = f"""<div class="penci-single-wrapper">
<div class="penci-single-block">
{_breadcrumb(page, item)}
<div class="container container-single penci_sidebar right-sidebar penci-enable-lightbox">
<div id="main" class="penci-main-sticky-sidebar">
<div class="theiaStickySidebar">
<article id="post-{item.post_id}" class="{_post_classes(item)}">
<div class="header-standard header-classic single-header">
{_categories(page, item)}
<h1 class="post-title single-post-title entry-title">{_e(item.title)}</h1>
{_hidden_meta(page, item)}
<div class="post-box-meta-single"><span>{_time(page, item.published, item.date_text)}</span></div>
</div>
{image}<div class="post-entry blockquote-style-1">
<div class="inner-post-entry entry-content" id="penci-post-entry-inner">
{_content(page, item)}
<div class="penci-single-link-pages"></div>
{tags}
</div>
</div>
<div class="tags-share-box single-post-share tags-share-box-s1 center-box social-align-default disable-btnplus post-share">
<span class="single-comment-o"><i class="penci-faicon fa fa-comment-o"></i>{count}</span>
<div class="post-share-box">{_share_links(item, single=True)}</div>
</div>
{_post_navigation(page, item)}
{_related(page, item)}
{_comments(page, item)}
</article>
</div>
</div>
{_sidebar(page)}
</div>
</div>
</div>"""
    body_class = f"post-template-default single single-post postid-{item.post_id} single-format-standard"
    return _document(page, head=_post_head(page, item), body_class=body_class, main=main)


def render_not_found(edition: str | None = None, variant: str = "full") -> str:
    """The theme's 404 page, in the edition's chrome (English when the edition is unknown)."""
    edition = edition if edition in site.EDITIONS else "en"
    page = _Page(edition, LIVE_ORIGIN, variant)
    labels, home = page.labels, f"{LIVE_ORIGIN}/{edition}/"
    main = f"""<div class="container page-404">
<div class="error-404">
<div class="error-image"></div>
<p class="sub-heading-text-404">{_e(labels["oops"])}</p>
<form role="search" method="get" class="pc-searchform" action="{home}"><input type="text" class="search-input" placeholder="{_a(labels["search"])}" name="s" /></form>
<p class="go-back-home"><a href="{home}">{_e(labels["back"])}</a></p>
</div>
</div>"""
    head = f'<title>Page not found - {_e(labels["site"])}</title>\n<meta name="robots" content="noindex, follow" />'
    return _document(page, head=head, body_class="error404", main=main)
