"""Last pipeline: every exported item fits the shipped JSON Schema.

An item without its identity (``url``, ``edition``, ``post_id``, ``change``,
and ``title`` for a post, ``deleted_at`` and ``last_seen`` for a deletion)
is dropped and the reason counted.  Any other field that does not fit the
schema is logged with its value, so nothing is lost silently, and replaced by null
(a bad element of a list is dropped from it), so consumers can rely on the schema.

Two validators read the same schema.  A compiled one (jsonschema-rs) answers
"valid or not" in microseconds; only an item it rejects goes to the
reference validator (jsonschema), which names every error so the item can be
repaired.  The compiled one is never the laxer: its regular expressions are
ECMA-262's, where ``\\d`` is an ASCII digit only, so at worst a valid item
takes the slow path.  ``format`` is an annotation in draft 2020-12 and
neither validator checks it.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable

import jsonschema_rs
from itemadapter import ItemAdapter
from jsonschema import Draft202012Validator, ValidationError
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from nejat_crawler.items import Deletion, Post
from nejat_crawler.pipelines import NejatPipeline
from nejat_crawler.schema import post_schema

logger = logging.getLogger(__name__)


class ValidatePipeline(NejatPipeline):
    name = "validate"

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        schema = post_schema()
        self.validator = Draft202012Validator(schema)
        self.quick = jsonschema_rs.validator_for(schema, validate_formats=False)
        # The schema requires title of a post, deleted_at and last_seen of a deletion notice.
        self.required_of: dict[type, tuple[str, ...]] = {
            Post: (*schema["required"], *schema["else"]["required"]),
            Deletion: (*schema["required"], *schema["then"]["required"]),
        }
        self.required = frozenset(name for names in self.required_of.values() for name in names)
        self.list_fields = {name for name, spec in schema["properties"].items() if spec.get("type") == "array"}

    def process_item(self, item: Post | Deletion) -> Post | Deletion:
        for field in self.required_of[type(item)]:
            if getattr(item, field) in (None, ""):
                self.count(f"dropped/missing_{field}")
                raise DropItem(f"no {field}: {item.url or item}")
        record = item.record()  # as the exporter will write it
        if not self._quickly_valid(record):
            self._repair(ItemAdapter(item), item.url, self.validator.iter_errors(record))
        self.count("valid")
        return item

    def _quickly_valid(self, record: dict[str, object]) -> bool:
        try:
            return bool(self.quick.is_valid(record))
        except (ValueError, TypeError):  # a value that is no JSON (bytes, a datetime): the reference says why
            return False

    def _repair(self, adapter: ItemAdapter, url: str, errors: Iterable[ValidationError]) -> None:
        """Empty each invalid optional field, or drop its bad list elements; drop the item if needed."""
        bad_elements: defaultdict[str, set[int]] = defaultdict(set)
        for error in errors:
            field = error.path[0] if error.path else None
            if not isinstance(field, str) or field in self.required:
                self.count("dropped/invalid")
                raise DropItem(f"invalid item {url}: {error.message}")
            if field in self.list_fields and len(error.path) > 1 and isinstance(error.path[1], int):
                # One bad element of a list: drop that element, keep the rest.
                bad_elements[field].add(error.path[1])
                logger.warning("Invalid %s element on %s, dropped: %s", field, url, error.message)
                self.count(f"dropped_element/{field}")
                continue
            logger.warning("Invalid %s on %s, set to empty: %r (%s)", field, url, adapter[field], error.message)
            adapter[field] = [] if field in self.list_fields else None
            self.count(f"emptied/{field}")
        for field, indexes in bad_elements.items():
            adapter[field] = [element for index, element in enumerate(adapter[field]) if index not in indexes]
