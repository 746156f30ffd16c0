"""Pieces of Soledad markup that listing entries and post pages share."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from copy import deepcopy
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urljoin

import html_text
from lxml import etree
from parsel import Selector, SelectorList

from nejat_crawler.editions import Edition
from nejat_crawler.text import first_integer, squash, strip_bidi_marks

logger = logging.getLogger(__name__)

T = TypeVar("T")

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


class FieldReader:
    """Reads a page's fields one at a time: one that cannot be read costs
    that field, never the page.

    Every input foreseen is handled where it is read; this is the net for the
    unforeseen.  The error is logged with its traceback, so it gets fixed
    rather than silently lost.
    """

    def __init__(self, where: str) -> None:
        self.where = where

    def __call__(self, name: str, read: Callable[[], T], empty: T) -> T:
        """``read()``, or ``empty`` when it raises."""
        try:
            return read()
        except Exception:
            logger.exception("Could not read the %s of %s; left empty", name, self.where)
            return empty


def absolute(page_url: str, href: str | None) -> str | None:
    """``href`` resolved against the page; None when there is none, or when
    it is no URL at all (``http://[``, which ``urljoin`` refuses)."""
    if not href or not href.strip():
        return None
    try:
        return urljoin(page_url, href.strip())
    except ValueError:
        return None


def attribute(node: Selector | SelectorList[Selector], name: str) -> str | None:
    """The value of attribute ``name`` of ``node`` (of its first element for a list).

    One attribute read by name: parsel's ``attrib`` builds a dict of them all,
    and lxml refuses to look up a name holding a control character
    (``<a \\x01="" href=…>``), which would lose the whole entry.
    """
    element = node[0] if isinstance(node, SelectorList) and node else node
    root = element.root if isinstance(element, Selector) else None
    value = root.get(name) if isinstance(root, etree._Element) else None
    return value if isinstance(value, str) else None


# Elements whose text a browser does not show: raw-text script and style,
# inert templates, fallbacks for what has no script, frames or embeds, and a
# stray <title> in the body (displayed none).  Their text is never a field's.
NOT_SHOWN = ("script", "style", "noscript", "template", "iframe", "noembed", "noframes", "title")
_SHOWN_TEXT = ".//text()[not(ancestor::*[{}])]".format(" or ".join(f"self::{tag}" for tag in NOT_SHOWN))


def text_of(node: Selector | SelectorList) -> str:
    """The text of ``node`` as shown, bidi marks removed and whitespace collapsed.

    Text a browser does not show (a script's or style's body) is left out:
    a title is text, never code that was inside it.
    """
    nodes = [node] if isinstance(node, Selector) else node
    return squash(strip_bidi_marks(" ".join(text for one in nodes for text in _shown_strings(one))))


def _shown_strings(node: Selector) -> list[str]:
    """The text nodes of ``node`` that a browser shows, in document order.

    Most nodes (a title link, a date) hold nothing hidden and sit in nothing
    hidden: lxml's own text iterator reads them several times faster than the
    XPath, whose ancestor test runs per text node.  On a tree as lxml's HTML
    parser builds it, it gives the same strings: comments' and processing
    instructions' bodies are left out, their tails kept.  (Not on a tree edited
    so that two text nodes touch, which itertext reads as one string: the
    copies ``block_text`` strips are never read here.)
    """
    root = node.root
    if (
        isinstance(root, etree._Element)
        and isinstance(root.tag, str)
        and next(root.iter(*NOT_SHOWN), None) is None
        and next(root.iterancestors(*NOT_SHOWN), None) is None
    ):
        return list(root.itertext())
    return node.xpath(_SHOWN_TEXT).getall()


def found_links(links: Iterable[Selector], page_url: str) -> tuple[FoundLink, ...]:
    return tuple(FoundLink(text_of(link), absolute(page_url, attribute(link, "href"))) for link in links)


def share_links(container: Selector | SelectorList, page_url: str) -> tuple[FoundShare, ...]:
    """The share buttons under ``container``, in page order."""
    shares = []
    for link in container.css("a.post-share-item"):
        classes = attribute(link, "class") or ""
        if any(name in classes for name in _NOT_SHARE_BUTTONS):
            continue
        network = next((name for name in _SHARE_NETWORK.findall(classes) if name != "item"), None)
        href = attribute(link, "href")
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
    for name in ("data-src", "data-lazy-src", "src"):
        value = (attribute(image, name) or "").strip()
        if value and not value.startswith("data:"):
            return absolute(page_url, value)
    return None


def visible_date(block: Selector | SelectorList) -> FoundDate:
    """The first visible ``time`` of a post header or entry meta block."""
    time = block.css(_VISIBLE_TIME)[:1] or block.xpath(_ANY_SHOWN_TIME)[:1]
    return FoundDate(text_of(time) or None, (attribute(time, "datetime") or "").strip() or None)


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
_NOT_TEXT = ", ".join((*NOT_SHOWN, "form", "button"))


# Characters lxml refuses in a string it is handed (C0 controls but tab and
# line breaks, U+FFFE, U+FFFF), though its parser keeps them from a page.
# Cutting an element away (parsel's drop(), html_text's cleaner) hands its
# tail back to lxml, so a tail holding one would raise.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def make_xml_safe(root: etree._Element) -> etree._Element:
    """``root`` (a copy, changed in place) without characters lxml refuses.

    An element whose tag holds one (``<a\\x01b>``) becomes a ``span``.
    """
    for node in root.iter():
        if isinstance(node.tag, str) and _NOT_XML.search(node.tag):
            node.tag = "span"
        if node.text and _NOT_XML.search(node.text):
            node.text = _xml_text(node.text)
        if node.tail and _NOT_XML.search(node.tail):
            node.tail = _xml_text(node.tail)
    return root


def _xml_text(text: str) -> str:
    # Vertical tab and form feed separate words; the others show as nothing.
    return _NOT_XML.sub(lambda match: " " if match.group() in "\x0b\x0c" else "", text)


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
    copy = Selector(root=make_xml_safe(deepcopy(node.root)), type="html")
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
