"""Write rendered replica pages into ``tests/fixtures/pages/`` for the parser tests.

Run by hand, ``python -m tests.site.save_fixtures``, when the replica changes on
purpose.  Tests import its names, never run it: a saved page and the
expectations written beside it only change when someone regenerates them
deliberately.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import content as site
from .render import render_listing, render_post

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"

# One post page per edition with comments, related posts and share links.
FIXTURE_POSTS = {"en": 7778, "ar": 5996, "fa": 67688, "sq": 1952}


def _term_name(listing: site.Listing) -> str:
    """File-name part for an archive: the slug when ASCII, else the term id (Persian/Arabic slugs)."""
    assert listing.term is not None
    slug = listing.term.slug
    return slug if slug.isascii() else f"term-{listing.term.term_id}"


def home_page_fixture(edition: str, number: int) -> str:
    """File name of a saved home page; English page 2 is the seed listing page."""
    return "en-seed-listing.html" if (edition, number) == ("en", 2) else f"{edition}-home-{number}.html"


def fixture_pages() -> dict[str, str]:
    """File name → HTML of every saved page."""
    pages: dict[str, str] = {}
    for edition in site.EDITIONS:
        home = site.find_listing(edition, "home")
        assert home is not None
        pages[f"{edition}-home-1.html"] = render_listing(home, 1)
        pages[home_page_fixture(edition, 2)] = render_listing(home, 2)
        topic = next(listing for listing in site.listings(edition) if listing.kind == "topic")
        pages[f"{edition}-topic-{_term_name(topic)}.html"] = render_listing(topic, 1)
        tag = next(listing for listing in site.listings(edition) if listing.kind == "tag")
        pages[f"{edition}-tag-{_term_name(tag)}.html"] = render_listing(tag, 1)
        post_id = FIXTURE_POSTS[edition]
        pages[f"{edition}-post-{post_id}.html"] = render_post(site.post(edition, post_id))
    en_home, fa_home = site.find_listing("en", "home"), site.find_listing("fa", "home")
    assert en_home is not None and fa_home is not None
    pages["en-home-1-no-datetime.html"] = render_listing(en_home, 1, "no-datetime")
    pages["fa-home-1-jalali-datetime.html"] = render_listing(fa_home, 1, "jalali-datetime")
    return pages


def main() -> int:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for name, text in sorted(fixture_pages().items()):
        (FIXTURES / name).write_text(text, encoding="utf-8")
        print(f"wrote {FIXTURES.name}/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
