"""Single post pages: the complete record of one post.

A Soledad 8 post page carries much more than the post: breadcrumbs, share
boxes, "You may also like", previous/next post links, comments and the
comment form.  The content is the entry-content block with all of that cut
away.  Dates come from the post's own header and from the ``<head>``
(``article:*`` meta, Yoast's JSON-LD), never from related posts or comments.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from parsel import Selector, SelectorList

from nejat_crawler.editions import Edition
from nejat_crawler.pages.common import (
    CATEGORY_LINKS,
    NOT_SHOWN,
    FieldReader,
    FoundDate,
    FoundLink,
    FoundShare,
    absolute,
    block_text,
    comment_count,
    found_links,
    image_source,
    make_xml_safe,
    share_links,
    text_of,
    visible_date,
)
from nejat_crawler.text import MAX_COUNT, first_integer, squash

# The entry-content block, innermost first (a CSS union would return the
# outer wrapper first, in document order).
_CONTENT = (
    "#penci-post-entry-inner",
    ".inner-post-entry",
    ".post-entry .entry-content",
    ".entry-content",
    ".post-entry",
)
# Inside the content block but not content: tags, page links, share and like
# buttons, related posts, navigation, comments, ads and scripts.
# Elements that hold no post text even when they carry the content's class:
# their text is never shown, or they belong in <head> or a frameset.
_NOT_A_CONTAINER = frozenset(
    {*NOT_SHOWN, "meta", "link", "base", "frame", "frameset", "xmp", "plaintext", "noscript", "form"}
)
_NOT_CONTENT = (
    ".post-tags, .penci-single-link-pages, .page-links, .tags-share-box, .post-share, .penci-post-share-box, "
    ".post-related, .penci-related-posts, .post-pagination, .post-comments, #comments, #respond, "
    ".comment-respond, .penci-post-like, .sharedaddy, .jp-relatedposts, script, style, noscript, form"
)
_ARTICLE_TYPES = frozenset({"Article", "NewsArticle", "BlogPosting", "Report"})
# Yoast's WebPage node carries the same dates; older Yoast prints it before
# the Article node, so it is only the fallback.
_PAGE_TYPES = frozenset({"WebPage"})


@dataclass(frozen=True)
class ArticlePage:
    title: str | None
    categories: tuple[FoundLink, ...]
    tags: tuple[FoundLink, ...]
    author: str | None
    content_html: str | None
    content_text: str
    images: tuple[str, ...]
    date: FoundDate
    meta_published: str | None
    meta_modified: str | None
    jsonld_published: str | None
    jsonld_modified: str | None
    comment_count: int | None
    canonical: str | None
    share_links: tuple[FoundShare, ...]
    paginated: bool
    """The post is split over several pages (``<!--nextpage-->``); only this one is read."""


def parse_article(selector: Selector, page_url: str, edition: Edition) -> ArticlePage:
    """The post's own fields from its page at ``page_url``.

    It never raises: a field that cannot be read is empty (and logged).
    """
    read = FieldReader(page_url)
    article = selector.css("article.post, article[id^=post-], article.hentry")[:1] or selector
    header = article.css(".single-header, .header-standard")[:1] or article
    graph: dict[str, Any] = read("JSON-LD", lambda: _json_ld_article(selector), {})
    content = read("content", lambda: _cleaned_content(article), None)
    return ArticlePage(
        title=read("title", lambda: text_of(header.css("h1")[:1]) or None, None),
        categories=read("categories", lambda: found_links(header.css(CATEGORY_LINKS), page_url), ()),
        tags=read("tags", lambda: found_links(article.css(".post-tags a[rel~=tag]"), page_url), ()),
        author=read("author", lambda: _author(selector, article, graph), None),
        content_html=read("content HTML", lambda: content.get().strip() if content else None, None),
        content_text=read("content text", lambda: block_text(content), ""),
        images=read("images", lambda: tuple(_images(content, page_url)) if content else (), ()),
        date=read("date", lambda: visible_date(header), FoundDate(None, None)),
        meta_published=read("published meta", lambda: _meta(selector, "article:published_time"), None),
        meta_modified=read("modified meta", lambda: _meta(selector, "article:modified_time"), None),
        jsonld_published=_string(graph.get("datePublished")),
        jsonld_modified=_string(graph.get("dateModified")),
        comment_count=read("comment count", lambda: _comment_count(article, edition, graph), None),
        canonical=read("canonical link", lambda: _canonical(selector, page_url), None),
        share_links=read("share links", lambda: _share_links(article, page_url), ()),
        paginated=read("page links", lambda: bool(article.css(".penci-single-link-pages a, .page-links a")), False),
    )


def _canonical(selector: Selector, page_url: str) -> str | None:
    return absolute(page_url, selector.css("link[rel=canonical]::attr(href)").get())


def _share_links(article: Selector | SelectorList[Selector], page_url: str) -> tuple[FoundShare, ...]:
    return share_links(article.css(".tags-share-box, .post-share")[:1], page_url)


def _cleaned_content(article: Selector | SelectorList[Selector]) -> Selector | None:
    """A copy of the entry-content block without what is not the post's text."""
    node = next((nodes[:1] for css in _CONTENT if (nodes := article.css(css))), None)
    if node is None or node[0].root.tag in _NOT_A_CONTAINER:
        return None
    # A copy, so cutting parts away leaves the page's tree whole.
    copy = Selector(root=make_xml_safe(deepcopy(node[0].root)), type="html")
    for part in copy.css(_NOT_CONTENT):
        if part.root is not copy.root:
            part.drop()
    return copy


