import pytest

from nejat_crawler.urls import canonical_url, edition_of, last_path_segment, post_key, post_url

CANONICAL_POST = "https://www.nejatngo.org/en/posts/3453"


@pytest.mark.parametrize(
    "variant",
    [
        "https://www.nejatngo.org/en/posts/3453",
        "http://www.nejatngo.org/en/posts/3453",
        "https://nejatngo.org/en/posts/3453",
        "http://nejatngo.org/en/posts/3453/",
        "https://www.nejatngo.org/en/posts/3453?amp=1",
        "https://www.nejatngo.org/en/posts/3453?noamp=mobile",
        "https://www.nejatngo.org/en/posts/3453?=1",
        "https://www.nejatngo.org/en/posts/3453/amp/",
        "https://www.nejatngo.org/en/posts/3453/amp",
        "https://www.nejatngo.org/en/posts/3453#respond ",
        "https://www.nejatngo.org/en/posts/3453#more-3453",
        "/en/posts/3453?amp=1#comments",
        " https://WWW.nejatngo.org/en/posts/3453 ",
    ],
)
def test_post_variants_fold_onto_one_canonical_url(variant):
    assert canonical_url(variant) == CANONICAL_POST
    assert post_key(variant) == ("en", 3453)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.nejatngo.org/en", "https://www.nejatngo.org/en/"),
        ("http://nejatngo.org/fa/", "https://www.nejatngo.org/fa/"),
        ("https://www.nejatngo.org/en/amp/page/7?amp=1", "https://www.nejatngo.org/en/page/7"),
        ("https://nejatngo.org/en/topic/iraq/page/24?amp=1", "https://www.nejatngo.org/en/topic/iraq/page/24"),
        ("/en/blog/nejat-bloggers/amp/page/195?amp=1", "https://www.nejatngo.org/en/blog/nejat-bloggers/page/195"),
        ("/en/tag/nowruz/", "https://www.nejatngo.org/en/tag/nowruz"),
        ("/en/?s=ashraf&amp=1", "https://www.nejatngo.org/en/?s=ashraf"),
        ("https://www.facebook.com/sharer.php?u=x#top", "https://www.facebook.com/sharer.php?u=x"),
        ("/en/tag/amp", "https://www.nejatngo.org/en/tag/amp"),
        ("/en/tag/amp/page/2?amp=1", "https://www.nejatngo.org/en/tag/amp/page/2"),
        ("/fa/topic/%d9%86%d9%82%d8%b6", "https://www.nejatngo.org/fa/topic/%D9%86%D9%82%D8%B6"),
        ("/fa/topic/نقض", "https://www.nejatngo.org/fa/topic/%D9%86%D9%82%D8%B6"),
        # An escaped slash is part of a slug, not a path separator.
        ("/en/tag/a%2Fb", "https://www.nejatngo.org/en/tag/a%2Fb"),
        # Arguments in one order, so links that list them differently fold together.
        ("/en/?s=ashraf&amp=1&paged=2", "https://www.nejatngo.org/en/?paged=2&s=ashraf"),
    ],
)
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://www.nejatngo.org/en/",
        "https://www.nejatngo.org/en/page/2",
        "https://www.nejatngo.org/en/topic/un",
        "https://www.nejatngo.org/xx/posts/12",
        "https://www.nejatngo.org/en/posts/abc",
        "https://example.org/en/posts/12",
        "https://www.nejatngo.org/en/wp-content/uploads/2013/09/posts/1.jpg",
    ],
)
def test_non_posts_have_no_post_key(url):
    assert post_key(url) is None


def test_shortlink_names_its_post():
    assert post_key("https://www.nejatngo.org/en/?p=16251") == ("en", 16251)


def test_post_url_and_edition():
    assert post_url("fa", 67530) == "https://www.nejatngo.org/fa/posts/67530"
    assert edition_of("http://nejatngo.org/sq/page/2") == "sq"
    assert edition_of("https://www.nejatngo.org/wp-login.php") is None
    assert edition_of("https://example.org/en/page/2") is None


def test_persian_slug_is_decoded():
    url = "https://www.nejatngo.org/fa/topic/%D9%86%D9%82%D8%B6-%D8%AD%D9%82%D9%88%D9%82"
    assert last_path_segment(url) == "نقض-حقوق"


# --- Input no URL parser accepts, and numbers no post id is -------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("http://[", id="unclosed-ipv6-host"),
        pytest.param("https://www.nejatngo.org/en/posts/" + "9" * 5_000, id="id-past-int-digit-limit"),
        pytest.param("https://www.nejatngo.org/en/posts/1234567890123", id="id-of-13-digits"),
        pytest.param("https://www.nejatngo.org/en/posts/0", id="id-zero"),
        pytest.param("https://www.nejatngo.org/en/?p=" + "9" * 5_000, id="shortlink-past-int-digit-limit"),
        # "²".isdigit() is true and int() refuses it.
        pytest.param("https://www.nejatngo.org/en/?p=²", id="shortlink-superscript-digit"),
        pytest.param("https://www.nejatngo.org/en/?p=0", id="shortlink-zero"),
    ],
)
def test_unusable_urls_and_implausible_ids_are_no_post(url):
    assert post_key(url) is None


def test_twelve_digit_id_and_leading_zeros_are_a_post():
    assert post_key("https://www.nejatngo.org/en/posts/999999999999") == ("en", 999_999_999_999)
    assert post_key("https://www.nejatngo.org/en/posts/007") == ("en", 7)


def test_unusable_url_has_no_edition_and_canonical_url_refuses_it():
    assert edition_of("http://[") is None
    with pytest.raises(ValueError):
        canonical_url("http://[")
