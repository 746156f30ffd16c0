"""Hand-written rule cases for the post page parser.

Each case states the intent of one selector rule of ``parse_article`` with a
small HTML snippet and an expected value, both written by hand from
shared/site-notes.md (Soledad 8 ``single.php``, ``content-single.php``,
``related_posts.php``, ``post_pagination.php``, ``comments.php``; Yoast SEO
head tags).  Nothing here is rendered by the test replica or pasted from parser
output.  Yoast's JSON-LD and meta tags are [assumed] in the notes, so cases for
the alternatives (no JSON-LD, an older Yoast graph order, no Yoast at all)
stand next to the typical ones.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from parsel import Selector

from nejat_crawler.editions import get_edition
from nejat_crawler.pages.article import ArticlePage, parse_article
from nejat_crawler.pages.common import FoundDate, FoundLink, FoundShare

PAGE_URL = "https://www.nejatngo.org/en/posts/7778"
UPLOADS = "https://www.nejatngo.org/en/wp-content/uploads/2014/06"

YOAST_HEAD = """
<link rel="canonical" href="https://www.nejatngo.org/en/posts/7778">
<meta property="article:published_time" content="2014-06-18T09:30:00+00:00">
<meta property="article:modified_time" content="2020-01-11T04:30:00+00:00">"""
YOAST_GRAPH = """
<script type="application/ld+json" class="yoast-schema-graph">{"@context": "https://schema.org", "@graph": [
  {"@type": "Article", "@id": "https://www.nejatngo.org/en/posts/7778#article",
   "isPartOf": {"@id": "https://www.nejatngo.org/en/posts/7778"},
   "author": {"name": "Nejat Society", "@id": "https://www.nejatngo.org/en/#/schema/person/1"},
   "headline": "A mother's letter to her son in Camp Liberty",
   "datePublished": "2014-06-18T09:30:00+00:00", "dateModified": "2020-01-11T04:30:00+00:00",
   "commentCount": 0, "articleSection": ["Mujahedin Khalq Organization members' families"], "inLanguage": "en-US"},
  {"@type": "WebPage", "@id": "https://www.nejatngo.org/en/posts/7778",
   "url": "https://www.nejatngo.org/en/posts/7778", "name": "A mother's letter - Nejat Society",
   "datePublished": "2014-06-18T09:30:00+00:00", "dateModified": "2020-01-11T04:30:00+00:00"},
  {"@type": "BreadcrumbList", "@id": "https://www.nejatngo.org/en/posts/7778#breadcrumb", "itemListElement": []},
  {"@type": "WebSite", "@id": "https://www.nejatngo.org/en/#website", "name": "Nejat Society"},
  {"@type": "Person", "@id": "https://www.nejatngo.org/en/#/schema/person/1", "name": "Nejat Society"}
]}</script>"""

CATEGORIES = (
    '<a class="penci-cat-name penci-cat-31" href="https://www.nejatngo.org/en/topic/mko-members-families"'
    ' rel="category tag"><span>Mujahedin Khalq Organization members\' families</span></a>'
)
TITLE = "A mother's letter to her son in Camp Liberty"
# The hidden schema block; it may carry the modified date, never the one to use.
HIDDEN = """
<div class="penci-hide-tagupdated">
  <span class="author-italic author vcard">by
    <a class="author-url url fn n" href="https://www.nejatngo.org/en/author/nejat">Nejat Society</a></span>
  <time class="entry-date published" datetime="2020-01-11T08:00:00+03:30">January 11, 2020</time>
</div>"""
HEADER_TIME = '<time class="entry-date published" datetime="2014-06-18T14:00:00+04:30">June 18, 2014</time>'
BODY = """
<p>Dear son, it has been eleven years since you left.</p>
<p>Your sister <strong>Maryam</strong> married last spring.<br>We all wait for you.</p>"""
BODY_TEXT = (
    "Dear son, it has been eleven years since you left.\n\n"
    "Your sister Maryam married last spring.\nWe all wait for you."
)
TAGS = """
<div class="post-tags"><a href="https://www.nejatngo.org/en/tag/camp-ashraf-inhabitants" rel="tag">Camp Ashraf
  Inhabitants</a><a href="https://www.nejatngo.org/en/tag/nejat-news" rel="tag">Nejat News</a></div>"""
COMMENT_LABEL = '<span class="single-comment-o"><i class="penci-faicon fa fa-comment-o"></i>0 comments</span>'
SHARE_BOX = f"""
<div class="tags-share-box single-post-share tags-share-box-s1 center-box post-share">
  {COMMENT_LABEL}
  <a class="new-ver-share post-share-item post-share-facebook" aria-label="Share on Facebook" target="_blank"
    rel="noreferrer" href="https://www.facebook.com/sharer/sharer.php?u=https://www.nejatngo.org/en/posts/7778"
    ><i class="penci-faicon fa fa-facebook"></i><span class="dt-share">Facebook</span></a>
  <a class="new-ver-share post-share-item post-share-pinterest" aria-label="Pin to Pinterest" data-pin-do="none"
    rel="noreferrer" onclick="var e=document.createElement('script');document.body.appendChild(e);"
    ><i class="penci-faicon fa fa-pinterest"></i><span class="dt-share">Pinterest</span></a>
  <a class="new-ver-share post-share-item post-share-email" aria-label="Share via Email" target="_blank"
    rel="noreferrer" href="mailto:?subject=A%20mother&#038;BODY=https://www.nejatngo.org/en/posts/7778"
    ><i class="penci-faicon fa fa-envelope"></i><span class="dt-share">Email</span></a>
  <a class="post-share-item post-share-expand" href="#" aria-label="Share Expand"><i class="fa fa-share-alt"></i></a>
