from nejat_crawler.editions import EDITIONS
from nejat_crawler.postset import PostSet


def test_holds_exactly_the_posts_added():
    posts = PostSet()
    added = {(edition, post_id) for edition in EDITIONS for post_id in range(1, 5000, 7)}
    for post in added:
        posts.add(post)
    for edition in EDITIONS:
        for post_id in range(0, 5100):
            assert ((edition, post_id) in posts) == ((edition, post_id) in added)


def test_an_edition_or_id_never_added_is_not_there():
    posts = PostSet()
    posts.add(("en", 16283))
    assert ("en", 16283) in posts
    assert ("fa", 16283) not in posts
    assert ("en", 16282) not in posts and ("en", 16284) not in posts
    assert ("en", 10**6) not in posts


def test_ids_too_large_for_the_bitmap_are_kept_too():
    posts = PostSet()
    huge = ("sq", 10**12 - 1)
    posts.add(huge)
    assert huge in posts
    assert ("sq", 10**12 - 2) not in posts
    assert ("ar", 10**12 - 1) not in posts
