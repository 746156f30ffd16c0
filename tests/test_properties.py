"""Property-based tests: the parsers and the item pipelines on mutated saved pages.

Every case starts from a saved replica page (``tests/fixtures/pages/*.html``,
listing and post pages) and mutates it the way broken, hostile or cut-short
pages do: nodes deleted, duplicated, moved and reordered; text and attributes
garbled (random bytes decoded with ``errors="replace"``, bidi and control
characters, any unicode but surrogates); deep nesting; huge numbers in counts,
ids and dates; control characters in attribute names and values; JSON-LD that
is deep or oddly typed; the HTML cut short anywhere.

The properties:

* ``parse_listing`` and ``parse_article`` never raise, and their per-field
  net never has to catch anything (no error is logged): every input foreseen
  gives a value or null where it is read;
* text fields (titles, category and tag labels, date texts, excerpts,
  content text, authors) never hold text of a script, style or other element
  the browser does not show: markers injected there never come out;
* the item pipelines (dates, categories, share links, validate) never raise
  on the records built from those pages (validate may drop an item, which is
  its job), and a category or tag name is a label as found, never decoded a
  second time.

Runs are deterministic (``derandomize``, no example database), so CI sees the
same examples every time.
"""

from __future__ import annotations

import copy
import logging
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html
from parsel import Selector
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from nejat_crawler.editions import Edition, get_edition
from nejat_crawler.items import Post
from nejat_crawler.pages.article import ArticlePage, parse_article
from nejat_crawler.pages.common import FoundDate
from nejat_crawler.pages.listing import ListingEntry, ListingPage, parse_listing
from nejat_crawler.pipelines.categories import CategoriesPipeline
from nejat_crawler.pipelines.dates import DatesPipeline
from nejat_crawler.pipelines.share_links import ShareLinksPipeline
from nejat_crawler.pipelines.validate import ValidatePipeline
from nejat_crawler.records import differs, merge_article, post_from_entry
from nejat_crawler.text import squash
from nejat_crawler.urls import post_key
from tests.page_expectations import PAGES, page_url, saved_pages

LISTING_PAGES = [name for name in saved_pages() if "-post-" not in name]
POST_PAGES = [name for name in saved_pages() if "-post-" in name]

# Examples per test; four tests, 2,200 examples in all.
EXAMPLES = 550
PROPERTY_SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- Characters and strings --------------------------------------------------------------------

BIDI = "\u200b\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
CONTROLS = "".join(chr(code) for code in range(0x20)) + "\x7f"
# lxml only takes XML characters; the others travel as private-use stand-ins
# and are put in place in the serialised HTML, inside the same text or value.
_NOT_XML = [chr(code) for code in range(0x20) if chr(code) not in "\t\n\r"] + ["\ufffe", "\uffff"]
_STAND_IN = {char: chr(0xF0000 + index) for index, char in enumerate(_NOT_XML)}
_TO_XML = str.maketrans(_STAND_IN)
_FROM_STAND_INS = {stand_in: char for char, stand_in in _STAND_IN.items()}
_STAND_INS = re.compile(f"[{''.join(_FROM_STAND_INS)}]")

DIGITS = "0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩²¹"
HUGE_LENGTHS = (10, 13, 4_301, 5_000)
TOKENS = [
    *BIDI,
    *CONTROLS,
    *DIGITS,
    "<",
    ">",
    "&",
    "&amp;",
    "&amp;lt;",
    "&lt;",
    "&gt;",
    "&#0;",
    "&#x26;",
    ";",
    '"',
    "'",
    "[",
    "]",
    "\ufffd",
    "\xa0",
    " ",
    "<b>",
    "<img src=x>",
    "comments",
    "September",
    "اسفند",
    "دیدگاه",
    "تعليقان",
    "koment",
    "2013",
    "1398",
    "9999",
    "0001",
    "-",
    "/",
    ":",
    "T",
    "+23:59",
]

