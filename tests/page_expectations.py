"""Expected parser output for the saved pages in ``tests/fixtures/pages/``.

The tests compare each parser's output with ``<page>.expected.json`` beside
the page.  Regenerating them is a deliberate act, run by hand after a parser
change has been reviewed, never by the test suite:

    python -m tests.page_expectations

Review the diff of the ``.expected.json`` files before committing it.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

from parsel import Selector

from nejat_crawler.editions import get_edition
from nejat_crawler.pages.article import parse_article
from nejat_crawler.pages.listing import parse_listing

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
LIVE = "https://www.nejatngo.org"


def page_url(name: str) -> str:
    """The live URL a saved page stands for; only relative links depend on it."""
    edition, kind, rest = name.removesuffix(".html").split("-", 2)
    if kind == "post":
        return f"{LIVE}/{edition}/posts/{rest.split('-')[0]}"
    return f"{LIVE}/{edition}/"


def parse_saved(name: str) -> dict[str, Any]:
    """The parser's output for a saved page, as JSON-ready data."""
    html = (PAGES / name).read_text(encoding="utf-8")
    edition = get_edition(name.split("-", 1)[0])
    parse = parse_article if "-post-" in name else parse_listing
    # Through JSON, so tuples compare equal to the lists read back from files.
    return json.loads(json.dumps(dataclasses.asdict(parse(Selector(text=html), page_url(name), edition))))


def expected_path(name: str) -> Path:
    return PAGES / name.replace(".html", ".expected.json")


def saved_pages() -> list[str]:
    return sorted(path.name for path in PAGES.glob("*.html"))


def main() -> int:
    for name in saved_pages():
        text = json.dumps(parse_saved(name), ensure_ascii=False, indent=1) + "\n"
        expected_path(name).write_text(text, encoding="utf-8")
        print(f"wrote {expected_path(name).name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