</div>"""
# Comments closed: no count label in the share box.
SHARE_BOX_NO_LABEL = SHARE_BOX.replace(COMMENT_LABEL, "")
NAVIGATION = """
<div class="post-pagination">
  <div class="prev-post"><div class="prev-post-inner">
    <div class="prev-post-title"><span>previous post</span></div>
    <a href="https://www.nejatngo.org/en/posts/7770"><h5 class="prev-title">A father waits in Tirana</h5></a>
  </div></div>
  <div class="next-post"><div class="next-post-inner">
    <div class="prev-post-title next-post-title"><span>next post</span></div>
    <a href="https://www.nejatngo.org/en/posts/7790"><h5 class="next-title">Families at the gate</h5></a>
  </div></div>
</div>"""
RELATED = f"""
<div class="post-related">
  <div class="post-title-box"><h4 class="post-box-title">You may also like</h4></div>
  <div class="item-related">
    <a class="related-thumb" href="https://www.nejatngo.org/en/posts/7701"><img src="{UPLOADS}/related.jpg"></a>
    <h3><a href="https://www.nejatngo.org/en/posts/7701">Letters from Camp Liberty</a></h3>
    <span class="date"><time class="entry-date published"
      datetime="2014-06-01T10:00:00+04:30">June 1, 2014</time></span>
  </div>
</div>"""
COMMENTS = f"""
<div class="post-comments" id="comments">
  <div class="post-title-box"><h4 class="post-box-title">2 comments</h4></div>
  <div class="comments">
    <div class="comment" id="comment-41"><div class="thecomment">
      <div class="author-img"><img class="avatar" src="{UPLOADS}/avatar.png"></div>
      <div class="comment-text"><span class="author">Reader</span>
        <span class="date"><i class="fa fa-clock-o"></i>June 20, 2014 at 9:02 am</span>
        <div class="comment-content"><p>Thank you for publishing this letter.</p></div></div>
    </div></div>
  </div>
</div>"""
RESPOND = """
<div id="respond" class="comment-respond">
  <h3 id="reply-title" class="comment-reply-title"><span>Leave a Comment</span></h3>
  <form action="https://www.nejatngo.org/en/wp-comments-post.php" method="post" id="commentform" class="comment-form">
    <p class="comment-form-comment"><textarea id="comment" name="comment" placeholder="Your Comment"></textarea></p>
    <p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Submit"></p>
  </form>
</div>"""


def post_html(
    *,
    head: str = YOAST_HEAD + YOAST_GRAPH,
    categories: str = CATEGORIES,
    title: str = TITLE,
    hidden: str = HIDDEN,
    header_time: str = HEADER_TIME,
    body: str = BODY,
    tags: str = TAGS,
    share_box: str = SHARE_BOX,
    after: str = NAVIGATION + RELATED + COMMENTS + RESPOND,
) -> str:
    """A Soledad 8 single post page with a site header and a sidebar around the article."""
    return f"""<!DOCTYPE html>
<html lang="en-US"><head><title>{title} - Nejat Society</title>{head}</head><body>
<header id="header" class="header-header-1"><div id="logo"><h1><a href="https://www.nejatngo.org/en/">Nejat
  Society</a></h1></div></header>
<div class="penci-single-wrapper"><div class="penci-single-block">
<div class="container penci-breadcrumb single-breadcrumb"><span><span><a href="https://www.nejatngo.org/en/">Home</a>
  </span> » <span><a href="https://www.nejatngo.org/en/topic/mko-members-families">Members' families</a></span> »
  <span class="breadcrumb_last" aria-current="page">{title}</span></span></div>
