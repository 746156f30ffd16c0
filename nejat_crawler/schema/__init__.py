"""The JSON Schema of an exported post, shipped for consumers.

Besides the schema itself, this module derives the DuckDB column types of a
line from it, so that a file loads with the same types whatever it holds: in an
``articles=0`` file every post-page field is null or empty, and type inference
alone would make ``author`` NULL and ``tags`` JSON[].
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def post_schema() -> dict[str, Any]:
    """The schema every exported line validates against (JSON Schema 2020-12)."""
    return json.loads(files(__package__).joinpath("post.json").read_text(encoding="utf-8"))


class UnsupportedSchemaError(ValueError):
    """A construct of the schema that has no DuckDB column type here."""


# The whole-value pattern of a calendar date (``published``): DATE.
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# References whose meaning is a type of its own: the ISO 8601 instant with offset.
NAMED_REFS = {"#/$defs/datetime": "TIMESTAMPTZ"}
SCALARS = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN"}
# Keywords that say what a value is: a $ref stands alone, an enum may narrow a type.
TYPING_KEYWORDS = frozenset({"type", "enum", "$ref"})
# Keywords that only narrow or describe a value: they leave its column type alone.
ANNOTATIONS = frozenset(
    {
        "$comment",
        "additionalProperties",
        "default",
        "description",
        "examples",
        "exclusiveMaximum",
        "exclusiveMinimum",
        "format",
        "maxItems",
        "maxLength",
        "maximum",
        "minItems",
        "minLength",
        "minimum",
        "pattern",
        "required",
        "title",
        "uniqueItems",
    }
)
KNOWN_KEYWORDS = TYPING_KEYWORDS | ANNOTATIONS | {"items", "properties"}


def duckdb_columns(schema: Mapping[str, Any] | None = None) -> dict[str, str]:
    """DuckDB type of every property of ``schema`` (default: post.json), in schema order.

    For ``read_json(path, columns=duckdb_columns())``. Raises
    ``UnsupportedSchemaError`` for a construct it has no rule for.
    """
    root = post_schema() if schema is None else schema
    properties = root.get("properties")
    if not isinstance(properties, Mapping) or not properties:
        raise UnsupportedSchemaError("the schema has no properties to make columns of")
    return {name: duckdb_type(node, root, name) for name, node in properties.items()}


def duckdb_columns_sql(schema: Mapping[str, Any] | None = None) -> str:
    """``duckdb_columns()`` as a DuckDB struct literal, for ``read_json(..., columns=...)``."""
    return duckdb_struct_sql(duckdb_columns(schema))


def duckdb_struct_sql(columns: Mapping[str, str]) -> str:
    """Column names and DuckDB types as a struct literal, for ``read_json(..., columns=...)``."""
    pairs = (f"{sql_string(name)}: {sql_string(kind)}" for name, kind in columns.items())
    return "{" + ", ".join(pairs) + "}"


def duckdb_type(node: Mapping[str, Any], root: Mapping[str, Any], where: str = "") -> str:
    """The DuckDB type of the values ``node`` allows; ``root`` resolves ``$ref``."""
    if not isinstance(node, Mapping):
        raise UnsupportedSchemaError(f"{where}: a schema must be an object, not {node!r}")
    unknown = sorted(set(node) - KNOWN_KEYWORDS)
    if unknown:
        raise UnsupportedSchemaError(f"{where}: no DuckDB type rule for keyword(s) {', '.join(unknown)}")
    typing = sorted(TYPING_KEYWORDS & set(node))
    if not typing or ("$ref" in node and len(typing) > 1):
        raise UnsupportedSchemaError(f"{where}: needs one of type, enum or $ref, found {typing or 'none'}")
    if "$ref" in node:
        return _ref_type(node["$ref"], root, where)
    if "type" in node:  # an enum beside a type only narrows it
        return _typed(node, root, where)
    return _enum_type(node["enum"], where)


def _ref_type(ref: Any, root: Mapping[str, Any], where: str) -> str:
    target = _resolve(ref, root, where)
    if ref in NAMED_REFS:
        return NAMED_REFS[ref]
    return duckdb_type(target, root, f"{where} -> {ref}")


def _resolve(ref: Any, root: Mapping[str, Any], where: str) -> Any:
    if not isinstance(ref, str) or not ref.startswith("#/"):
        raise UnsupportedSchemaError(f"{where}: only local references (#/...) are resolved, not {ref!r}")
    target: Any = root
    for part in ref[2:].split("/"):
        key = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(target, Mapping) or key not in target:
            raise UnsupportedSchemaError(f"{where}: reference {ref} points at nothing")
        target = target[key]
    return target


def _enum_type(values: Any, where: str) -> str:
    if not isinstance(values, list) or not any(isinstance(value, str) for value in values):
        raise UnsupportedSchemaError(f"{where}: only enums of strings are supported, not {values!r}")
    if not all(value is None or isinstance(value, str) for value in values):
        raise UnsupportedSchemaError(f"{where}: an enum mixing strings and other values: {values!r}")
    return "VARCHAR"


def _typed(node: Mapping[str, Any], root: Mapping[str, Any], where: str) -> str:
    kind = _non_null_type(node["type"], where)
    if kind == "string":
        return _string_type(node)
    if kind == "array":
        if "items" not in node:
            raise UnsupportedSchemaError(f"{where}: an array without items has no element type")
        return duckdb_type(node["items"], root, f"{where}[]") + "[]"
    if kind == "object":
        return _struct_type(node, root, where)
    if kind in SCALARS:
        return SCALARS[kind]
    raise UnsupportedSchemaError(f"{where}: no DuckDB type rule for type {kind!r}")


def _non_null_type(declared: Any, where: str) -> str:
    """``"string"`` or ``["string", "null"]`` -> ``"string"``: every column is nullable anyway."""
    kinds = [declared] if isinstance(declared, str) else declared
    if not isinstance(kinds, list):
        raise UnsupportedSchemaError(f"{where}: type must be a name or a list of names, not {declared!r}")
    non_null = [kind for kind in kinds if kind != "null"]
    if len(non_null) != 1 or not isinstance(non_null[0], str):
        raise UnsupportedSchemaError(f"{where}: needs exactly one non-null type, found {declared!r}")
    return non_null[0]


def _string_type(node: Mapping[str, Any]) -> str:
    if node.get("pattern") == DATE_PATTERN or node.get("format") == "date":
        return "DATE"
    if node.get("format") == "date-time":
        return "TIMESTAMPTZ"
    return "VARCHAR"


def _struct_type(node: Mapping[str, Any], root: Mapping[str, Any], where: str) -> str:
    properties = node.get("properties")
    if not isinstance(properties, Mapping) or not properties:
        raise UnsupportedSchemaError(f"{where}: an object without properties has no STRUCT type")
    fields = (f"{sql_name(name)} {duckdb_type(child, root, f'{where}.{name}')}" for name, child in properties.items())
    return f"STRUCT({', '.join(fields)})"


def sql_name(name: str) -> str:
    """``name`` as an SQL identifier."""
    # Always quoted: an SQL keyword (``order``, ``from``, ``user``) is a parser error bare.
    return '"' + name.replace('"', '""') + '"'


def sql_string(text: str) -> str:
    """``text`` as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"