garbled_text = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
    st.binary(max_size=40).map(lambda raw: raw.decode("utf-8", errors="replace")),
    st.lists(st.sampled_from(TOKENS), max_size=25).map("".join),
)
URLISH = [
    "http://[",
    "https://[::1",
    "//[",
    "http://]",
    "https://www.nejatngo.org/en/posts/" + "9" * 5_000,
    "https://www.nejatngo.org/en/posts/1234567890123",
    "https://www.nejatngo.org/en/posts/0",
    "https://www.nejatngo.org/en/?p=²",
    "https://www.nejatngo.org/en/?p=" + "9" * 5_000,
    "https://www.nejatngo.org:99999/en/posts/12",
    "https://www.nejatngo.org:abc/en/posts/12",
    "http://nejatngo.org/en/posts/12/amp/?amp=1#respond",
    "https://www.facebook.com/sharer/sharer.php?u=http://[",
    "https://twitter.com/intent/tweet?text=x%20http://[%20y",
    "mailto:?subject=a&#038;body=http://[",
    "javascript:void(0)",
    "data:image/gif;base64,R0lGOD",
    "#",
    "",
    " ",
    "/en/topic/%zz",
    "/en/tag/\u202e",
    "https://www.nejatngo.org/en/topic/a\uff03b",
    "http://a\u3002b/",
]
url_text = st.one_of(st.sampled_from(URLISH), garbled_text)
DATES = [
    "9999-12-31T23:30:00+00:00",
    "9999-12-31T23:59:59+23:59",
    "0001-01-01T00:00:00+00:00",
    "0001-01-01T00:00:00-23:59",
    "0001-01-01",
    "9999-12-31",
    "2013-09-05T10:12:00+23:59",
    "2100-12-31T23:30:00Z",
    "1398-12-03T10:15:00+03:30",
    "1404-12-30",
    "2013-02-30",
    "9" * 5_000 + "-01-01",
    "۱۳۹۸-۱۲-۰۳",
]
date_text = st.one_of(
    st.sampled_from(DATES),
    st.builds(
        "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:00{}".format,
        st.integers(0, 9999),
        st.integers(0, 13),
        st.integers(0, 32),
        st.integers(0, 24),
        st.integers(0, 60),
        st.sampled_from(["", "Z", "+00:00", "+03:30", "+23:59", "-23:59", "+24:00"]),
    ),
    garbled_text,
)
ATTRIBUTES = ("href", "datetime", "content", "class", "src", "data-src", "data-lazy-src", "id", "rel", "type")
CLASSES = [
    "post",
    "entry-title",
    "penci-cat-name",
    "penci-standard-cat",
    "post-share-item post-share-facebook",
    "post-share-item post-share-expand",
    "penci-box-meta",
    "single-comment-o",
    "post-tags",
    "entry-content",
    "penci-pagination",
    "older",
    "next page-numbers",
    "widget",
    "penci-hide-tagupdated",
    "\x01",
    "",
]
# An attribute name holding control characters (NUL aside: parsel drops it).
bad_name = st.text(st.sampled_from(CONTROLS[1:] + "ab"), min_size=1, max_size=4)
HIDDEN_TAGS = ("script", "style", "noscript", "template")
# Elements whose content the HTML parser reads as text, not markup: a node
# moved into one would come back as text the browser shows (a textarea's),
# markers and all.  Mutations never put nodes there.
RAW_TEXT_TAGS = frozenset({"script", "style", "textarea", "title", "xmp", "plaintext", "iframe", "noembed", "noframes"})

# --- Mutations of the tree ----------------------------------------------------------------------

# Where the parsers look: entries, the post's article, the head's meta, links
# and JSON-LD, pagination.  Mutations pick here most of the time.
_INTERESTING = (
    "//article | //article//* | //head/* | //*[contains(@class, 'pagination')]//*"
    " | //*[contains(@class, 'single-header')]//* | //time | //h1 | //h2"
)
index = st.integers(min_value=0, max_value=2**20)
pool = st.sampled_from(["interesting", "interesting", "interesting", "any"])
depth = st.one_of(st.integers(1, 30), st.sampled_from([255, 256, 1_000, 2_047, 2_048, 2_049, 2_500]))


