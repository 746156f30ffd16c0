import pytest
from parsel import Selector
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from nejat_crawler.editions import get_edition
from nejat_crawler.items import RawValues, Term
from nejat_crawler.pages.common import FoundLink
from nejat_crawler.pages.listing import parse_listing
from nejat_crawler.pipelines.categories import CategoriesPipeline
from tests.conftest import make_post, nejat_stats


def links(pairs):
    return tuple(FoundLink(text, href) for text, href in pairs)


def categories_of(pipeline, found, edition="en"):
    return pipeline.process_item(make_post(edition=edition, raw=RawValues(categories=links(found)))).categories


def test_name_slug_and_canonical_url(crawler):
    pipeline = CategoriesPipeline.from_crawler(crawler)
    found = [
        ("  Mujahedin Khalq;\n A proxy force ", "http://nejatngo.org/en/topic/mujahedin-khalq-proxy-force/?amp=1"),
        ("UN", "/en/topic/un"),
        # parsel hands over the label as the browser shows it: this one was
        # "Defectors &amp;amp; families" in the HTML, and the page shows "&amp;".
        ("Defectors &amp; families", "https://www.nejatngo.org/en/topic/defectors"),
    ]
    assert categories_of(pipeline, found) == [
        Term(
            "Mujahedin Khalq; A proxy force",
            "mujahedin-khalq-proxy-force",
            "https://www.nejatngo.org/en/topic/mujahedin-khalq-proxy-force",
        ),
        Term("UN", "un", "https://www.nejatngo.org/en/topic/un"),
        Term("Defectors &amp; families", "defectors", "https://www.nejatngo.org/en/topic/defectors"),
    ]


def test_persian_slug_is_readable(crawler):
    pipeline = CategoriesPipeline.from_crawler(crawler)
    href = "https://www.nejatngo.org/fa/topic/%D9%86%D9%82%D8%B6-%D8%AD%D9%82%D9%88%D9%82-%D8%A8%D8%B4%D8%B1"
    [category] = categories_of(pipeline, [("نقض حقوق بشر", href)], edition="fa")
    assert category.slug == "نقض-حقوق-بشر"
    assert category.url == href


def test_first_name_wins_for_one_slug(crawler):
    pipeline = CategoriesPipeline.from_crawler(crawler)
    categories_of(pipeline, [("Expulsion from Iraq", "/en/topic/expulsion-from-iraq")])
    [renamed] = categories_of(pipeline, [("The MEK Expulsion from Iraq", "/en/topic/expulsion-from-iraq")])
    assert renamed.name == "Expulsion from Iraq"
    [other_edition] = categories_of(pipeline, [("Dëbimi", "/sq/topic/expulsion-from-iraq")], edition="sq")
    assert other_edition.name == "Dëbimi"
    assert nejat_stats(crawler)["nejat/categories/category_name_conflict"] == 1


def test_label_without_link_keeps_its_name(crawler):
    pipeline = CategoriesPipeline.from_crawler(crawler)
    assert categories_of(pipeline, [("UK", None), ("   ", "/en/topic/blank")]) == [Term("UK", None, None)]
    assert nejat_stats(crawler)["nejat/categories/category_without_link"] == 1


def test_item_without_found_categories_is_untouched(crawler):
    pipeline = CategoriesPipeline.from_crawler(crawler)
    post = make_post(categories=[Term("UN", "un", "https://www.nejatngo.org/en/topic/un")])
    assert pipeline.process_item(post).categories == [Term("UN", "un", "https://www.nejatngo.org/en/topic/un")]


def test_switched_off_says_which_fields_stay_empty():
    crawler = get_crawler(settings_dict={"NEJAT_CATEGORIES_ENABLED": False})
    with pytest.raises(NotConfigured, match="categories, tags will be empty"):
        CategoriesPipeline.from_crawler(crawler)
    assert nejat_stats(crawler) == {"nejat/fields_off/categories": 1, "nejat/fields_off/tags": 1}


def test_tags_are_normalised_with_their_own_identity(crawler):
    pipeline = CategoriesPipeline.from_crawler(crawler)
    raw = RawValues(
        categories=links([("Nowruz", "/en/topic/nowruz")]), tags=links([("Nowruz 2020", "/en/tag/nowruz/")])
    )
    post = pipeline.process_item(make_post(raw=raw))
    assert post.categories == [Term("Nowruz", "nowruz", "https://www.nejatngo.org/en/topic/nowruz")]
    assert post.tags == [Term("Nowruz 2020", "nowruz", "https://www.nejatngo.org/en/tag/nowruz")]
    assert "nejat/categories/category_name_conflict" not in nejat_stats(crawler)


# One decoding level, the browser's: the HTML's entities are decoded once, by
# the HTML parser, and a label that shows "&lt;" keeps showing it.


def listing_categories(pipeline, label_html):
    """The categories pipeline's terms for an entry whose category label is ``label_html`` in the page."""
    html = (
        '<article id="post-1" class="post"><div class="penci-standard-cat">'
        f'<a class="penci-cat-name" href="/en/topic/defectors">{label_html}</a></div>'
        '<h2 class="entry-title"><a href="https://www.nejatngo.org/en/posts/1">T</a></h2></article>'
    )
    (entry,) = parse_listing(Selector(text=html), "https://www.nejatngo.org/en/", get_edition("en")).entries
    return pipeline.process_item(make_post(raw=RawValues(categories=entry.categories))).categories


@pytest.mark.parametrize(
    ("label_html", "name"),
    [
        pytest.param("Defectors &amp; families", "Defectors & families", id="escaped-once-shows-ampersand"),
        pytest.param("Defectors &amp;amp; families", "Defectors &amp; families", id="escaped-twice-shows-entity"),
        pytest.param(
            "&amp;lt;img src=x onerror=alert(1)&amp;gt;", "&lt;img src=x onerror=alert(1)&gt;", id="no-markup-made"
        ),
        pytest.param("&lt;b&gt;UN&lt;/b&gt;", "<b>UN</b>", id="text-that-shows-angle-brackets"),
    ],
)
def test_label_is_decoded_once_as_the_browser_shows_it(crawler, label_html, name):
    [term] = listing_categories(CategoriesPipeline.from_crawler(crawler), label_html)
    assert term.name == name
