"""The ``nejat`` spider's ``-a`` arguments, checked in one place before any request.

=========== ===================================================== ====================
argument    meaning                                               default
=========== ===================================================== ====================
editions    comma list out of en, ar, fa, sq                      all four
mirror      origin to fetch from instead of the live site,        none
            e.g. http://127.0.0.1:8000; items keep live URLs
listings    comma list of listing paths to walk instead of        /{ed}/ per edition
            each edition's home, e.g. /en/topic/un
max_pages   cap on listing pages per listing chain                no cap
articles    1: fetch each post's own page once for the full       1
            record; 0: listing pages only
incremental 1: only posts new or changed since earlier runs,      0
            stopping each listing where the known posts begin
overlap     with incremental=1, listing pages to walk past the    0
            first page of known posts
revisit     re-read up to N known posts' pages after the walk,    0
            never-checked then longest-unchecked first, to find
            edits and deletions (``nejat_crawler.revisits``)
source      warc:PATH[,PATH…]: answer every request from these    the live site
            WARC archives, sending none to the site
=========== ===================================================== ====================

A default applies only to an argument left out: ``editions=``, ``listings=``
or ``mirror=`` naming nothing (empty, blank, only commas) is an error, not a
request for all editions, the edition homes or the live site.  A listing is
an edition home, topic, tag or other archive, never a post's permalink, and
its path has no control characters, backslashes or ``..``.  A mirror is a bare
origin: no credentials, no path, and a port from 1 to 65535 if any.  An
archive must exist and be a WARC file; pages come from it or from a mirror,
not both, and a replay is never incremental (it keeps a state of its own).
A replay sends no request to the site, so it runs without the politeness
delays (``-s`` settings still win).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nejat_crawler.editions import EDITION_CODES, get_edition
from nejat_crawler.sources.mirror import Mirror
from nejat_crawler.urls import canonical_url, edition_of, post_key, unsafe_path
from nejat_crawler.warc import check_archive

_SOURCE_PREFIX = "warc:"
# A replay asks the disk, not the site: no delay needed between requests.
_REPLAY_SETTINGS = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "HTTPCACHE_ENABLED": False,
    # A stored 503 with Retry-After is retried at once: the archive has no time to wait for.
    "NEJAT_RETRY_AFTER_MAX": 0,
}


@dataclass(frozen=True)
class SpiderArguments:
    editions: tuple[str, ...]
    mirror: Mirror | None
    listing_urls: tuple[str, ...]
    max_pages: int | None
    articles: bool
    incremental: bool = False
    overlap: int = 0
    revisit: int = 0
    archives: tuple[Path, ...] = ()
    """WARC files to answer from (``source=warc:…``); none: the live site or the mirror."""

    @classmethod
    def parse(
        cls,
        editions: str | None = None,
        mirror: str | None = None,
        listings: str | None = None,
        max_pages: str | int | None = None,
        articles: str | int | bool = True,
        incremental: str | int | bool = False,
        overlap: str | int | None = None,
        revisit: str | int | None = None,
        source: str | None = None,
        **unknown: Any,
    ) -> SpiderArguments:
        """Parse the raw strings; a ValueError says what is wrong and what is valid."""
        unknown.pop("_job", None)  # scrapyd passes the job id as a spider argument
        if unknown:
            raise ValueError(
                f"unknown argument(s) {', '.join(sorted(unknown))}; "
                "the nejat spider takes editions, mirror, listings, max_pages, articles, incremental, overlap, "
                "revisit and source"
            )
        codes = _parse_editions(editions)
        archives = parse_source(source)
        if archives and mirror is not None:
            raise ValueError("source=warc: answers every request from the archive; leave mirror out")
        if archives and _parse_switch("incremental", incremental):
            raise ValueError(
                "source=warc: re-reads an archive with a state of its own; incremental runs compare with "
                "the live state, so leave incremental out"
            )
        return cls(
            editions=codes,
            mirror=_parse_mirror(mirror),
            listing_urls=_parse_listings(listings, codes),
            max_pages=_parse_count("max_pages", max_pages, minimum=1),
            articles=_parse_switch("articles", articles),
            incremental=_parse_switch("incremental", incremental),
            overlap=_parse_count("overlap", overlap, minimum=0) or 0,
            revisit=_parse_count("revisit", revisit, minimum=0) or 0,
            archives=archives,
        )

    def describe(self) -> dict[str, Any]:
        """The arguments as JSON values, for the run's manifest."""
        return {
            "editions": list(self.editions),
            "mirror": self.mirror.origin if self.mirror else None,
            "listings": list(self.listing_urls),
            "max_pages": self.max_pages,
            "articles": self.articles,
            "incremental": self.incremental,
            "overlap": self.overlap,
            "revisit": self.revisit,
            "source": [str(path) for path in self.archives] or None,
        }

    def settings(self) -> dict[str, Any]:
        """The settings these arguments imply, for the components that read them."""
        if self.archives:
            return {"NEJAT_SOURCE": _SOURCE_PREFIX + ",".join(map(str, self.archives)), **_REPLAY_SETTINGS}
        if self.mirror is None:
            return {}
        # Cached pages are keyed by live URL: the mirror's must not pass for the site's.
        cache = "httpcache/mirror-" + self.mirror.origin.split("://", 1)[1].replace(":", "-")
        return {"NEJAT_MIRROR": self.mirror.origin, "HTTPCACHE_DIR": cache}


