"""The replica itself: its later version (for incremental crawls) comes and goes cleanly."""

import html
import urllib.request

import pytest

from tests.site import content as site
from tests.site.server import ReplicaServer


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


def home(edition: str) -> site.Listing:
    listing = site.find_listing(edition, "home")
    assert listing is not None
    return listing


def test_later_version_adds_posts_and_comments_then_restores_the_site():
    posts, by_key, listings = site.POSTS, site._BY_KEY, site.LISTINGS
    by_key_copy = dict(by_key)
    first = home("en").post_ids[0]
    commented = site.post("en", first)
    fa_first = home("fa").post_ids[0]
    assert site.home_page_of("en", first) == 1
    with ReplicaServer() as server:
        _, old_page_1 = fetch(server.url + "/en/")
        with site.later_version({"en": 12, "fa": 2}, more_comments=[("en", first)]) as later:
            new_en = [p for p in later.new if p.edition == "en"]
            new_fa = [p for p in later.new if p.edition == "fa"]
            assert len(new_en) == 12 and len(new_fa) == 2
            assert min(p.post_id for p in new_en) > max(p.post_id for p in posts if p.edition == "en")
            assert min(p.published for p in new_en) > max(p.published for p in posts if p.edition == "en")

            en_home = home("en")
            assert en_home.post_ids[:12] == tuple(p.post_id for p in new_en)
            assert set(en_home.page_post_ids(1)) | set(en_home.page_post_ids(2)[:2]) == {p.post_id for p in new_en}
            assert en_home.post_ids.index(first) == 12
            assert site.home_page_of("en", first) == 2
            assert home("fa").post_ids[:3] == (*(p.post_id for p in new_fa), fa_first)
            # The new posts share the newest listed post's categories: they top that topic listing too.
            topic = site.find_listing("en", "topic", commented.categories[0].slug)
            assert topic is not None and topic.post_ids[:12] == en_home.post_ids[:12]

            assert later.updated == (site.post("en", first),)
            assert site.post("en", first).comment_count == commented.comment_count + 1
            assert site.post("en", first).comments[:-1] == commented.comments

            status, _ = fetch(server.url + new_en[0].path)
            assert status == 200
            _, page_1 = fetch(server.url + "/en/")
            assert all(html.escape(p.title, quote=False) in page_1 for p in new_en[:10])
            _, page_2 = fetch(server.url + "/en/page/2")
            assert all(html.escape(p.title, quote=False) in page_2 for p in new_en[10:])
        assert site.POSTS is posts and site.LISTINGS is listings and site._BY_KEY is by_key
        assert by_key == by_key_copy
        assert fetch(server.url + "/en/")[1] == old_page_1
        with pytest.raises(urllib.request.HTTPError) as gone:
            fetch(server.url + new_en[0].path)
        assert gone.value.code == 404


def test_later_version_restores_the_site_when_the_body_raises():
    posts, listings = site.POSTS, site.LISTINGS
    with pytest.raises(RuntimeError), site.later_version({"sq": 1}):
        assert home("sq").post_ids[0] not in {p.post_id for p in posts}
        raise RuntimeError("boom")
    assert site.POSTS is posts and site.LISTINGS is listings
