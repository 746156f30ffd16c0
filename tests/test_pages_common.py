"""Markup pieces shared by listing entries and post pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from parsel import Selector

from nejat_crawler.editions import get_edition
from nejat_crawler.pages.common import _SHOWN_TEXT, comment_count, share_links, text_of, visible_date
from nejat_crawler.text import squash, strip_bidi_marks


@pytest.mark.parametrize(
    ("edition", "label", "count"),
    [
        ("en", "0 comments", 0),
        ("en", "1 comment", 1),
        ("en", "12 comments", 12),
        ("en", "One Comment", 1),
        ("en", "No comments", 0),
        ("en", "Comments Off", None),
        ("en", "", None),
        ("fa", "۰ دیدگاه", 0),
        ("fa", "۳ دیدگاه", 3),
        ("fa", "یک دیدگاه", 1),
        ("fa", "بدون دیدگاه", 0),
        ("ar", "٠ تعليقات", 0),
        ("ar", "١١ تعليقات", 11),
        ("ar", "تعليق واحد", 1),
        ("ar", "تعليقان", 2),
        ("ar", "لا توجد تعليقات", 0),
        ("sq", "0 komente", 0),
        ("sq", "1 koment", 1),
        ("sq", "Një koment", 1),
        ("sq", "Asnjë koment", 0),
    ],
)
def test_comment_count(edition, label, count):
    assert comment_count(Selector(text=f"<a>{label}</a>").css("a"), get_edition(edition)) == count


def test_visible_date_skips_hidden_related_and_comment_dates():
    html = """<article>
      <div class="penci-hide-tagupdated"><time datetime="2020-01-02T10:00:00+03:30">January 2, 2020</time></div>
      <div class="entry-content"><p>Written on <time datetime="2019-05-05">May 5, 2019</time></p></div>
      <div class="post-related"><span class="date"><time datetime="2018-01-01">January 1, 2018</time></span></div>
      <div class="post-comments" id="comments"><time>March 3, 2021</time></div>
    </article>"""
    found = visible_date(Selector(text=html).css("article"))
    assert (found.text, found.datetime) == (None, None)
    shown = html.replace(
        "<article>", '<article><span class="posted"><time datetime="2013-09-05">Sep 5, 2013</time></span>'
    )
    found = visible_date(Selector(text=shown).css("article"))
    assert (found.text, found.datetime) == ("Sep 5, 2013", "2013-09-05")


def test_share_buttons_skip_toggle_and_like_and_keep_hrefless_ones():
    html = """<div>
      <a class="post-share-item post-share-facebook" href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a>
      <a class="post-share-item post-share-pinterest" onclick="pin()">Pinterest</a>
      <a class="post-share-item post-share-expand" href="#">+</a>
      <a class="penci-post-like post-share-item" href="#">Like</a>
    </div>"""
    shares = share_links(Selector(text=html).css("div"), "https://www.nejatngo.org/en/posts/1")
    assert [(s.network, s.href) for s in shares] == [
        ("facebook", "https://www.facebook.com/sharer/sharer.php?u=x"),
        ("pinterest", None),
    ]


FIXTURE_PAGES = sorted((Path(__file__).parent / "fixtures" / "pages").glob("*.html"))
HIDDEN_TEXT_PAGE = (
    "<html><head><title>page</title></head><body><div><a>one <!-- c --> two<b>three</b>&amp; four<?pi x?>"
    "five<script>code</script>six<noscript>no <i>script</i></noscript></a>tail</div>"
    "<noscript><p><a>hid<b>den</b></a></p></noscript><template><span>inert</span></template>"
    "<iframe><em>frame</em></iframe><style>p {}</style></body></html>"
)


def _shown_text_by_xpath(node: Selector) -> str:
    return squash(strip_bidi_marks(" ".join(node.xpath(_SHOWN_TEXT).getall())))


@pytest.mark.parametrize("html", [HIDDEN_TEXT_PAGE, *FIXTURE_PAGES], ids=lambda page: getattr(page, "name", "hidden"))
def test_text_of_reads_every_element_as_the_shown_text_xpath_does(html: str | Path) -> None:
    """text_of takes lxml's text iterator where nothing hidden is near: it must agree with the
    XPath it stands in for, on every element of every saved page and on hidden text of each kind."""
    page = Selector(text=html if isinstance(html, str) else html.read_text(encoding="utf-8"))
    elements = page.xpath("//*")
    assert len(elements) > 10
    assert [text_of(element) for element in elements] == [_shown_text_by_xpath(element) for element in elements]
    assert text_of(elements) == _shown_text_by_xpath(elements)