@dataclass
class Mutated:
    """A page being mutated, and what was injected into it."""

    tree: Any
    markers: list[str] = field(default_factory=list)
    bad_names: dict[str, str] = field(default_factory=dict)
    interesting: list[Any] = field(default_factory=list)

    def pick(self, where: str, number: int) -> Any:
        """The node ``number`` (modulo their count) of ``where``.

        The interesting nodes are listed once per page; one already cut away
        by an earlier mutation is picked all the same, to no effect.
        """
        if where == "interesting":
            self.interesting = self.interesting or self.tree.xpath(_INTERESTING)
            return self.interesting[number % len(self.interesting)] if self.interesting else None
        count = int(self.tree.xpath("count(//*)"))
        return self.tree.xpath("(//*)[$position]", position=number % count + 1)[0] if count else None

    def html(self) -> str:
        text = etree.tostring(self.tree, encoding="unicode", method="html")
        for stand_in, name in self.bad_names.items():
            text = text.replace(stand_in, name)
        return _STAND_INS.sub(lambda match: _FROM_STAND_INS[match.group()], text)


def _removable(node: Any) -> bool:
    return node is not None and node.getparent() is not None and node.tag not in ("body", "head")


def op_delete(page: Mutated, where: str, number: int) -> None:
    node = page.pick(where, number)
    if _removable(node):
        node.drop_tree()


def op_duplicate(page: Mutated, where: str, number: int) -> None:
    node = page.pick(where, number)
    if _removable(node):
        node.addnext(copy.deepcopy(node))


def op_shuffle(page: Mutated, where: str, number: int, seed: int) -> None:
    """Reorder the children of a node."""
    node = page.pick(where, number)
    if node is None:
        return
    children = list(node)
    random.Random(seed).shuffle(children)
    for child in children:
        node.append(child)  # moves it, with its tail


def op_move(page: Mutated, where: str, number: int, target: int) -> None:
    """Move a node under another one, anywhere in the page."""
    node, parent = page.pick(where, number), page.pick("any", target)
    if parent is None or parent.tag in RAW_TEXT_TAGS or not _removable(node):
        return
    if parent is not node and node not in parent.iterancestors():
        parent.append(node)


def op_nest(page: Mutated, where: str, number: int, levels: int) -> None:
    node = page.pick(where, number)
    if not _removable(node):
        return
    outer = inner = lxml_html.Element("div")
    for _ in range(levels - 1):
        inner = etree.SubElement(inner, "div")
    node.addprevious(outer)
    inner.append(node)


def op_text(page: Mutated, where: str, number: int, text: str, tail: bool) -> None:
    node = page.pick(where, number)
    if node is None or not isinstance(node.tag, str):
        return
    if tail and node.getparent() is not None:
        node.tail = text.translate(_TO_XML)
    else:
        node.text = text.translate(_TO_XML)


def op_attribute(page: Mutated, where: str, number: int, name: str, value: str) -> None:
    node = page.pick(where, number)
    if node is not None:
        node.set(name, value.translate(_TO_XML))


def op_bad_attribute_name(page: Mutated, where: str, number: int, name: str) -> None:
    """An attribute whose name holds control characters, which lxml will not set itself."""
    node = page.pick(where, number)
    if node is None:
        return
    stand_in = f"zzbadname{len(page.bad_names)}zz"
    page.bad_names[stand_in] = name
    node.set(stand_in, "1")


def op_huge_numbers(page: Mutated, where: str, number: int, length: int) -> None:
    """Every number in a node's text and link/date attributes made ``length`` digits long."""
    node = page.pick(where, number)
    if node is None:
        return
    huge = "9" * length
    for part in node.iter(etree.Element):
        if part.text:
            part.text = re.sub(r"\d+", huge, part.text)
        for name in ("href", "datetime", "content"):
            if part.get(name):
                part.set(name, re.sub(r"\d+", huge, part.get(name)))


