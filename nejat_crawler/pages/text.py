"""Plain text out of HTML fragments, with paragraph breaks kept."""

from __future__ import annotations

from parsel import Selector, SelectorList

from nejat_crawler.text import squash

# Elements that start a new paragraph in the extracted text.
_BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt"),
        *("figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr"),
        *("li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "thead", "tr", "ul"),
    }
)
# Elements whose text is never content.
# ``<br>`` keeps a line break inside a paragraph; whitespace in text nodes does not.
_LINE_BREAK = "\x00"
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "form", "button"})


def block_text(node: Selector | SelectorList | None, drop: str = "") -> str:
    """The text of ``node`` with one blank line between blocks.

    ``drop`` is a CSS selector of descendants to leave out (share boxes,
    "Continue Reading" links).  Inline text is joined with single spaces.
    """
    if node is None:
        return ""
    if isinstance(node, SelectorList):
        if not node:
            return ""
        node = node[0]
    # lxml hands out the same proxy object for a node while one is alive, so
    # holding the dropped roots here makes the identity test below reliable.
    dropped = {el.root for el in node.css(drop)} if drop else set()
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        lines = (squash(line) for line in "".join(current).split(_LINE_BREAK))
        text = "\n".join(line for line in lines if line)
        if text:
            paragraphs.append(text)
        current.clear()

    def walk(sel: Selector) -> None:
        for child in sel.xpath("node()"):
            root = child.root
            if isinstance(root, str):
                current.append(root)
                continue
            tag = getattr(root, "tag", None)
            if not isinstance(tag, str) or tag in _SKIPPED_TAGS or root in dropped:
                continue
            if tag == "br":
                current.append(_LINE_BREAK)
            elif tag in _BLOCK_TAGS:
                flush()
                walk(child)
                flush()
            else:
                walk(child)

    walk(node)
    flush()
    return "\n\n".join(paragraphs)
