"""Feed exporters that write a ``Post`` from its own record.

Scrapy's exporters read every field through itemadapter and leave nested
dataclasses (terms, share links) to the JSON encoder's fallback, which asks
itemadapter again for each one: on a long crawl that was a tenth of the CPU.
``Post.record()`` holds the same fields in the same order as plain values, so
the lines written are the same, byte for byte.  Anything else is exported as
Scrapy would.
"""

from __future__ import annotations

from typing import Any

from scrapy.exporters import BaseItemExporter, JsonItemExporter, JsonLinesItemExporter

from nejat_crawler.items import Deletion, Post


class PostJsonLinesItemExporter(JsonLinesItemExporter):
    def export_item(self, item: Any) -> None:
        super().export_item(_plain(self, item))


class PostJsonItemExporter(JsonItemExporter):
    def export_item(self, item: Any) -> None:
        super().export_item(_plain(self, item))


def _plain(exporter: BaseItemExporter, item: Any) -> Any:
    """``item.record()`` for a Post whose exported fields are named and leave
    out ``raw`` (the record has no ``raw``), and for a deletion notice, which
    has its own few fields; anything else as it is."""
    fields = exporter.fields_to_export
    if isinstance(item, Deletion) or (isinstance(item, Post) and fields is not None and "raw" not in fields):
        return item.record()
    return item