def op_inject_hidden(page: Mutated, where: str, number: int, tag: str, position: int) -> None:
    """A script, style, noscript or template holding a unique marker, inside a node."""
    node = page.pick(where, number)
    if node is None or not isinstance(node.tag, str) or node.tag in RAW_TEXT_TAGS | set(HIDDEN_TAGS):
        return
    marker = f"zzhidden{len(page.markers)}zz"
    page.markers.append(marker)
    hidden = lxml_html.Element(tag)
    hidden.text = f"<img src=x onerror={marker}>" if tag in ("script", "style") else marker
    node.insert(position % (len(node) + 1), hidden)


def _json_ld(kind: str, value: str, levels: int) -> str:
    deep = "[" * levels + "1" + "]" * levels
    return {
        "deep": f'{{"@type": "Article", "datePublished": "{value}", "commentCount": {deep}}}',
        "deep-graph": '{"@graph": ' + deep + "}",
        "nested-type": '{"@type": [["Article"]], "datePublished": "2014-06-18", "author": "A"}',
        "odd-values": '{"@type": "Article", "datePublished": 5, "author": [[{"name": 3}]], "commentCount": true}',
        "huge-count": '{"@type": "Article", "datePublished": "2014", "commentCount": ' + "9" * 5_000 + "}",
        "huge-count-string": '{"@type": "Article", "datePublished": "2014", "commentCount": "' + "9" * 5_000 + '"}',
        "dates": f'{{"@type": "NewsArticle", "datePublished": "{value}", "dateModified": "{value}"}}',
        "broken": '{"@type": "Article", "datePublished": ',
    }[kind]


def op_json_ld(page: Mutated, kind: str, value: str, levels: int) -> None:
    head = page.tree.find("head")
    if head is None:
        return
    script = etree.SubElement(head, "script", type="application/ld+json")
    safe = re.sub(r'[\\"<]', "", value).translate(_TO_XML)  # a JSON string, no markup: never a marker
    script.text = _json_ld(kind, safe, levels)


tree_op = st.one_of(
    st.tuples(st.just(op_delete), pool, index),
    st.tuples(st.just(op_duplicate), pool, index),
    st.tuples(st.just(op_shuffle), pool, index, index),
    st.tuples(st.just(op_move), pool, index, index),
    st.tuples(st.just(op_nest), pool, index, depth),
    st.tuples(st.just(op_text), pool, index, garbled_text, st.booleans()),
    st.tuples(st.just(op_attribute), pool, index, st.sampled_from(ATTRIBUTES), url_text),
    st.tuples(st.just(op_attribute), pool, index, st.just("datetime"), date_text),
    st.tuples(st.just(op_attribute), pool, index, st.just("class"), st.sampled_from(CLASSES)),
    st.tuples(st.just(op_bad_attribute_name), pool, index, bad_name),
    st.tuples(st.just(op_huge_numbers), pool, index, st.sampled_from(HUGE_LENGTHS)),
    st.tuples(st.just(op_inject_hidden), pool, index, st.sampled_from(HIDDEN_TAGS), index),
    st.tuples(
        st.just(op_json_ld),
        st.sampled_from(["deep", "deep-graph", "nested-type", "odd-values", "huge-count", "huge-count-string"]),
        date_text,
        st.sampled_from([10, 900, 5_000]),
    ),
    st.tuples(st.just(op_json_ld), st.sampled_from(["dates", "broken"]), date_text, st.just(1)),
)
tree_ops = st.lists(tree_op, min_size=1, max_size=8)
cut = st.one_of(st.none(), st.integers(min_value=0, max_value=2**24))


@cache
def _saved_tree(name: str) -> Any:
    return lxml_html.document_fromstring((PAGES / name).read_text(encoding="utf-8"))


def mutated(name: str, ops: list[tuple[Any, ...]], cut_at: int | None) -> tuple[str, list[str]]:
    """The saved page ``name`` with ``ops`` applied, cut short at ``cut_at``; and the markers injected."""
    page = Mutated(copy.deepcopy(_saved_tree(name)))
    for op, *arguments in ops:
        op(page, *arguments)
    html = page.html()
    if cut_at is not None:
        html = html[: cut_at % (len(html) + 1)]
    return html, page.markers


# --- Mutations of the HTML text: anything, markup included --------------------------------------