def _parse_editions(value: str | None) -> tuple[str, ...]:
    if value is None:
        return EDITION_CODES
    codes = tuple(dict.fromkeys(code.strip().lower() for code in value.split(",") if code.strip()))
    if not codes:  # ``editions=`` or ``editions=,,``: a mistake, not a request for all of them
        raise ValueError(f"editions names no edition; valid editions are: {', '.join(EDITION_CODES)}")
    for code in codes:
        get_edition(code)  # raises a ValueError naming the valid editions
    return codes


def _parse_mirror(value: str | None) -> Mirror | None:
    if value is None:
        return None
    if not value.strip():  # ``mirror=``: a mistake that would otherwise crawl the live site
        raise ValueError("mirror names no origin; leave mirror out to fetch from the live site")
    return Mirror.parse(value)


def parse_source(value: str | None) -> tuple[Path, ...]:
    """The archives of ``warc:PATH[,PATH…]``, each checked; a ValueError says what is wrong."""
    if value is None:
        return ()
    if not value.strip().startswith(_SOURCE_PREFIX):
        raise ValueError(f"source must be warc:PATH[,PATH…] (WARC archives to answer from), not {value!r}")
    named = value.strip().removeprefix(_SOURCE_PREFIX).split(",")
    paths = tuple(Path(path.strip()).resolve() for path in named if path.strip())
    if not paths:
        raise ValueError("source=warc: names no archive; give the path of a .warc.gz file")
    for path in paths:
        check_archive(path)  # raises a ValueError saying what is wrong with it
    return paths


def _parse_listings(value: str | None, editions: tuple[str, ...]) -> tuple[str, ...]:
    if value is None:
        return tuple(canonical_url(f"/{code}/") for code in editions)
    paths = [path for path in (p.strip() for p in value.split(",")) if path]
    if not paths:  # ``listings=`` or ``listings=,,``: a mistake, not a request for the edition homes
        raise ValueError("listings names no listing; give listing paths such as /en/ or /en/topic/un")
    return tuple(_listing_url(path, editions) for path in paths)


def _listing_url(path: str, editions: tuple[str, ...]) -> str:
    if problem := unsafe_path(path):
        raise ValueError(f"listing {path!r} is no path of the site: {problem}")
    url = canonical_url(path if path.startswith(("http:", "https:", "/")) else "/" + path)
    edition = edition_of(url)
    if edition is None:
        raise ValueError(
            f"listing {path!r} is not under an edition; it must start with one of "
            + ", ".join(f"/{code}/" for code in EDITION_CODES)
        )
    if post_key(url) is not None:
        raise ValueError(
            f"listing {path!r} is a post, not a listing; give an edition home, topic or tag such as /en/topic/un"
        )
    if edition not in editions:
        raise ValueError(
            f"listing {path!r} belongs to edition {edition}, which editions={','.join(editions)} leaves out"
        )
    return url


def _parse_count(name: str, value: str | int | None, minimum: int) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        pages = int(value)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {value!r}") from None
    if pages < minimum:
        raise ValueError(f"{name} must be at least {minimum}, not {pages}")
    return pages


def _parse_switch(name: str, value: str | int | bool) -> bool:
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{name} must be 1 or 0, not {value!r}")
