"""Consumers load every file with the same column types: DuckDB types derived from post.json.

Type inference alone depends on the data: in an ``articles=0`` file every
post-page field is null or empty, and DuckDB types ``author`` as NULL and
``tags`` as JSON[]. ``duckdb_columns()`` gives the types the schema means.
"""

from __future__ import annotations

import copy
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from nejat_crawler.schema import UnsupportedSchemaError, duckdb_columns, duckdb_columns_sql, duckdb_type, post_schema
from tests.crawling import ROOT, CrawlResult, run_crawl
from tests.site.server import ReplicaServer

TERM = 'STRUCT("name" VARCHAR, "slug" VARCHAR, "url" VARCHAR)[]'
# The change field another change adds to post.json: it must derive without a new rule.
CHANGE = {"enum": ["new", "updated", "unchanged"]}


def derive(node: dict[str, Any]) -> str:
    """The type of ``node`` as a property beside post.json's own ``$defs``."""
    return duckdb_type(node, post_schema(), "test")


# --- the derivation, construct by construct ----------------------------------


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        pytest.param({"type": "string"}, "VARCHAR", id="string"),
        pytest.param({"type": ["string", "null"], "format": "uri", "minLength": 1}, "VARCHAR", id="nullable-string"),
        pytest.param({"type": "integer", "minimum": 1}, "BIGINT", id="integer"),
        pytest.param({"type": ["integer", "null"]}, "BIGINT", id="nullable-integer"),
        pytest.param({"type": "number"}, "DOUBLE", id="number"),
        pytest.param({"type": "boolean"}, "BOOLEAN", id="boolean"),
        pytest.param({"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"}, "DATE", id="date-pattern"),
        pytest.param({"type": "string", "format": "date"}, "DATE", id="date-format"),
        pytest.param({"type": "string", "format": "date-time"}, "TIMESTAMPTZ", id="date-time-format"),
        pytest.param({"type": "string", "pattern": r"^\d{4}"}, "VARCHAR", id="other-pattern"),
        pytest.param({"$ref": "#/$defs/datetime", "description": "when"}, "TIMESTAMPTZ", id="datetime-ref"),
        pytest.param({"type": "array", "items": {"$ref": "#/$defs/term"}}, TERM, id="array-of-terms"),
        pytest.param({"type": "array", "items": {"type": "string"}}, "VARCHAR[]", id="array-of-strings"),
        pytest.param(
            {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {"order": {"type": "integer"}, "at": {"$ref": "#/$defs/datetime"}},
                },
            },
            'STRUCT("order" BIGINT, "at" TIMESTAMPTZ)[]',
            id="array-of-objects",
        ),
        pytest.param(
            {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}}, "BIGINT[][]", id="nested"
        ),
        pytest.param(CHANGE, "VARCHAR", id="enum-change"),
        pytest.param({"enum": ["en", "ar", None]}, "VARCHAR", id="nullable-enum"),
        pytest.param({"type": "string", "enum": ["a", "b"]}, "VARCHAR", id="typed-enum"),
    ],
)
def test_each_construct_has_its_type(node, expected):
    assert derive(node) == expected


@pytest.mark.parametrize(
    ("node", "message"),
    [
        pytest.param({"anyOf": [{"type": "string"}, {"type": "integer"}]}, "anyOf", id="anyOf"),
        pytest.param({"type": "string", "const": "x"}, "const", id="const"),
        pytest.param({"description": "no type"}, "one of type, enum or \\$ref", id="untyped"),
        pytest.param({"type": ["string", "integer"]}, "exactly one non-null type", id="two-types"),
        pytest.param({"type": "null"}, "exactly one non-null type", id="null-only"),
        pytest.param({"type": "date"}, "type 'date'", id="unknown-type"),
        pytest.param({"enum": [1, 2]}, "enums of strings", id="enum-of-integers"),
        pytest.param({"enum": ["a", 1]}, "mixing", id="mixed-enum"),
        pytest.param({"type": "array"}, "without items", id="array-without-items"),
        pytest.param({"type": "object"}, "without properties", id="open-object"),
        pytest.param({"$ref": "#/$defs/missing"}, "points at nothing", id="dangling-ref"),
        pytest.param({"$ref": "https://example.org/s.json"}, "only local references", id="remote-ref"),
        pytest.param({"$ref": "#/$defs/term", "type": "object"}, "one of type, enum or \\$ref", id="ref-and-type"),
    ],
)
def test_an_unknown_construct_is_an_error_that_names_it(node, message):
    with pytest.raises(UnsupportedSchemaError, match=message):
        derive(node)


def test_the_error_says_where_in_the_schema():
    schema = {"properties": {"tags": {"type": "array", "items": {"type": "object", "properties": {"x": {}}}}}}
    with pytest.raises(UnsupportedSchemaError, match=r"^tags\[\]\.x: "):
        duckdb_columns(schema)