raw_garbage = st.one_of(
    garbled_text,
    st.binary(max_size=60).map(lambda raw: raw.decode("latin-1")),
    st.sampled_from(["<div>" * 3_000, "</div>" * 50, "<script>", "<style>", "<!--", "<![CDATA[", "<xmp>", "&"]),
    st.builds(lambda name: f'<a {name}="x" href="http://[">', bad_name),
)
raw_op = st.one_of(
    st.tuples(st.just("insert"), index, raw_garbage),
    st.tuples(st.just("delete"), index, st.integers(1, 2_000)),
    st.tuples(st.just("duplicate"), index, st.integers(1, 2_000)),
)
raw_ops = st.lists(raw_op, max_size=6)


def raw_mutated(html: str, ops: list[tuple[str, int, Any]]) -> str:
    for kind, at, what in ops:
        position = at % (len(html) + 1)
        if kind == "insert":
            html = html[:position] + what + html[position:]
        elif kind == "delete":
            html = html[:position] + html[position + what :]
        else:
            html = html[:position] + html[position : position + what] + html[position:]
    return html


# --- Running the parsers and the pipelines ------------------------------------------------------


class _Errors(logging.Handler):
    """Errors the parsers' nets logged: each is an input not handled where it is read."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@cache
def _pipelines() -> tuple[CategoriesPipeline, list[Any]]:
    crawler = get_crawler(settings_dict={})
    categories = CategoriesPipeline.from_crawler(crawler)
    dates, shares, validate = (
        pipeline.from_crawler(crawler) for pipeline in (DatesPipeline, ShareLinksPipeline, ValidatePipeline)
    )
    return categories, [dates, categories, shares, validate]


def run_pipelines(posts: list[Post]) -> list[Post]:
    """The posts through dates, categories, share links and validate; validate may drop some."""
    categories, pipelines = _pipelines()
    categories.names.clear()  # names seen come from this page only
    kept = []
    for post in posts:
        post.change = "new"
        try:
            for pipeline in pipelines:
                post = pipeline.process_item(post)
        except DropItem:
            continue
        kept.append(post)
    return kept


def parsed(parse: Callable[[], Any]) -> Any:
    """``parse()``; fails when a parser's net had to catch an error."""
    errors = _Errors()
    logger = logging.getLogger("nejat_crawler.pages")
    logger.addHandler(errors)
    try:
        result = parse()
    finally:
        logger.removeHandler(errors)
    assert not errors.records, [(record.getMessage(), record.exc_text or record.exc_info) for record in errors.records]
    return result


def parse_listing_page(name: str, html: str) -> ListingPage:
    edition = get_edition(name.split("-", 1)[0])
    page: ListingPage = parsed(lambda: parse_listing(Selector(text=html), page_url(name), edition))
    return page


def parse_post_page(name: str, html: str) -> tuple[ArticlePage, Edition]:
    edition = get_edition(name.split("-", 1)[0])
    article: ArticlePage = parsed(lambda: parse_article(Selector(text=html), page_url(name), edition))
    return article, edition


@cache
def _saved_entries(name: str) -> frozenset[ListingEntry]:
    """The entries of the saved page as the harness serialises it unmutated."""
    return frozenset(parse_listing_page(name, mutated(name, [], None)[0]).entries)


def listing_posts(name: str, page: ListingPage) -> list[Post]:
    """Records of the entries the mutations changed (the saved page's own are known to be fine)."""
    posts = []
    for entry in (entry for entry in page.entries if entry not in _saved_entries(name)):
        key = post_key(entry.url)
        if key is not None:
            posts.append(post_from_entry(entry, *key, listing_url=page_url(name)))
    return posts


def article_post(name: str, article: ArticlePage) -> Post:
    """The post page merged into a listing record of it, as the spider does."""
    url = page_url(name)
    entry = ListingEntry(url, "Listed title", (), FoundDate(None, None), None, (), "", None)
    key = post_key(url)
    assert key is not None
    post = post_from_entry(entry, *key, listing_url=url.rsplit("/", 2)[0] + "/")
    differs(post, article)
    merge_article(post, article)
    return post