<div class="container container-single penci_sidebar right-sidebar"><div id="main"><div class="theiaStickySidebar">
<article id="post-7778" class="post type-post status-publish format-standard hentry">
  <div class="header-standard header-classic single-header">
    <div class="penci-standard-cat"><span class="cat">{categories}</span></div>
    <h1 class="post-title single-post-title entry-title">{title}</h1>
    {hidden}
    <div class="post-box-meta-single"><span>{header_time}</span></div>
  </div>
  <div class="post-entry blockquote-style-1">
    <div class="inner-post-entry entry-content" id="penci-post-entry-inner">
      {body}
      {tags}
    </div>
  </div>
  {share_box}
  {after}
</article>
</div></div>
<div id="sidebar" class="penci-sidebar-right penci-sidebar-content"><div class="theiaStickySidebar">
  <aside class="widget penci_latest_news_widget">
    <ul class="side-newsfeed"><li class="penci-feed"><div class="side-item">
    <h4 class="side-title-post"><a href="https://www.nejatngo.org/en/posts/16294" rel="bookmark">Sidebar post</a></h4>
    <span class="side-item-meta side-wdate"><time datetime="2025-12-27T10:00:00+03:30">December 27, 2025</time></span>
  </div></li></ul></aside>
</div></div>
</div></div></div>
</body></html>"""


def parse(html: str, edition: str = "en", page_url: str = PAGE_URL) -> ArticlePage:
    return parse_article(Selector(text=html), page_url, get_edition(edition))


def json_ld(data: Any) -> str:
    """A JSON-LD script element holding ``data``."""
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# --- Title and categories ------------------------------------------------------------


def test_title_is_the_single_header_h1_not_the_logo_h1():
    assert parse(post_html()).title == "A mother's letter to her son in Camp Liberty"


def test_persian_title_keeps_zwnj_and_loses_bidi_marks():
    page = parse(post_html(title="\u200fنامه خانواده‌ها به فرزندانشان\u200f"), "fa")
    assert page.title == "نامه خانواده‌ها به فرزندانشان"


def test_categories_come_from_the_header():
    assert parse(post_html()).categories == (
        FoundLink(
            "Mujahedin Khalq Organization members' families",
            "https://www.nejatngo.org/en/topic/mko-members-families",
        ),
    )


def test_several_header_categories_and_the_rel_category_fallback():
    categories = (
        '<a class="penci-cat-name penci-cat-3" href="https://www.nejatngo.org/en/topic/iraq" rel="category tag">'
        "<span>Iraq</span></a>"
        '<a href="https://www.nejatngo.org/en/topic/expulsion-from-iraq" rel="category tag">'
        "The MEK Expulsion from Iraq</a>"
    )
    assert parse(post_html(categories=categories)).categories == (
        FoundLink("Iraq", "https://www.nejatngo.org/en/topic/iraq"),
        FoundLink("The MEK Expulsion from Iraq", "https://www.nejatngo.org/en/topic/expulsion-from-iraq"),
    )


def test_category_labels_of_related_posts_are_not_the_posts_categories():
    related = """
<div class="post-related"><div class="item-related">
  <div class="penci-standard-cat"><span class="cat"><a class="penci-cat-name" rel="category tag"
    href="https://www.nejatngo.org/en/topic/usa">USA</a></span></div>
  <h3><a href="https://www.nejatngo.org/en/posts/7701">Letters from Camp Liberty</a></h3>
