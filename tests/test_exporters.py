"""The JSON and JSON Lines feed exporters write what Scrapy's own would, byte for byte.

They take a shortcut, ``Post.record()``, only when it holds every field to
write: the export fields are named and leave ``raw`` out (the record has no
``raw``).  With ``raw`` named, or no fields named (every field, ``raw``
included), the item goes through Scrapy's path unchanged.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from scrapy.exporters import BaseItemExporter, JsonItemExporter, JsonLinesItemExporter

from nejat_crawler.exporters import PostJsonItemExporter, PostJsonLinesItemExporter
from nejat_crawler.items import EXPORTED_FIELDS, LINE_FIELDS, Deletion, Post, RawDates, RawValues, ShareLink, Term
from nejat_crawler.pages.common import FoundLink, FoundShare
from tests.conftest import make_post

SITE = "https://www.nejatngo.org"
POST = f"{SITE}/fa/posts/12"

EXPORTERS = [
    pytest.param(PostJsonLinesItemExporter, JsonLinesItemExporter, id="jsonlines"),
    pytest.param(PostJsonItemExporter, JsonItemExporter, id="json"),
]
# FEED_EXPORT_FIELDS (the project's default), some fields named, raw named, and no fields named.
FIELDS = [
    pytest.param(EXPORTED_FIELDS, True, id="default-fields"),
    pytest.param(["title", "share_links", "url", "categories"], True, id="some-fields"),
    pytest.param([*EXPORTED_FIELDS, "raw"], False, id="with-raw"),
    pytest.param(["raw", "url"], False, id="raw-first"),
    pytest.param(None, False, id="every-field"),
]


def full_post() -> Post:
    """A post with every kind of value: terms, share links, lists, Persian text, raw values."""
    category = Term("خانواده‌های اشرف", "ashraf-families", f"{SITE}/fa/topic/ashraf-families")
    return make_post(
        url=POST,
        edition="fa",
        post_id=12,
        title="نامه خانواده‌ها به فرزندانشان",
        categories=[category, Term("UN", None, None)],
        tags=[Term("Camp Liberty", "camp-liberty", f"{SITE}/fa/tag/camp-liberty")],
        share_links=[
            ShareLink("facebook", f"https://www.facebook.com/sharer/sharer.php?u={POST}", POST),
            ShareLink("email", "mailto:?subject=%D9%86%D8%A7%D9%85%D9%87", None),
        ],
        published="2013-09-05",
        published_at="2013-09-05T10:12:00+04:30",
        date_text="۱۴ شهریور ۱۳۹۲",
        comment_count=0,
        images=[f"{SITE}/fa/wp-content/uploads/a.jpg", f"{SITE}/fa/wp-content/uploads/b.jpg"],
        content_html="<p>خانواده‌ها\u200c منتظرند</p>",
        content_text='خانواده‌ها منتظرند "quoted" \\ \n\t',
        crawled_at="2026-12-02T00:00:00Z",
        change="updated",
        raw=RawValues(
            categories=(FoundLink("UN", f"{SITE}/fa/topic/un"),),
            tags=(FoundLink("Camp Liberty", None),),
            share_links=(FoundShare("facebook", f"https://www.facebook.com/sharer/sharer.php?u={POST}"),),
            dates=RawDates(datetime="2013-09-05T10:12:00+04:30", jsonld_modified="2020-01-11T04:30:00+00:00"),
            listing_fingerprint="0123abcd",
        ),
    )


def items() -> list[Any]:
    """Two posts (one bare) and an item of another kind."""
    return [full_post(), make_post(), {"url": POST, "note": "not a post"}]


def exported(exporter_class: type[BaseItemExporter], fields: list[str] | None) -> bytes:
    """What the exporter writes for ``items()``, built with the options a feed gives it."""
    stream = io.BytesIO()
    exporter = exporter_class(stream, fields_to_export=fields, encoding="utf-8", indent=0)
    exporter.start_exporting()
    for item in items():
        exporter.export_item(item)
    exporter.finish_exporting()
    return stream.getvalue()


@pytest.mark.parametrize(("ours", "scrapy_s"), EXPORTERS)
@pytest.mark.parametrize(("fields", "shortcut"), FIELDS)
def test_the_output_is_scrapy_s_byte_for_byte(monkeypatch, ours, scrapy_s, fields, shortcut):
    expected = exported(scrapy_s, fields)
    records = []
    record = Post.record

    def counted(post: Post) -> dict[str, Any]:
        records.append(post)
        return record(post)

    monkeypatch.setattr(Post, "record", counted)
    assert exported(ours, fields) == expected
    # The shortcut is taken for posts whenever it gives those bytes, and only then.
    assert len(records) == (2 if shortcut else 0)


def test_raw_is_written_when_named():
    fields = ["url", "raw"]
    line = exported(PostJsonLinesItemExporter, fields).splitlines()[0].decode()
    assert line.startswith(f'{{"url": "{POST}", "raw": {{"categories": [{{"text": "UN"')
    assert '"listing_fingerprint": "0123abcd"' in line


def test_the_default_fields_leave_raw_out():
    output = exported(PostJsonLinesItemExporter, EXPORTED_FIELDS).decode()
    assert "listing_fingerprint" not in output and '"raw"' not in output
    assert '"categories": [{"name": "خانواده‌های اشرف", "slug": "ashraf-families"' in output


@pytest.mark.parametrize(("ours", "_scrapy_s"), EXPORTERS)
def test_a_deletion_notice_is_written_with_its_own_fields_only(ours, _scrapy_s):
    notice = Deletion(POST, "fa", 12, "2026-12-02T10:00:00+00:00", "2026-12-01T10:00:00+00:00", status=410)
    stream = io.BytesIO()
    exporter = ours(stream, fields_to_export=LINE_FIELDS, encoding="utf-8")
    exporter.start_exporting()
    exporter.export_item(notice)
    exporter.finish_exporting()
    written = json.loads(stream.getvalue())
    [line] = written if isinstance(written, list) else [written]
    assert list(line) == ["url", "edition", "post_id", "change", "deleted_at", "last_seen"]
    assert line["change"] == "deleted"
