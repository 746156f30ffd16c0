"""The shipped JSON Schema agrees with the one edition table."""

import re

from nejat_crawler.editions import EDITION_CODES
from nejat_crawler.schema import post_schema


def test_edition_enum_and_url_pattern_list_exactly_the_table_s_editions():
    properties = post_schema()["properties"]
    assert properties["edition"]["enum"] == list(EDITION_CODES)
    [alternatives] = re.findall(r"/\(([a-z|]+)\)/posts/", properties["url"]["pattern"])
    assert alternatives.split("|") == list(EDITION_CODES)