</div></div>"""
    assert [link.text for link in parse(post_html(after=related)).categories] == [
        "Mujahedin Khalq Organization members' families"
    ]


# --- Tags --------------------------------------------------------------------------------


def test_tags_are_the_post_tags_links():
    assert parse(post_html()).tags == (
        FoundLink("Camp Ashraf Inhabitants", "https://www.nejatngo.org/en/tag/camp-ashraf-inhabitants"),
        FoundLink("Nejat News", "https://www.nejatngo.org/en/tag/nejat-news"),
    )


def test_header_categories_with_rel_category_tag_and_tag_links_in_the_text_are_not_tags():
    body = '<p>More under <a href="https://www.nejatngo.org/en/tag/nowruz" rel="tag">Nowruz</a>.</p>'
    assert parse(post_html(body=body, tags="")).tags == ()


# --- Content boundaries ------------------------------------------------------------------

NOT_CONTENT = [
    pytest.param(SHARE_BOX, "Facebook", id="share-box"),
    pytest.param(TAGS, "Nejat News", id="post-tags"),
    pytest.param(NAVIGATION, "previous post", id="post-navigation"),
    pytest.param(RELATED, "You may also like", id="related-posts"),
    pytest.param(COMMENTS, "Thank you for publishing this letter.", id="comments"),
    pytest.param(RESPOND, "Leave a Comment", id="comment-form"),
    pytest.param('<script>var penciLike = {"label": "Like this post"};</script>', "penciLike", id="script"),
    pytest.param("<style>.penci-ad-box{display:none}</style>", "penci-ad-box", id="style"),
    pytest.param(
        '<div class="penci-single-link-pages"><span>Pages:</span> <a class="post-page-numbers"'
        ' href="https://www.nejatngo.org/en/posts/7778/2">2</a></div>',
        "Pages:",
        id="page-links",
    ),
]


def test_content_text_and_html_of_the_standard_page():
    page = parse(post_html())
    assert page.content_text == BODY_TEXT
    assert "<strong>Maryam</strong>" in page.content_html
    assert "<p>Dear son, it has been eleven years since you left.</p>" in page.content_html


@pytest.mark.parametrize(("block", "marker"), NOT_CONTENT)
def test_block_inside_the_entry_content_is_cut_away(block, marker):
    # Plugins and page builders may put these inside the entry content.
    page = parse(post_html(body=BODY + block, tags=""))
    assert page.content_text == BODY_TEXT
    assert marker not in page.content_html


@pytest.mark.parametrize(("block", "marker"), NOT_CONTENT)
def test_block_after_the_entry_content_stays_out(block, marker):
    page = parse(post_html(tags="", after=block))
    assert page.content_text == BODY_TEXT
    assert marker not in page.content_html


NOT_A_CONTAINER = [
    pytest.param('<script class="entry-content">document.write("LEAKED")</script>', id="script"),
    pytest.param('<script class="entry-content" type="text/template"><p>LEAKED</p></script>', id="script-template"),
    pytest.param('<style class="entry-content">.LEAKED { color: red }</style>', id="style"),
    pytest.param('<title class="entry-content">LEAKED</title>', id="title"),
    pytest.param('<iframe class="entry-content" src="https://example.org/LEAKED">LEAKED</iframe>', id="iframe"),
    pytest.param('<meta class="entry-content" content="LEAKED">', id="meta"),
    pytest.param('<link class="entry-content" href="https://example.org/LEAKED.css">', id="link"),
    pytest.param('<noscript class="entry-content"><p>LEAKED</p><img src="LEAKED.jpg"></noscript>', id="noscript"),
    pytest.param('<template class="entry-content"><p>LEAKED</p></template>', id="template"),
    pytest.param('<form class="entry-content"><p>LEAKED</p><input value="LEAKED"></form>', id="form"),
]


@pytest.mark.parametrize("element", NOT_A_CONTAINER)
def test_an_element_that_holds_no_text_is_no_content_block(element):
    # A theme or plugin that puts the content's class on a script (a JS template, say): the first
    # element with the class is no container, so the page has no content block the parser trusts.
    html = post_html().replace(
        '<div class="post-entry blockquote-style-1">\n    <div class="inner-post-entry entry-content" '
        'id="penci-post-entry-inner">',
        f'<div class="post-body">\n    {element}<div class="entry-body">',
    )
    assert element in html
    page = parse(html)
    assert (page.content_html, page.content_text, page.images) == (None, "", ())
    assert page.title == TITLE  # the rest of the page is read as always


def test_core_page_links_is_paginated():
    # [assumed] Core WordPress/other themes print ``.page-links`` instead of Soledad's block.
    body = BODY + '<div class="page-links">Pages: <a href="https://www.nejatngo.org/en/posts/7778/2">2</a></div>'
    assert parse(post_html(body=body)).paginated is True


def test_core_page_links_are_not_content():
    body = BODY + '<div class="page-links">Pages: <a href="https://www.nejatngo.org/en/posts/7778/2">2</a></div>'
    assert parse(post_html(body=body)).content_text == BODY_TEXT


def test_headings_and_quotes_are_blocks_and_inline_markup_joins_words():
    body = """
<h2>A letter</h2>
<blockquote><p>My <em>dear</em> son,</p></blockquote>
<p>Come <a href="https://www.nejatngo.org/en/posts/7770">home</a>, the door is open.</p>"""
    assert parse(post_html(body=body)).content_text == "A letter\n\nMy dear son,\n\nCome home, the door is open."


def test_persian_content_keeps_zwnj():
    body = "<p>خانواده‌ها در تیرانا منتظرند.</p>"
    assert parse(post_html(body=body), "fa").content_text == "خانواده‌ها در تیرانا منتظرند."


# --- Images in the content ----------------------------------------------------------------


def test_content_images_are_absolute_distinct_and_read_from_lazy_attributes():
    body = f"""