def _images(content: Selector, page_url: str) -> Iterator[str]:
    """Distinct image URLs in the content, in order."""
    seen: set[str] = set()
    for image in content.css("img"):
        url = image_source(image, page_url)
        if url and url not in seen:
            seen.add(url)
            yield url


def _author(selector: Selector, article: Selector | SelectorList[Selector], graph: dict[str, Any]) -> str | None:
    author = graph.get("author")
    if isinstance(author, list):
        author = author[0] if author else None
    if isinstance(author, dict):
        author = author.get("name")
    return (
        squash(_string(author))
        or text_of(article.css(".author-url, .author-post a")[:1])
        or squash(_meta(selector, "author", attribute="name"))
        or None
    )


def _comment_count(article: Selector | SelectorList[Selector], edition: Edition, graph: dict[str, Any]) -> int | None:
    label = article.css(".single-comment-o, .post-comments .post-title-box h4")[:1]
    if label:
        return comment_count(label, edition)
    return _count(graph.get("commentCount"))


def _count(value: Any) -> int | None:
    """A JSON-LD count: a number or a numeric string; anything else (a list,
    an object) is no count.  Implausible numbers are None, like on the page."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= MAX_COUNT else None
    return first_integer(value) if isinstance(value, str) else None


def _json_ld_article(selector: Selector) -> dict[str, Any]:
    """The page's JSON-LD node about the post: an Article-like node with a date
    or an author, else such a WebPage node; empty when there is none."""
    nodes = [node for node in _json_ld_nodes(selector) if "datePublished" in node or "author" in node]
    for wanted in (_ARTICLE_TYPES, _PAGE_TYPES):
        for node in nodes:
            if _types(node) & wanted:
                return node
    return {}


def _json_ld_nodes(selector: Selector) -> Iterator[dict[str, Any]]:
    for script in selector.css("script[type='application/ld+json']::text").getall():
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):
            continue  # broken or absurdly nested JSON-LD: the visible page still has the facts
        nodes = data.get("@graph", [data]) if isinstance(data, dict) else data
        if isinstance(nodes, list):
            yield from (node for node in nodes if isinstance(node, dict))


def _types(node: dict[str, Any]) -> set[str]:
    types = node.get("@type")
    if isinstance(types, str):
        return {types}
    return {name for name in types if isinstance(name, str)} if isinstance(types, list) else set()


def _meta(selector: Selector, name: str, attribute: str = "property") -> str | None:
    value = selector.css(f"meta[{attribute}='{name}']::attr(content)").get()
    return value.strip() if value and value.strip() else None


def _string(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
