import json

import pytest
from jsonschema import Draft202012Validator
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.test import get_crawler

from nejat_crawler.items import EXPORTED_FIELDS, Term
from nejat_crawler.pipelines.validate import ValidatePipeline
from nejat_crawler.schema import post_schema
from tests.conftest import make_post, nejat_stats


def test_schema_is_valid_and_lists_every_exported_field():
    schema = post_schema()
    Draft202012Validator.check_schema(schema)
    assert list(schema["properties"]) == EXPORTED_FIELDS


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


def test_can_be_switched_off():
    with pytest.raises(NotConfigured):
        ValidatePipeline.from_crawler(get_crawler(settings_dict={"NEJAT_VALIDATE_ENABLED": False}))