<p><img class="penci-lazy" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="{UPLOADS}/letter.jpg"></p>
<p><img src="/en/wp-content/uploads/2014/06/camp.jpg" alt="Camp Liberty"></p>
<p><img src="{UPLOADS}/letter.jpg" alt="the letter again"></p>
<figure><img src="data:image/svg+xml,%3Csvg%3E%3C/svg%3E" data-lazy-src="{UPLOADS}/mother.jpg">
  <figcaption>His mother</figcaption></figure>"""
    assert parse(post_html(body=body)).images == (
        f"{UPLOADS}/letter.jpg",
        f"{UPLOADS}/camp.jpg",
        f"{UPLOADS}/mother.jpg",
    )


def test_images_of_related_posts_comments_and_sidebar_are_not_content_images():
    # RELATED and COMMENTS carry related.jpg and avatar.png, here inside the entry content.
    body = f'<p><img src="{UPLOADS}/letter.jpg"></p>' + RELATED + COMMENTS
    assert parse(post_html(body=body)).images == (f"{UPLOADS}/letter.jpg",)


def test_post_without_images():
    assert parse(post_html()).images == ()


# --- Dates ----------------------------------------------------------------------------------


def test_date_is_the_header_time_not_hidden_related_comment_or_sidebar_times():
    assert parse(post_html()).date == FoundDate("June 18, 2014", "2014-06-18T14:00:00+04:30")


def test_no_header_date_gives_none_even_with_other_times_on_the_page():
    # Date display switched off: related-post, comment, sidebar and hidden times are still there.
    body = BODY + '<p>Written on <time datetime="2014-06-10">June 10, 2014</time>.</p>'
    assert parse(post_html(header_time="", body=body)).date == FoundDate(None, None)


def test_persian_header_date_as_found():
    time = '<time class="entry-date published" datetime="2025-12-13T11:20:00+03:30">22 آذر 1404</time>'
    assert parse(post_html(header_time=time), "fa").date == FoundDate("22 آذر 1404", "2025-12-13T11:20:00+03:30")


def test_article_meta_times():
    page = parse(post_html())
    assert (page.meta_published, page.meta_modified) == ("2014-06-18T09:30:00+00:00", "2020-01-11T04:30:00+00:00")


# --- JSON-LD ---------------------------------------------------------------------------------


def test_yoast_graph_article_node():
    page = parse(post_html())
    assert (page.jsonld_published, page.jsonld_modified) == ("2014-06-18T09:30:00+00:00", "2020-01-11T04:30:00+00:00")


def test_article_node_author_and_comment_count_when_the_page_shows_neither():
    # Comments closed (no label) and no author link on the page: only the Article node has them.
    graph = json_ld(
        {
            "@context": "https://schema.org",
            "@graph": [
                {
                    "@type": "Article",
                    "author": {"name": "Iran Interlink", "@id": "https://www.nejatngo.org/en/#/schema/person/9"},
                    "datePublished": "2014-06-18T09:30:00+00:00",
                    "commentCount": 3,
                },
                {"@type": "WebPage", "datePublished": "2014-06-18T09:30:00+00:00"},
            ],
        }
    )
    page = parse(post_html(head=YOAST_HEAD + graph, hidden="", share_box=SHARE_BOX_NO_LABEL, after=""))
    assert (page.author, page.comment_count) == ("Iran Interlink", 3)


def test_top_level_list_form():
    graph = json_ld(
        [
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "datePublished": "2013-09-05T06:42:40+00:00",
                "dateModified": "2013-09-06T06:00:00+00:00",
                "author": "Nejat Society",
            }
        ]
    )
    page = parse(post_html(head=graph))
    assert (page.jsonld_published, page.jsonld_modified) == ("2013-09-05T06:42:40+00:00", "2013-09-06T06:00:00+00:00")


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        pytest.param({"@type": "Person", "name": "Massoud Khodabandeh"}, "Massoud Khodabandeh", id="dict"),
        pytest.param(
            [{"@type": "Person", "name": "Anne Singleton"}, {"@type": "Person", "name": "Massoud Khodabandeh"}],
            "Anne Singleton",
            id="list-first",
        ),
        pytest.param("  Iran Interlink ", "Iran Interlink", id="string"),
    ],
)
def test_json_ld_author_forms_win_over_the_hidden_byline(author, expected):
    graph = json_ld({"@context": "https://schema.org", "@type": "Article", "datePublished": "2014", "author": author})
    assert parse(post_html(head=graph)).author == expected


def test_article_type_given_as_a_list():
    graph = json_ld({"@type": ["Article", "NewsArticle"], "datePublished": "2014-06-18T09:30:00+00:00"})
    assert parse(post_html(head=graph)).jsonld_published == "2014-06-18T09:30:00+00:00"


def test_nodes_that_are_not_articles_are_not_read():
    graph = json_ld(
        {
            "@graph": [
                {"@type": "Organization", "name": "Nejat Society", "author": "Not an author"},
                {"@type": "Person", "name": "Nejat Society", "datePublished": "1999-01-01"},
            ]
        }
    )
    page = parse(post_html(head=graph, hidden=""))
    assert (page.jsonld_published, page.author) == (None, None)


def test_broken_json_ld_is_skipped_and_the_next_script_read():
    broken = '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [</script>'
    graph = json_ld({"@type": "Article", "datePublished": "2014-06-18T09:30:00+00:00"})
    assert parse(post_html(head=broken + graph)).jsonld_published == "2014-06-18T09:30:00+00:00"


def test_only_broken_json_ld_gives_none():
    broken = '<script type="application/ld+json">{"@type": "Article", "datePublished": </script>'
    page = parse(post_html(head=YOAST_HEAD + broken))
    assert (page.jsonld_published, page.jsonld_modified) == (None, None)
    assert page.meta_published == "2014-06-18T09:30:00+00:00"


def test_no_json_ld_dates_from_meta_and_author_from_the_byline_assumed_alternative():
    # [assumed] Yoast's JSON-LD may be switched off: meta tags and the page remain.
    page = parse(post_html(head=YOAST_HEAD))
    assert (page.jsonld_published, page.jsonld_modified) == (None, None)
    assert (page.meta_published, page.meta_modified) == ("2014-06-18T09:30:00+00:00", "2020-01-11T04:30:00+00:00")
    assert page.author == "Nejat Society"
    assert page.date == FoundDate("June 18, 2014", "2014-06-18T14:00:00+04:30")


def test_no_yoast_at_all_assumed_alternative():
    # [assumed] Without Yoast: no canonical, no article:* meta, no JSON-LD; only the page itself.
    page = parse(post_html(head='<meta name="author" content="Nejat Society">', hidden=""))
    assert (page.canonical, page.meta_published, page.meta_modified, page.jsonld_published) == (None, None, None, None)
    assert page.author == "Nejat Society"
    assert page.date == FoundDate("June 18, 2014", "2014-06-18T14:00:00+04:30")


OLD_YOAST_GRAPH = """
<script type="application/ld+json" class="yoast-schema-graph yoast-schema-graph--main">{"@context": "https://schema.org",
"@graph": [
  {"@type": "Organization", "@id": "https://www.nejatngo.org/en/#organization", "name": "Nejat Society"},
  {"@type": "WebSite", "@id": "https://www.nejatngo.org/en/#website", "name": "Nejat Society"},
  {"@type": "WebPage", "@id": "https://www.nejatngo.org/en/posts/7778#webpage", "name": "A mother's letter",
   "datePublished": "2014-06-18T09:30:00+00:00", "dateModified": "2020-01-11T04:30:00+00:00"},
  {"@type": "Article", "@id": "https://www.nejatngo.org/en/posts/7778#article",
   "author": {"@id": "https://www.nejatngo.org/en/#/schema/person/1"},
   "datePublished": "2014-06-18T09:30:00+00:00", "dateModified": "2020-01-11T04:30:00+00:00", "commentCount": 3},
  {"@type": ["Person"], "@id": "https://www.nejatngo.org/en/#/schema/person/1", "name": "Nejat Society"}
]}</script>"""


def test_older_yoast_graph_order_dates_assumed_alternative():
    # [assumed] Yoast 11-13 put WebPage before Article; both carry the same dates.
    page = parse(post_html(head=YOAST_HEAD + OLD_YOAST_GRAPH))
    assert (page.jsonld_published, page.jsonld_modified) == ("2014-06-18T09:30:00+00:00", "2020-01-11T04:30:00+00:00")
    assert page.author == "Nejat Society"


def test_older_yoast_graph_order_comment_count_from_the_article_node():
    page = parse(post_html(head=YOAST_HEAD + OLD_YOAST_GRAPH, share_box=SHARE_BOX_NO_LABEL, after=""))
    assert page.comment_count == 3


# --- Canonical ----------------------------------------------------------------------------------


def test_canonical_link_of_a_noisy_url():
    assert parse(post_html(), page_url="https://www.nejatngo.org/en/posts/7778?amp=1").canonical == PAGE_URL


def test_relative_canonical_is_made_absolute():
    page = parse(
        post_html(head='<link rel="canonical" href="/en/posts/7778">'), page_url="http://nejatngo.org/en/posts/7778"
    )
    assert page.canonical == "http://nejatngo.org/en/posts/7778"


# --- Paginated posts ------------------------------------------------------------------------------


def test_soledad_page_links_mark_a_paginated_post_and_leave_the_text():
    body = (
        BODY
        + '<div class="penci-single-link-pages"><span>Pages:</span> <span class="post-page-numbers current">1</span>'
        ' <a class="post-page-numbers" href="https://www.nejatngo.org/en/posts/7778/2">2</a></div>'
    )
    page = parse(post_html(body=body))
    assert page.paginated is True
    assert page.content_text == BODY_TEXT


def test_post_without_page_links_is_not_paginated():
    assert parse(post_html()).paginated is False


# --- Comment count ----------------------------------------------------------------------------------


def comment_label(label: str) -> str:
    """The share box with ``label`` as its comment count."""
    return SHARE_BOX.replace("0 comments", label)


@pytest.mark.parametrize(
    ("edition", "label", "count"),
    [
        pytest.param("en", "0 comments", 0, id="en-0"),
        pytest.param("en", "2 comments", 2, id="en-2"),
        pytest.param("fa", "۳ دیدگاه", 3, id="fa-persian-digits"),
        pytest.param("fa", "بدون دیدگاه", 0, id="fa-without"),
        pytest.param("ar", "تعليقان", 2, id="ar-dual"),
        pytest.param("ar", "١ تعليق", 1, id="ar-arabic-indic"),
        pytest.param("sq", "Një koment", 1, id="sq-word"),
    ],
)
def test_single_page_comment_label(edition, label, count):
    assert parse(post_html(share_box=comment_label(label), head=YOAST_HEAD), edition).comment_count == count


def test_comment_label_beats_json_ld_comment_count():
    # The Yoast graph says 0; the page shows the current count.
    assert parse(post_html(share_box=comment_label("2 comments"))).comment_count == 2


def test_comments_heading_when_the_share_box_has_no_label():
    assert parse(post_html(head=YOAST_HEAD, share_box=SHARE_BOX_NO_LABEL)).comment_count == 2


def test_no_label_and_no_json_ld_gives_none():
    assert parse(post_html(head=YOAST_HEAD, share_box=SHARE_BOX_NO_LABEL, after="")).comment_count is None


# --- Share links -------------------------------------------------------------------------------------


def test_single_share_box_expand_skipped_and_onclick_pinterest_has_no_href():
    assert parse(post_html()).share_links == (
        FoundShare("facebook", "https://www.facebook.com/sharer/sharer.php?u=https://www.nejatngo.org/en/posts/7778"),
        FoundShare("pinterest", None),
        FoundShare("email", "mailto:?subject=A%20mother&BODY=https://www.nejatngo.org/en/posts/7778"),
    )


def test_like_button_in_the_share_box_is_not_a_share():
    like = '<a class="post-share-item penci-post-like single-like-button" href="#" data-post_id="7778">0</a>'
    share_box = SHARE_BOX.replace("</div>", like + "</div>")
    assert [share.network for share in parse(post_html(share_box=share_box)).share_links] == [
        "facebook",
        "pinterest",
        "email",
    ]


# --- One bad token costs its field, never the page --------------------------------------------------
#
# Found by fuzzing: each of these raised out of parse_article (the spider then
# kept only the listing record), or checks it still does not.

INVALID_HREF = "http://["  # an unclosed IPv6 host: urljoin and urlsplit raise ValueError


def test_deeply_nested_json_ld_is_skipped_and_the_page_read():
    deep = '<script type="application/ld+json">' + '{"a":[' * 50_000 + "]}" * 50_000 + "</script>"
    page = parse(post_html(head=YOAST_HEAD + deep))
    assert (page.title, page.jsonld_published, page.meta_published) == (TITLE, None, "2014-06-18T09:30:00+00:00")


def test_nested_list_as_type_is_no_article_type():
    graph = json_ld({"@type": [["Article"]], "datePublished": "2014-06-18T09:30:00+00:00", "author": "Someone"})
    page = parse(post_html(head=YOAST_HEAD + graph))
    assert (page.jsonld_published, page.author, page.title) == (None, "Nejat Society", TITLE)


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        pytest.param(3, 3, id="number"),
        pytest.param("3", 3, id="numeric-string"),
        pytest.param(10**9 + 1, None, id="above-a-billion"),
        pytest.param(-1, None, id="negative"),
        pytest.param(True, None, id="boolean"),
        pytest.param([[[3]]], None, id="nested-list"),
        pytest.param({"value": 3}, None, id="object"),
        pytest.param("9" * 5_000, None, id="string-past-int-digit-limit"),
    ],
)
def test_json_ld_comment_count_is_a_plausible_number_or_none(count, expected):
    graph = json_ld({"@type": "Article", "datePublished": "2014-06-18T09:30:00+00:00", "commentCount": count})
    assert parse(post_html(head=graph, share_box=SHARE_BOX_NO_LABEL, after="")).comment_count == expected


def test_deeply_nested_json_ld_comment_count_is_none():
    # Within json's nesting limit, but str() of it would recurse as deep again.
    nested = "[" * 900 + "3" + "]" * 900
    node = f'{{"@type": "Article", "datePublished": "2014", "commentCount": {nested}}}'
    graph = f'<script type="application/ld+json">{node}</script>'
    assert parse(post_html(head=graph, share_box=SHARE_BOX_NO_LABEL, after="")).comment_count is None


def test_implausible_comment_label_is_none():
    page = parse(post_html(share_box=comment_label("9" * 5_000 + " comments")))
    assert (page.comment_count, page.title) == (None, TITLE)


def test_control_character_in_attribute_names_costs_nothing():
    def bad(html: str) -> str:
        for tag in ("<a ", "<time ", "<img ", "<link ", "<h1 ", "<article "):
            html = html.replace(tag, tag + '\x01="" ')
        return html

    body = BODY + f'<p><img src="{UPLOADS}/letter.jpg"></p>'
    page = parse(bad(post_html(body=body)))
    # Every field as without the bad names; the content's HTML keeps them, as found.
    assert dataclasses.replace(page, content_html=None) == dataclasses.replace(
        parse(post_html(body=body)), content_html=None
    )
    assert page.content_html and '<img \x01="" src=' in page.content_html
    assert page.images == (f"{UPLOADS}/letter.jpg",)
    assert page.date == FoundDate("June 18, 2014", "2014-06-18T14:00:00+04:30")


def test_unusable_links_cost_only_those_links():
    head = YOAST_HEAD.replace('href="https://www.nejatngo.org/en/posts/7778"', f'href="{INVALID_HREF}"')
    page = parse(
        post_html(
            head=head,
            categories=CATEGORIES.replace("https://www.nejatngo.org/en/topic/mko-members-families", INVALID_HREF),
            tags=TAGS.replace("https://www.nejatngo.org/en/tag/nejat-news", INVALID_HREF),
            share_box=SHARE_BOX.replace(
                "https://www.facebook.com/sharer/sharer.php?u=https://www.nejatngo.org/en/posts/7778", INVALID_HREF
            ),
            body=BODY + f'<p><img src="{INVALID_HREF}"><img src="{UPLOADS}/letter.jpg"></p>',
        )
    )
    assert page.canonical is None
    assert page.categories == (FoundLink("Mujahedin Khalq Organization members' families", None),)
    assert page.tags[1] == FoundLink("Nejat News", None)
    assert page.share_links[0] == FoundShare("facebook", None)
    assert page.images == (f"{UPLOADS}/letter.jpg",)
    assert (page.title, page.content_text) == (TITLE, BODY_TEXT)


def test_field_that_cannot_be_read_is_empty_and_logged(monkeypatch, caplog):
    def broken(*args):
        raise RuntimeError("unforeseen")

    monkeypatch.setattr("nejat_crawler.pages.article._author", broken)
    page = parse(post_html())
    assert (page.author, page.title, page.content_text) == (None, TITLE, BODY_TEXT)
    assert f"Could not read the author of {PAGE_URL}" in caplog.text


# --- Text fields hold the text shown, never script or style ------------------------------------------

SCRIPT = "<script>document.write('<img src=x onerror=alert(1)>')</script>"
STYLE = "<style>.x::after { content: '<b>' }</style>"


@pytest.mark.parametrize("hidden", [SCRIPT, STYLE, "<noscript>Enable scripts</noscript>"])
def test_script_and_style_inside_text_fields_are_not_text(hidden):
    page = parse(
        post_html(
            head=YOAST_HEAD,
            title=f"A mother's letter{hidden} to her son in Camp Liberty",
            categories=CATEGORIES.replace("<span>Mujahedin", f"<span>{hidden}Mujahedin"),
            tags=TAGS.replace("Nejat News", f"Nejat{hidden} News"),
            hidden=HIDDEN.replace(">Nejat Society<", f">Nejat{hidden} Society<"),
            header_time=HEADER_TIME.replace("June", f"{hidden}June"),
            body=BODY.replace("Dear son,", f"Dear son,{hidden}"),
            share_box=comment_label(f"{hidden}0 comments"),
        )
    )
    assert page.title == TITLE
    assert [link.text for link in page.categories] == ["Mujahedin Khalq Organization members' families"]
    assert [link.text for link in page.tags] == ["Camp Ashraf Inhabitants", "Nejat News"]
    assert page.author == "Nejat Society"
    assert page.date.text == "June 18, 2014"
    assert page.comment_count == 0
    assert page.content_text == BODY_TEXT
