"""Share links as ``{platform, url, target}``.

``platform`` comes from the button's class (``post-share-facebook``) or,
failing that, from the share URL's host; an unknown network is ``other`` and
keeps its URL.  ``target`` is the post URL the button shares, read out of
the share URL's parameters and canonicalised like item URLs, so a consumer
can check a button really shares its own post.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote_plus, urlsplit

from nejat_crawler.items import Deletion, Post, ShareLink
from nejat_crawler.pipelines import NejatPipeline
from nejat_crawler.urls import post_key, post_url

# Share-URL host suffix -> platform.  x.com is Twitter's current name.
_PLATFORM_BY_HOST = {
    "facebook.com": "facebook",
    "twitter.com": "twitter",
    "x.com": "twitter",
    "pinterest.com": "pinterest",
    "whatsapp.com": "whatsapp",
    "wa.me": "whatsapp",
    "telegram.me": "telegram",
    "t.me": "telegram",
    "skype.com": "skype",
    "linkedin.com": "linkedin",
    "reddit.com": "reddit",
    "tumblr.com": "tumblr",
    "vk.com": "vk",
    "ok.ru": "ok",
    "line.me": "line",
    "getpocket.com": "pocket",
    "stumbleupon.com": "stumbleupon",
}
_PLATFORM_BY_SCHEME = {"mailto": "email", "viber": "viber", "whatsapp": "whatsapp", "tg": "telegram"}
_KNOWN_PLATFORMS = frozenset(_PLATFORM_BY_HOST.values()) | frozenset(_PLATFORM_BY_SCHEME.values())
# Parameters share services use for the shared page, or for text that contains it.
_TARGET_PARAMS = ("u", "url", "link", "href", "text", "body", "description", "summary", "subject")
# Entities WordPress leaves in hrefs (``&#038;`` from esc_url, a doubled ``&amp;``).
_ENTITY = re.compile(r"&(?:#0*38|#x0*26|amp);", re.IGNORECASE)
_URL_IN_TEXT = re.compile(r"https?://[^\s\"'<>]+")


class ShareLinksPipeline(NejatPipeline):
    name = "share_links"
    fills = ("share_links",)

    def process_item(self, item: Post | Deletion) -> Post | Deletion:
        if isinstance(item, Deletion):
            return item  # a notice that a post is gone: nothing to normalise
        if not item.raw.share_links:
            return item
        links = []
        for share in item.raw.share_links:
            if not share.href:
                self.count("no_url")
                continue
            link = self._share_link(share.network, share.href)
            if link.platform == "other":
                self.count("unknown_platform")
            if link.target is None:
                self.count("no_target")
            elif link.target != item.url:
                self.count("target_mismatch")
            links.append(link)
        item.share_links = links
        return item

    def _share_link(self, network: str | None, href: str) -> ShareLink:
        url = quote(_ENTITY.sub("&", href.strip()), safe=":/?#[]@!$&'()*+,;=%~")
        return ShareLink(platform=platform_of(network, url), url=url, target=share_target(url))


def platform_of(network: str | None, url: str) -> str:
    """The canonical platform name from the button class or the share URL."""
    if network and network.lower() in _KNOWN_PLATFORMS:
        return network.lower()
    if network and network.lower() == "mail":
        return "email"
    parts = urlsplit(url)
    if parts.scheme in _PLATFORM_BY_SCHEME:
        return _PLATFORM_BY_SCHEME[parts.scheme]
    host = (parts.hostname or "").lower()
    for suffix, platform in _PLATFORM_BY_HOST.items():
        if host == suffix or host.endswith("." + suffix):
            return platform
    return "other"


def share_target(url: str) -> str | None:
    """The post URL a share URL points at, canonicalised; None if it names none."""
    parts = urlsplit(url)
    # A mailto: link has no fragment: a "#" in the subject is part of the text.
    query = url.partition("?")[2] if parts.scheme == "mailto" else parts.query
    # Names decoded as parse_qsl decodes them, the last of a name winning; a
    # value is decoded only when its turn comes, as most shares name the post
    # in their first parameter and a long title need not be decoded.
    encoded: dict[str, str] = {}
    for pair in query.split("&"):
        if pair:
            name, _, value = pair.partition("=")
            encoded[unquote_plus(name).lower()] = value
    for name in _TARGET_PARAMS:
        if name not in encoded:
            continue
        value = unquote_plus(encoded[name])
        candidates = [value.strip()] if value.strip().startswith("http") else _URL_IN_TEXT.findall(value)
        for candidate in candidates:
            if (key := post_key(candidate)) is not None:
                return post_url(*key)
    return None
