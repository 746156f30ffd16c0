"""Typed items.  Scrapy handles dataclasses through itemadapter.

A ``Post`` is built by ``nejat_crawler.records`` from what the page parsers
found, then completed by the item pipelines.  Values the pipelines still have
to interpret (the ``datetime`` attribute, meta tags, raw category, tag and
share links) travel in ``Post.raw``, a frozen ``RawValues``, so each pipeline
reads typed attributes; so does the listing fingerprint the run recorder
keeps in the state.  ``raw`` is never exported (see ``EXPORTED_FIELDS``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from nejat_crawler.pages.common import FoundLink, FoundShare
from nejat_crawler.state import Change, Fields


@dataclass
class Term:
    """A category or a tag: WordPress terms share one shape."""

    name: str
    slug: str | None
    url: str | None


@dataclass
class ShareLink:
    platform: str
    url: str
    target: str | None


@dataclass(frozen=True)
class RawDates:
    """Machine-readable date values as found, for the dates pipeline."""

    datetime: str | None = None
    """The post's visible ``time@datetime`` (listing entry or post header)."""
    meta_published: str | None = None
    jsonld_published: str | None = None
    meta_modified: str | None = None
    jsonld_modified: str | None = None


@dataclass(frozen=True)
class RawValues:
    """What the pages found that a pipeline still has to normalise."""

    categories: tuple[FoundLink, ...] = ()
    tags: tuple[FoundLink, ...] | None = None
    """None until a post page has been read: listing pages show no tags."""
    share_links: tuple[FoundShare, ...] = ()
    dates: RawDates = RawDates()
    listing_fingerprint: str = ""
    """Digest of what the listing showed (title, categories, comment count, date), for the state;
    empty when the post was read from its page alone (a revisit)."""
    listing_fields: Fields | None = None
    """The same, a digest per field, to name what changed."""
    page_status: int | None = None
    """What the post page answered: 200 when read, the HTTP status when it failed with one."""
    page_fields: Fields | None = None
    """Digests of the post page's fields, set by the history pipeline once they are normalised."""
    revisit: bool = False
    """Fetched to check a known post (``-a revisit=``), not found on a listing in this run."""
    page_lacks: tuple[str, ...] = ()
    """Fields the post page did not show, kept from the listing: a page read alone (a revisit)
    has no listing to fall back on, so the page's digests leave them out."""


@dataclass
class Post:
    url: str
    edition: str
    post_id: int
    title: str | None
    categories: list[Term] = field(default_factory=list)
    published: str | None = None
    published_at: str | None = None
    date_text: str | None = None
    comment_count: int | None = None
    share_links: list[ShareLink] = field(default_factory=list)
    excerpt: str | None = None
    image: str | None = None
    listing_url: str | None = None
    crawled_at: str | None = None
    tags: list[Term] = field(default_factory=list)
    author: str | None = None
    content_html: str | None = None
    content_text: str | None = None
    images: list[str] = field(default_factory=list)
    modified_at: str | None = None
    canonical_url: str | None = None
    article_error: str | None = None
    change: Change | None = None
    """How the post compares with what earlier runs exported: new, updated, unchanged or restored."""
    changed_fields: list[str] = field(default_factory=list)
    """With ``updated``: the fields that differ from what earlier runs saw."""
    raw: RawValues = field(default_factory=RawValues)
    """Values as found on the pages, for the pipelines; not exported."""

    def record(self) -> dict[str, Any]:
        """The exported fields in schema order, as the JSON line holds them:
        terms and share links as dicts, ``raw`` left out.

        Built directly rather than through itemadapter, which asks every
        adapter class about every nested value: on a long crawl that was a
        tenth of the CPU."""
        return {name: _plain(getattr(self, name)) for name in EXPORTED_FIELDS}


@dataclass
class Deletion:
    """A known post found deleted: its page answers 404 or 410 (see ``nejat_crawler.history``)."""

    url: str
    edition: str
    post_id: int
    deleted_at: str
    """When this run found it gone (ISO 8601, UTC)."""
    last_seen: str | None
    """When a run last saw it alive: exported it, or had its page answer 200."""
    change: Change = "deleted"
    status: int = 410
    """What its page answered (404 or 410), for the state; not exported."""

    def record(self) -> dict[str, Any]:
        """The exported line, in the order the schema lists its fields."""
        return {name: getattr(self, name) for name in DELETION_FIELDS}


EXPORTED_FIELDS: list[str] = [f.name for f in fields(Post) if f.name != "raw"]
DELETION_FIELDS = ("url", "edition", "post_id", "change", "deleted_at", "last_seen")
LINE_FIELDS: list[str] = [*EXPORTED_FIELDS, *(name for name in DELETION_FIELDS if name not in EXPORTED_FIELDS)]
"""Every field a line may hold, in schema order: for the exporters, which write those an item has."""
_NESTED_FIELDS = {kind: tuple(f.name for f in fields(kind)) for kind in (Term, ShareLink)}


def _plain(value: Any) -> Any:
    """A list of terms or share links as a list of dicts; any other value as it is."""
    if not isinstance(value, list):
        return value
    return [
        {name: getattr(element, name) for name in names} if (names := _NESTED_FIELDS.get(type(element))) else element
        for element in value
    ]
