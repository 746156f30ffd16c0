"""The site's own URL rules: its origins, canonical forms, post permalinks.

The live site answers on http and https, with and without ``www.``, and links
to the same page through AMP and tracking variants (``?amp=1``,
``?noamp=mobile``, ``?=1``, ``/amp/``, ``#respond``, ``#more-ID``).  Every URL
we emit is folded onto one canonical form on ``LIVE_ORIGIN``.  A mirror
standing in for the site is ``nejat_crawler.sources``' business, never ours.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import SplitResult, parse_qsl, unquote, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

from nejat_crawler.editions import EDITIONS

LIVE_ORIGIN = "https://www.nejatngo.org"
LIVE_DOMAIN = "nejatngo.org"
LIVE_HOSTS = frozenset({"www.nejatngo.org", LIVE_DOMAIN})

# Query parameters that only select a rendering of the same page (AMP plugin)
# or are noise copied around with links (the empty key of ``?=1``).
_NOISE_PARAMS = ("amp", "noamp", "")

_EDITION_GROUP = "|".join(EDITIONS)
# A post id: WordPress ids start at 1; more than 12 digits is no id of this
# site (and ``int()`` refuses strings of more than 4,300 digits).
_POST_ID = r"0*([1-9][0-9]{0,11})"
_POST_PATH = re.compile(rf"^/({_EDITION_GROUP})/posts/{_POST_ID}/?$")
_EDITION_PATH = re.compile(rf"^/({_EDITION_GROUP})(?:/|$)")
_EDITION_HOME = re.compile(rf"^/({_EDITION_GROUP})$")
# The AMP plugin's path forms: right after the edition (``/en/amp``,
# ``/en/amp/page/7``), at the end (``/en/posts/1/amp/``) or before the page
# number (``/en/blog/x/amp/page/195``).  Right after a taxonomy base
# (``/en/tag/amp``) it is a term's slug, not the AMP marker.
_TAXONOMY_BASES = ("topic", "tag", "blog", "module", "ctype", "author", "category")
_NOT_AFTER_BASE = "".join(f"(?<!/{base})" for base in _TAXONOMY_BASES)
_AMP_SEGMENT = re.compile(rf"^(/(?:{_EDITION_GROUP}))/amp(?=/|$)|{_NOT_AFTER_BASE}/amp(?=/page/\d+/?$|/?$)")


def _clean_path(path: str) -> str:
    """The site's own path rules: no AMP segment, no doubled slash, and no
    trailing slash except on an edition home (``/en/``)."""
    path = _AMP_SEGMENT.sub(lambda match: match.group(1) or "", path.strip())
    path = re.sub(r"/{2,}", "/", path).rstrip("/") or "/"
    return path + "/" if _EDITION_HOME.match(path) else path


# A listing page names the same category links, and a post's share buttons
# the same post, many times over: each distinct URL is canonicalised once.
# Bounded and small (8,192 entries held 3 MB): the repeats come close together.
_CACHED_URLS = 1024


@lru_cache(maxsize=_CACHED_URLS)
def canonical_url(url: str, base: str = LIVE_ORIGIN) -> str:
    """Canonical live-site form of any URL of the site.

    Resolves ``url`` against ``base``, moves nejatngo.org hosts to the live
    origin, drops fragments, AMP/noise query parameters and AMP path segments,
    and the trailing slash except on an edition home (``/en/``), which is how
    WordPress itself spells its permalinks.  URLs of other hosts come back
    resolved but otherwise untouched.  A string no URL parser accepts
    (``http://[``) raises ValueError; ``post_key`` and ``edition_of`` answer
    None for it.
    """
    parts = urlsplit(urljoin(base, url.strip()))
    if (parts.hostname or "") not in LIVE_HOSTS:
        return urlunsplit(parts._replace(fragment=""))
    # w3lib spells the URL one way first (upper-case escapes, Persian letters
    # encoded, reserved escapes such as %2F kept, arguments sorted, no
    # fragment); the site's own rules then apply to that spelling, so the
    # result is canonical again when read back.
    live = urlsplit(LIVE_ORIGIN)
    parts = urlsplit(canonicalize_url(urlunsplit(parts._replace(scheme=live.scheme, netloc=live.netloc))))
    url = urlunsplit(parts._replace(path=_clean_path(parts.path)))
    return url_query_cleaner(url, _NOISE_PARAMS, remove=True, unique=False, keep_fragments=False)


@lru_cache(maxsize=_CACHED_URLS)
def post_key(url: str, base: str = LIVE_ORIGIN) -> tuple[str, int] | None:
    """``(edition, post_id)`` when ``url`` is a post permalink of the site, else None.

    None as well for a string that is no URL at all (``http://[``).
    """
    canonical = _site_url(url, base)
    if canonical is None:
        return None
    match = _POST_PATH.match(canonical.path)
    if match:
        return match.group(1), int(match.group(2))
    # WordPress shortlinks and GUIDs: ``/en/?p=16251``.
    home = _EDITION_HOME.match(canonical.path.rstrip("/"))
    # ASCII digits only: "²".isdigit() is true, and int() refuses it.
    post_id = re.fullmatch(_POST_ID, dict(parse_qsl(canonical.query)).get("p", ""))
    return (home.group(1), int(post_id.group(1))) if home and post_id else None


def post_url(edition: str, post_id: int) -> str:
    """The canonical permalink of a post."""
    return f"{LIVE_ORIGIN}/{edition}/posts/{post_id}"


def edition_of(url: str) -> str | None:
    """The edition code a site URL belongs to, from its first path segment."""
    canonical = _site_url(url)
    match = _EDITION_PATH.match(canonical.path) if canonical else None
    return match.group(1) if match else None


def _site_url(url: str, base: str = LIVE_ORIGIN) -> SplitResult | None:
    """The canonical form of ``url``, split, when it is on the site; None for
    other hosts and for strings no URL parser accepts."""
    try:
        canonical = urlsplit(canonical_url(url, base))
    except ValueError:  # "http://[": an unclosed IPv6 host, and the like
        return None
    return canonical if canonical.netloc == urlsplit(LIVE_ORIGIN).netloc else None


def last_path_segment(url: str) -> str:
    """The last non-empty path segment, percent-decoded (a WordPress slug)."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    return unquote(segments[-1]) if segments else ""


# The origins the live site answers on (both hosts, http and https, default
# ports).  Nothing else is ever requested: another port is another site.
_DEFAULT_PORTS = {"https": 443, "http": 80}
SITE_ORIGINS = frozenset((scheme, host, port) for scheme, port in _DEFAULT_PORTS.items() for host in LIVE_HOSTS)


def is_site_origin(url: str) -> bool:
    """True when ``url`` is on one of the live site's own origins: scheme, host and port."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:  # a port that is not a number
        return False
    scheme = parts.scheme.lower()
    return (scheme, parts.hostname or "", port or _DEFAULT_PORTS.get(scheme)) in SITE_ORIGINS


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def unsafe_path(url: str) -> str | None:
    """Why ``url``'s path is no path of the site's to request, or None.

    Control characters, backslashes, and ``..`` segments, also when escaped
    (``..%2F``): the site never writes them, and a server may read them as a
    way out of the folder asked for.
    """
    path = unquote(urlsplit(url).path)
    if _CONTROL.search(url) or _CONTROL.search(path):
        return "it holds control characters"
    if "\\" in path or ".." in path.split("/"):
        return "it climbs out of its folder (.. or a backslash)"
    return None
