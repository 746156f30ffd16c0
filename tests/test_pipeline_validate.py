import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.test import get_crawler

from nejat_crawler.items import EXPORTED_FIELDS, LINE_FIELDS, Deletion, Term
from nejat_crawler.pipelines.validate import ValidatePipeline
from nejat_crawler.schema import post_schema
from tests.conftest import make_post, nejat_stats


def test_schema_is_valid_and_lists_every_exported_field():
    schema = post_schema()
    Draft202012Validator.check_schema(schema)
    assert list(schema["properties"]) == LINE_FIELDS


def test_complete_item_passes_unchanged(crawler):
    pipeline = ValidatePipeline.from_crawler(crawler)
    post = make_post(
        categories=[Term("UN", "un", "https://www.nejatngo.org/en/topic/un")],
        published="2013-09-05",
        published_at="2013-09-05T10:12:00+04:30",
        comment_count=0,
    )
    before = json.dumps(post.__dict__, default=str)
    assert pipeline.process_item(post) is post
    assert json.dumps(post.__dict__, default=str) == before
    assert nejat_stats(crawler) == {"nejat/validate/valid": 1}


@pytest.mark.parametrize("field", ["url", "edition", "post_id", "title"])
def test_item_without_identity_is_dropped_with_reason(crawler, field):
    pipeline = ValidatePipeline.from_crawler(crawler)
    with pytest.raises(DropItem, match=f"no {field}"):
        pipeline.process_item(make_post(**{field: None}))
    assert nejat_stats(crawler) == {f"nejat/validate/dropped/missing_{field}": 1}


def test_invalid_optional_field_is_emptied_and_counted(crawler, caplog):
    pipeline = ValidatePipeline.from_crawler(crawler)
    post = pipeline.process_item(make_post(published="5 Sep 2013", comment_count=-1, images=["a.jpg", 1, "b.jpg"]))
    assert (post.published, post.comment_count, post.images) == (None, None, ["a.jpg", "b.jpg"])
    stats = nejat_stats(crawler)
    assert stats["nejat/validate/emptied/published"] == 1
    assert stats["nejat/validate/emptied/comment_count"] == 1
    assert stats["nejat/validate/dropped_element/images"] == 1
    assert "5 Sep 2013" in caplog.text


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("author", b"Nejat Society"),
        ("published_at", datetime(2013, 9, 5, 10, 12, tzinfo=UTC)),
        ("excerpt", object()),
        ("images", ["a.jpg", b"b.jpg"]),
    ],
    ids=["bytes", "datetime", "object", "bytes-in-a-list"],
)
def test_a_value_that_is_no_json_is_emptied_and_counted(crawler, caplog, field, value):
    # The compiled validator refuses such a value outright (it raises); the item is repaired like any other.
    pipeline = ValidatePipeline.from_crawler(crawler)
    post = pipeline.process_item(make_post(**{field: value}))
    if field == "images":
        assert post.images == ["a.jpg"]
        assert nejat_stats(crawler) == {"nejat/validate/dropped_element/images": 1, "nejat/validate/valid": 1}
    else:
        assert getattr(post, field) is None
        assert nejat_stats(crawler) == {f"nejat/validate/emptied/{field}": 1, "nejat/validate/valid": 1}
    assert field in caplog.text
    json.dumps(post.record())  # what is left can be written


def test_can_be_switched_off():
    with pytest.raises(NotConfigured):
        ValidatePipeline.from_crawler(get_crawler(settings_dict={"NEJAT_VALIDATE_ENABLED": False}))


# Records near the schema's edges: real lines from the replica with one field
# set to a value of the wrong type, shape or spelling.
_SNAPSHOT_LINES = (Path(__file__).parent / "fixtures" / "output" / "replica-articles.jsonl").read_text(encoding="utf-8")
_RECORDS = [json.loads(line) for line in _SNAPSHOT_LINES.splitlines()[:20]]
_TEXT = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "en", "xx", "1402\n", "۱۴۰۲-۰۱-۰۱", "2024-01-02T03:04:05+03:30", "2024-01-02\n"]),
    st.sampled_from(["https://www.nejatngo.org/en/posts/1", "https://www.nejatngo.org/en/posts/1\n", "http://x"]),
)
_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-3, 2**65), st.floats(allow_nan=False), _TEXT)
_VALUE = st.recursive(
    _SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["name", "slug", "url", "platform", "target", "x"]), inner, max_size=4),
    ),
    max_leaves=6,
)
_PIPELINE = ValidatePipeline.from_crawler(get_crawler())


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(_RECORDS), st.sampled_from([*EXPORTED_FIELDS, "extra"]), _VALUE)
def test_the_compiled_validator_is_never_laxer_than_the_reference(record, field, value):
    pipeline = _PIPELINE
    changed = {**record, "crawled_at": "2026-12-02T00:00:00Z", field: value}
    if pipeline.quick.is_valid(changed):
        assert list(pipeline.validator.iter_errors(changed)) == []


def deletion(**fields: object) -> Deletion:
    values: dict[str, object] = {
        "url": "https://www.nejatngo.org/fa/posts/12",
        "edition": "fa",
        "post_id": 12,
        "deleted_at": "2026-12-02T10:00:00+00:00",
        "last_seen": "2026-12-01T10:00:00.123456+00:00",
    }
    return Deletion(**{**values, **fields})  # type: ignore[arg-type]


def test_a_deletion_notice_fits_the_schema_without_a_title(crawler):
    notice = deletion()
    assert ValidatePipeline.from_crawler(crawler).process_item(notice) is notice
    Draft202012Validator(post_schema()).validate(notice.record())


def test_a_deletion_notice_without_its_times_is_dropped(crawler):
    with pytest.raises(DropItem, match="no deleted_at"):
        ValidatePipeline.from_crawler(crawler).process_item(deletion(deleted_at=None))


def test_the_schema_keeps_a_deletion_notice_to_its_own_fields():
    validator = Draft202012Validator(post_schema())
    assert not validator.is_valid({**deletion().record(), "title": "A title"})
    assert not validator.is_valid({**make_post().record(), "change": "deleted"})