def entry_texts(entry: ListingEntry) -> Iterator[str | None]:
    yield from (entry.title, entry.date.text, entry.excerpt)
    yield from (link.text for link in entry.categories)


def article_texts(article: ArticlePage) -> Iterator[str | None]:
    yield from (article.title, article.author, article.date.text, article.content_text)
    yield from (link.text for link in (*article.categories, *article.tags))


def post_texts(post: Post) -> Iterator[str | None]:
    yield from (post.title, post.date_text, post.excerpt, post.author, post.content_text)
    yield from (term.name for term in (*post.categories, *post.tags))


def assert_no_markers(texts: Iterator[str | None], markers: list[str]) -> None:
    for text in texts:
        for marker in markers:
            assert marker not in (text or ""), (marker, text)


def assert_names_as_found(posts: list[Post], labels: set[str]) -> None:
    """Term names are labels as the parser found them: never decoded again."""
    for post in posts:
        for term in (*post.categories, *post.tags):
            assert term.name in labels, (term.name, labels)


# --- The properties -----------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(name=st.sampled_from(LISTING_PAGES), ops=tree_ops, cut_at=cut)
def test_mutated_listing_pages_parse_and_text_fields_hold_no_hidden_text(name, ops, cut_at):
    html, markers = mutated(name, ops, cut_at)
    page = parse_listing_page(name, html)
    for entry in page.entries:
        assert_no_markers(entry_texts(entry), markers)
    posts = run_pipelines(listing_posts(name, page))
    labels = {squash(link.text) for entry in page.entries for link in entry.categories}
    assert_names_as_found(posts, labels)
    for post in posts:
        assert_no_markers(post_texts(post), markers)


@PROPERTY_SETTINGS
@given(name=st.sampled_from(POST_PAGES), ops=tree_ops, cut_at=cut)
def test_mutated_post_pages_parse_and_text_fields_hold_no_hidden_text(name, ops, cut_at):
    html, markers = mutated(name, ops, cut_at)
    article, _ = parse_post_page(name, html)
    assert_no_markers(article_texts(article), markers)
    posts = run_pipelines([article_post(name, article)])
    assert_names_as_found(posts, {squash(link.text) for link in (*article.categories, *article.tags)})
    for post in posts:
        assert_no_markers(post_texts(post), markers)


@PROPERTY_SETTINGS
@given(name=st.sampled_from(LISTING_PAGES), ops=tree_ops, html_ops=raw_ops, cut_at=cut)
def test_listing_pages_garbled_as_text_never_break_parser_or_pipelines(name, ops, html_ops, cut_at):
    html, _ = mutated(name, ops, None)
    html = raw_mutated(html, html_ops)
    page = parse_listing_page(name, html[: cut_at % (len(html) + 1)] if cut_at is not None else html)
    run_pipelines(listing_posts(name, page))


@PROPERTY_SETTINGS
@given(name=st.sampled_from(POST_PAGES), ops=tree_ops, html_ops=raw_ops, cut_at=cut)
def test_post_pages_garbled_as_text_never_break_parser_or_pipelines(name, ops, html_ops, cut_at):
    html, _ = mutated(name, ops, None)
    html = raw_mutated(html, html_ops)
    article, _ = parse_post_page(name, html[: cut_at % (len(html) + 1)] if cut_at is not None else html)
    run_pipelines([article_post(name, article)])


@pytest.mark.parametrize("name", saved_pages())
def test_unmutated_page_survives_the_harness(name):
    """The mutation harness itself: a page serialised back unchanged keeps its entries, title and text."""
    html, markers = mutated(name, [], None)
    original = (PAGES / name).read_text(encoding="utf-8")
    assert markers == []
    if "-post-" in name:
        before, _ = parse_post_page(name, original)
        after, _ = parse_post_page(name, html)
        assert (after.title, after.content_text) == (before.title, before.content_text)
    else:
        shown = [(entry.url, entry.title, entry.excerpt) for entry in parse_listing_page(name, original).entries]
        assert [(entry.url, entry.title, entry.excerpt) for entry in parse_listing_page(name, html).entries] == shown
