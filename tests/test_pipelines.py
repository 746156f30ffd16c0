"""What every pipeline shares: its off switch, and the fields it says it fills."""

import pytest

from nejat_crawler.items import EXPORTED_FIELDS
from nejat_crawler.pipelines import NejatPipeline
from nejat_crawler.pipelines.categories import CategoriesPipeline
from nejat_crawler.pipelines.dates import DatesPipeline
from nejat_crawler.pipelines.dedupe import DedupePipeline
from nejat_crawler.pipelines.share_links import ShareLinksPipeline
from nejat_crawler.pipelines.validate import ValidatePipeline

PIPELINES = [DedupePipeline, DatesPipeline, CategoriesPipeline, ShareLinksPipeline, ValidatePipeline]


@pytest.mark.parametrize("pipeline", PIPELINES, ids=lambda pipeline: pipeline.name)
def test_fields_a_pipeline_fills_are_exported_fields(pipeline: type[NejatPipeline]):
    assert set(pipeline.fills) <= set(EXPORTED_FIELDS)
