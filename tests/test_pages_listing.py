"""The listing parser on saved pages of every edition."""

from __future__ import annotations

import json

import pytest
from parsel import Selector

from nejat_crawler.editions import get_edition
from nejat_crawler.pages.listing import parse_listing
from tests.page_expectations import PAGES, expected_path, parse_saved, saved_pages
from tests.site import content
from tests.site.save_fixtures import home_page_fixture

LISTING_PAGES = [name for name in saved_pages() if "-post-" not in name]

# The ten posts of the real English listing page (shared/seed-listing-page.txt),
# with their category labels and visible dates, in page order.
SEED = [
    ("UN mission in Iraq witnesses aftermath of Ashraf attack", ["MEK Camp Ashraf"], "September 5, 2013"),
    (
        "Americans, Saudis use MKO terrorists to destabilize region",
        ["Mujahedin Khalq; A proxy force"],
        "September 5, 2013",
    ),
    ("Ban deplores attack on Iranian exile camp north of Baghdad", ["UN"], "September 5, 2013"),
    ("Iraqis demand expulsion of MKO remnants", ["The MEK Expulsion from Iraq"], "September 5, 2013"),
    ("UNAMI delegation visits Camp Ashraf to assess the situation", ["MEK Camp Ashraf"], "September 4, 2013"),
    ("From Facts To Propaganda: Events Behind The Tragedy At Camp Ashraf", ["MEK Camp Ashraf"], "September 4, 2013"),
    ("European Union statement on killing of Camp Ashraf residents", ["European Union"], "September 4, 2013"),
    ("UK condemns violence at Camp Ashraf in Iraq", ["UK"], "September 3, 2013"),
    ("U.S. Condemns Attack at Camp Ashraf in Iraq", ["USA"], "September 3, 2013"),
    ("UN Visits Iranian Exiles At Iraqi Camp After Clashes", ["UN"], "September 3, 2013"),
]


@pytest.mark.parametrize("name", LISTING_PAGES)
def test_matches_reviewed_expectation(name):
    assert parse_saved(name) == json.loads(expected_path(name).read_text(encoding="utf-8"))


def test_seed_page_entries():
    page = parse_saved("en-seed-listing.html")
    assert [(e["title"], [c["text"] for c in e["categories"]], e["date"]["text"]) for e in page["entries"]] == SEED
    assert {e["comment_count"] for e in page["entries"]} == {0}
    for entry in page["entries"]:
        networks = [share["network"] for share in entry["share_links"]]
        assert networks == ["facebook", "twitter", "pinterest", "whatsapp", "telegram", "skype", "email"]
    assert page["next_url"] == "https://www.nejatngo.org/en/page/3"
    # Dates in the bodies ("3 September 2013") stay body text, never the entry date.
    assert page["entries"][0]["excerpt"].startswith("Iraq: UN human rights office")
    assert "3 September 2013" in page["entries"][0]["excerpt"]


@pytest.mark.parametrize("edition", ["en", "ar", "fa", "sq"])
def test_home_pages_list_exactly_their_posts(edition):
    home = content.find_listing(edition, "home")
    for number in (1, 2):
        page = parse_saved(home_page_fixture(edition, number))
        ids = [int(entry["url"].rsplit("/", 1)[1]) for entry in page["entries"]]
        # Sidebar "Recent Posts" link to posts of no listing: they are not entries.
        assert ids == list(home.page_post_ids(number))
        for entry, post_id in zip(page["entries"], ids, strict=True):
            post = content.post(edition, post_id)
            assert entry["date"]["text"] == " ".join(post.date_text.replace("\u200f", "").split())
            assert entry["comment_count"] == post.comment_count
            assert [c["text"] for c in entry["categories"]] == [term.name for term in post.categories]


def test_noisy_archive_links_are_kept_as_found():
    page = parse_saved("en-tag-camp-ashraf-inhabitants.html")
    urls = [entry["url"] for entry in page["entries"]]
    assert any("amp" in url or url.endswith("/") or "?" in url for url in urls)
    assert all(entry["excerpt"] and "Continue Reading" not in entry["excerpt"] for entry in page["entries"])


def test_dates_without_datetime_attribute_keep_their_text():
    page = parse_saved("en-home-1-no-datetime.html")
    assert all(entry["date"]["datetime"] is None and entry["date"]["text"] for entry in page["entries"])


def test_last_page_has_no_next_link():
    html = (PAGES / "sq-home-2.html").read_text(encoding="utf-8")
    page = parse_listing(Selector(text=html), "https://www.nejatngo.org/sq/page/2", get_edition("sq"))
    assert page.entries and page.next_url is None


def test_page_without_entries_is_empty_not_an_error():
    page = parse_listing(
        Selector(text="<html><body><p>Nothing Found</p></body></html>"), "https://x/en/", get_edition("en")
    )
    assert page.entries == () and page.next_url is None


# libxml2 stops parsing 2048 levels down, even with parsel's huge_tree: what lies
# deeper, and everything after it on the page, never reaches the parser's tree.
LIBXML2_DEPTH_CAP = "libxml2 halts the parse at depth 2048; the text 5,000 levels down is not in the tree"


def _deeply_nested_entry(depth: int) -> Selector:
    return Selector(
        text='<article id="post-1" class="post"><h2 class="entry-title">'
        '<a href="https://www.nejatngo.org/en/posts/1">T</a></h2><div class="entry-content">'
        + "<div>" * depth
        + "Deep text"
        + "</div>" * depth
        + "</div></article>"
    )


@pytest.mark.parametrize("depth", [2_000, 5_000])
def test_deeply_nested_entry_is_parsed_without_recursion_error(depth):
    page = parse_listing(_deeply_nested_entry(depth), "https://www.nejatngo.org/en/", get_edition("en"))
    assert [(entry.url, entry.title) for entry in page.entries] == [("https://www.nejatngo.org/en/posts/1", "T")]


@pytest.mark.parametrize(
    "depth",
    [2_000, pytest.param(5_000, marks=pytest.mark.xfail(strict=True, raises=AssertionError, reason=LIBXML2_DEPTH_CAP))],
)
def test_deeply_nested_excerpt_text_comes_out(depth):
    # 2,000 levels is twice Python's recursion limit, which the old walker hit.
    page = parse_listing(_deeply_nested_entry(depth), "https://www.nejatngo.org/en/", get_edition("en"))
    assert [entry.excerpt for entry in page.entries] == ["Deep text"]