def test_post_schema_columns_follow_the_schema():
    columns = duckdb_columns()
    assert list(columns) == list(post_schema()["properties"])
    assert columns["published"] == "DATE"
    assert {columns[name] for name in ("published_at", "crawled_at", "modified_at")} == {"TIMESTAMPTZ"}
    assert columns["categories"] == columns["tags"] == TERM
    assert columns["share_links"] == 'STRUCT("platform" VARCHAR, "url" VARCHAR, "target" VARCHAR)[]'
    assert columns["images"] == "VARCHAR[]"
    assert columns["post_id"] == columns["comment_count"] == "BIGINT"
    assert columns["edition"] == columns["author"] == "VARCHAR"


def test_a_new_enum_property_needs_no_new_rule():
    schema = copy.deepcopy(post_schema())
    schema["properties"]["moderation"] = CHANGE
    assert duckdb_columns(schema) == {**duckdb_columns(), "moderation": "VARCHAR"}
    assert list(duckdb_columns(schema))[-1] == "moderation"


def test_the_sql_literal_is_the_columns_as_duckdb_reads_them():
    literal = duckdb_columns_sql()
    assert literal.startswith("{'url': 'VARCHAR', ")
    [(value,)] = duckdb.sql(f"SELECT {literal}").fetchall()
    assert value == duckdb_columns()
    # Quotes in names and types are escaped.
    odd = {"properties": {"it's": {"type": "array", "items": {"type": "object", "properties": {'a"b': CHANGE}}}}}
    [(value,)] = duckdb.sql(f"SELECT {duckdb_columns_sql(odd)}").fetchall()
    assert value == {"it's": 'STRUCT("a""b" VARCHAR)[]'}


def test_the_module_prints_the_literal():
    command = [sys.executable, "-m", "nejat_crawler.schema"]
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    assert completed.stdout == duckdb_columns_sql() + "\n"


# --- end to end: both crawl modes load with one set of types -----------------


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, CrawlResult]]:
    """The replica crawled listing-only and in article mode: each mode's JSON Lines file and result."""
    folder = tmp_path_factory.mktemp("consumers")
    files = {}
    with ReplicaServer() as server:
        for mode, arguments in {"listing": ("-a", "articles=0"), "article": ()}.items():
            result = run_crawl(server, folder / mode, *arguments)
            assert result.returncode == 0, result.log[-3000:]
            files[mode] = (folder / mode / "out.jsonl", result)
    return files


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    # TIMESTAMPTZ values are instants shown in the session time zone: fix it, whatever the machine's.
    connection.execute("SET TimeZone = 'UTC'")
    return connection


def read_json(path: Path) -> str:
    return f"read_json('{path}', format = 'newline_delimited', columns = {duckdb_columns_sql()})"


def described(con: duckdb.DuckDBPyConnection, relation: str) -> list[tuple[str, str]]:
    return [(name, kind) for name, kind, *_ in con.sql(f"DESCRIBE {relation}").fetchall()]


def test_both_modes_load_with_the_schema_s_types(crawled, con):
    con.execute(
        "CREATE TABLE expected (" + ", ".join(f'"{name}" {kind}' for name, kind in duckdb_columns().items()) + ")"
    )
    expected = described(con, "expected")
    for path, result in crawled.values():
        assert described(con, f"SELECT * FROM {read_json(path)}") == expected
        [(rows,)] = con.sql(f"SELECT count(*) FROM {read_json(path)}").fetchall()
        assert rows == len(result.items) > 0
    assert dict(expected)["published"] == "DATE"
    assert dict(expected)["published_at"] == "TIMESTAMP WITH TIME ZONE"


@pytest.mark.parametrize("mode", ["listing", "article"])
def test_dates_parse_to_the_same_days_and_instants(crawled, con, mode):
    path, result = crawled[mode]
    query = f"SELECT post_id, edition, published, epoch(published_at), epoch(modified_at) FROM {read_json(path)}"
    loaded = {(edition, post_id): rest for post_id, edition, *rest in con.sql(query).fetchall()}

    def instant(value: str | None) -> float | None:
        return None if value is None else datetime.fromisoformat(value).timestamp()

    expected = {
        (item["edition"], item["post_id"]): [
            None if item["published"] is None else datetime.fromisoformat(item["published"]).date(),
            instant(item["published_at"]),
            instant(item.get("modified_at")),
        ]
        for item in result.items
    }
    assert loaded == expected
    [(published, published_at)] = con.sql(
        f"SELECT count(published), count(published_at) FROM {read_json(path)}"
    ).fetchall()
    assert published == sum(item["published"] is not None for item in result.items) > 0
    assert published_at == sum(item["published_at"] is not None for item in result.items) > 0
    # Both Tehran offsets occur, so one instant per post is read across the DST change.
    assert {item["published_at"][-6:] for item in result.items if item["published_at"]} >= {"+03:30", "+04:30"}


def test_inference_alone_gives_other_types_for_a_listing_only_file(crawled, con):
    """Why the columns argument is there: without it the file's content decides."""
    path, _ = crawled["listing"]
    inferred = dict(described(con, f"SELECT * FROM read_json_auto('{path}')"))
    declared = dict(described(con, f"SELECT * FROM {read_json(path)}"))
    assert inferred["author"] != declared["author"] or inferred["tags"] != declared["tags"]
    assert (
        declared["author"] == "VARCHAR" and declared["tags"] == dict(described(con, f"SELECT NULL::{TERM} AS t"))["t"]
    )
