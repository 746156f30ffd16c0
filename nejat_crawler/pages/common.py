"""Pieces of Soledad markup that listing entries and post pages share."""

from __future__ import annotations

import re
from collections.abc import Iterable
from copy import deepcopy
from dataclasses import dataclass
from urllib.parse import urljoin

import html_text
from lxml import etree
from parsel import Selector, SelectorList

from nejat_crawler.editions import Edition
from nejat_crawler.text import first_integer, squash, strip_bidi_marks

# One link per category, printed side by side with no separator.
CATEGORY_LINKS = ".penci-standard-cat a.penci-cat-name, .penci-standard-cat a[rel~=category]"
_SHARE_NETWORK = re.compile(r"\bpost-share-([a-z0-9]+)\b")
# Share-box anchors that share nothing: the "more networks" toggle and the like button.
_NOT_SHARE_BUTTONS = ("post-share-expand", "penci-post-like")
# The visible post date: never the hidden schema copy (penci-hide-tagupdated).
_VISIBLE_TIME = ".penci-box-meta time, .post-box-meta-single time"
# Fallback for other layouts: any shown time that is not another post's
# (related posts, sidebar, navigation), a comment's, or a date in the text.
_ANY_SHOWN_TIME = (
    ".//time[not(ancestor::*[@id='comments' or @id='sidebar' or self::aside"
    " or contains(@class, 'penci-hide-tagupdated') or contains(@class, 'post-related')"
    " or contains(@class, 'post-comments') or contains(@class, 'post-pagination')"
    " or contains(@class, 'entry-content') or contains(@class, 'side-wdate')])]"
)


@dataclass(frozen=True)
class FoundLink:
    """A labelled link as found: visible text and absolute href."""

    text: str
    href: str | None


@dataclass(frozen=True)
class FoundShare:
    """A share button: the network named in its class, and its absolute href."""

    network: str | None
    href: str | None


@dataclass(frozen=True)
class FoundDate:
    """The post's visible date: its text and its ``datetime`` attribute."""

    text: str | None
    datetime: str | None


def absolute(page_url: str, href: str | None) -> str | None:
    return urljoin(page_url, href.strip()) if href and href.strip() else None


def text_of(node: Selector | SelectorList) -> str:
    """All text of ``node``, bidi marks removed and whitespace collapsed."""
    return squash(strip_bidi_marks(" ".join(node.css("::text").getall())))


def found_links(links: Iterable[Selector], page_url: str) -> tuple[FoundLink, ...]:
    return tuple(FoundLink(text_of(link), absolute(page_url, link.attrib.get("href"))) for link in links)


def share_links(container: Selector | SelectorList, page_url: str) -> tuple[FoundShare, ...]:
    """The share buttons under ``container``, in page order."""
    shares = []
    for link in container.css("a.post-share-item"):
        classes = link.attrib.get("class", "")
        if any(name in classes for name in _NOT_SHARE_BUTTONS):
            continue
        network = next((name for name in _SHARE_NETWORK.findall(classes) if name != "item"), None)
        href = link.attrib.get("href")
        # Pinterest on post pages has no href, only an onclick script.
        shares.append(FoundShare(network, absolute(page_url, href) if href and not href.startswith("#") else None))
    return tuple(shares)


def comment_count(label: Selector | SelectorList, edition: Edition) -> int | None:
    """The number in a comment label: "0 comments", "۳ دیدگاه", "One Comment", "تعليقان".

    None when the label holds no number ("Comments Off"): unknown, not zero.
    """
    text = text_of(label)
    count = first_integer(text)
    if count is not None:
        return count
    words = re.findall(r"\w+", text.lower())
    return next((edition.count_words[word] for word in words if word in edition.count_words), None)


def image_source(image: Selector | SelectorList, page_url: str) -> str | None:
    """An ``img``'s real source: lazy-load attributes before a placeholder ``src``."""
    for attribute in ("data-src", "data-lazy-src", "src"):
        value = (image.attrib.get(attribute) or "").strip()
        if value and not value.startswith("data:"):
            return absolute(page_url, value)
    return None


def visible_date(block: Selector | SelectorList) -> FoundDate:
    """The first visible ``time`` of a post header or entry meta block."""
    time = block.css(_VISIBLE_TIME)[:1] or block.xpath(_ANY_SHOWN_TIME)[:1]
    return FoundDate(text_of(time) or None, (time.attrib.get("datetime") or "").strip() or None)


# Elements that start a new paragraph in the extracted text.  html_text's own
# sets part ``div`` and ``li`` with a single newline; here every block is a
# paragraph, and ``<br>`` alone is a line break inside one.
_BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt"),
        *("figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr"),
        *("li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "thead", "tr", "ul"),
    }
)
# Elements whose text is never content (html_text's cleaner keeps forms and noscript).
_NOT_TEXT = "script, style, noscript, template, iframe, form, button"


def block_text(node: Selector | SelectorList[Selector] | None, drop: str = "") -> str:
    """The text of ``node`` with one blank line between blocks.

    ``drop`` is a CSS selector of descendants to leave out (share boxes,
    "Continue Reading" links).  Inline text is joined as written.  Nothing
    here recurses, so any depth the HTML parser kept is read.
    """
    if isinstance(node, SelectorList):
        node = node[0] if node else None
    if node is None:
        return ""
    # A copy, so cutting parts away leaves the page's tree whole.
    copy = Selector(root=deepcopy(node.root), type="html")
    for part in copy.css(f"{drop}, {_NOT_TEXT}" if drop else _NOT_TEXT):
        if part.root is not copy.root:
            part.drop()
    # html_text puts a space at every element boundary ("x<sup>1</sup>" would
    # read "x 1", "<a>…</a>،" would gain a space before the Arabic comma):
    # unwrapping inline elements first keeps text as the page writes it.
    inline = {el.tag for el in copy.root.iter(etree.Element)} - _BLOCK_TAGS - {"br"}
    etree.strip_tags(copy.root, *inline)
    # The element itself, never its HTML: html_text would re-parse a string
    # without huge_tree, and libxml2 then stops at 256 levels.
    return html_text.extract_text(copy.root, newline_tags={"br"}, double_newline_tags=_BLOCK_TAGS)
