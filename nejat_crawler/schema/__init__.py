"""The JSON Schema of an exported post, shipped for consumers."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def post_schema() -> dict[str, Any]:
    """The schema every exported line validates against (JSON Schema 2020-12)."""
    return json.loads(files(__package__).joinpath("post.json").read_text(encoding="utf-8"))
